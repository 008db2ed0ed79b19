import { CheckOutlined, CloseOutlined, ExclamationCircleFilled, LockOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Card, Flex, Steps, Switch, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes, ReactNode } from 'react';
import { EmptyState } from '../../components/feedback';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../../format';
import type { Categories, DataSet, ReportElement, ReportForm, ReportHistoryEntry } from './api';
import { isPeriodType, parsePeriodOf, periodLabel } from './periods';
import { combinationLabel, combinations, DemoTag, kindLabel, LEVEL_LABELS, ReportStatusTag, VnNumberInput } from './shared';

/** The entry form of one report, its state, approval chain and history: editable on the entry page, read-only elsewhere. */

export type Draft = Record<string, number | null>;
export const draftKey = (element: string, disaggregation: string) => `${element}#${disaggregation}`;

/** The keys an element is entered by: its combinations, or '' (the stored '' total of a disaggregated element is not entered). */
export const entryKeys = (el: Pick<ReportElement, 'categories'>, categories: Categories | undefined) =>
  (el.categories.length ? combinations(el.categories, categories) : ['']);

export function draftOf(form: ReportForm, categories: Categories | undefined): Draft {
  const d: Draft = {};
  for (const el of form.elements) for (const k of entryKeys(el, categories)) d[draftKey(el.code, k)] = el.values[k] ?? null;
  return d;
}

export function totalOf(el: ReportElement, draft: Draft, categories: Categories | undefined): number | null {
  let sum = 0, any = false;
  for (const k of entryKeys(el, categories)) {
    const v = draft[draftKey(el.code, k)];
    if (v !== null && v !== undefined) { sum += v; any = true; }
  }
  return any ? sum : null;
}

export const periodText = (type: string, id: string) => {
  const p = isPeriodType(type) ? parsePeriodOf(type, id) : null;
  return p ? periodLabel(p) : id;
};

/** Problems to show on the form: by element, which inputs (all when `all`), and the messages. */
export type FieldProblems = Map<string, { all: boolean; keys: Set<string>; messages: string[] }>;

export function ReportHeader({ form, extra, compact }: { form: ReportForm; extra?: ReactNode; compact?: boolean }) {
  const r = form.report;
  const received = r.status === 'submitted' || r.status === 'approved';
  const submittedOn = r.submittedAt ? dayjs(r.submittedAt).format('YYYY-MM-DD') : null;
  const lateOpen = !received && todayIso() > form.dueOn;
  const lateSent = received && submittedOn !== null && submittedOn > form.dueOn;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="report-header">
      <Flex align="center" gap={10} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="report-unit">{form.unit.name}</Typography.Title>
        <Tag style={{ marginInlineEnd: 0 }}>{kindLabel(form.unit.kind)} · mã {form.unit.code}</Tag>
        <Typography.Text strong>{periodText(form.dataSet.periodType, form.period.id)}</Typography.Text>
        <ReportStatusTag status={r.status} approvedLevel={r.approvedLevel} values={form.elements.filter((el) => el.total !== null).length} big />
        {r.demo && <DemoTag />}
        {extra && <div style={{ marginLeft: 'auto' }}>{extra}</div>}
      </Flex>
      <Flex wrap gap="4px 28px" style={compact ? undefined : { marginBottom: 4 }}>
        <Fact label="Bộ dữ liệu">{form.dataSet.name} ({form.dataSet.code})</Fact>
        <Fact label="Thời gian của kỳ">{formatDate(form.period.start)} – {formatDate(form.period.end)}</Fact>
        <Fact label="Hạn gửi" testId="report-due">
          {formatDate(form.dueOn)}
          {lateOpen && <Tag color="red" style={{ marginInlineEnd: 0, marginInlineStart: 6 }}>trễ hạn</Tag>}
        </Fact>
        <Fact label="Ngày gửi">
          {r.submittedAt ? formatDateTime(r.submittedAt) : 'Chưa gửi'}
          {lateSent && <Tag color="orange" style={{ marginInlineEnd: 0, marginInlineStart: 6 }}>gửi trễ hạn</Tag>}
          {received && !lateSent && r.submittedAt && <Tag color="green" style={{ marginInlineEnd: 0, marginInlineStart: 6 }}>đúng hạn</Tag>}
        </Fact>
      </Flex>
      <ApprovalSteps form={form} />
      {r.status === 'returned' && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="report-returned"
          title="Báo cáo bị trả lại — hãy sửa số liệu rồi gửi lại"
          description={r.comment ? <>Lý do: <Typography.Text strong>{r.comment}</Typography.Text></> : undefined}
        />
      )}
    </Card>
  );
}

