import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, type ButtonProps, Card, Col, Flex, Form, Input, InputNumber, Modal, Progress, Row, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { usePlans, usePlanTasks } from '../../api/queries';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { useUrlState } from '../../components/url-state';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { canWriteBudget, type BudgetLine, type PlanBudget, type Totals } from './api';
import { formatRate, formatVnd, moneyInput } from './vnd';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

/** Budget lines of a plan's tasks in one year, with totals and execution rates by source (state budget, mobilised). */
export function BudgetPage() {
  const me = useMe().data;
  const plans = usePlans();
  const [params, setParams] = useUrlState();
  const year = Number(params.get('nam')) || thisYear;
  const [editing, setEditing] = useState<BudgetLine | 'new' | null>(null);
  const [deleting, setDeleting] = useState<BudgetLine | null>(null);
  const plan = params.get('ke-hoach') ?? plans.data?.[0]?.number;
  const budget = useQuery({ queryKey: ['budget', plan, year], enabled: Boolean(plan), queryFn: () => api<PlanBudget>('/api/v1/budget', { query: { plan, year } }) });
  if (plans.isLoading) return <Loading />;
  if (plans.error) return <ErrorAlert error={plans.error} />;
  const b = budget.data;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Kinh phí thực hiện kế hoạch</Typography.Title>
        <Flex gap={8} wrap>
          <Select style={{ width: 200 }} value={plan} onChange={(v: string) => setParams({ 'ke-hoach': v })} options={plans.data?.map((p) => ({ value: p.number, label: p.number }))} aria-label="Kế hoạch" />
          <Select style={{ width: 100 }} value={year} onChange={(v: number) => setParams({ nam: v })} options={YEARS.map((y) => ({ value: y, label: y }))} aria-label="Năm" />
          <ExportButton path="/api/v1/budget" query={{ plan, year }} disabled={!b?.lines.length} />
          {me && canWriteBudget(me.role) && budget.data && <Button type="primary" onClick={() => setEditing('new')}>Thêm dòng kinh phí</Button>}
        </Flex>
      </Flex>
      {budget.error && <ErrorAlert error={budget.error} />}
      {b && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {[...b.totals.bySource, { source: 'overall', label: 'Tổng cộng', ...b.totals.overall }].map((t) => <Col xs={24} md={8} key={t.source}><TotalCard title={t.label} t={t} /></Col>)}
          </Row>
          <Table<BudgetLine> rowKey="id" dataSource={b.lines} size="middle" pagination={false} loading={budget.isFetching} scroll={{ x: 1000 }}
            locale={{ emptyText: <EmptyState>Chưa có dòng kinh phí nào của {b.plan.number} năm {b.year}. {me && canWriteBudget(me.role) ? 'Bấm “Thêm dòng kinh phí” để nhập dự toán của một nhiệm vụ.' : ''}</EmptyState> }}
            columns={[
              { title: 'Nhiệm vụ', key: 'task', render: (_, l) => <><Typography.Text strong>{l.task.code}</Typography.Text> {l.task.text.length > 110 ? `${l.task.text.slice(0, 109)}…` : l.task.text}</> },
              { title: 'Đơn vị', key: 'unit', width: 200, render: (_, l) => l.unit.name },
              { title: 'Nguồn', key: 'src', width: 150, render: (_, l) => <Tag color={l.source === 'state' ? 'blue' : 'green'}>{l.sourceLabel}</Tag> },
              { title: 'Dự toán', dataIndex: 'planned', align: 'right', width: 150, render: formatVnd },
              { title: 'Được giao', dataIndex: 'allocated', align: 'right', width: 150, render: formatVnd },
              { title: 'Đã chi', key: 'spent', align: 'right', width: 170, render: (_, l) => <>{formatVnd(l.spent)}{l.overspendReason && <div><Tag color="orange" title={l.overspendReason}>Vượt số giao</Tag></div>}</> },
              ...(me && canWriteBudget(me.role) ? [{ title: '', key: 'edit', width: 120, render: (_: unknown, l: BudgetLine) => (
                <Flex gap={4}>
                  <Button size="small" onClick={() => setEditing(l)}>Sửa</Button>
                  <Button size="small" danger disabled={l.spent > 0} title={l.spent > 0 ? 'Dòng đã ghi số chi: sửa số đã chi về 0 trước khi xóa' : undefined}
                    onClick={() => setDeleting(l)} data-testid={`budget-delete-${l.id}`}>Xóa</Button>
                </Flex>
              ) }] : []),
            ]} />
        </>
      )}
      {deleting && <DeleteLine line={deleting} onClose={() => setDeleting(null)} />}
      {editing && b && <LineForm line={editing === 'new' ? null : editing} planId={b.plan.id} year={year} onClose={() => setEditing(null)} />}
    </>
  );
}

