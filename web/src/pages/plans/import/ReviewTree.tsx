import { WarningOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatNumber } from '../../../format';
import { DueEditor } from './DueEditor';
import { leadList, leadValue, linesLabel, UNRESOLVED, updateSection, updateTask } from './draft';
import type { DraftSection, DraftTask, PlanDraft } from './types';

export interface ReviewContext {
  draft: PlanDraft;
  setDraft: (d: PlanDraft) => void;
  names: Map<string, string>;
  kinds: Map<string, string>;
  options: { value: string; label: string }[];
  select: (lines: [number, number] | undefined) => void;
}

/** Sections and tasks as the parser read them, every piece editable and pointing to its source lines. */
export function ReviewTree({ ctx }: { ctx: ReviewContext }) {
  return <div data-testid="plan-import-tree">{ctx.draft.sections.map((s) => <SectionBlock key={s.code} section={s} depth={0} ctx={ctx} />)}</div>;
}

function SectionBlock({ section, depth, ctx }: { section: DraftSection; depth: number; ctx: ReviewContext }) {
  const set = (patch: Partial<DraftSection>) => ctx.setDraft(updateSection(ctx.draft, section.code, patch));
  // A section's tasks and subsections are kept apart in the plan file; shown in document order here.
  const children: { line: number; node: ReactNode }[] = [
    ...(section.tasks ?? []).map((t) => ({ line: t.sourceLines?.[0] ?? 0, node: <TaskRow key={`t${t.code}`} task={t} ctx={ctx} /> })),
    ...(section.sections ?? []).map((s) => ({ line: s.sourceLines?.[0] ?? 0, node: <SectionBlock key={`s${s.code}`} section={s} depth={depth + 1} ctx={ctx} /> })),
  ].sort((a, b) => a.line - b.line);
  return (
    <div style={{ marginLeft: depth ? 16 : 0, marginBottom: depth ? 8 : 16 }} data-testid="plan-import-section">
      <Flex gap={8} align="baseline" style={{ borderBottom: depth ? undefined : '1px solid #f0f0f0', paddingBottom: 4, marginBottom: 6 }}>
        <Tag color={depth ? 'default' : 'blue'} style={{ fontWeight: 600 }}>{section.code}</Tag>
        <div style={{ flex: 1 }}>
          {section.title !== undefined && (
            <Typography.Text strong editable={{ onChange: (title) => set({ title }), triggerType: ['text'] }}>{section.title}</Typography.Text>
          )}
          {section.text !== undefined && (
            <Typography.Paragraph style={{ margin: 0 }} editable={{ onChange: (text) => set({ text }), triggerType: ['text'] }}>{section.text}</Typography.Paragraph>
          )}
        </div>
        <SourceLink lines={section.sourceLines} ctx={ctx} />
      </Flex>
      {children.map((c) => c.node)}
    </div>
  );
}

