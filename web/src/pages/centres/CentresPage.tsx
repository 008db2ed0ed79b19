import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, DatePicker, Flex, Form, Input, Modal, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../auth/session';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { CentreFields } from './CentreFields';
import { ExportButton } from '../../components/ExportButton';
import { useUrlState } from '../../components/url-state';
import { DATE_FORMAT, formatDate, formatNumber, todayIso } from '../../format';
import { canWriteCentres, showFieldErrors, useCentres, useScopeCommunes, type CentreRow } from './api';

/** "Trung tâm học tập cộng đồng": the centres in force on a day, within a unit as it stood then, with a year's figures. */
export function CentresPage() {
  const me = useMe().data!;
  const [params, set] = useUrlState();
  const at = params.get('at') ?? todayIso();
  const query = { at, within: params.get('within') ?? undefined, year: params.get('year') ?? at.slice(0, 4), q: params.get('q') ?? undefined };
  const list = useCentres(query);
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const years = Array.from({ length: 8 }, (_, i) => new Date().getFullYear() - i);
  const columns: TableColumnsType<CentreRow> = [
    {
      title: 'Trung tâm', key: 'name', render: (_, r) => (
        <Flex vertical>
          <Link to={`/trung-tam/${r.id}`}>{r.name}</Link>
          {r.demo && <Typography.Text type="secondary" style={{ fontSize: 12 }}>Dữ liệu mẫu</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: 'Xã, phường (tại ngày)', key: 'commune', render: (_, r) => (
        <Flex vertical>
          <span>{r.commune.name}</span>
          {r.needsReorganisation && <Tooltip title={`Xã đã kết thúc ngày ${formatDate(r.commune.validTo)}; xã kế thừa cần sắp xếp lại trung tâm (Thông tư 11/2025/TT-BGDĐT)`}><Tag color="orange">Cần sắp xếp lại</Tag></Tooltip>}
        </Flex>
      ),
    },
    { title: 'Trực thuộc', key: 'parent', render: (_, r) => r.commune.parent?.name ?? '—', responsive: ['lg'] },
    { title: 'Hoạt động từ', key: 'from', render: (_, r) => formatDate(r.validFrom), responsive: ['md'] },
    { title: 'Cán bộ / GV / CTV', key: 'staff', render: (_, r) => `${r.staff.managers} / ${r.staff.teachers} / ${r.staff.collaborators}`, responsive: ['lg'] },
    { title: 'Ứng dụng CNTT', key: 'it', render: (_, r) => (!r.reported ? <Typography.Text type="secondary">Chưa báo cáo</Typography.Text> : r.appliesIt ? <Tag color="green">{[r.itManagement && 'Quản lý', r.itTeaching && 'Dạy học'].filter(Boolean).join(', ')}</Tag> : <Tag>Không</Tag>) },
    { title: 'Người tham gia', key: 'participants', align: 'right', render: (_, r) => formatNumber(r.participants) },
    { title: 'Tự đánh giá', key: 'self', render: (_, r) => r.selfRatingLabel ?? '—', responsive: ['md'] },
    { title: 'Thẩm định', key: 'reviewed', render: (_, r) => r.reviewedRatingLabel ?? '—' },
  ];
  const rows = list.data ?? [];
  const itShare = rows.length ? Math.round((1000 * rows.filter((r) => r.appliesIt).length) / rows.length) / 10 : null;
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0, marginRight: 'auto' }}>Trung tâm học tập cộng đồng</Typography.Title>
        {canWriteCentres(me.role) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-centre">Thêm trung tâm</Button>}
      </Flex>
      <Flex gap={8} wrap align="center">
        <DatePicker format={DATE_FORMAT} allowClear={false} value={dayjs(at)} onChange={(d) => set({ at: d?.format('YYYY-MM-DD') })} aria-label="Ngày tham chiếu" />
        <Select allowClear placeholder="Trong đơn vị" style={{ width: 240 }} value={query.within} onChange={(v) => set({ within: v })}
          options={me.scope.map((u) => ({ value: u.code, label: u.name }))} />
        <Select style={{ width: 130 }} value={query.year} onChange={(v) => set({ year: v })} options={years.map((y) => ({ value: String(y), label: `Số liệu ${y}` }))} />
        <Input.Search allowClear placeholder="Tìm theo tên trung tâm, xã" style={{ width: 260 }} defaultValue={query.q} onSearch={(v) => set({ q: v })} />
        <ExportButton path="/api/v1/learning-centres" query={query} />
      </Flex>
      {rows.length > 0 && (
        <Typography.Text type="secondary">
          {formatNumber(rows.length)} trung tâm hoạt động ngày {formatDate(at)}; {itShare === null ? '' : `${formatNumber(itShare)}% ứng dụng CNTT năm ${query.year}; `}
          {formatNumber(rows.reduce((s, r) => s + r.participants, 0))} lượt người tham gia.
        </Typography.Text>
      )}
      {rows.some((r) => r.needsReorganisation) && (
        <Alert type="warning" showIcon title="Có trung tâm thuộc xã đã sắp xếp, sáp nhập chưa được sắp xếp lại: mở trung tâm và chọn “Sắp xếp lại”." />
      )}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      <Table rowKey="id" size="middle" loading={list.isPending} columns={columns} dataSource={rows} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState>Chưa có trung tâm nào hoạt động ngày {formatDate(at)} trong phạm vi này. {canWriteCentres(me.role) ? 'Bấm “Thêm trung tâm” để ghi trung tâm của xã.' : 'Thử chọn ngày hoặc đơn vị khác.'}</EmptyState> }} />
      {adding && <NewCentre onClose={() => setAdding(false)} onCreated={(id) => navigate(`/trung-tam/${id}`)} />}
    </Flex>
  );
}

interface NewForm { communeId: string; name: string; validFrom: dayjs.Dayjs; decision?: string; director?: string; managers: number; teachers: number; collaborators: number }

function NewCentre({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const me = useMe().data!;
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<NewForm>();
  const validFrom = Form.useWatch('validFrom', form);
  const communes = useScopeCommunes(me.scope, (validFrom ?? dayjs()).format('YYYY-MM-DD'));
  const save = useMutation({
    mutationFn: (v: NewForm) => api<{ id: string }>('/api/v1/learning-centres', { method: 'POST', body: { ...v, validFrom: v.validFrom.format('YYYY-MM-DD') } }),
    onSuccess: (r) => { qc.invalidateQueries({ queryKey: ['learning-centres'] }); onCreated(r.id); },
    onError: (e) => { showFieldErrors(form, e); message.error(errorMessage(e)); },
  });
  return (
    <Modal open title="Thêm trung tâm học tập cộng đồng" okText="Lưu" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ validFrom: dayjs(), managers: 0, teachers: 0, collaborators: 0 }}>
        <Form.Item name="validFrom" label="Hoạt động từ ngày" rules={[{ required: true }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
        <Form.Item name="communeId" label="Xã, phường (hiệu lực tại ngày trên)" rules={[{ required: true, message: 'Chọn xã' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={communes.isPending} options={communes.data ?? []} data-testid="centre-commune" />
        </Form.Item>
        <CentreFields />
      </Form>
    </Modal>
  );
}
