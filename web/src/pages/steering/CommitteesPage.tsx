import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, DatePicker, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import type { OrgUnit } from '../../api/types';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { useUrlState } from '../../components/url-state';
import { DATE_FORMAT, formatDate, formatNumber, todayIso } from '../../format';
import { canWriteSteering, showFieldErrors, steeringPath, useCommittees, type CommitteeRow } from './api';

const KIND_LABELS: Record<string, string> = { province: 'Cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã' };

/** "Ban Chỉ đạo": the committees working on a day, within a unit as it stood then. */
export function CommitteesPage() {
  const me = useMe().data!;
  const [params, set] = useUrlState();
  const at = params.get('at') ?? todayIso();
  const query = { at, within: params.get('within') ?? undefined };
  const list = useCommittees(query);
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<CommitteeRow> = [
    {
      title: 'Ban Chỉ đạo', key: 'name', render: (_, r) => (
        <Flex vertical>
          <Link to={`/ban-chi-dao/${r.id}`}>{r.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>QĐ {r.decisionNumber} ngày {formatDate(r.decisionDate)}{r.demo ? ' · dữ liệu mẫu' : ''}</Typography.Text>
        </Flex>
      ),
    },
    { title: 'Đơn vị', key: 'unit', render: (_, r) => <Flex vertical><span>{r.unit.name}</span><Tag style={{ width: 'fit-content' }}>{KIND_LABELS[r.unit.kind] ?? r.unit.kind}</Tag></Flex> },
    { title: 'Hoạt động', key: 'span', render: (_, r) => `${formatDate(r.validFrom)} – ${r.validTo ? formatDate(r.validTo) : 'nay'}`, responsive: ['md'] },
    { title: 'Trưởng ban', key: 'head', render: (_, r) => r.head ?? <Typography.Text type="warning">Chưa có</Typography.Text> },
    { title: 'Thành viên', key: 'members', align: 'right', render: (_, r) => formatNumber(r.members) },
    { title: 'Cuộc họp', key: 'meetings', align: 'right', render: (_, r) => formatNumber(r.meetings) },
    { title: 'Họp gần nhất', key: 'last', render: (_, r) => formatDate(r.lastMeeting), responsive: ['lg'] },
    { title: 'Nhiệm vụ đã giao', key: 'tasks', align: 'right', render: (_, r) => formatNumber(r.tasks), responsive: ['lg'] },
  ];
  const rows = list.data ?? [];
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0, marginRight: 'auto' }}>Ban Chỉ đạo XMC-PCGD-XDXHHT</Typography.Title>
        {canWriteSteering(me.role) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-committee">Thành lập, kiện toàn Ban</Button>}
      </Flex>
      <Flex gap={8} wrap align="center">
        <DatePicker format={DATE_FORMAT} allowClear={false} value={dayjs(at)} onChange={(d) => set({ at: d?.format('YYYY-MM-DD') })} aria-label="Ngày tham chiếu" />
        <Select allowClear placeholder="Trong đơn vị" style={{ width: 240 }} value={query.within} onChange={(v) => set({ within: v })}
          options={me.scope.map((u) => ({ value: u.code, label: u.name }))} />
        <ExportButton path={steeringPath('')} query={query} />
      </Flex>
      <Typography.Text type="secondary">
        Ban Chỉ đạo hoạt động ngày {formatDate(at)}. Ban của tỉnh, huyện cũ kết thúc ngày 30/06/2025; chọn một ngày trước đó để xem lại.
      </Typography.Text>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      <Table rowKey="id" size="middle" loading={list.isPending} columns={columns} dataSource={rows} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState>Chưa có Ban Chỉ đạo nào hoạt động ngày {formatDate(at)} trong phạm vi này. {canWriteSteering(me.role) ? 'Bấm “Thành lập, kiện toàn Ban” để ghi quyết định thành lập.' : 'Thử chọn ngày hoặc đơn vị khác.'}</EmptyState> }} />
      {adding && <NewCommittee onClose={() => setAdding(false)} onCreated={(id) => navigate(`/ban-chi-dao/${id}`)} />}
    </Flex>
  );
}

interface NewForm { unitId: string; name: string; decisionNumber: string; decisionDate: dayjs.Dayjs; validFrom: dayjs.Dayjs; validTo?: dayjs.Dayjs | null }

function NewCommittee({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<NewForm>();
  const validFrom = (Form.useWatch('validFrom', form) ?? dayjs()).format('YYYY-MM-DD');
  // Provinces of the start day, and any district or commune found by name (as the map stood that day); the server checks the scope.
  const [search, setSearch] = useState('');
  const units = useQuery({
    queryKey: ['steering-units', validFrom, search],
    queryFn: async () => {
      const [provinces, found] = await Promise.all([
        api<OrgUnit[]>('/api/v1/org-units', { query: { kind: 'province', at: validFrom } }),
        search.trim().length >= 2 ? api<OrgUnit[]>('/api/v1/org-units', { query: { q: search.trim(), at: validFrom } }) : Promise.resolve([]),
      ]);
      return [...provinces, ...found.filter((u) => u.kind === 'district' || u.kind === 'commune')];
    },
    placeholderData: (prev) => prev,
  });
  const options = (units.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }));
  const save = useMutation({
    mutationFn: (v: NewForm) => api<{ id: string }>(steeringPath(''), {
      method: 'POST', body: { ...v, decisionDate: v.decisionDate.format('YYYY-MM-DD'), validFrom: v.validFrom.format('YYYY-MM-DD'), validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null },
    }),
    onSuccess: (r) => { qc.invalidateQueries({ queryKey: ['steering-committees'] }); onCreated(r.id); },
    onError: (e) => { showFieldErrors(form, e); message.error(errorMessage(e)); },
  });
  return (
    <Modal open title="Thành lập, kiện toàn Ban Chỉ đạo" okText="Lưu" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ validFrom: dayjs(), decisionDate: dayjs() }}>
        <Flex gap={12}>
          <Form.Item name="validFrom" label="Hoạt động từ ngày" rules={[{ required: true }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
          <Form.Item name="validTo" label="Đến ngày (nếu đã kết thúc)"><DatePicker format={DATE_FORMAT} /></Form.Item>
        </Flex>
        <Form.Item name="unitId" label="Đơn vị (hiệu lực tại ngày bắt đầu)" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
          <Select showSearch={{ filterOption: false, onSearch: setSearch }} loading={units.isFetching} options={options} placeholder="Tỉnh; gõ tên để tìm huyện, xã" data-testid="committee-unit" />
        </Form.Item>
        <Form.Item name="name" label="Tên Ban Chỉ đạo" rules={[{ required: true, message: 'Nhập tên' }]}><Input placeholder="Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh …" /></Form.Item>
        <Flex gap={12}>
          <Form.Item name="decisionNumber" label="Số quyết định thành lập" rules={[{ required: true, message: 'Nhập số quyết định' }]} style={{ flex: 1 }}><Input placeholder="123/QĐ-UBND" /></Form.Item>
          <Form.Item name="decisionDate" label="Ngày quyết định" rules={[{ required: true }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
