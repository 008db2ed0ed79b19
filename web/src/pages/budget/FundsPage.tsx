import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Role } from '../../api/types';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { DATE_FORMAT, formatDate } from '../../format';
import { formatVnd, moneyInput } from './vnd';

interface Fund { id: string; name: string; unit: { id: string; name: string }; receipts: number; disbursements: number; balance: number; asOf: string | null }
interface Entry {
  id: string; kind: 'receipt' | 'disbursement'; kindLabel: string; date: string; amount: number; net: number; description: string; donor: string | null;
  pupil: { name: string; school: string | null } | null; balance: number; reverses: string | null; reason: string | null; reversedBy: string | null;
}

export const canSeeFunds = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'unit_officer';

/** Study-promotion funds of the units in scope; a fund's book names scholarship pupils, so opening it is logged. */
export function FundsPage() {
  const me = useMe().data;
  const qc = useQueryClient();
  const [open, setOpen] = useState<Fund | null>(null);
  const [creating, setCreating] = useState(false);
  const [createForm] = Form.useForm();
  const [at, setAt] = useState<Dayjs | null>(null);
  const atText = at?.format('YYYY-MM-DD');
  const funds = useQuery({ queryKey: ['funds', 'list', atText ?? ''], queryFn: () => api<Fund[]>('/api/v1/funds', { query: { at: atText } }) });
  const create = useMutation({
    mutationFn: (v: { unitId: string; name: string }) => api('/api/v1/funds', { method: 'POST', body: v }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['funds'] }); setCreating(false); },
  });
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Quỹ khuyến học</Typography.Title>
        <Flex gap={8} align="center">
          <span>Số dư đến cuối ngày</span>
          <DatePicker value={at} onChange={setAt} format={DATE_FORMAT} placeholder="Hôm nay (mọi khoản)" allowClear data-testid="fund-at" style={{ width: 200 }} />
          <Button type="primary" onClick={() => setCreating(true)}>Lập quỹ</Button>
        </Flex>
      </Flex>
      {atText && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`Tổng thu, tổng chi và số dư tính đến hết ngày ${formatDate(atText)}; các khoản ghi sau ngày này không tính.`} />}
      {funds.error && <ErrorAlert error={funds.error} />}
      <Table<Fund> rowKey="id" dataSource={funds.data} loading={funds.isLoading} pagination={false} size="middle"
        locale={{ emptyText: <EmptyState>Chưa có quỹ khuyến học nào trong phạm vi của bạn. Bấm “Lập quỹ” để bắt đầu ghi thu, chi.</EmptyState> }}
        columns={[
          { title: 'Quỹ', key: 'n', render: (_, f) => <><div>{f.name}</div><Typography.Text type="secondary">{f.unit.name}</Typography.Text></> },
          { title: 'Tổng thu', dataIndex: 'receipts', align: 'right', render: formatVnd },
          { title: 'Tổng chi', dataIndex: 'disbursements', align: 'right', render: formatVnd },
          { title: atText ? `Số dư ngày ${formatDate(atText)}` : 'Số dư', dataIndex: 'balance', align: 'right', render: (v: number) => <b data-testid="fund-balance">{formatVnd(v)}</b> },
          { title: '', key: 'o', width: 120, render: (_, f) => <Button size="small" onClick={() => setOpen(f)}>Sổ thu chi</Button> },
        ]} />
      {open && <FundBook fund={open} at={atText} onClose={() => setOpen(null)} />}
      {creating && (
        <Modal open title="Lập quỹ khuyến học" okText="Lưu" cancelText="Thôi" onCancel={() => setCreating(false)} confirmLoading={create.isPending} onOk={() => createForm.submit()}>
          {create.error && <ErrorAlert error={create.error} />}
          <Form form={createForm} layout="vertical" initialValues={{ unitId: me?.scope[0]?.id }} onFinish={(v) => create.mutate(v)}>
            <Form.Item name="unitId" label="Đơn vị"><Select options={me?.scope.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
            <Form.Item name="name" label="Tên quỹ" rules={[{ required: true, min: 3 }]}><Input placeholder="Quỹ khuyến học phường …" /></Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}

function FundBook({ fund, at, onClose }: { fund: Fund; at: string | undefined; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [reversing, setReversing] = useState<Entry | null>(null);
  const kind = Form.useWatch('kind', form) as Entry['kind'] | undefined;
  const book = useQuery({ queryKey: ['funds', fund.id, at ?? ''], queryFn: () => api<{ entries: Entry[]; balance: number }>(`/api/v1/funds/${fund.id}/entries`, { query: { at } }) });
  const add = useMutation({
    mutationFn: (v: { kind: Entry['kind']; date: Dayjs; amount: number; description: string; donor?: string; pupilName?: string; pupilSchool?: string }) => api(`/api/v1/funds/${fund.id}/entries`, {
      method: 'POST', body: {
        kind: v.kind, date: v.date.format('YYYY-MM-DD'), amount: v.amount, description: v.description, donor: v.kind === 'receipt' ? v.donor || undefined : undefined,
        pupil: v.kind === 'disbursement' && v.pupilName ? { name: v.pupilName, school: v.pupilSchool || undefined } : undefined,
      },
    }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['funds'] }); form.resetFields(); },
  });
  return (
    <Modal open width={960} title={`${fund.name} – ${fund.unit.name}`} footer={null} onCancel={onClose}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="Sổ có tên học sinh nhận học bổng (dữ liệu cá nhân): mỗi lần xem, xuất được ghi nhật ký." />
      {(book.error || add.error) && <ErrorAlert error={book.error ?? add.error} />}
      <Form form={form} layout="inline" initialValues={{ kind: 'receipt' }} onFinish={(v) => add.mutate(v)} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="kind"><Select style={{ width: 90 }} options={[{ value: 'receipt', label: 'Thu' }, { value: 'disbursement', label: 'Chi' }]} /></Form.Item>
        <Form.Item name="date" rules={[{ required: true, message: 'Ngày' }]}><DatePicker format={DATE_FORMAT} placeholder="Ngày" /></Form.Item>
        <Form.Item name="amount" rules={[{ required: true, message: 'Số tiền' }]}>
          <InputNumber {...moneyInput} min={1} style={{ width: 160 }} placeholder="Số tiền (₫)" />
        </Form.Item>
        <Form.Item name="description" rules={[{ required: true, message: 'Nội dung' }]}><Input placeholder="Nội dung" /></Form.Item>
        {kind === 'disbursement'
          ? <><Form.Item name="pupilName"><Input placeholder="Học sinh nhận học bổng" /></Form.Item><Form.Item name="pupilSchool"><Input placeholder="Trường" /></Form.Item></>
          : <Form.Item name="donor"><Input placeholder="Người, đơn vị ủng hộ" /></Form.Item>}
        <Button type="primary" htmlType="submit" loading={add.isPending}>Ghi</Button>
      </Form>
      <Flex justify="space-between" style={{ marginBottom: 8 }}>
        <span>{at ? `Số dư cuối ngày ${formatDate(at)}` : 'Số dư'}: <b>{formatVnd(book.data?.balance)}</b></span>
        <ExportButton path={`/api/v1/funds/${fund.id}/entries`} query={{ at }} disabled={!book.data?.entries.length} />
      </Flex>
      <Table<Entry> rowKey="id" dataSource={book.data?.entries} loading={book.isLoading} size="small" pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState>Chưa có khoản thu, chi nào.</EmptyState> }}
        columns={[
          { title: 'Ngày', dataIndex: 'date', width: 100, render: formatDate },
          { title: '', dataIndex: 'kindLabel', width: 90, render: (v: string, e) => <Tag color={e.reverses ? 'default' : e.kind === 'receipt' ? 'green' : 'orange'}>{v}</Tag> },
          {
            title: 'Nội dung', key: 'd',
            render: (_, e) => (
              <>
                <span style={e.reversedBy ? { textDecoration: 'line-through' } : undefined}>{e.description}</span>
                {e.donor && <Typography.Text type="secondary"> · {e.donor}</Typography.Text>}
                {e.pupil && <Typography.Text type="secondary"> · {e.pupil.name}{e.pupil.school ? `, ${e.pupil.school}` : ''}</Typography.Text>}
                {e.reason && <div><Typography.Text type="secondary">Lý do điều chỉnh: {e.reason}</Typography.Text></div>}
                {e.reversedBy && <div><Tag>Đã điều chỉnh</Tag></div>}
              </>
            ),
          },
          { title: 'Thu (+) / Chi (−)', dataIndex: 'net', align: 'right', render: (v: number) => <span style={{ color: v < 0 ? '#ad4e00' : undefined }}>{v < 0 ? '−' : '+'}{formatVnd(Math.abs(v))}</span> },
          { title: 'Số dư', dataIndex: 'balance', align: 'right', render: formatVnd },
          {
            title: '', key: 'a', width: 110,
            render: (_, e) => !e.reverses && !e.reversedBy && <Button size="small" onClick={() => setReversing(e)} data-testid={`fund-reverse-${e.id}`}>Điều chỉnh</Button>,
          },
        ]} />
      {reversing && <ReverseEntry fundId={fund.id} entry={reversing} onClose={() => setReversing(null)} />}
    </Modal>
  );
}

