import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Flex, Input, InputNumber, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { DATE_FORMAT } from '../../format';
import { ckeys, formatPoints, groupMax, saveVersion, type CriteriaSetDetail, type Definition, type IndicatorDef, type Mark, type PassRule } from './api';
import { MARK_TEXT } from './MarkTag';

const MARK_OPTIONS = (['V', 'P', 'I'] as const).map((m) => ({ value: m, label: `[${m}] ${MARK_TEXT[m]}` }));

function MarkSelect({ value, onChange, testId }: { value: Mark; onChange: (m: Mark) => void; testId?: string }) {
  return <Select<Mark> size="small" style={{ width: 210 }} value={value} onChange={onChange} options={MARK_OPTIONS} data-testid={testId} />;
}

/**
 * The admin's editor: names, points and marks of the criteria and indicators, dates and the pass rule. Saving sends the
 * whole definition with the version it was based on; the server stores it as the next version (409 if someone saved first).
 */
export function CriteriaEditor({ set, onClose }: { set: CriteriaSetDetail; onClose: () => void }) {
  const [d, setD] = useState<Definition>(() => structuredClone(set.definition));
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const scored = d.passRule.kind !== 'levels';
  const firstGroup = d.targetGroups?.[0]?.code;

  const editIndicator = (gi: number, ii: number, change: Partial<IndicatorDef>) => setD((x) => ({
    ...x, groups: x.groups.map((g, i) => (i !== gi ? g : { ...g, indicators: g.indicators.map((ind, j) => (j === ii ? { ...ind, ...change } : ind)) })),
  }));
  const editGroup = (gi: number, change: { name?: string; mark?: Mark }) => setD((x) => ({ ...x, groups: x.groups.map((g, i) => (i === gi ? { ...g, ...change } : g)) }));
  const editRule = (rule: PassRule) => setD((x) => ({ ...x, passRule: rule }));

  const save = useMutation({
    // A criterion's maximum follows its indicators: the server refuses a group whose indicators do not add up.
    mutationFn: () => saveVersion(set.id, set.version, { ...d, groups: d.groups.map((g) => (g.maxPoints === undefined ? g : { ...g, maxPoints: groupMax(g, firstGroup) })) }),
    onSuccess: (saved) => {
      message.success(`Đã lưu phiên bản ${saved.version}`);
      void qc.invalidateQueries({ queryKey: ckeys.all });
      onClose();
      navigate(`/bo-tieu-chi/${saved.id}`);
    },
  });
  const problems = save.error instanceof ApiError ? save.error.errors : [];

  return (
    <Card size="small" title={`Sửa bộ tiêu chí — lưu thành phiên bản ${set.version + 1}`} data-testid="criteria-editor"
      extra={<Flex gap={8}><Button onClick={onClose}>Hủy</Button><Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="editor-save">Lưu phiên bản mới</Button></Flex>}>
      {save.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(save.error)}
          description={problems.length ? <ul style={{ margin: 0 }}>{problems.map((p, i) => <li key={i}>{p.field}: {p.message}</li>)}</ul> : undefined} />
      )}
      <Flex vertical gap={12}>
        <Flex gap={12} wrap align="center">
          <Input prefix={<Typography.Text type="secondary">Tên</Typography.Text>} value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} style={{ flex: 1, minWidth: 320 }} />
          <DatePicker format={DATE_FORMAT} allowClear={false} prefix={<Typography.Text type="secondary">Hiệu lực từ</Typography.Text>} value={dayjs(d.effectiveFrom)}
            onChange={(v) => v && setD({ ...d, effectiveFrom: v.format('YYYY-MM-DD') })} style={{ width: 240 }} />
          <DatePicker format={DATE_FORMAT} placeholder="nay" prefix={<Typography.Text type="secondary">đến</Typography.Text>} value={d.effectiveTo ? dayjs(d.effectiveTo) : null}
            onChange={(v) => setD({ ...d, effectiveTo: v ? v.format('YYYY-MM-DD') : null })} style={{ width: 200 }} />
        </Flex>
        <Flex gap={12} wrap align="center">
          <Input prefix={<Typography.Text type="secondary">Văn bản</Typography.Text>} value={d.source.document} onChange={(e) => setD({ ...d, source: { ...d.source, document: e.target.value } })} style={{ width: 420 }} />
          <MarkSelect value={d.source.mark} onChange={(mark) => setD({ ...d, source: { ...d.source, mark } })} />
        </Flex>
        <PassRuleEditor rule={d.passRule} onChange={editRule} />
        {d.groups.map((g, gi) => {
          const columns: TableColumnsType<IndicatorDef> = [
            { title: 'Mã', key: 'code', width: 120, render: (_, i) => <Typography.Text code>{i.code}</Typography.Text> },
            { title: 'Nội dung', key: 'name', render: (_, i, ii) => <Input.TextArea autoSize size="small" value={i.name} onChange={(e) => editIndicator(gi, ii, { name: e.target.value })} data-testid={`edit-name-${i.code}`} /> },
            ...(scored ? [{
              title: 'Điểm tối đa', key: 'max', width: 120,
              render: (_: unknown, i: IndicatorDef, ii: number) => (
                <InputNumber<number> size="small" min={0.25} step={0.25} decimalSeparator="," value={i.maxPoints ?? null} style={{ width: 100 }}
                  onChange={(v) => editIndicator(gi, ii, { maxPoints: v ?? undefined })} data-testid={`edit-max-${i.code}`} />
              ),
            }] : [{
              title: 'Chỉ tiêu (giá trị cần đạt)', key: 'target', width: 260,
              render: (_: unknown, i: IndicatorDef, ii: number) => (
                <Input.TextArea autoSize size="small" value={i.target ?? ''} placeholder="Ví dụ: ≥ 90 % …" onChange={(e) => editIndicator(gi, ii, { target: e.target.value.trim() ? e.target.value : undefined })} />
              ),
            }]),
            { title: 'Xác minh', key: 'mark', width: 230, render: (_, i, ii) => <MarkSelect value={i.mark} onChange={(mark) => editIndicator(gi, ii, { mark })} testId={`edit-mark-${i.code}`} /> },
          ];
          return (
            <div key={g.code}>
              <Flex gap={8} align="center" wrap style={{ marginBottom: 6 }}>
                <Typography.Text strong>Tiêu chí {gi + 1}.</Typography.Text>
                <Input size="small" value={g.name} onChange={(e) => editGroup(gi, { name: e.target.value })} style={{ flex: 1, minWidth: 300 }} />
                {g.maxPoints !== undefined && <Typography.Text type="secondary">tối đa {formatPoints(groupMax(g, firstGroup))} điểm (tổng các chỉ số)</Typography.Text>}
                <MarkSelect value={g.mark} onChange={(mark) => editGroup(gi, { mark })} />
              </Flex>
              <Table<IndicatorDef> size="small" rowKey="code" pagination={false} columns={columns} dataSource={g.indicators} />
            </div>
          );
        })}
      </Flex>
    </Card>
  );
}

