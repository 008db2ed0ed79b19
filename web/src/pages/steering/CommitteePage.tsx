import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Breadcrumb, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { useUrlState } from '../../components/url-state';
import { DATE_FORMAT, formatDate, formatNumber, todayIso, trimText } from '../../format';
import {
  canWriteSteering, KIND_OPTIONS, POSITION_OPTIONS, showFieldErrors, steeringPath, useCommittee, type CommitteeDetail, type MeetingDetail, type Member, type MeetingRow, type Position,
} from './api';

const iso = (d: dayjs.Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** One committee: its unit and decision, the members of a chosen day (or the whole history), and its meetings. */
export function CommitteePage() {
  const { id } = useParams<{ id: string }>();
  const [params, set] = useUrlState();
  const at = params.get('at') ?? undefined;
  const history = params.get('lich-su') === '1';
  const committee = useCommittee(id!, at);
  const me = useMe().data!;
  const [modal, setModal] = useState<null | { kind: 'add' } | { kind: 'replace' | 'end'; member: Member } | { kind: 'meeting' } | { kind: 'close' }>(null);
  if (committee.isPending) return <Loading />;
  if (committee.isError) return <ErrorAlert error={committee.error} onRetry={() => committee.refetch()} />;
  const c = committee.data;
  const writer = canWriteSteering(me.role);
  const members = history ? [...c.history].reverse() : c.members;
  const memberColumns: TableColumnsType<Member> = [
    { title: 'Họ và tên', key: 'name', render: (_, m) => <Flex vertical><strong>{m.personName}</strong>{m.replaces && <Typography.Text type="secondary" style={{ fontSize: 12 }}>thay {m.replaces.personName}</Typography.Text>}</Flex> },
    { title: 'Chức vụ trong Ban', key: 'position', render: (_, m) => <Tag color={m.position === 'head' ? 'blue' : m.position.startsWith('standing') ? 'geekblue' : undefined}>{m.positionLabel}</Tag> },
    { title: 'Chức vụ, cơ quan', key: 'agency', render: (_, m) => [m.jobTitle, m.agency].filter(Boolean).join(', ') },
    { title: 'Quyết định', key: 'decision', render: (_, m) => `${m.decisionNumber} (${formatDate(m.decisionDate)})`, responsive: ['lg'] },
    { title: 'Thời gian', key: 'span', render: (_, m) => `${formatDate(m.validFrom)} – ${m.validTo ? formatDate(m.validTo) : 'nay'}` },
    ...(writer ? [{
      title: '', key: 'actions', width: 150, render: (_: unknown, m: Member) => (m.validTo === null || m.validTo === c.validTo) && c.validTo === null ? (
        <Flex gap={4}>
          <Button size="small" onClick={() => setModal({ kind: 'replace', member: m })} data-testid={`replace-${m.id}`}>Thay thế</Button>
          <Button size="small" onClick={() => setModal({ kind: 'end', member: m })}>Thôi</Button>
        </Flex>
      ) : null,
    }] : []),
  ];
  const meetingColumns: TableColumnsType<MeetingRow> = [
    { title: 'Ngày họp', key: 'date', width: 110, render: (_, g) => <Link to={`/ban-chi-dao/cuoc-hop/${g.id}`}>{formatDate(g.heldOn)}</Link> },
    { title: 'Loại', key: 'kind', width: 90, render: (_, g) => <Tag color={g.kind === 'extraordinary' ? 'orange' : undefined}>{g.kindLabel}</Tag> },
    { title: 'Chủ trì', key: 'chair', render: (_, g) => g.chair, responsive: ['md'] },
    { title: 'Nội dung', key: 'agenda', render: (_, g) => <Link to={`/ban-chi-dao/cuoc-hop/${g.id}`} style={{ color: 'inherit' }}>{trimText(g.agenda, 140)}</Link> },
    { title: 'Biên bản', key: 'minutes', render: (_, g) => (g.minutesFile ? <a href={steeringPath(`/meetings/${g.id}/minutes`)} download>{g.minutesFile}</a> : <Typography.Text type="secondary">Chưa có tệp</Typography.Text>) },
    { title: 'Nhiệm vụ giao', key: 'tasks', align: 'right', render: (_, g) => formatNumber(g.tasks) },
  ];
  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/ban-chi-dao">Ban Chỉ đạo</Link> }, { title: c.name }]} />
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0, marginRight: 'auto' }}>{c.name} {c.demo && <Tag>Dữ liệu mẫu</Tag>} {c.validTo && <Tag color="default">Đã kết thúc</Tag>}</Typography.Title>
        {writer && c.validTo === null && <Button onClick={() => setModal({ kind: 'close' })}>Kết thúc hoạt động</Button>}
      </Flex>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { label: 'Đơn vị', children: `${c.unit.name} (${c.unit.code})${c.unit.validTo ? ` — đã kết thúc ngày ${formatDate(c.unit.validTo)}` : ''}` },
          { label: 'Thời gian hoạt động', children: `${formatDate(c.validFrom)} – ${c.validTo ? formatDate(c.validTo) : 'nay'}` },
          { label: 'Quyết định thành lập', children: `${c.decisionNumber} ngày ${formatDate(c.decisionDate)}` },
          { label: 'Kế thừa', children: c.successor ? <span>Ban kế tiếp:{' '}<Link to={`/ban-chi-dao/${c.successor.id}`}>{c.successor.name}</Link>{` (từ ${formatDate(c.successor.validFrom)})`}</span>
            : c.predecessors.length ? <span>Tiếp nối Ban trước:{' '}{c.predecessors.map((p, i) => <span key={p.id}>{i ? ', ' : ''}<Link to={`/ban-chi-dao/${p.id}`}>{p.name}</Link>{` (đến ${formatDate(p.validTo)})`}</span>)}</span> : '—' },
        ]} />
      </Card>

      <Card size="small" title={history ? 'Lịch sử thành viên' : `Thành viên ngày ${formatDate(c.at)}`} extra={
        <Flex gap={8} align="center" wrap>
          {!history && <DatePicker format={DATE_FORMAT} allowClear={false} value={dayjs(c.at)} onChange={(d) => set({ at: d?.format('YYYY-MM-DD') })} aria-label="Thành viên tại ngày" />}
          <Switch checked={history} onChange={(v) => set({ 'lich-su': v ? '1' : undefined })} checkedChildren="Lịch sử" unCheckedChildren="Lịch sử" data-testid="history-toggle" />
          <ExportButton path={steeringPath(`/${c.id}/members`)} disabled={c.history.length === 0} />
          {writer && <Button icon={<PlusOutlined />} onClick={() => setModal({ kind: 'add' })} data-testid="add-member">Thêm thành viên</Button>}
        </Flex>
      }>
        <Table rowKey="id" size="small" columns={memberColumns} dataSource={members} pagination={false}
          locale={{ emptyText: <EmptyState>{history || c.history.length === 0 ? 'Chưa ghi thành viên nào. Thêm theo quyết định thành lập, kiện toàn Ban.' : `Ngày ${formatDate(c.at)} Ban chưa có thành viên nào; bật “Lịch sử” để xem toàn bộ.`}</EmptyState> }} />
      </Card>

      <Card size="small" title="Các cuộc họp" extra={
        <Flex gap={8}>
          <ExportButton path={steeringPath(`/${c.id}/meetings`)} disabled={c.meetings.length === 0} />
          {writer && <Button icon={<PlusOutlined />} onClick={() => setModal({ kind: 'meeting' })} data-testid="add-meeting">Ghi cuộc họp</Button>}
        </Flex>
      }>
        <Table rowKey="id" size="small" columns={meetingColumns} dataSource={c.meetings} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState>Chưa ghi cuộc họp nào. {writer ? 'Bấm “Ghi cuộc họp” sau mỗi phiên họp để lưu biên bản, kết luận và giao nhiệm vụ.' : ''}</EmptyState> }} />
      </Card>

      {modal?.kind === 'add' && <MemberModal committee={c} onClose={() => setModal(null)} />}
      {modal?.kind === 'replace' && <MemberModal committee={c} replacing={modal.member} onClose={() => setModal(null)} />}
      {modal?.kind === 'end' && <EndMember committee={c} member={modal.member} onClose={() => setModal(null)} />}
      {modal?.kind === 'meeting' && <MeetingModal committeeId={c.id} onClose={() => setModal(null)} />}
      {modal?.kind === 'close' && <CloseCommittee committee={c} onClose={() => setModal(null)} />}
    </Flex>
  );
}