/**
 * Money books are not edited: a wrong entry is cancelled by a reversing entry with its reason, then the right entry is
 * written (decision 0013). The server refuses a reversal that would leave the fund short on any day.
 */
function ReverseEntry({ fundId, entry, onClose }: { fundId: string; entry: Entry; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ date: Dayjs; reason: string }>();
  const reverse = useMutation({
    mutationFn: (v: { date: Dayjs; reason: string }) => api(`/api/v1/funds/${fundId}/entries/${entry.id}/reverse`, { method: 'POST', body: { date: v.date.format('YYYY-MM-DD'), reason: v.reason } }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['funds'] }); onClose(); },
  });
  return (
    <Modal open title={`Điều chỉnh khoản ${entry.kindLabel.toLowerCase()} ngày ${formatDate(entry.date)}`} okText="Ghi bút toán điều chỉnh" cancelText="Thôi" onCancel={onClose}
      onOk={() => form.submit()} confirmLoading={reverse.isPending} okButtonProps={{ 'data-testid': 'fund-reverse-ok' }}>
      {reverse.error && <ErrorAlert error={reverse.error} />}
      <Typography.Paragraph>
        Sổ quỹ không sửa, không xóa. Khoản “{entry.description}” ({formatVnd(entry.amount)}) sẽ được hủy bằng một bút toán ngược chiều từ ngày điều chỉnh;
        sau đó hãy ghi lại khoản đúng.
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }} onFinish={(v) => reverse.mutate(v)}>
        <Form.Item name="date" label="Ngày điều chỉnh" rules={[{ required: true, message: 'Hãy chọn ngày' }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
        <Form.Item name="reason" label="Lý do" rules={[{ required: true, min: 3, message: 'Cần nêu lý do (tối thiểu 3 ký tự)' }]}><Input.TextArea rows={2} data-testid="fund-reverse-reason" /></Form.Item>
      </Form>
    </Modal>
  );
}