function Fact({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
      <Typography.Text type="secondary">{label}: </Typography.Text>
      {children}
    </span>
  );
}

function lastEvent(history: ReportHistoryEntry[], pick: (h: ReportHistoryEntry) => boolean) {
  return [...history].reverse().find(pick);
}

/** Entry → submission → one step per approving level, as far as the report has gone. */
function ApprovalSteps({ form }: { form: ReportForm }) {
  const r = form.report;
  const approvedSteps = r.status === 'approved' && r.approvedLevel ? form.chain.indexOf(r.approvedLevel) + 1 : 0;
  const done = r.status === 'submitted' ? 2 : r.status === 'approved' ? 2 + approvedSteps : 0;
  const by = (h: ReportHistoryEntry | undefined) => (h ? `${h.actor ?? ''} · ${formatDateTime(h.at)}` : undefined);
  const items = [
    { title: 'Nhập số liệu', content: r.status === 'returned' ? 'Bị trả lại, đang sửa' : undefined },
    { title: 'Gửi báo cáo', content: done >= 2 ? by(lastEvent(form.history, (h) => h.action === 'submit')) : undefined },
    ...form.chain.map((level, i) => ({
      title: `Duyệt ${LEVEL_LABELS[level]}`,
      content: done >= 3 + i ? by(lastEvent(form.history, (h) => h.action === 'approve' && h.level === level)) : form.pendingLevel === level ? 'Đang chờ duyệt' : undefined,
    })),
  ];
  const final = r.status === 'approved' && r.final;
  return (
    <Steps
      size="small"
      style={{ marginTop: 12 }}
      current={final ? items.length - 1 : Math.min(done, items.length - 1)}
      status={final ? 'finish' : r.status === 'returned' ? 'error' : 'process'}
      items={items}
      data-testid="report-chain"
    />
  );
}

function JumpIcon({ total, previous, limit, previousLabel }: { total: number | null; previous: number | null; limit: number; previousLabel: string }) {
  if (total === null || previous === null || previous === 0) return null;
  const change = ((total - previous) / previous) * 100;
  if (Math.abs(change) <= limit) return null;
  return (
    <Tooltip title={`${change > 0 ? 'Tăng' : 'Giảm'} ${formatNumber(Math.round(Math.abs(change)))}% so với ${previousLabel.toLowerCase()} (${formatNumber(previous)} → ${formatNumber(total)}); ngưỡng cảnh báo ${formatNumber(limit)}%. Hãy kiểm tra lại — hệ thống vẫn cho phép lưu.`}>
      <WarningFilled style={{ color: '#fa8c16', fontSize: 16 }} aria-label="Thay đổi lớn so với kỳ trước" data-testid="jump-warning" />
    </Tooltip>
  );
}

