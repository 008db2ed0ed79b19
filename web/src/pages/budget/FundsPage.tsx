import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Role } from '../../api/types';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { DATE_FORMAT, formatDate } from '../../format';
import { formatVnd, moneyInput } from './vnd';

interface Fund { id: string; name: string; unit: { id: string; name: string }; receipts: number; disbursements: number; balance: number }
interface Entry { id: string; kind: 'receipt' | 'disbursement'; kindLabel: string; date: string; amount: number; description: string; donor: string | null; pupil: { name: string; school: string | null } | null; balance: number }

export const canSeeFunds = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'unit_officer';

/** Study-promotion funds of the units in scope; a fund's book names scholarship pupils, so opening it is logged. */
export function FundsPage() {
  const me = useMe().data;
  const qc = useQueryClient();
  const [open, setOpen] = useState<Fund | null>(null);
  const [creating, setCreating] = useState(false);
  const [createForm] = Form.useForm();
  const funds = useQuery({ queryKey: ['funds'], queryFn: () => api<Fund[]>('/api/v1/funds') });
  const create = useMutation({
    mutationFn: (v: { unitId: string; name: string }) => api('/api/v1/funds', { method: 'POST', body: v }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['funds'] }); setCreating(false); },
  });
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Quỹ khuyến học</Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>Lập quỹ</Button>
      </Flex>
      {funds.error && <ErrorAlert error={funds.error} />}
      <Table<Fund> rowKey="id" dataSource={funds.data} loading={funds.isLoading} pagination={false} size="middle"
        locale={{ emptyText: <EmptyState>Chưa có quỹ khuyến học nào trong phạm vi của bạn. Bấm “Lập quỹ” để bắt đầu ghi thu, chi.</EmptyState> }}
        columns={[
          { title: 'Quỹ', key: 'n', render: (_, f) => <><div>{f.name}</div><Typography.Text type="secondary">{f.unit.name}</Typography.Text></> },
          { title: 'Tổng thu', dataIndex: 'receipts', align: 'right', render: formatVnd },
          { title: 'Tổng chi', dataIndex: 'disbursements', align: 'right', render: formatVnd },
          { title: 'Số dư', dataIndex: 'balance', align: 'right', render: (v: number) => <b>{formatVnd(v)}</b> },
          { title: '', key: 'o', width: 120, render: (_, f) => <Button size="small" onClick={() => setOpen(f)}>Sổ thu chi</Button> },
        ]} />
      {open && <FundBook fund={open} onClose={() => setOpen(null)} />}
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

function FundBook({ fund, onClose }: { fund: Fund; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as Entry['kind'] | undefined;
  const book = useQuery({ queryKey: ['funds', fund.id], queryFn: () => api<{ entries: Entry[]; balance: number }>(`/api/v1/funds/${fund.id}/entries`) });
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
        <span>Số dư: <b>{formatVnd(book.data?.balance)}</b></span>
        <ExportButton path={`/api/v1/funds/${fund.id}/entries`} disabled={!book.data?.entries.length} />
      </Flex>
      <Table<Entry> rowKey="id" dataSource={book.data?.entries} loading={book.isLoading} size="small" pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState>Chưa có khoản thu, chi nào.</EmptyState> }}
        columns={[
          { title: 'Ngày', dataIndex: 'date', width: 100, render: formatDate },
          { title: '', dataIndex: 'kindLabel', width: 60, render: (v: string, e) => <Tag color={e.kind === 'receipt' ? 'green' : 'orange'}>{v}</Tag> },
          { title: 'Nội dung', key: 'd', render: (_, e) => <>{e.description}{e.donor && <Typography.Text type="secondary"> · {e.donor}</Typography.Text>}{e.pupil && <Typography.Text type="secondary"> · {e.pupil.name}{e.pupil.school ? `, ${e.pupil.school}` : ''}</Typography.Text>}</> },
          { title: 'Số tiền', dataIndex: 'amount', align: 'right', render: formatVnd },
          { title: 'Số dư', dataIndex: 'balance', align: 'right', render: formatVnd },
        ]} />
    </Modal>
  );
}
