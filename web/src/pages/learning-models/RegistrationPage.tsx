import { DownloadOutlined, LinkOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, Modal, Row, Select, Space, Tag, Timeline, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, ApiError, errorMessage } from '../../api/client';
import { ErrorAlert, Loading } from '../../components/feedback';
import { DATE_FORMAT, formatBytes, formatDate, formatDateTime, formatNumber } from '../../format';
import { fieldErrors, liveTotal, ScoresForm, type Scores } from '../public-models/ScoresForm';
import { CHANNEL_LABELS, LEVEL_LABELS, lkeys, statusColor, useMembers, useRegistration, type Action, type Paged, type RegistrationDetail, type Subject } from './api';

const ACTION_LABELS: Record<string, string> = {
  register: 'Đăng ký', self_assess: 'Tự đánh giá', review: 'Thẩm định', evidence: 'Thêm minh chứng', submit: 'Nộp hồ sơ', propose: 'Đề nghị công nhận',
  recognise: 'Công nhận', return: 'Trả lại', reject: 'Không công nhận', revoke: 'Thu hồi công nhận',
};

/** One registration: the dossier (scores, evidence), its history, and the actions the actor may take now. */
export function RegistrationPage() {
  const { id = '' } = useParams();
  const q = useRegistration(id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const r = q.data;
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="registration-title">{r.subject.name}</Typography.Title>
        <Tag color={statusColor(r.status)} data-testid="registration-status">{r.statusLabel}</Tag>
        {r.channel !== 'officer' && <Tag>{CHANNEL_LABELS[r.channel]}</Tag>}
      </Flex>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label="Mô hình">{r.modelLabel} năm {r.year}</Descriptions.Item>
        <Descriptions.Item label="Đơn vị">{r.unit.name}</Descriptions.Item>
        <Descriptions.Item label="Năm sinh">{r.subject.birthYear ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="Xét duyệt">
          {r.route ? `${r.route.proposer ? `${LEVEL_LABELS[r.route.proposer]} đề nghị, ` : ''}${LEVEL_LABELS[r.route.recogniser]} công nhận` : 'Không có cấp có thẩm quyền'}
          {r.route?.verified === 'I' && <Tag color="orange" style={{ marginLeft: 6 }}>Suy luận</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="Hạn nộp hồ sơ">{r.calendar.dossierDue ? formatDate(r.calendar.dossierDue) : '—'}{r.calendar.dossierLate && <Tag color="red" style={{ marginLeft: 6 }}>Quá hạn</Tag>}</Descriptions.Item>
        <Descriptions.Item label="Hạn quyết định">{r.calendar.decisionDue ? formatDate(r.calendar.decisionDue) : '—'}</Descriptions.Item>
      </Descriptions>
      {r.comment && (r.status === 'returned' || r.status === 'rejected') && <Alert type="warning" showIcon title={`Lý do: ${r.comment}`} />}
      {r.revocation && <Revoked r={r} />}
      {r.recognition && !r.revocation && <Recognised r={r} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <ScoresCard r={r} />
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <ActionsCard r={r} />
            <EvidenceCard r={r} />
            {(r.subject.kind === 'family' || r.subject.kind === 'clan') && <MembersCard subjectId={r.subject.id} kind={r.subject.kind} />}
            <Card size="small" title="Lịch sử">
              <Timeline items={r.events.map((e) => ({
                children: (
                  <>
                    <Typography.Text strong>{ACTION_LABELS[e.action] ?? e.action}</Typography.Text>{e.onBehalf && <Tag style={{ marginLeft: 6 }}>nhập hộ</Tag>}
                    <div style={{ fontSize: 12, color: '#666' }}>{formatDateTime(e.at)} — {e.actor}</div>
                    {e.comment && <div style={{ fontSize: 13 }}>{e.comment}</div>}
                  </>
                ),
              }))} />
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

function Recognised({ r }: { r: RegistrationDetail }) {
  const d = r.recognition!.decision;
  return (
    <Alert type="success" showIcon data-testid="recognised"
      title={`Đã công nhận theo Quyết định số ${d.number} ngày ${formatDate(d.decidedOn)} của ${d.issuer}${d.validUntil ? `, có giá trị đến ${formatDate(d.validUntil)}` : ''}`}
      description={r.recognition!.certificateCode && (
        <Space wrap>
          <span>Mã xác minh: <Typography.Text strong copyable data-testid="certificate-code">{r.recognition!.certificateCode}</Typography.Text></span>
          <Button icon={<DownloadOutlined />} href={`/api/v1/model-registrations/${r.id}/certificate`}>Tải giấy chứng nhận (DOCX)</Button>
          <a href={`/xac-minh/${r.recognition!.certificateCode}`} target="_blank" rel="noreferrer">Trang xác minh công khai</a>
        </Space>
      )}
    />
  );
}

/** A withdrawn title: the revoking decision and its reason, as the public verification page shows them. */
function Revoked({ r }: { r: RegistrationDetail }) {
  const v = r.revocation!;
  const g = r.recognition?.decision;
  return (
    <Alert type="error" showIcon data-testid="revoked"
      title={`Đã thu hồi công nhận theo Quyết định số ${v.decision.number} ngày ${formatDate(v.decision.decidedOn)} của ${v.decision.issuer}`}
      description={
        <>
          <div>Lý do: {v.reason}</div>
          {g && <div style={{ fontSize: 12, color: '#666' }}>Công nhận trước đó: Quyết định số {g.number} ngày {formatDate(g.decidedOn)}; giấy chứng nhận mã {r.recognition!.certificateCode} không còn hiệu lực.</div>}
        </>
      }
    />
  );
}

/** Self-assessment while the registrant holds the dossier; review scores while a reviewer does. */
function ScoresCard({ r }: { r: RegistrationDetail }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const reviewing = r.actions.some((a) => a === 'propose' || a === 'recognise');
  const role = reviewing ? 'review' : 'self';
  const editable = reviewing || r.actions.includes('submit');
  const start = (reviewing ? r.review ?? r.self : r.self);
  const [scores, setScores] = useState<Scores>(start?.scores ?? {});
  const [targetGroup, setTargetGroup] = useState<string | undefined>(start?.targetGroup ?? undefined);
  const save = useMutation({
    mutationFn: () => api(`/api/v1/model-registrations/${r.id}/${role === 'self' ? 'self-assessment' : 'review'}`, { method: 'PUT', body: { scores, ...(targetGroup ? { targetGroup } : {}), version: r.version } }),
    onSuccess: () => { message.success('Đã lưu điểm'); qc.invalidateQueries({ queryKey: lkeys.one(r.id) }); },
  });
  if (!r.criteriaSet) return <Card size="small" title="Điểm"><Alert type="warning" showIcon title="Chưa có bộ tiêu chí áp dụng cho năm này" /></Card>;
  const d = r.criteriaSet.definition;
  const live = liveTotal(d, scores, targetGroup);
  const shown = (a: RegistrationDetail['self'], label: string) => a && (
    <Typography.Paragraph style={{ marginBottom: 4 }}>
      {label}: <Typography.Text strong>{a.total}/{a.maxTotal}</Typography.Text> — {a.passed ? <Tag color="green">Đạt</Tag> : <Tag color="red">Chưa đạt</Tag>}
      {a.level && <Tag>{a.level}</Tag>} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.reasons.map((x) => x.message).join('; ')}</Typography.Text>
    </Typography.Paragraph>
  );
  return (
    <Card size="small" title={`${reviewing ? 'Điểm thẩm định' : 'Tự đánh giá'} — ${r.criteriaSet.name} (phiên bản ${r.criteriaSet.version})`}>
      {shown(r.self, 'Tự đánh giá')}
      {shown(r.review, 'Thẩm định')}
      <ScoresForm definition={d} scores={scores} onChange={setScores} targetGroup={targetGroup} onTargetGroup={setTargetGroup} disabled={!editable}
        errors={save.error instanceof ApiError ? fieldErrors(save.error.errors) : {}} />
      {save.error && <div style={{ marginTop: 12 }}><ErrorAlert error={save.error} /></div>}
      {editable && (
        <Flex align="center" gap={12} style={{ marginTop: 12 }}>
          <Typography.Text strong>Tổng: {live.total}/{live.max}</Typography.Text>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} data-testid="save-scores">Lưu điểm</Button>
        </Flex>
      )}
    </Card>
  );
}

function ActionsCard({ r }: { r: RegistrationDetail }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [reasonFor, setReasonFor] = useState<Action | null>(null);
  const [deciding, setDeciding] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const act = useMutation({
    mutationFn: (v: { action: Action; comment?: string }) => api(`/api/v1/model-registrations/${r.id}/actions`, { method: 'POST', body: { ...v, version: r.version } }),
    onSuccess: () => { setReasonFor(null); qc.invalidateQueries({ queryKey: ['model-registrations'] }); },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!r.actions.length) return null;
  return (
    <Card size="small" title="Thao tác">
      <Space wrap>
        {r.actions.includes('submit') && <Button type="primary" onClick={() => act.mutate({ action: 'submit' })} loading={act.isPending} data-testid="action-submit">Nộp hồ sơ</Button>}
        {r.actions.includes('propose') && <Button type="primary" onClick={() => act.mutate({ action: 'propose' })} loading={act.isPending} data-testid="action-propose">Đề nghị công nhận</Button>}
        {r.actions.includes('recognise') && <Button type="primary" onClick={() => setDeciding(true)} data-testid="action-recognise">Công nhận…</Button>}
        {r.actions.includes('return') && <Button onClick={() => setReasonFor('return')}>Trả lại…</Button>}
        {r.actions.includes('reject') && <Button danger onClick={() => setReasonFor('reject')}>Không công nhận…</Button>}
        {r.actions.includes('revoke') && <Button danger onClick={() => setRevoking(true)} data-testid="action-revoke">Thu hồi công nhận…</Button>}
      </Space>
      {reasonFor && <ReasonModal title={reasonFor === 'return' ? 'Trả lại hồ sơ' : 'Không công nhận'} loading={act.isPending} onCancel={() => setReasonFor(null)} onOk={(comment) => act.mutate({ action: reasonFor, comment })} />}
      {deciding && <DecisionModal r={r} onClose={() => setDeciding(false)} />}
      {revoking && <RevokeModal r={r} onClose={() => setRevoking(false)} />}
    </Card>
  );
}

function ReasonModal({ title, loading, onCancel, onOk }: { title: string; loading: boolean; onCancel: () => void; onOk: (comment: string) => void }) {
  const [text, setText] = useState('');
  return (
    <Modal open title={title} onCancel={onCancel} onOk={() => onOk(text.trim())} okButtonProps={{ disabled: !text.trim() }} confirmLoading={loading} okText="Xác nhận">
      <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder="Lý do (bắt buộc)" />
    </Modal>
  );
}

interface DecisionForm { number: string; decidedOn: dayjs.Dayjs; signer: string; signerTitle?: string; validUntil?: dayjs.Dayjs }

/** The recognition decision: number, date, signer and validity; the certificate is issued with it. */
function DecisionModal({ r, onClose }: { r: RegistrationDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<DecisionForm>();
  const save = useMutation({
    mutationFn: (v: DecisionForm) => api(`/api/v1/model-registrations/${r.id}/recognition`, {
      method: 'POST',
      body: {
        decision: { number: v.number, decidedOn: v.decidedOn.format('YYYY-MM-DD'), signer: v.signer, ...(v.signerTitle ? { signerTitle: v.signerTitle } : {}), ...(v.validUntil ? { validUntil: v.validUntil.format('YYYY-MM-DD') } : {}) },
        version: r.version,
      },
    }),
    onSuccess: () => { qc.invalidateQueries({ queryKey: ['model-registrations'] }); onClose(); },
  });
  const errors = save.error instanceof ApiError ? fieldErrors(save.error.errors) : {};
  return (
    <Modal open title="Quyết định công nhận" okText="Công nhận và cấp giấy chứng nhận" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      {save.error && <ErrorAlert error={save.error} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ decidedOn: dayjs() }}>
        <Form.Item name="number" label="Số quyết định" rules={[{ required: true, message: 'Cần số quyết định' }]} validateStatus={errors['decision.number'] ? 'error' : undefined} help={errors['decision.number']}>
          <Input placeholder="125/QĐ-UBND" data-testid="decision-number" />
        </Form.Item>
        <Form.Item name="decidedOn" label="Ngày quyết định" rules={[{ required: true }]} validateStatus={errors['decision.decidedOn'] ? 'error' : undefined} help={errors['decision.decidedOn']}>
          <DatePicker format={DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="signerTitle" label="Chức vụ người ký"><Input placeholder="Chủ tịch Ủy ban nhân dân" /></Form.Item>
        <Form.Item name="signer" label="Người ký" rules={[{ required: true, min: 2, message: 'Cần người ký' }]}><Input data-testid="decision-signer" /></Form.Item>
        <Form.Item name="validUntil" label="Có giá trị đến (nếu có)"><DatePicker format={DATE_FORMAT} /></Form.Item>
      </Form>
    </Modal>
  );
}

interface RevokeForm { number: string; decidedOn: dayjs.Dayjs; reason: string }

/** Withdrawal of the title by the level that granted it: the revoking decision and a reason that anyone verifying the certificate will read. */
function RevokeModal({ r, onClose }: { r: RegistrationDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<RevokeForm>();
  const save = useMutation({
    mutationFn: (v: RevokeForm) => api(`/api/v1/model-registrations/${r.id}/revocation`, {
      method: 'POST', body: { decision: { number: v.number, decidedOn: v.decidedOn.format('YYYY-MM-DD') }, reason: v.reason, version: r.version },
    }),
    onSuccess: () => { qc.invalidateQueries({ queryKey: ['model-registrations'] }); onClose(); },
  });
  const errors = save.error instanceof ApiError ? fieldErrors(save.error.errors) : {};
  return (
    <Modal open title="Thu hồi công nhận" okText="Thu hồi" okButtonProps={{ danger: true, ...({ 'data-testid': 'revoke-confirm' } as Record<string, string>) }} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Typography.Paragraph type="secondary">
        Giấy chứng nhận mã {r.recognition?.certificateCode} sẽ hết hiệu lực; trang xác minh công khai hiện “Đã thu hồi” cùng ngày và lý do dưới đây.
        Hồ sơ không còn được tính vào số liệu công nhận.
      </Typography.Paragraph>
      {save.error && <ErrorAlert error={save.error} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ decidedOn: dayjs() }}>
        <Form.Item name="number" label="Số quyết định thu hồi" rules={[{ required: true, message: 'Cần số quyết định thu hồi' }]} validateStatus={errors['decision.number'] ? 'error' : undefined} help={errors['decision.number']}>
          <Input placeholder="130/QĐ-UBND" data-testid="revoke-number" />
        </Form.Item>
        <Form.Item name="decidedOn" label="Ngày quyết định" rules={[{ required: true }]} validateStatus={errors['decision.decidedOn'] ? 'error' : undefined} help={errors['decision.decidedOn']}>
          <DatePicker format={DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="reason" label="Lý do (hiện công khai)" rules={[{ required: true, min: 5, message: 'Ghi rõ lý do thu hồi (tối thiểu 5 ký tự)' }]} validateStatus={errors.reason ? 'error' : undefined} help={errors.reason}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="revoke-reason" placeholder="Ví dụ: Hồ sơ kê khai không đúng sự thật" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EvidenceCard({ r }: { r: RegistrationDetail }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [url, setUrl] = useState('');
  const editable = r.actions.includes('submit');
  const refresh = () => qc.invalidateQueries({ queryKey: lkeys.one(r.id) });
  const link = useMutation({
    mutationFn: () => api(`/api/v1/model-registrations/${r.id}/evidence-links`, { method: 'POST', body: { url } }),
    onSuccess: () => { setUrl(''); refresh(); }, onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card size="small" title="Minh chứng">
      <Flex vertical gap={6}>
        {r.evidence.length === 0 && <Typography.Text type="secondary">Chưa có minh chứng</Typography.Text>}
        {r.evidence.map((e) => (
          <div key={e.id}>
            {e.url ? <a href={e.url} target="_blank" rel="noreferrer noopener"><LinkOutlined /> {e.note ?? e.url}</a>
              : <a href={`/api/v1/model-evidence/${e.id}`}><DownloadOutlined /> {e.fileName}</a>}
            {e.sizeBytes !== null && <Typography.Text type="secondary"> ({formatBytes(e.sizeBytes)})</Typography.Text>}
          </div>
        ))}
        {editable && (
          <>
            <Upload
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx" showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                const body = new FormData();
                body.append('file', file as Blob);
                api(`/api/v1/model-registrations/${r.id}/evidence`, { method: 'POST', body })
                  .then((x) => { onSuccess?.(x); refresh(); })
                  .catch((e) => { message.error(errorMessage(e)); onError?.(e); });
              }}
            >
              <Button icon={<UploadOutlined />}>Tải tệp (PDF, ảnh, Word, Excel)</Button>
            </Upload>
            <Space.Compact style={{ width: '100%' }}>
              <Input placeholder="https://…" value={url} onChange={(e) => setUrl(e.target.value)} />
              <Button onClick={() => link.mutate()} disabled={!url} loading={link.isPending}>Thêm liên kết</Button>
            </Space.Compact>
          </>
        )}
      </Flex>
    </Card>
  );
}

/**
 * The members of a family (its citizens) or of a clan (its households, possibly in several communes): listed, added
 * by name search within the scope, removed. Members outside the officer's scope are counted, not named.
 */
function MembersCard({ subjectId, kind }: { subjectId: string; kind: 'family' | 'clan' }) {
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const members = useMembers(subjectId, true);
  const [search, setSearch] = useState('');
  const memberKind = kind === 'family' ? 'citizen' : 'family';
  const found = useQuery({
    queryKey: ['learning-subjects', 'search', memberKind, search], enabled: search.trim().length >= 2,
    queryFn: () => api<Paged<Subject>>('/api/v1/learning-subjects', { query: { kind: memberKind, q: search.trim(), pageSize: '20' } }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['learning-subjects'] });
  const add = useMutation({
    mutationFn: (memberId: string) => api(`/api/v1/learning-subjects/${subjectId}/members`, { method: 'POST', body: { memberId } }),
    onSuccess: () => { setSearch(''); refresh(); }, onError: (e) => message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (memberId: string) => api(`/api/v1/learning-subjects/${subjectId}/members/${memberId}`, { method: 'DELETE' }),
    onSuccess: refresh, onError: (e) => message.error(errorMessage(e)),
  });
  const noun = kind === 'family' ? 'thành viên' : 'hộ thành viên';
  return (
    <Card size="small" title={kind === 'family' ? 'Thành viên gia đình' : 'Các hộ trong dòng họ'} data-testid="members-card">
      {members.isError && <ErrorAlert error={members.error} onRetry={() => members.refetch()} />}
      <Flex vertical gap={6}>
        {members.data?.items.length === 0 && !members.data.outsideScope && (
          <Typography.Text type="secondary">Chưa có {noun} nào. Tìm theo tên để thêm{kind === 'clan' ? ' (các hộ có thể ở nhiều xã, phường)' : ''}.</Typography.Text>
        )}
        {members.data?.items.map((m) => (
          <Flex key={m.id} justify="space-between" align="center" gap={8} data-testid={`member-row-${m.id}`}>
            <span>{m.name}{m.birthYear ? ` (${m.birthYear})` : ''} <Typography.Text type="secondary" style={{ fontSize: 12 }}>— {m.unit.name}</Typography.Text></span>
            <Button size="small" type="link" danger loading={remove.isPending && remove.variables === m.id}
              onClick={() => modal.confirm({ title: `Bỏ ${m.name} khỏi danh sách?`, okText: 'Bỏ', cancelText: 'Thôi', onOk: () => remove.mutateAsync(m.id) })}>Bỏ</Button>
          </Flex>
        ))}
        {!!members.data?.outsideScope && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>và {formatNumber(members.data.outsideScope)} {noun} ở đơn vị ngoài phạm vi của bạn</Typography.Text>
        )}
        <Select
          showSearch={{ filterOption: false, onSearch: setSearch }} value={null} placeholder={kind === 'family' ? 'Thêm công dân: gõ tên…' : 'Thêm hộ: gõ tên chủ hộ…'}
          loading={found.isFetching} onChange={(id: string) => add.mutate(id)} data-testid="member-search" style={{ width: '100%' }}
          notFoundContent={search.trim().length >= 2 ? `Không tìm thấy ${kind === 'family' ? 'công dân' : 'gia đình'} nào trong phạm vi` : 'Gõ ít nhất 2 ký tự'}
          options={(found.data?.items ?? []).filter((x) => x.memberOf?.id !== subjectId).map((x) => ({
            value: x.id, label: `${x.name}${x.birthYear ? ` (${x.birthYear})` : ''} — ${x.unit.name}${x.memberOf ? ` · đang thuộc ${x.memberOf.name}` : ''}`,
          }))}
        />
      </Flex>
    </Card>
  );
}