function TotalCard({ title, t }: { title: string; t: Totals }) {
  return (
    <Card size="small" title={title}>
      {([['Dự toán', t.planned], ['Được giao', t.allocated], ['Đã chi', t.spent]] as const).map(([label, v]) => (
        <Flex key={label} justify="space-between"><Typography.Text type="secondary">{label}</Typography.Text><Typography.Text strong style={{ fontSize: 16 }}>{formatVnd(v)}</Typography.Text></Flex>
      ))}
      <div style={{ marginTop: 8 }}>Tỷ lệ giải ngân: <b>{formatRate(t.executionRate)}</b></div>
      <Progress percent={Math.min(100, t.executionRate ?? 0)} showInfo={false} status={(t.executionRate ?? 0) > 100 ? 'exception' : 'normal'} />
    </Card>
  );
}

function LineForm({ line, planId, year, onClose }: { line: BudgetLine | null; planId: string; year: number; onClose: () => void }) {
  const me = useMe().data;
  const qc = useQueryClient();
  const tasks = usePlanTasks(planId);
  const [form] = Form.useForm();
  const spent = Form.useWatch('spent', form) as number | undefined;
  const allocated = Form.useWatch('allocated', form) as number | undefined;
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => (line
      ? api(`/api/v1/budget/lines/${line.id}`, { method: 'PUT', body: { planned: v.planned, allocated: v.allocated, spent: v.spent, overspendReason: v.overspendReason || null, note: v.note || null, version: line.version } })
      : api('/api/v1/budget/lines', { method: 'POST', body: { ...v, year, overspendReason: v.overspendReason || null, note: v.note || null } })),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['budget'] }); onClose(); },
  });
  return (
    <Modal open title={line ? `Sửa kinh phí: ${line.task.code} – ${line.unit.name}` : `Thêm dòng kinh phí năm ${year}`} onCancel={onClose} onOk={() => form.submit()} okText="Lưu" cancelText="Thôi" confirmLoading={save.isPending} width={640}>
      {save.error && <ErrorAlert error={save.error} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}
        initialValues={line ? { ...line, overspendReason: line.overspendReason ?? '' } : { source: 'state', planned: 0, allocated: 0, spent: 0, unitId: me?.scope[0]?.id }}>
        {!line && (
          <>
            <Form.Item name="taskId" label="Nhiệm vụ" rules={[{ required: true, message: 'Chọn nhiệm vụ' }]}>
              <Select showSearch optionFilterProp="label" loading={tasks.isLoading} options={tasks.data?.map((t) => ({ value: t.id, label: `${t.code}. ${t.text.slice(0, 120)}` }))} />
            </Form.Item>
            <Flex gap={12}>
              <Form.Item name="unitId" label="Đơn vị thực hiện" style={{ flex: 1 }} rules={[{ required: true }]}><Select options={me?.scope.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
              <Form.Item name="source" label="Nguồn" style={{ flex: 1 }}><Select options={[{ value: 'state', label: 'Ngân sách nhà nước' }, { value: 'mobilised', label: 'Xã hội hóa' }]} /></Form.Item>
            </Flex>
          </>
        )}
        <Flex gap={12}>
          <Form.Item name="planned" label="Dự toán (₫)" style={{ flex: 1 }} rules={[{ required: true }]}><InputNumber {...moneyInput} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="allocated" label="Được giao (₫)" style={{ flex: 1 }} rules={[{ required: true }]}><InputNumber {...moneyInput} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="spent" label="Đã chi (₫)" style={{ flex: 1 }} rules={[{ required: true }]}><InputNumber {...moneyInput} style={{ width: '100%' }} /></Form.Item>
        </Flex>
        {(spent ?? 0) > (allocated ?? 0) && (
          <Form.Item name="overspendReason" label="Lý do chi vượt số được giao" rules={[{ required: true, whitespace: true, message: 'Chi vượt số được giao: cần nêu lý do' }]}><Input.TextArea rows={2} /></Form.Item>
        )}
        <Form.Item name="note" label="Ghi chú"><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

/** Deleting a line entered by mistake says why; the reason and the deleted amounts stay in the audit log. */
function DeleteLine({ line, onClose }: { line: BudgetLine; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const del = useMutation({
    mutationFn: (v: { reason: string }) => api(`/api/v1/budget/lines/${line.id}`, { method: 'DELETE', body: { version: line.version, reason: v.reason } }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['budget'] }); onClose(); },
  });
  return (
    <Modal open title={`Xóa dòng kinh phí: ${line.task.code} – ${line.unit.name} (${line.sourceLabel})?`} onCancel={onClose} onOk={() => form.submit()} okText="Xóa"
      okButtonProps={{ danger: true, 'data-testid': 'budget-delete-ok' } as ButtonProps} cancelText="Thôi" confirmLoading={del.isPending}>
      {del.error && <ErrorAlert error={del.error} />}
      <Typography.Paragraph>Dự toán {formatVnd(line.planned)}, được giao {formatVnd(line.allocated)}. Nhật ký lưu lại số liệu đã xóa và lý do.</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => del.mutate(v)}>
        <Form.Item name="reason" label="Lý do xóa" rules={[{ required: true, whitespace: true, min: 3, message: 'Cần nêu lý do (tối thiểu 3 ký tự)' }]}>
          <Input.TextArea rows={2} data-testid="budget-delete-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
