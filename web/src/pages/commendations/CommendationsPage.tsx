import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Role } from '../../api/types';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { DATE_FORMAT, formatDate } from '../../format';
import { FORM_LABELS, FORMS } from '../../../../src/modules/commendations/forms';

interface Decision {
  id: string; number: string; decidedOn: string; form: string; formLabel: string; reason: string; issuer: { id: string; name: string };
  subject: { kind: string; kindLabel: string; id: string } | null;
  recipients: ({ kind: 'person'; name: string; title: string | null } | { kind: 'collective'; unit: { id: string; name: string } })[];
}
const canWrite = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'unit_officer';
const thisYear = new Date().getFullYear();

/** Commendation decisions of a year: who was commended, by whom, in what form, for what. */
export function CommendationsPage() {
  const me = useMe().data;
  const [year, setYear] = useState(thisYear);
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: ['commendations', year], queryFn: () => api<Decision[]>('/api/v1/commendations', { query: { year } }) });
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Khen thưởng</Typography.Title>
        <Flex gap={8}>
          <Select style={{ width: 100 }} value={year} onChange={setYear} options={Array.from({ length: 8 }, (_, i) => ({ value: thisYear + 1 - i, label: thisYear + 1 - i }))} aria-label="Năm" />
          <ExportButton path="/api/v1/commendations" query={{ year }} disabled={!list.data?.length} />
          {me && canWrite(me.role) && <Button type="primary" onClick={() => setAdding(true)}>Ghi quyết định khen thưởng</Button>}
        </Flex>
      </Flex>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Decision> rowKey="id" dataSource={list.data} loading={list.isLoading} size="middle" pagination={false}
        locale={{ emptyText: <EmptyState>Chưa có quyết định khen thưởng nào năm {year}.</EmptyState> }}
        columns={[
          { title: 'Số, ngày', key: 'n', width: 160, render: (_, d) => <><div>{d.number}</div><Typography.Text type="secondary">{formatDate(d.decidedOn)}</Typography.Text></> },
          { title: 'Cơ quan ban hành', key: 'i', width: 200, render: (_, d) => d.issuer.name },
          { title: 'Hình thức', dataIndex: 'formLabel', width: 150 },
          { title: 'Cá nhân, tập thể', key: 'r', render: (_, d) => d.recipients.map((r, i) => <div key={i}>{r.kind === 'person' ? <>{r.name}{r.title ? <Typography.Text type="secondary">, {r.title}</Typography.Text> : null}</> : <Tag>{r.unit.name}</Tag>}</div>) },
          { title: 'Thành tích', key: 'why', render: (_, d) => <>{d.reason}{d.subject && <div><Tag color="blue">{d.subject.kindLabel} #{d.subject.id}</Tag></div>}</> },
        ]} />
      {adding && <AddDecision onClose={() => setAdding(false)} />}
    </>
  );
}

function AddDecision({ onClose }: { onClose: () => void }) {
  const me = useMe().data;
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { decidedOn: Dayjs; recipients: { personName?: string; title?: string }[] } & Record<string, unknown>) => api('/api/v1/commendations', {
      method: 'POST', body: { ...v, decidedOn: v.decidedOn.format('YYYY-MM-DD'), recipients: v.recipients.map((r) => ({ personName: r.personName, title: r.title || undefined })) },
    }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['commendations'] }); onClose(); },
  });
  return (
    <Modal open title="Ghi quyết định khen thưởng" onCancel={onClose} onOk={() => form.submit()} okText="Lưu" cancelText="Thôi" confirmLoading={save.isPending} width={680}>
      {save.error && <ErrorAlert error={save.error} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ form: 'merit_certificate', issuerUnitId: me?.scope[0]?.id, recipients: [{}] }}>
        <Flex gap={12}>
          <Form.Item name="number" label="Số quyết định" rules={[{ required: true }]} style={{ flex: 1 }}><Input placeholder="125/QĐ-UBND" /></Form.Item>
          <Form.Item name="decidedOn" label="Ngày" rules={[{ required: true }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="issuerUnitId" label="Cơ quan ban hành" style={{ flex: 1 }}><Select options={me?.scope.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
          <Form.Item name="form" label="Hình thức" style={{ flex: 1 }}><Select options={FORMS.map((f) => ({ value: f, label: FORM_LABELS[f] }))} /></Form.Item>
        </Flex>
        <Form.Item name="reason" label="Thành tích"><Input.TextArea rows={2} /></Form.Item>
        <Form.List name="recipients">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'personName']} rules={[{ required: true, message: 'Họ tên' }]}><Input placeholder="Họ và tên" /></Form.Item>
                  <Form.Item name={[f.name, 'title']}><Input placeholder="Chức vụ, nơi công tác" style={{ width: 260 }} /></Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>Thêm cá nhân</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
