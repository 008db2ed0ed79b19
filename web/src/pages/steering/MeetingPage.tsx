import { SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Breadcrumb, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Modal, Progress, Select, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import { usePlans } from '../../api/queries';
import type { OrgUnit } from '../../api/types';
import { useMe } from '../../auth/session';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { StatusTag } from '../../components/status';
import { DATE_FORMAT, formatBytes, formatDate, formatDateTime, formatNumber } from '../../format';
import { canWriteSteering, showFieldErrors, steeringPath, useMeeting, type MeetingDetail, type MeetingTask } from './api';
import { MeetingModal } from './CommitteePage';

/** One meeting: minutes, conclusions, and the tasks it assigned with their live progress in the plan tracker. */
export function MeetingPage() {
  const { id } = useParams<{ id: string }>();
  const meeting = useMeeting(id!);
  const me = useMe().data!;
  const [assigning, setAssigning] = useState(false);
  const [editing, setEditing] = useState(false);
  if (meeting.isPending) return <Loading />;
  if (meeting.isError) return <ErrorAlert error={meeting.error} onRetry={() => meeting.refetch()} />;
  const g = meeting.data;
  const writer = canWriteSteering(me.role);
  const columns: TableColumnsType<MeetingTask> = [
    { title: 'Mục', key: 'code', width: 110, render: (_, t) => <Flex vertical><Link to={`/nhiem-vu/${t.id}`}>{t.code}</Link><Link to={`/ke-hoach/${t.plan.id}`} style={{ fontSize: 12, color: '#8c8c8c' }}>{t.plan.number}</Link></Flex> },
    { title: 'Nhiệm vụ', key: 'text', render: (_, t) => <Link to={`/nhiem-vu/${t.id}`} style={{ color: 'inherit' }}>{t.text}</Link> },
    {
      title: 'Chủ trì / phối hợp', key: 'lead', render: (_, t) => (
        <Flex vertical><strong>{t.leadAgency.name}</strong>
          {(t.coordinatingAgencies.length > 0 || t.coordinatingText) && <Typography.Text type="secondary" style={{ fontSize: 12 }}>Phối hợp: {[...t.coordinatingAgencies.map((c) => c.name), t.coordinatingText].filter(Boolean).join('; ')}</Typography.Text>}
        </Flex>
      ),
    },
    { title: 'Thời hạn', key: 'due', width: 150, render: (_, t) => t.dueRuleText },
    { title: 'Trạng thái', key: 'status', width: 150, render: (_, t) => <StatusTag status={t.status} label={t.statusLabel} /> },
    { title: 'Tiến độ', key: 'percent', width: 150, render: (_, t) => <Flex vertical><Progress percent={t.percent} size="small" />{t.lastReportedAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>báo cáo {formatDateTime(t.lastReportedAt)}</Typography.Text>}</Flex> },
  ];
  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/ban-chi-dao">Ban Chỉ đạo</Link> }, { title: <Link to={`/ban-chi-dao/${g.committee.id}`}>{g.committee.name}</Link> }, { title: `Cuộc họp ngày ${formatDate(g.heldOn)}` }]} />
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0, marginRight: 'auto' }}>Cuộc họp ngày {formatDate(g.heldOn)} <Tag color={g.kind === 'extraordinary' ? 'orange' : 'blue'}>{g.kindLabel}</Tag> {g.demo && <Tag>Dữ liệu mẫu</Tag>}</Typography.Title>
        {writer && <Button onClick={() => setEditing(true)}>Sửa cuộc họp</Button>}
        {writer && <Button type="primary" icon={<SendOutlined />} onClick={() => setAssigning(true)} data-testid="assign-tasks">Giao nhiệm vụ</Button>}
      </Flex>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { label: 'Ban Chỉ đạo', children: <Link to={`/ban-chi-dao/${g.committee.id}`}>{g.committee.name}</Link> },
          { label: 'Chủ trì', children: g.chair },
          { label: 'Số người dự', children: formatNumber(g.attendeeCount) },
          { label: 'Thành phần', children: g.attendees ?? '—' },
          { label: 'Nội dung', children: g.agenda, span: 2 },
          { label: 'Biên bản', span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{g.minutes ?? '—'}</Typography.Paragraph> },
          { label: 'Kết luận', span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{g.conclusions ?? '—'}</Typography.Paragraph> },
          {
            label: 'Tệp biên bản', span: 2, children: (
              <Flex gap={12} align="center" wrap>
                {g.minutesFile ? <a href={steeringPath(`/meetings/${g.id}/minutes`)} download data-testid="minutes-download">{g.minutesFile.name}</a> : <Typography.Text type="secondary">Chưa tải lên</Typography.Text>}
                {g.minutesFile?.sizeBytes ? <Typography.Text type="secondary">{formatBytes(g.minutesFile.sizeBytes)}</Typography.Text> : null}
                {writer && <MinutesUpload meeting={g} />}
              </Flex>
            ),
          },
        ]} />
      </Card>
      <Card size="small" title={`Nhiệm vụ đã giao (${g.tasks.length})`} extra={<Typography.Text type="secondary">Theo dõi như mọi nhiệm vụ của kế hoạch: đơn vị chủ trì báo cáo trong “Nhiệm vụ của tôi”.</Typography.Text>}>
        <Table rowKey="id" size="small" columns={columns} dataSource={g.tasks} pagination={false}
          locale={{ emptyText: <EmptyState>Cuộc họp chưa giao nhiệm vụ nào. {writer ? 'Bấm “Giao nhiệm vụ” để đưa kết luận vào theo dõi với cơ quan chủ trì và thời hạn.' : ''}</EmptyState> }} />
      </Card>
      {assigning && <AssignTasks meeting={g} onClose={() => setAssigning(false)} />}
      {editing && <MeetingModal committeeId={g.committee.id} meeting={g} onClose={() => setEditing(false)} />}
    </Flex>
  );
}