function useSaved(committeeId: string, onClose: () => void, text: string) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  return (detail?: CommitteeDetail) => {
    if (detail) qc.setQueryData(['steering-committee', committeeId, null], detail);
    qc.invalidateQueries({ queryKey: ['steering-committee', committeeId] });
    qc.invalidateQueries({ queryKey: ['steering-committees'] });
    message.success(text);
    onClose();
  };
}

interface MemberForm { personName: string; position: Position; agency: string; jobTitle?: string; decisionNumber: string; decisionDate: dayjs.Dayjs; validFrom: dayjs.Dayjs; validTo?: dayjs.Dayjs | null }

function MemberModal({ committee, replacing, onClose }: { committee: CommitteeDetail; replacing?: Member; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<MemberForm>();
  const saved = useSaved(committee.id, onClose, replacing ? 'Đã thay thế thành viên' : 'Đã thêm thành viên');
  const save = useMutation({
    mutationFn: (v: MemberForm) => api<CommitteeDetail>(replacing ? steeringPath(`/members/${replacing.id}/replace`) : steeringPath(`/${committee.id}/members`), {
      method: 'POST',
      body: {
        personName: v.personName, position: v.position, agency: v.agency, jobTitle: v.jobTitle || null, decisionNumber: v.decisionNumber,
        decisionDate: iso(v.decisionDate), validFrom: iso(v.validFrom), ...(replacing ? { version: replacing.version } : { validTo: iso(v.validTo) }),
      },
    }),
    onSuccess: () => saved(),
    onError: (e) => { showFieldErrors(form, e); message.error(errorMessage(e)); },
  });
  return (
    <Modal open title={replacing ? `Thay thế ${replacing.personName} (${replacing.positionLabel})` : 'Thêm thành viên'} okText="Lưu" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      {replacing && <Typography.Paragraph type="secondary">Người cũ thôi giữ chức vụ ngày trước ngày người mới bắt đầu; lịch sử được giữ lại.</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ position: replacing?.position ?? 'member', agency: replacing?.agency, validFrom: dayjs(), decisionDate: dayjs() }}>
        <Form.Item name="personName" label="Họ và tên" rules={[{ required: true, message: 'Nhập họ tên' }]}><Input /></Form.Item>
        <Flex gap={12}>
          <Form.Item name="position" label="Chức vụ trong Ban" rules={[{ required: true }]} style={{ flex: 1 }}><Select options={POSITION_OPTIONS} data-testid="member-position" /></Form.Item>
          <Form.Item name="jobTitle" label="Chức vụ tại cơ quan" style={{ flex: 1 }}><Input placeholder="Phó Chủ tịch, Giám đốc…" /></Form.Item>
        </Flex>
        <Form.Item name="agency" label="Cơ quan, đơn vị" rules={[{ required: true, message: 'Nhập cơ quan' }]}><Input /></Form.Item>
        <Flex gap={12}>
          <Form.Item name="decisionNumber" label="Quyết định phân công" rules={[{ required: true, message: 'Nhập số quyết định' }]} style={{ flex: 1 }}><Input placeholder="123/QĐ-UBND" /></Form.Item>
          <Form.Item name="decisionDate" label="Ngày quyết định" rules={[{ required: true }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="validFrom" label="Từ ngày" rules={[{ required: true }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
          {!replacing && <Form.Item name="validTo" label="Đến ngày (nếu đã thôi)"><DatePicker format={DATE_FORMAT} /></Form.Item>}
        </Flex>
      </Form>
    </Modal>
  );
}

function EndMember({ committee, member, onClose }: { committee: CommitteeDetail; member: Member; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ validTo: dayjs.Dayjs; endDecision?: string }>();
  const saved = useSaved(committee.id, onClose, `${member.personName} đã thôi giữ chức vụ`);
  const save = useMutation({
    mutationFn: (v: { validTo: dayjs.Dayjs; endDecision?: string }) => api<CommitteeDetail>(steeringPath(`/members/${member.id}/end`), { method: 'POST', body: { validTo: iso(v.validTo), endDecision: v.endDecision || null, version: member.version } }),
    onSuccess: () => saved(),
    onError: (e) => { showFieldErrors(form, e); message.error(errorMessage(e)); },
  });
  return (
    <Modal open title={`${member.personName} thôi giữ chức vụ`} okText="Lưu" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ validTo: dayjs() }}>
        <Form.Item name="validTo" label="Ngày cuối giữ chức vụ" rules={[{ required: true }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
        <Form.Item name="endDecision" label="Quyết định (nếu có)"><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

function CloseCommittee({ committee, onClose }: { committee: CommitteeDetail; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ validTo: dayjs.Dayjs }>();
  const saved = useSaved(committee.id, onClose, 'Đã kết thúc hoạt động của Ban');
  const save = useMutation({
    mutationFn: (v: { validTo: dayjs.Dayjs }) => api<CommitteeDetail>(steeringPath(`/${committee.id}`), { method: 'PATCH', body: { validTo: iso(v.validTo), version: committee.version } }),
    onSuccess: () => saved(),
    onError: (e) => { showFieldErrors(form, e); message.error(errorMessage(e)); },
  });
  return (
    <Modal open title="Kết thúc hoạt động của Ban Chỉ đạo" okText="Kết thúc" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Typography.Paragraph type="secondary">Các thành viên đang giữ chức vụ thôi cùng ngày. Ban kế tiếp (ví dụ Ban của xã, phường sau sắp xếp) được nối khi thành lập Ban đó.</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ validTo: dayjs(committee.unit.validTo ?? todayIso()) }}>
        <Form.Item name="validTo" label="Ngày cuối hoạt động" rules={[{ required: true }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
      </Form>
    </Modal>
  );
}

interface MeetingForm { heldOn: dayjs.Dayjs; kind: string; chair: string; attendeeCount?: number | null; attendees?: string; agenda: string; minutes?: string; conclusions?: string }

export function MeetingModal({ committeeId, meeting, onClose }: { committeeId: string; meeting?: MeetingDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<MeetingForm>();
  const save = useMutation({
    mutationFn: (v: MeetingForm) => api<MeetingDetail>(meeting ? steeringPath(`/meetings/${meeting.id}`) : steeringPath(`/${committeeId}/meetings`), {
      method: meeting ? 'PATCH' : 'POST',
      body: {
        heldOn: iso(v.heldOn), kind: v.kind, chair: v.chair, attendeeCount: v.attendeeCount ?? null, attendees: v.attendees || null, agenda: v.agenda,
        minutes: v.minutes || null, conclusions: v.conclusions || null, ...(meeting ? { version: meeting.version } : {}),
      },
    }),
    onSuccess: (g) => {
      qc.setQueryData(['steering-meeting', g.id], g);
      qc.invalidateQueries({ queryKey: ['steering-committee', committeeId] });
      message.success(meeting ? 'Đã lưu cuộc họp' : 'Đã ghi cuộc họp');
      onClose();
      if (!meeting) navigate(`/ban-chi-dao/cuoc-hop/${g.id}`);
    },
    onError: (e) => { showFieldErrors(form, e); message.error(errorMessage(e)); },
  });
  const initial = meeting
    ? { ...meeting, heldOn: dayjs(meeting.heldOn), attendees: meeting.attendees ?? undefined, minutes: meeting.minutes ?? undefined, conclusions: meeting.conclusions ?? undefined }
    : { heldOn: dayjs(), kind: 'regular' };
  return (
    <Modal open width={720} title={meeting ? 'Sửa cuộc họp' : 'Ghi cuộc họp đã diễn ra'} okText="Lưu" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={initial}>
        <Flex gap={12} wrap>
          <Form.Item name="heldOn" label="Ngày họp" rules={[{ required: true }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
          <Form.Item name="kind" label="Loại" rules={[{ required: true }]}><Select style={{ width: 140 }} options={KIND_OPTIONS} /></Form.Item>
          <Form.Item name="chair" label="Người chủ trì" rules={[{ required: true, message: 'Nhập người chủ trì' }]} style={{ flex: 1, minWidth: 200 }}><Input /></Form.Item>
          <Form.Item name="attendeeCount" label="Số người dự"><InputNumber min={0} max={1000} /></Form.Item>
        </Flex>
        <Form.Item name="attendees" label="Thành phần dự họp"><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="agenda" label="Nội dung họp" rules={[{ required: true, message: 'Nhập nội dung' }]}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="minutes" label="Biên bản (tóm tắt diễn biến)"><Input.TextArea rows={4} /></Form.Item>
        <Form.Item name="conclusions" label="Kết luận"><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