function PassRuleEditor({ rule, onChange }: { rule: PassRule; onChange: (r: PassRule) => void }) {
  const num = (label: string, value: number | undefined, set: (v: number | undefined) => void, testId: string) => (
    <InputNumber<number> prefix={<Typography.Text type="secondary">{label}</Typography.Text>} min={0} step={0.5} decimalSeparator="," value={value ?? null} onChange={(v) => set(v ?? undefined)} style={{ width: 250 }} data-testid={testId} />
  );
  return (
    <Card size="small" type="inner" title="Quy tắc đạt">
      <Flex gap={12} wrap align="center">
        {rule.kind === 'points' && <>
          {num('Tổng điểm từ', rule.minTotal, (v) => onChange({ ...rule, minTotal: v ?? 0 }), 'edit-min-total')}
          {num('Vùng khó khăn từ', rule.minTotalDifficultArea, (v) => onChange({ ...rule, minTotalDifficultArea: v }), 'edit-min-difficult')}
          {num('Mỗi chỉ số từ', rule.minEachIndicator, (v) => onChange({ ...rule, minEachIndicator: v }), 'edit-min-each')}
        </>}
        {rule.kind === 'bands' && rule.bands.map((b, i) => (
          <Flex key={b.level} gap={4} align="center">
            <Input size="small" value={b.label} style={{ width: 110 }} onChange={(e) => onChange({ ...rule, bands: rule.bands.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })} />
            {num('từ', b.min, (v) => onChange({ ...rule, bands: rule.bands.map((x, j) => (j === i ? { ...x, min: v ?? 0 } : x)) }), `edit-band-${b.level}`)}
          </Flex>
        ))}
        {rule.kind === 'levels' && rule.levels.map((l, i) => (
          <Input key={l.level} size="small" prefix={<Typography.Text type="secondary">{l.level}</Typography.Text>} value={l.label} style={{ width: 240 }}
            onChange={(e) => onChange({ ...rule, levels: rule.levels.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })} />
        ))}
        <MarkSelect value={rule.mark} onChange={(mark) => onChange({ ...rule, mark })} testId="edit-rule-mark" />
      </Flex>
    </Card>
  );
}