export function ElementsTable({ form, dataSet, categories, draft, onChange, problems }: {
  form: ReportForm;
  dataSet: DataSet | undefined;
  categories: Categories | undefined;
  draft: Draft;
  /** absent: read-only */
  onChange?: (key: string, value: number | null) => void;
  problems?: FieldProblems;
}) {
  const readOnly = !onChange;
  const limit = dataSet?.jumpWarning ?? 50;
  const previousLabel = periodText(form.dataSet.periodType, form.period.previous);
  const totals = new Map(form.elements.map((el) => [el.code, totalOf(el, draft, categories)]));
  const names = new Map(form.elements.map((el) => [el.code, el.name]));

  /** Numerators above their denominators, found as the user types (the server checks the same on saving). */
  const live = new Map<string, string>();
  for (const p of dataSet?.ratioPairs ?? []) {
    const n = totals.get(p.numerator), d = totals.get(p.denominator);
    if (n !== null && n !== undefined && d !== null && d !== undefined && n > d) {
      live.set(p.numerator, `Không được lớn hơn “${names.get(p.denominator) ?? p.denominator}” (${formatNumber(d)})`);
    }
  }

  const input = (el: ReportElement, key: string, label?: string) => {
    const k = draftKey(el.code, key);
    const v = draft[k] ?? null;
    const p = problems?.get(el.code);
    const bad = !!p && (p.all || p.keys.has(key)) || live.has(el.code);
    const testId = key ? `entry-${el.code}[${key}]` : `entry-${el.code}`;
    if (el.valueType === 'boolean') {
      if (readOnly) return <BoolText value={v} />;
      return (
        <Flex align="center" gap={8}>
          <Switch
            checked={v === 1}
            checkedChildren="Có"
            unCheckedChildren="Không"
            onChange={(on) => onChange(k, on ? 1 : 0)}
            data-testid={testId}
            aria-label={label ? `${el.name} — ${label}` : el.name}
          />
          {v === null && (
            <Typography.Link style={{ fontSize: 12 }} onClick={() => onChange(k, 0)}>chưa nhập — ghi “Không”</Typography.Link>
          )}
          {v !== null && <Typography.Link type="secondary" style={{ fontSize: 12 }} onClick={() => onChange(k, null)}>xóa</Typography.Link>}
        </Flex>
      );
    }
    if (readOnly) {
      return <Typography.Text strong={v !== null} type={v === null ? 'secondary' : undefined} data-testid={testId}>{v === null ? '—' : formatNumber(v)}</Typography.Text>;
    }
    return (
      <VnNumberInput
        decimals={el.valueType === 'number'}
        min={0}
        max={el.maxValue ?? undefined}
        value={v}
        status={bad ? 'error' : undefined}
        onChange={(x) => onChange(k, x === null || x === undefined || Number.isNaN(x) ? null : x)}
        placeholder="—"
        style={{ width: el.categories.length ? 120 : 160 }}
        aria-label={label ? `${el.name} — ${label}` : el.name}
        data-testid={testId}
      />
    );
  };

  const valuesCell = (el: ReportElement) => {
    if (el.categories.length === 0) return input(el, '');
    const keys = entryKeys(el, categories);
    if (el.categories.length === 2 && categories) {
      const [rowCat, colCat] = el.categories as [keyof Categories, keyof Categories];
      const rows = Object.entries(categories[rowCat].options), cols = Object.entries(categories[colCat].options);
      return (
        <div style={{ display: 'grid', gridTemplateColumns: `auto repeat(${cols.length}, auto)`, gap: '4px 8px', alignItems: 'center', justifyContent: 'start' }}>
          <span />
          {cols.map(([c, l]) => <Typography.Text key={c} type="secondary" style={{ fontSize: 12 }}>{l}</Typography.Text>)}
          {rows.flatMap(([r, rl]) => [
            <Typography.Text key={r} type="secondary" style={{ fontSize: 12 }}>{rl}</Typography.Text>,
            ...cols.map(([c, cl]) => <div key={`${r}-${c}`}>{input(el, `${rowCat}:${r}|${colCat}:${c}`, `${rl} · ${cl}`)}</div>),
          ])}
        </div>
      );
    }
    return (
      <Flex wrap gap={12}>
        {keys.map((k) => (
          <Flex key={k} vertical gap={2}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{combinationLabel(k, categories)}</Typography.Text>
            {input(el, k, combinationLabel(k, categories))}
          </Flex>
        ))}
      </Flex>
    );
  };

  const columns: TableColumnsType<ReportElement> = [
    {
      title: 'Chỉ tiêu thu thập', key: 'name', width: 340,
      render: (_, el) => {
        const p = problems?.get(el.code);
        const messages = p?.messages.length ? p.messages : live.has(el.code) ? [live.get(el.code)!] : [];
        return (
          <Flex vertical gap={2}>
            <Typography.Text strong>{el.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {el.code}
              {el.categories.length > 0 && ` · theo ${el.categories.map((c) => categories?.[c]?.label.toLowerCase() ?? c).join(' và ')}`}
              {el.maxValue !== null && el.valueType !== 'boolean' && ` · tối đa ${formatNumber(el.maxValue)}`}
            </Typography.Text>
            {messages.map((m) => (
              <Typography.Text key={m} type="danger" style={{ fontSize: 12 }} data-testid="entry-field-error">
                <ExclamationCircleFilled /> {m}
              </Typography.Text>
            ))}
          </Flex>
        );
      },
    },
    { title: 'Số liệu kỳ này', key: 'values', render: (_, el) => valuesCell(el) },
    {
      title: 'Tổng số', key: 'total', width: 120, align: 'right',
      render: (_, el) => (el.categories.length && el.valueType !== 'boolean'
        ? <Typography.Text strong data-testid={`entry-total-${el.code}`}>{formatNumber(totals.get(el.code))}</Typography.Text>
        : null),
    },
    {
      title: `Kỳ trước (${previousLabel})`, key: 'previous', width: 190, align: 'right',
      render: (_, el) => (
        <Flex gap={8} justify="flex-end" align="center">
          {el.valueType === 'boolean' ? <BoolText value={el.previousTotal} /> : <Typography.Text type="secondary">{formatNumber(el.previousTotal)}</Typography.Text>}
          {el.valueType !== 'boolean' && <JumpIcon total={totals.get(el.code) ?? null} previous={el.previousTotal} limit={limit} previousLabel={previousLabel} />}
        </Flex>
      ),
    },
  ];

  return (
    <Table<ReportElement>
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={form.elements}
      pagination={false}
      onRow={(el) => ({ 'data-testid': `entry-row-${el.code}`, style: problems?.has(el.code) || live.has(el.code) ? { background: '#fff7f6' } : undefined }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: <EmptyState>Bộ dữ liệu chưa có chỉ tiêu nào.</EmptyState> }}
      scroll={{ x: 900 }}
    />
  );
}

function BoolText({ value }: { value: number | null }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return value === 1
    ? <Tag color="green" icon={<CheckOutlined />} style={{ marginInlineEnd: 0 }}>Có</Tag>
    : <Tag icon={<CloseOutlined />} style={{ marginInlineEnd: 0 }}>Không</Tag>;
}

/** Why the values cannot be changed, in words. `canEnter`: whether the role enters data at all. */
export function lockReason(form: ReportForm, canEnter: boolean): string | null {
  if (!form.unit.inForce) return `${form.unit.name} không tồn tại vào ngày cuối kỳ (${formatDate(form.period.end)}), nên không nhập số liệu kỳ này cho đơn vị này. Sau sắp xếp đơn vị hành chính, hãy chọn đơn vị đang có hiệu lực trong kỳ.`;
  if (!form.unit.accepted) return `Bộ dữ liệu ${form.dataSet.code} không thu thập số liệu từ đơn vị loại “${kindLabel(form.unit.kind).toLowerCase()}”.`;
  const r = form.report;
  if (r.status === 'submitted') return `Báo cáo đã gửi và đang chờ duyệt ${form.pendingLevel ? LEVEL_LABELS[form.pendingLevel] : ''}; số liệu bị khóa. Nếu cần sửa, hãy đề nghị cấp duyệt trả lại báo cáo.`;
  if (r.status === 'approved') return `Báo cáo đã được duyệt ${r.approvedLevel ? LEVEL_LABELS[r.approvedLevel] : ''}${r.final ? ' (cấp cuối)' : ''}; số liệu bị khóa. Muốn sửa, cấp đã duyệt phải hủy duyệt và trả lại báo cáo.`;
  if (!form.editable) return 'Số liệu của báo cáo này không sửa được.';
  if (!canEnter) return 'Vai trò của bạn chỉ được xem số liệu, không nhập hay sửa.';
  return null;
}

export function LockedNote({ reason }: { reason: string }) {
  return <Alert type="info" showIcon icon={<LockOutlined />} style={{ marginBottom: 12 }} title="Biểu mẫu chỉ xem" description={reason} data-testid="report-locked" />;
}

const ACTION_TEXT: Record<ReportHistoryEntry['action'], string> = { submit: 'Gửi báo cáo', approve: 'Duyệt', return: 'Trả lại', unapprove: 'Hủy duyệt' };
const ACTION_COLOR: Record<ReportHistoryEntry['action'], string> = { submit: 'blue', approve: 'green', return: 'red', unapprove: 'orange' };

export function ReportHistory({ history }: { history: ReportHistoryEntry[] }) {
  if (history.length === 0) return <EmptyState>Chưa gửi hay duyệt lần nào.</EmptyState>;
  return (
    <Timeline
      items={[...history].reverse().map((h, i) => ({
        key: i,
        color: ACTION_COLOR[h.action],
        content: (
          <div data-testid="report-history-item">
            <Flex wrap gap={8} align="center">
              <Typography.Text strong>{ACTION_TEXT[h.action]}{h.level ? ` ${LEVEL_LABELS[h.level]}` : ''}</Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
              {h.actor && <Typography.Text>· {h.actor}</Typography.Text>}
            </Flex>
            {h.comment && <Typography.Paragraph style={{ margin: '2px 0 0', whiteSpace: 'pre-line' }}>“{h.comment}”</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}