function MinutesUpload({ meeting }: { meeting: MeetingDetail }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const upload = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file, file.name);
      return api<MeetingDetail>(steeringPath(`/meetings/${meeting.id}/minutes`), { method: 'POST', body });
    },
    onSuccess: (g) => { qc.setQueryData(['steering-meeting', g.id], g); qc.invalidateQueries({ queryKey: ['steering-committee', g.committee.id] }); message.success('Đã lưu tệp biên bản'); },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Upload accept=".pdf,.docx" showUploadList={false} beforeUpload={(f) => { upload.mutate(f); return false; }}>
      <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} data-testid="minutes-upload">{meeting.minutesFile ? 'Thay tệp' : 'Tải lên'} (PDF, DOCX)</Button>
    </Upload>
  );
}

interface TaskForm { planId: string; text: string; leadUnitId: string; coordinatingUnitIds?: string[]; coordinatingText?: string; deadline: dayjs.Dayjs }

/** "Giao nhiệm vụ": one decision of the meeting becomes a task of a plan, answerable by the lead agency by a deadline. */
function AssignTasks({ meeting, onClose }: { meeting: MeetingDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<TaskForm>();
  const plans = usePlans();
  // The plan the meeting already assigns into, else the newest plan in scope.
  const defaultPlanId = meeting.tasks[0]?.plan.id ?? plans.data?.[0]?.id;
  useEffect(() => {
    if (defaultPlanId && !form.getFieldValue('planId')) form.setFieldValue('planId', defaultPlanId);
  }, [defaultPlanId, form]);
  // The agencies, districts and communes below the committee's unit as the map stood on the meeting day.
  const units = useQuery({
    queryKey: ['org-units-below', meeting.committee.unitCode, meeting.heldOn],
    queryFn: () => api<OrgUnit[]>('/api/v1/org-units', { query: { within: meeting.committee.unitCode, at: meeting.heldOn } }),
  });
  const rank = (kind: string) => { const i = ['agency', 'association', 'district', 'commune'].indexOf(kind); return i < 0 ? 9 : i; };
  const unitOptions = [...(units.data ?? [])].sort((a, b) => rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name, 'vi'))
    .map((u) => ({ value: u.id, label: u.name }));
  const save = useMutation({
    mutationFn: (v: TaskForm) => api<MeetingDetail>(steeringPath(`/meetings/${meeting.id}/tasks`), {
      method: 'POST',
      body: { planId: v.planId, tasks: [{ text: v.text, leadUnitId: v.leadUnitId, coordinatingUnitIds: v.coordinatingUnitIds ?? [], coordinatingText: v.coordinatingText || null, deadline: v.deadline?.format('YYYY-MM-DD') }] },
    }),
    onSuccess: (g) => {
      qc.setQueryData(['steering-meeting', g.id], g);
      qc.invalidateQueries({ queryKey: ['steering-committee', g.committee.id] });
      message.success('Đã giao nhiệm vụ; cơ quan chủ trì thấy trong “Nhiệm vụ của tôi”');
      onClose();
    },
    onError: (e) => { showFieldErrors(form, e, /^body\.(tasks\.0\.)?/); message.error(errorMessage(e)); },
  });
  return (
    <Modal open width={720} title="Giao nhiệm vụ từ cuộc họp" okText="Giao nhiệm vụ" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ planId: defaultPlanId }}>
        <Form.Item name="planId" label="Theo dõi trong kế hoạch" rules={[{ required: true, message: 'Chọn kế hoạch' }]}>
          <Select loading={plans.isPending} options={(plans.data ?? []).map((p) => ({ value: p.id, label: `${p.number} — ${p.title}` }))} data-testid="assign-plan" />
        </Form.Item>
        <Form.Item name="text" label="Nội dung nhiệm vụ" rules={[{ required: true, message: 'Nhập nội dung' }]}><Input.TextArea rows={3} data-testid="assign-text" /></Form.Item>
        <Form.Item name="leadUnitId" label="Cơ quan, đơn vị chủ trì" rules={[{ required: true, message: 'Chọn cơ quan chủ trì' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={unitOptions} data-testid="assign-lead" />
        </Form.Item>
        <Form.Item name="coordinatingUnitIds" label="Cơ quan phối hợp">
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
        </Form.Item>
        <Form.Item name="coordinatingText" label="Phối hợp khác (ghi như kết luận)"><Input /></Form.Item>
        <Form.Item name="deadline" label="Thời hạn hoàn thành" rules={[{ required: true, message: 'Chọn thời hạn' }]}>
          <DatePicker format={DATE_FORMAT} minDate={dayjs(meeting.heldOn)} data-testid="assign-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
