import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Row, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../auth/session';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { ExportButton } from '../../components/ExportButton';
import { useUrlState } from '../../components/url-state';
import { DATE_FORMAT, formatDate, formatNumber } from '../../format';
import { showFieldErrors } from '../centres/api';
import { canManageEvents, useEvents, type EventRow } from './api';
import { ExemplaryPanel } from './ExemplaryPanel';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const span = (e: EventRow) => (e.startsOn === e.endsOn ? formatDate(e.startsOn) : `${formatDate(e.startsOn)} – ${formatDate(e.endsOn)}`);

/** "Sự kiện, phong trào": a year's calendar (national events generated, local campaigns), the units' figures, exemplary learners. */
export function EventsPage() {
  const me = useMe().data!;
  const [params, set] = useUrlState();
  const year = Number(params.get('year') ?? new Date().getFullYear());
  const view = params.get('view') ?? 'calendar';
  const events = useEvents(year);
  const [adding, setAdding] = useState(false);
  const rows = events.data ?? [];
  const columns: TableColumnsType<EventRow> = [
    { title: 'Sự kiện', key: 'title', render: (_, e) => <Link to={`/su-kien/${e.id}`}>{e.title}</Link> },
    { title: 'Thời gian', key: 'span', render: (_, e) => span(e) },
    { title: 'Loại', key: 'kind', render: (_, e) => (e.kind === 'national' ? <Tag color="blue">Toàn quốc</Tag> : <Tag>{e.organiser?.name}</Tag>) },
    { title: 'Hoạt động (đã báo cáo)', key: 'acts', align: 'right', render: (_, e) => `${formatNumber(e.totals.activities)} (${formatNumber(e.totals.reported)})` },
    { title: 'Số buổi', key: 'sessions', align: 'right', render: (_, e) => formatNumber(e.totals.sessions), responsive: ['md'] },
    { title: 'Người tham gia', key: 'participants', align: 'right', render: (_, e) => formatNumber(e.totals.participants) },
    { title: 'Tin, bài', key: 'media', align: 'right', render: (_, e) => formatNumber(e.totals.mediaPieces), responsive: ['md'] },
  ];
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0, marginRight: 'auto' }}>Sự kiện, phong trào năm {year}</Typography.Title>
        {canManageEvents(me.role) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>Thêm phong trào của địa phương</Button>}
      </Flex>
      <Flex gap={8} wrap align="center">
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && set({ year: v })} aria-label="Năm" prefix="Năm" style={{ width: 130 }} />
        <Segmented value={view} onChange={(v) => set({ view: v === 'calendar' ? undefined : String(v) })}
          options={[{ value: 'calendar', label: 'Lịch năm' }, { value: 'list', label: 'Danh sách' }, { value: 'exemplary', label: 'Người học, mô hình tiêu biểu' }]} />
        {view !== 'exemplary' && <ExportButton path="/api/v1/events" query={{ year }} />}
      </Flex>
      {events.isError && <ErrorAlert error={events.error} onRetry={() => events.refetch()} />}
      {view === 'calendar' && (
        <Row gutter={[12, 12]} data-testid="year-calendar">
          {MONTHS.map((m) => {
            const first = `${year}-${String(m).padStart(2, '0')}-01`;
            const last = dayjs(first).endOf('month').format('YYYY-MM-DD');
            const inMonth = rows.filter((e) => e.startsOn <= last && e.endsOn >= first);
            return (
              <Col key={m} xs={24} sm={12} lg={8} xl={6}>
                <Card size="small" title={`Tháng ${m}`} styles={{ body: { minHeight: 72 } }}>
                  {inMonth.length === 0 ? <Typography.Text type="secondary">Không có sự kiện</Typography.Text> : inMonth.map((e) => (
                    <Flex key={e.id} vertical style={{ marginBottom: 6 }}>
                      <Link to={`/su-kien/${e.id}`}>{e.kind === 'national' ? <Tag color="blue" style={{ marginRight: 4 }}>Toàn quốc</Tag> : null}{e.title}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{span(e)} · {formatNumber(e.totals.activities)} hoạt động</Typography.Text>
                    </Flex>
                  ))}
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
      {view === 'list' && (
        <Table rowKey="id" size="middle" loading={events.isPending} columns={columns} dataSource={rows} pagination={false}
          locale={{ emptyText: <EmptyState>Không có sự kiện trong năm {year}.</EmptyState> }} />
      )}
      {view === 'exemplary' && <ExemplaryPanel year={year} />}
      {adding && <NewEvent year={year} onClose={() => setAdding(false)} />}
    </Flex>
  );
}

interface NewForm { unitId: string; title: string; dates: [dayjs.Dayjs, dayjs.Dayjs]; description?: string }

function NewEvent({ year, onClose }: { year: number; onClose: () => void }) {
  const me = useMe().data!;
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<NewForm>();
  const save = useMutation({
    mutationFn: (v: NewForm) => api('/api/v1/events', { method: 'POST', body: { unitId: v.unitId, title: v.title, description: v.description || null, startsOn: v.dates[0].format('YYYY-MM-DD'), endsOn: v.dates[1].format('YYYY-MM-DD') } }),
    onSuccess: () => { qc.invalidateQueries({ queryKey: ['events'] }); message.success('Đã thêm phong trào'); onClose(); },
    onError: (e) => { showFieldErrors(form, e); message.error(errorMessage(e)); },
  });
  return (
    <Modal open title="Thêm sự kiện, phong trào của địa phương" okText="Lưu" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ unitId: me.scope[0]?.id, dates: [dayjs(`${year}-11-01`), dayjs(`${year}-11-30`)] }}>
        <Form.Item name="unitId" label="Đơn vị tổ chức" rules={[{ required: true }]}><Select options={me.scope.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
        <Form.Item name="title" label="Tên sự kiện, phong trào" rules={[{ required: true, min: 3 }]}><Input /></Form.Item>
        <Form.Item name="dates" label="Thời gian" rules={[{ required: true }]}><DatePicker.RangePicker format={DATE_FORMAT} /></Form.Item>
        <Form.Item name="description" label="Nội dung"><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
