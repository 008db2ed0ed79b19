import { FileExcelOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert } from '../../components/feedback';
import { ExportButton } from '../../components/ExportButton';
import { useUrlState } from '../../components/url-state';
import { formatDate, formatNumber } from '../../format';
import { ImportRegistrations } from './ImportRegistrations';
import { CHANNEL_LABELS, EXPORT_LIMIT, MODEL_OPTIONS, STATUS_OPTIONS, statusColor, SUBJECT_OF, useRegistrations, type ModelType, type Paged, type RegistrationRow, type Subject } from './api';

/** "Mô hình học tập": the registrations in the actor's scope, filtered by model, year and status, exportable. */
export function RegistrationsPage() {
  const [params, set] = useUrlState();
  const query = { modelType: params.get('modelType') ?? undefined, year: params.get('year') ?? undefined, status: params.get('status') ?? undefined };
  const page = Number(params.get('page') ?? 1), pageSize = Number(params.get('pageSize') ?? 50);
  const list = useRegistrations({ ...query, page: String(page), pageSize: String(pageSize) });
  const total = list.data?.total ?? 0;
  /** A filter change starts again from the first page. */
  const filter = (patch: Record<string, string | undefined>) => set({ ...patch, page: undefined });
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);
  const columns: TableColumnsType<RegistrationRow> = [
    { title: 'Đối tượng', key: 'subject', render: (_, r) => <Link to={`/mo-hinh-hoc-tap/${r.id}`}>{r.subject.name}</Link> },
    { title: 'Đơn vị', key: 'unit', render: (_, r) => r.unit.name, responsive: ['md'] },
    { title: 'Mô hình', dataIndex: 'modelLabel', responsive: ['lg'] },
    { title: 'Năm', dataIndex: 'year', width: 70 },
    { title: 'Trạng thái', key: 'status', render: (_, r) => <Tag color={statusColor(r.status)}>{r.statusLabel}</Tag> },
    { title: 'Cách đăng ký', key: 'channel', render: (_, r) => CHANNEL_LABELS[r.channel], responsive: ['lg'] },
    { title: 'Tự đánh giá', key: 'self', align: 'right', render: (_, r) => (r.selfTotal === null ? '—' : `${r.selfTotal}/${r.maxTotal}`) },
    { title: 'Quyết định', key: 'decision', render: (_, r) => (r.decision ? `${r.decision.number} (${formatDate(r.decision.decidedOn)})` : r.dossierLate ? <Tag color="red">Quá hạn nộp</Tag> : ''), responsive: ['md'] },
  ];
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0, marginRight: 'auto' }}>Mô hình học tập</Typography.Title>
        <Link to="/mo-hinh-hoc-tap/thong-ke" data-testid="statistics-link">Thống kê</Link>
        <Link to="/mo-hinh-hoc-tap/doi-tuong" data-testid="subjects-link">Đối tượng</Link>
        <Button icon={<QrcodeOutlined />} onClick={() => navigate('/mo-hinh-hoc-tap/dot-dang-ky')}>Đợt đăng ký (mã QR)</Button>
        <Button icon={<FileExcelOutlined />} onClick={() => setImporting(true)} data-testid="import-registrations">Nhập từ Excel</Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-registration">Đăng ký mới</Button>
      </Flex>
      <Flex gap={8} wrap>
        <Select allowClear placeholder="Mô hình" style={{ width: 240 }} options={MODEL_OPTIONS} value={query.modelType} onChange={(v) => filter({ modelType: v })} />
        <Select allowClear placeholder="Năm" style={{ width: 110 }} options={years.map((y) => ({ value: String(y), label: y }))} value={query.year} onChange={(v) => filter({ year: v })} />
        <Select allowClear placeholder="Trạng thái" style={{ width: 200 }} options={STATUS_OPTIONS} value={query.status} onChange={(v) => filter({ status: v })} data-testid="status-filter" />
        <ExportButton path="/api/v1/model-registrations" query={query} disabled={total === 0} />
      </Flex>
      {total > EXPORT_LIMIT && (
        <Alert type="warning" showIcon data-testid="export-capped"
          title={`Danh sách có ${formatNumber(total)} hồ sơ; tệp Excel chỉ chứa ${formatNumber(EXPORT_LIMIT)} hồ sơ đầu. Hãy lọc theo mô hình, năm hoặc trạng thái để xuất đủ.`} />
      )}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      <Table rowKey="id" size="middle" loading={list.isPending || list.isPlaceholderData} columns={columns} dataSource={list.data?.items ?? []}
        locale={{ emptyText: Object.values(query).some(Boolean) ? 'Không có hồ sơ nào khớp bộ lọc' : 'Chưa có hồ sơ nào. Bấm “Đăng ký mới”, “Nhập từ Excel” hoặc mở một đợt đăng ký có mã QR.' }}
        pagination={{
          current: page, pageSize, total, hideOnSinglePage: total <= 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => `${formatNumber(n)} hồ sơ`, onChange: (p, ps) => set({ page: p === 1 ? undefined : p, pageSize: ps === 50 ? undefined : ps }),
        }} />
      {importing && <ImportRegistrations onClose={() => setImporting(false)} />}
      {adding && <NewRegistration onClose={() => setAdding(false)} onCreated={(id) => navigate(`/mo-hinh-hoc-tap/${id}`)} />}
    </Flex>
  );
}

