import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, type ButtonProps, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useOrgUnits } from '../../api/queries';
import type { Role } from '../../api/types';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { DATE_FORMAT, formatDate } from '../../format';
import { FORM_LABELS, FORMS } from '../../../../src/modules/commendations/forms';

type Recipient = { kind: 'person'; name: string; title: string | null } | { kind: 'collective'; unit: { id: string; name: string } };
interface Decision {
  id: string; number: string; decidedOn: string; form: string; formLabel: string; reason: string; issuer: { id: string; name: string };
  subject: { kind: string; kindLabel: string; id: string } | null; version: number; editable: boolean;
  recipients: Recipient[];
}
interface LocalEvent { id: string; kind: 'national' | 'local'; title: string; startsOn: string }
const canWrite = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'unit_officer';
const thisYear = new Date().getFullYear();
const SUBJECT_OPTIONS = [
  { value: 'none', label: 'Không gắn' }, { value: 'task', label: 'Nhiệm vụ của kế hoạch' },
  { value: 'model_registration', label: 'Hồ sơ mô hình học tập' }, { value: 'event', label: 'Sự kiện, phong trào của địa phương' },
];

/** Commendation decisions of a year: who was commended (people and collectives), by whom, in what form, for what. */
export function CommendationsPage() {
  const me = useMe().data;
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<Decision | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Decision | null>(null);
  const list = useQuery({ queryKey: ['commendations', year], queryFn: () => api<Decision[]>('/api/v1/commendations', { query: { year } }) });
  const writer = me && canWrite(me.role);
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Khen thưởng</Typography.Title>
        <Flex gap={8}>
          <Select style={{ width: 100 }} value={year} onChange={setYear} options={Array.from({ length: 8 }, (_, i) => ({ value: thisYear + 1 - i, label: thisYear + 1 - i }))} aria-label="Năm" />
          <ExportButton path="/api/v1/commendations" query={{ year }} disabled={!list.data?.length} />
          {writer && <Button type="primary" onClick={() => setEditing('new')} data-testid="commendation-add">Ghi quyết định khen thưởng</Button>}
        </Flex>
      </Flex>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Decision> rowKey="id" dataSource={list.data} loading={list.isLoading} size="middle" pagination={false} data-testid="commendation-table"
        locale={{ emptyText: <EmptyState>Chưa có quyết định khen thưởng nào năm {year}.</EmptyState> }}
        columns={[
          { title: 'Số, ngày', key: 'n', width: 160, render: (_, d) => <><div>{d.number}</div><Typography.Text type="secondary">{formatDate(d.decidedOn)}</Typography.Text></> },
          { title: 'Cơ quan ban hành', key: 'i', width: 200, render: (_, d) => d.issuer.name },
          { title: 'Hình thức', dataIndex: 'formLabel', width: 150 },
          {
            title: 'Cá nhân, tập thể', key: 'r',
            render: (_, d) => d.recipients.map((r, i) => <div key={i}>{r.kind === 'person' ? <>{r.name}{r.title ? <Typography.Text type="secondary">, {r.title}</Typography.Text> : null}</> : <Tag color="geekblue">Tập thể: {r.unit.name}</Tag>}</div>),
          },
          { title: 'Thành tích', key: 'why', render: (_, d) => <>{d.reason}{d.subject && <div><Tag color="blue">{d.subject.kindLabel} #{d.subject.id}</Tag></div>}</> },
          ...(writer ? [{
            title: '', key: 'act', width: 130,
            render: (_: unknown, d: Decision) => d.editable && (
              <Space size={4}>
                <Button size="small" onClick={() => setEditing(d)} data-testid={`commendation-edit-${d.number}`}>Sửa</Button>
                <Button size="small" danger onClick={() => setDeleting(d)}>Xóa</Button>
              </Space>
            ),
          }] : []),
        ]} />
      {editing && <DecisionForm editing={editing === 'new' ? null : editing} year={year} onClose={() => setEditing(null)} />}
      {deleting && <DeleteDecision decision={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

interface RecipientValues { kind: 'person' | 'collective'; personName?: string; title?: string; unitId?: string }
interface DecisionValues {
  number: string; decidedOn: Dayjs; issuerUnitId: string; form: string; reason?: string; subjectKind: string; subjectId?: string | number;
  recipients: RecipientValues[];
}

/** A collective (an organisational unit): search by name, accents optional; the units of the user's scope first. */
function CollectiveSelect({ value, onChange, initial }: { value?: string; onChange?: (v: string) => void; initial?: { id: string; name: string } }) {
  const me = useMe().data;
  const [search, setSearch] = useState('');
  const found = useOrgUnits({ q: search.trim() || undefined });
  const options = useMemo(() => {
    const m = new Map<string, string>();
    if (initial) m.set(initial.id, initial.name);
    if (search.trim()) for (const u of found.data ?? []) m.set(u.id, `${u.name} (${u.code})`);
    else for (const u of me?.scope ?? []) m.set(u.id, u.name);
    return [...m].map(([id, name]) => ({ value: id, label: name }));
  }, [found.data, me, search, initial]);
  return (
    <Select showSearch={{ filterOption: false, onSearch: setSearch }} value={value} onChange={onChange} options={options} placeholder="Tìm đơn vị, tập thể…"
      style={{ width: 360 }} notFoundContent={found.isFetching ? 'Đang tìm…' : 'Gõ tên đơn vị để tìm'} data-testid="commendation-unit" />
  );
}

function toBody(v: DecisionValues) {
  return {
    number: v.number, decidedOn: v.decidedOn.format('YYYY-MM-DD'), issuerUnitId: v.issuerUnitId, form: v.form, reason: v.reason ?? '',
    subject: v.subjectKind !== 'none' && v.subjectId ? { kind: v.subjectKind, id: String(v.subjectId) } : null,
    recipients: v.recipients.map((r) => (r.kind === 'collective' ? { unitId: r.unitId } : { personName: r.personName, title: r.title || undefined })),
  };
}

/** Records a decision, or corrects one against the version it was read at. */
function DecisionForm({ editing, year, onClose }: { editing: Decision | null; year: number; onClose: () => void }) {
  const me = useMe().data;
  const qc = useQueryClient();
  const [form] = Form.useForm<DecisionValues>();
  const subjectKind = Form.useWatch('subjectKind', form);
  const decidedOn = Form.useWatch('decidedOn', form);
  const eventYear = decidedOn?.year() ?? year;
  const events = useQuery({ queryKey: ['events', eventYear], queryFn: () => api<LocalEvent[]>('/api/v1/events', { query: { year: eventYear } }), enabled: subjectKind === 'event' });
  const save = useMutation({
    mutationFn: (v: DecisionValues) => (editing
      ? api(`/api/v1/commendations/${editing.id}`, { method: 'PUT', body: { ...toBody(v), version: editing.version } })
      : api('/api/v1/commendations', { method: 'POST', body: toBody(v) })),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['commendations'] }); onClose(); },
  });
  const initial: Partial<DecisionValues> = editing
    ? {
      number: editing.number, decidedOn: dayjs(editing.decidedOn), issuerUnitId: editing.issuer.id, form: editing.form, reason: editing.reason,
      subjectKind: editing.subject?.kind ?? 'none', subjectId: editing.subject?.id,
      recipients: editing.recipients.map((r) => (r.kind === 'person' ? { kind: 'person', personName: r.name, title: r.title ?? undefined } : { kind: 'collective', unitId: r.unit.id })),
    }
    : { form: 'merit_certificate', issuerUnitId: me?.scope[0]?.id, subjectKind: 'none', recipients: [{ kind: 'person' }] };
  const unitNames = new Map(editing?.recipients.flatMap((r) => (r.kind === 'collective' ? [[r.unit.id, r.unit]] as const : [])) ?? []);
  const issuers = new Map((me?.scope ?? []).map((u) => [u.id, u.name]));
  if (editing) issuers.set(editing.issuer.id, editing.issuer.name);
  return (
    <Modal open title={editing ? `Sửa quyết định ${editing.number}` : 'Ghi quyết định khen thưởng'} onCancel={onClose} onOk={() => form.submit()} okText="Lưu" cancelText="Thôi"
      confirmLoading={save.isPending} width={760} okButtonProps={{ 'data-testid': 'commendation-ok' } as ButtonProps}>
      {save.error && <ErrorAlert error={save.error} />}
      <Form<DecisionValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={initial}>
        <Flex gap={12}>
          <Form.Item name="number" label="Số quyết định" rules={[{ required: true, message: 'Hãy nhập số quyết định' }]} style={{ flex: 1 }}><Input placeholder="125/QĐ-UBND" data-testid="commendation-number" /></Form.Item>
          <Form.Item name="decidedOn" label="Ngày" rules={[{ required: true, message: 'Hãy chọn ngày' }]}><DatePicker format={DATE_FORMAT} data-testid="commendation-date" /></Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="issuerUnitId" label="Cơ quan ban hành" style={{ flex: 1 }}><Select options={[...issuers].map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="form" label="Hình thức" style={{ flex: 1 }}><Select options={FORMS.map((f) => ({ value: f, label: FORM_LABELS[f] }))} /></Form.Item>
        </Flex>
        <Form.Item name="reason" label="Thành tích"><Input.TextArea rows={2} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="subjectKind" label="Khen thưởng cho" style={{ width: 280 }}><Select options={SUBJECT_OPTIONS} data-testid="commendation-subject-kind" /></Form.Item>
          {subjectKind === 'event' && (
            <Form.Item name="subjectId" label="Sự kiện" rules={[{ required: true, message: 'Hãy chọn sự kiện' }]} style={{ flex: 1 }}>
              <Select loading={events.isLoading} notFoundContent={`Năm ${eventYear} chưa có sự kiện, phong trào nào của địa phương`}
                options={(events.data ?? []).filter((e) => e.kind === 'local').map((e) => ({ value: e.id, label: `${e.title} (${formatDate(e.startsOn)})` }))} />
            </Form.Item>
          )}
          {(subjectKind === 'task' || subjectKind === 'model_registration') && (
            <Form.Item name="subjectId" label={subjectKind === 'task' ? 'Mã số nhiệm vụ' : 'Mã số hồ sơ'} rules={[{ required: true, message: 'Hãy nhập mã số' }]}
              extra="Mã số hiện trên trang của nhiệm vụ / hồ sơ; hệ thống kiểm tra nó có thật và thuộc phạm vi của bạn.">
              <InputNumber min={1} precision={0} style={{ width: 180 }} stringMode />
            </Form.Item>
          )}
        </Flex>
        <Typography.Text strong>Cá nhân, tập thể được khen</Typography.Text>
        <Form.List name="recipients">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline" wrap>
                  <Form.Item name={[f.name, 'kind']} initialValue="person">
                    <Radio.Group optionType="button" size="small" options={[{ value: 'person', label: 'Cá nhân' }, { value: 'collective', label: 'Tập thể' }]} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => (form.getFieldValue(['recipients', f.name, 'kind']) === 'collective'
                      ? (
                        <Form.Item name={[f.name, 'unitId']} rules={[{ required: true, message: 'Hãy chọn đơn vị' }]}>
                          <CollectiveSelect initial={unitNames.get(form.getFieldValue(['recipients', f.name, 'unitId']))} />
                        </Form.Item>
                      )
                      : (
                        <Space align="baseline">
                          <Form.Item name={[f.name, 'personName']} rules={[{ required: true, message: 'Họ tên' }]}><Input placeholder="Họ và tên" /></Form.Item>
                          <Form.Item name={[f.name, 'title']}><Input placeholder="Chức vụ, nơi công tác" style={{ width: 240 }} /></Form.Item>
                        </Space>
                      ))}
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="Bỏ dòng này" />}
                </Flex>
              ))}
              <Space>
                <Button type="dashed" onClick={() => add({ kind: 'person' })} icon={<PlusOutlined />}>Thêm cá nhân</Button>
                <Button type="dashed" onClick={() => add({ kind: 'collective' })} icon={<PlusOutlined />} data-testid="commendation-add-collective">Thêm tập thể</Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** Deleting a decision entered by mistake says why; the audit log keeps the decision and the reason. */
function DeleteDecision({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const del = useMutation({
    mutationFn: (v: { reason: string }) => api(`/api/v1/commendations/${decision.id}`, { method: 'DELETE', body: { version: decision.version, reason: v.reason } }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['commendations'] }); onClose(); },
  });
  return (
    <Modal open title={`Xóa quyết định ${decision.number}?`} onCancel={onClose} onOk={() => form.submit()} okText="Xóa" okButtonProps={{ danger: true }} cancelText="Thôi" confirmLoading={del.isPending}>
      {del.error && <ErrorAlert error={del.error} />}
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="Chỉ xóa quyết định ghi nhầm. Quyết định đúng nhưng có sai sót thì dùng “Sửa”." />
      <Form form={form} layout="vertical" onFinish={(v) => del.mutate(v)}>
        <Form.Item name="reason" label="Lý do xóa" rules={[{ required: true, min: 3, message: 'Cần nêu lý do (tối thiểu 3 ký tự)' }]}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
