import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Breadcrumb, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Radio, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../auth/session';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { ExportButton } from '../../components/ExportButton';
import { DATE_FORMAT, formatDate, formatNumber } from '../../format';
import { showFieldErrors } from '../centres/api';
import { canWriteActivities, useEvent, type ActivityRow, type EventDetail } from './api';

/** One event: what it is, and the activities the units in scope planned and reported under it. */
export function EventPage() {
  const { id } = useParams<{ id: string }>();
  const event = useEvent(id!);
  const me = useMe().data!;
  const [editing, setEditing] = useState<ActivityRow | 'new' | null>(null);
  if (event.isPending) return <Loading />;
  if (event.isError) return <ErrorAlert error={event.error} onRetry={() => event.refetch()} />;
  const e = event.data;
  const year = e.startsOn.slice(0, 4);
  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to={`/su-kien?year=${year}`}>Sự kiện, phong trào {year}</Link> }, { title: e.title }]} />
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0, marginRight: 'auto' }}>{e.title} {year}</Typography.Title>
        <ExportButton path={`/api/v1/events/${e.id}`} />
        {canWriteActivities(me.role) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-activity">Thêm hoạt động</Button>}
      </Flex>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
          { label: 'Thời gian', children: e.startsOn === e.endsOn ? formatDate(e.startsOn) : `${formatDate(e.startsOn)} – ${formatDate(e.endsOn)}` },
          { label: 'Loại', children: e.kind === 'national' ? <Tag color="blue">Toàn quốc (tự sinh mỗi năm)</Tag> : `Phong trào của ${e.organiser?.name}` },
          { label: 'Căn cứ', children: e.source ?? e.description ?? '—' },
          { label: 'Hoạt động (đã báo cáo)', children: `${formatNumber(e.totals.activities)} (${formatNumber(e.totals.reported)})` },
          { label: 'Số buổi / người tham gia', children: `${formatNumber(e.totals.sessions)} / ${formatNumber(e.totals.participants)}` },
          { label: 'Tin, bài truyền thông', children: formatNumber(e.totals.mediaPieces) },
        ]} />
      </Card>
      <Table rowKey="id" size="middle" dataSource={e.activities} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(r) => ({ onClick: () => canWriteActivities(me.role) && setEditing(r), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <EmptyState>Chưa có đơn vị nào lập kế hoạch hay báo cáo hoạt động cho sự kiện này. {canWriteActivities(me.role) ? 'Bấm “Thêm hoạt động”.' : ''}</EmptyState> }}
        columns={[
          { title: 'Đơn vị', key: 'unit', render: (_, a) => a.unit.name },
          { title: 'Hoạt động', key: 'title', render: (_, a) => <>{a.title} {a.demo && <Tag>mẫu</Tag>}</> },
          { title: 'Thời gian', key: 'span', render: (_, a) => `${formatDate(a.startsOn)} – ${formatDate(a.endsOn)}`, responsive: ['md'] },
          { title: 'Trạng thái', key: 'status', render: (_, a) => <Tag color={a.status === 'reported' ? 'green' : 'default'}>{a.statusLabel}</Tag> },
          { title: 'Số buổi', dataIndex: 'sessions', align: 'right', render: (v: number) => formatNumber(v) },
          { title: 'Người tham gia', dataIndex: 'participants', align: 'right', render: (v: number) => formatNumber(v) },
          { title: 'Tin, bài', dataIndex: 'mediaPieces', align: 'right', render: (v: number) => formatNumber(v) },
        ]} />
      {editing && <ActivityForm event={e} activity={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}

interface Values { unitId: string; title: string; dates: [dayjs.Dayjs, dayjs.Dayjs]; status: 'planned' | 'reported'; sessions: number; participants: number; mediaPieces: number; notes?: string }

function ActivityForm({ event, activity, onClose }: { event: EventDetail; activity: ActivityRow | null; onClose: () => void }) {
  const me = useMe().data!;
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { title: v.title, startsOn: v.dates[0].format('YYYY-MM-DD'), endsOn: v.dates[1].format('YYYY-MM-DD'), status: v.status, sessions: v.sessions ?? 0, participants: v.participants ?? 0, mediaPieces: v.mediaPieces ?? 0, notes: v.notes || null };
      return activity
        ? api<EventDetail>(`/api/v1/event-activities/${activity.id}`, { method: 'PUT', body: { ...body, version: activity.version } })
        : api<EventDetail>(`/api/v1/events/${event.id}/activities`, { method: 'POST', body: { ...body, unitId: v.unitId } });
    },
    onSuccess: (d) => { qc.setQueryData(['event', event.id], d); qc.invalidateQueries({ queryKey: ['events'] }); message.success('Đã lưu hoạt động'); onClose(); },
    onError: (e) => {
      // Date errors name startsOn / endsOn: both live in the one range field here.
      showFieldErrors(form, e);
      message.error(errorMessage(e));
    },
  });
  return (
    <Modal open title={activity ? activity.title : `Hoạt động hưởng ứng: ${event.title}`} okText="Lưu" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={activity
        ? { ...activity, dates: [dayjs(activity.startsOn), dayjs(activity.endsOn)] }
        : { unitId: me.scope[0]?.id, status: 'planned', sessions: 0, participants: 0, mediaPieces: 0, dates: [dayjs(event.startsOn), dayjs(event.endsOn)] }}>
        {!activity && <Form.Item name="unitId" label="Đơn vị" rules={[{ required: true }]}><Select options={me.scope.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>}
        <Form.Item name="title" label="Tên hoạt động" rules={[{ required: true, min: 3 }]}><Input /></Form.Item>
        <Form.Item name="dates" label={`Thời gian (trong ${formatDate(event.startsOn)} – ${formatDate(event.endsOn)})`} rules={[{ required: true }]}>
          <DatePicker.RangePicker format={DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="status" label="Trạng thái"><Radio.Group options={[{ value: 'planned', label: 'Kế hoạch' }, { value: 'reported', label: 'Báo cáo kết quả' }]} /></Form.Item>
        <Flex gap={8}>
          <Form.Item name="sessions" label="Số buổi"><InputNumber min={0} /></Form.Item>
          <Form.Item name="participants" label="Người tham gia"><InputNumber min={0} /></Form.Item>
          <Form.Item name="mediaPieces" label="Tin, bài truyền thông"><InputNumber min={0} /></Form.Item>
        </Flex>
        <Form.Item name="notes" label="Ghi chú"><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