interface NewForm { modelType: ModelType; year: number; subjectId?: string; name: string; unitId: string; birthYear?: number; onBehalf: boolean }

/**
 * A registration for an existing subject (found by name: last year's families register again) or for a new one
 * created in the same step; "nhập hộ" marks an officer filing for a resident.
 */
function NewRegistration({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const me = useMe().data!;
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<NewForm>();
  const modelType = Form.useWatch('modelType', form);
  const existing = Form.useWatch('subjectId', form);
  const [search, setSearch] = useState('');
  const found = useQuery({
    queryKey: ['learning-subjects', modelType, search], enabled: search.trim().length >= 2,
    queryFn: () => api<Paged<Subject>>('/api/v1/learning-subjects', { query: { kind: SUBJECT_OF[modelType ?? 'learning_citizen'], q: search.trim(), pageSize: '20' } }),
  });
  const save = useMutation({
    mutationFn: async (v: NewForm) => {
      const subject = v.subjectId ? { id: v.subjectId } : await api<{ id: string }>('/api/v1/learning-subjects', {
        method: 'POST', body: { kind: SUBJECT_OF[v.modelType], name: v.name, unitId: v.unitId, ...(v.birthYear && v.modelType === 'learning_citizen' ? { birthYear: v.birthYear } : {}) },
      });
      return api<{ id: string }>('/api/v1/model-registrations', { method: 'POST', body: { subjectId: subject.id, modelType: v.modelType, year: v.year, onBehalf: v.onBehalf } });
    },
    onSuccess: (r) => { qc.invalidateQueries({ queryKey: ['model-registrations'] }); onCreated(r.id); },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal open title="Đăng ký mô hình học tập" okText="Đăng ký" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}
        initialValues={{ modelType: 'learning_citizen', year: new Date().getFullYear(), onBehalf: true, unitId: me.scope[0]?.id }}>
        <Form.Item name="modelType" label="Mô hình" rules={[{ required: true }]}><Select options={MODEL_OPTIONS} /></Form.Item>
        <Form.Item name="year" label="Năm đánh giá" rules={[{ required: true }]}><InputNumber min={2000} max={new Date().getFullYear()} /></Form.Item>
        <Form.Item name="subjectId" label="Đối tượng đã có (gõ tên để tìm)">
          <Select
            allowClear showSearch={{ filterOption: false, onSearch: setSearch }} placeholder="Bỏ trống để thêm đối tượng mới" loading={found.isFetching}
            options={(found.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}${x.birthYear ? ` (${x.birthYear})` : ''} — ${x.unit.name}` }))}
          />
        </Form.Item>
        {!existing && (
          <>
            <Form.Item name="name" label={modelType === 'learning_citizen' ? 'Họ và tên' : 'Tên'} rules={[{ required: true, min: 2, message: 'Nhập tên (tối thiểu 2 ký tự)' }]}><Input data-testid="subject-name" /></Form.Item>
            {modelType === 'learning_citizen' && <Form.Item name="birthYear" label="Năm sinh"><InputNumber min={1900} max={new Date().getFullYear()} /></Form.Item>}
            <Form.Item name="unitId" label="Đơn vị (nơi ở / nơi công tác)" rules={[{ required: true }]}>
              <Select options={me.scope.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="onBehalf" valuePropName="checked"><Checkbox>Nhập hộ người dân (cán bộ nhập thay)</Checkbox></Form.Item>
      </Form>
    </Modal>
  );
}
