import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Checkbox, DatePicker, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../auth/session';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { DATE_FORMAT, formatDate, trimText } from '../../format';
import { showFieldErrors } from '../centres/api';
import { canWriteActivities, useExemplary, type Exemplary } from './api';

/** Exemplary learners and models of a year; only those who consented appear on the public portal. */
export function ExemplaryPanel({ year }: { year: number }) {
  const me = useMe().data!;
  const list = useExemplary(year);
  const [editing, setEditing] = useState<Exemplary | 'new' | null>(null);
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8}>
        <Typography.Text type="secondary" style={{ marginRight: 'auto' }}>Chỉ người học, mô hình đã đồng ý mới hiện trên cổng thông tin công khai; bỏ đồng ý thì gỡ xuống ngay.</Typography.Text>
        {canWriteActivities(me.role) && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>Thêm</Button>}
      </Flex>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      <Table rowKey="id" size="middle" loading={list.isPending} dataSource={list.data ?? []} pagination={false}
        onRow={(r) => ({ onClick: () => canWriteActivities(me.role) && setEditing(r), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <EmptyState>Chưa có người học, mô hình tiêu biểu năm {year}. Ghi những tấm gương học tập để giới thiệu trong Tuần lễ học tập suốt đời.</EmptyState> }}
        columns={[
          { title: 'Tên', key: 'name', render: (_, r) => <>{r.name} {r.demo && <Tag>mẫu</Tag>}</> },
          { title: 'Loại', dataIndex: 'kindLabel' },
          { title: 'Đơn vị', key: 'unit', render: (_, r) => r.unit.name, responsive: ['md'] },
          { title: 'Giới thiệu', key: 'story', render: (_, r) => trimText(r.story, 90), responsive: ['lg'] },
          { title: 'Công khai', key: 'consent', render: (_, r) => (r.consent ? <Tag color="green">Đồng ý từ {formatDate(r.consentOn)}</Tag> : <Tag>Không công khai</Tag>) },
        ]} />
      {editing && <ExemplaryForm year={year} entry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}

interface Values { unitId: string; kind: 'learner' | 'model'; name: string; story: string; consent: boolean; consentOn?: dayjs.Dayjs | null }

function ExemplaryForm({ year, entry, onClose }: { year: number; entry: Exemplary | null; onClose: () => void }) {
  const me = useMe().data!;
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const consent = Form.useWatch('consent', form);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { kind: v.kind, name: v.name, year, story: v.story, consent: v.consent, consentOn: v.consent && v.consentOn ? v.consentOn.format('YYYY-MM-DD') : null };
      return entry ? api(`/api/v1/exemplary/${entry.id}`, { method: 'PUT', body: { ...body, version: entry.version } }) : api('/api/v1/exemplary', { method: 'POST', body: { ...body, unitId: v.unitId } });
    },
    onSuccess: () => { qc.invalidateQueries({ queryKey: ['exemplary'] }); message.success('Đã lưu'); onClose(); },
    onError: (e) => { showFieldErrors(form, e); message.error(errorMessage(e)); },
  });
  return (
    <Modal open title={entry ? entry.name : 'Thêm người học, mô hình tiêu biểu'} okText="Lưu" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}
        initialValues={entry ? { ...entry, unitId: entry.unit.id, consentOn: entry.consentOn ? dayjs(entry.consentOn) : null } : { unitId: me.scope[0]?.id, kind: 'learner', consent: false }}>
        {!entry && <Form.Item name="unitId" label="Đơn vị" rules={[{ required: true }]}><Select options={me.scope.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>}
        <Form.Item name="kind" label="Loại"><Select options={[{ value: 'learner', label: 'Người học tiêu biểu' }, { value: 'model', label: 'Mô hình tiêu biểu' }]} /></Form.Item>
        <Form.Item name="name" label="Tên" rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
        <Form.Item name="story" label="Giới thiệu" rules={[{ required: true, min: 10, message: 'Tối thiểu 10 ký tự' }]}><Input.TextArea rows={4} /></Form.Item>
        <Form.Item name="consent" valuePropName="checked"><Checkbox>Người học (hoặc đại diện mô hình) đồng ý giới thiệu công khai</Checkbox></Form.Item>
        {consent && <Form.Item name="consentOn" label="Ngày đồng ý" rules={[{ required: true, message: 'Cần ngày đồng ý' }]}><DatePicker format={DATE_FORMAT} /></Form.Item>}
      </Form>
    </Modal>
  );
}