function TaskRow({ task, ctx }: { task: DraftTask; ctx: ReviewContext }) {
  const set = (patch: Partial<DraftTask>) => ctx.setDraft(updateTask(ctx.draft, task.code, patch));
  const lead = leadList(task.lead);
  const unresolvedCoordinating = task.coordinating.filter((p) => p.startsWith(UNRESOLVED));
  // "Ghi thành văn bản": a coordinating body not in the directory is kept in words, as "các đơn vị liên quan" is.
  const toText = () => set({
    coordinating: task.coordinating.filter((p) => !p.startsWith(UNRESOLVED)),
    coordinatingText: [task.coordinatingText, ...unresolvedCoordinating.map((p) => p.slice(1))].filter(Boolean).join('; '),
  });
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 10px', marginBottom: 6, background: '#fff' }} data-testid="plan-import-task" data-code={task.code}>
      <Flex gap={8} align="baseline">
        <Tag style={{ fontFamily: 'monospace' }}>{task.code}</Tag>
        <Typography.Paragraph style={{ flex: 1, margin: 0 }} editable={{ onChange: (text) => text.trim() && set({ text }), triggerType: ['text'] }}>{task.text}</Typography.Paragraph>
        <SourceLink lines={task.sourceLines} ctx={ctx} />
      </Flex>
      <Flex wrap gap={12} style={{ marginTop: 6 }} align="center">
        <Field label="Chủ trì">
          <PartySelect value={lead} ctx={ctx} testId={`plan-import-lead-${task.code}`} placeholder="Văn bản không nêu" onChange={(codes) => set({ lead: leadValue(codes, ctx.kinds) })} />
        </Field>
        <Field label="Phối hợp">
          <PartySelect value={task.coordinating} ctx={ctx} testId={`plan-import-coordinating-${task.code}`} placeholder="—" onChange={(coordinating) => set({ coordinating })} />
        </Field>
        {unresolvedCoordinating.length > 0 && <Button size="small" onClick={toText} data-testid={`plan-import-to-text-${task.code}`}>Ghi thành văn bản</Button>}
        <Field label="Thời hạn"><DueEditor due={task.due} onChange={(due) => set({ due })} testId={`plan-import-due-${task.code}`} /></Field>
      </Flex>
      {task.coordinatingText !== undefined && (
        <Flex gap={6} align="center" style={{ marginTop: 6 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>Phối hợp (ghi bằng lời):</Typography.Text>
          <Input size="small" value={task.coordinatingText} onChange={(e) => set({ coordinatingText: e.target.value || undefined })} style={{ maxWidth: 420 }} />
        </Flex>
      )}
    </div>
  );
}

function PartySelect({ value, onChange, ctx, testId, placeholder }: { value: string[]; onChange: (v: string[]) => void; ctx: ReviewContext; testId: string; placeholder: string }) {
  const extra = value.filter((v) => !ctx.options.some((o) => o.value === v)).map((v) => ({ value: v, label: label(v, ctx) }));
  return (
    <Select
      mode="multiple"
      size="small"
      value={value}
      onChange={onChange}
      options={[...extra, ...ctx.options]}
      placeholder={placeholder}
      maxTagCount={4}
      optionFilterProp="label"
      style={{ minWidth: 240, maxWidth: 520 }}
      data-testid={testId}
      tagRender={({ value: v, closable, onClose }) => {
        const unresolved = String(v).startsWith(UNRESOLVED);
        return (
          <Tooltip title={unresolved ? 'Không có trong danh mục đơn vị: hãy bỏ và chọn đơn vị tương ứng' : undefined}>
            <Tag color={unresolved ? 'error' : String(v).startsWith('@') ? 'purple' : 'blue'} icon={unresolved ? <WarningOutlined /> : undefined} closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }} data-testid={unresolved ? 'plan-import-unresolved' : undefined}>
              {label(String(v), ctx)}
            </Tag>
          </Tooltip>
        );
      }}
    />
  );
}

const label = (code: string, ctx: ReviewContext) => (code.startsWith(UNRESOLVED) ? `${code.slice(1)} (chưa có trong danh mục)` : ctx.names.get(code) ?? code);

function Field({ label: text, children }: { label: string; children: ReactNode }) {
  return <Flex gap={6} align="center"><Typography.Text type="secondary" style={{ fontSize: 12 }}>{text}</Typography.Text>{children}</Flex>;
}

export function SourceLink({ lines, ctx }: { lines?: [number, number]; ctx: Pick<ReviewContext, 'select'> }) {
  if (!lines) return null;
  return <Button type="link" size="small" style={{ paddingInline: 0, fontSize: 12 }} onClick={() => ctx.select(lines)}>{linesLabel(lines)}</Button>;
}

export function TargetTable({ ctx }: { ctx: ReviewContext }) {
  const targets = ctx.draft.targets;
  if (!targets.length) return null;
  return (
    <Table
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={targets}
      data-testid="plan-import-targets"
      columns={[
        { title: 'Mã', dataIndex: 'code', width: 90 },
        { title: 'Năm', dataIndex: 'year', width: 70 },
        { title: 'Giá trị', width: 90, render: (_, t) => (t.value === undefined ? '—' : `${formatNumber(t.value)}${t.unit === '%' ? ' %' : ` ${t.unit ?? ''}`}`) },
        {
          title: 'Chỉ tiêu', render: (_, t) => (
            <Typography.Text editable={{ onChange: (text) => ctx.setDraft({ ...ctx.draft, targets: targets.map((x) => (x.code === t.code ? { ...x, text } : x)) }), triggerType: ['text'] }}>
              {t.text}
            </Typography.Text>
          ),
        },
        { title: 'Nhóm', dataIndex: 'group', width: 200, render: (g?: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{g ?? ''}</Typography.Text> },
        { title: '', width: 90, render: (_, t) => <SourceLink lines={t.sourceLines} ctx={ctx} /> },
      ]}
    />
  );
}
