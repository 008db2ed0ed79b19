import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert, Loading } from '../../components/feedback';
import { formatDate } from '../../format';
import { canReviewReports, rkeys, useObligations, type Obligation } from './api';

const VERIFIED: Record<string, { color: string; label: string }> = { V: { color: 'green', label: 'Đã kiểm chứng' }, P: { color: 'gold', label: 'Kiểm chứng một phần' }, I: { color: 'orange', label: 'Suy luận' } };

/** Who reports what to whom by which date, with the legal source; coordinators edit them. */
export function ObligationsPage() {
  const me = useMe().data;
  const list = useObligations();
  const [editing, setEditing] = useState<Obligation | null>(null);
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorAlert error={list.error} />;
  return (
    <>
      <Typography.Title level={3}>Nghĩa vụ báo cáo</Typography.Title>
      <Table<Obligation> rowKey="id" dataSource={list.data} size="middle" pagination={false}
        columns={[
          { title: 'Báo cáo', key: 't', width: 300, render: (_, o) => <><div>{o.title}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.plan?.number ?? 'Văn bản chỉ đạo'} · {o.periodTypeLabel}</Typography.Text></> },
          { title: 'Ai báo cáo', dataIndex: 'reporterText', width: 200 },
          { title: 'Gửi đến', dataIndex: 'recipientText', width: 210 },
          { title: 'Thời hạn', dataIndex: 'dueRuleText', width: 150 },
          { title: 'Hạn kế tiếp', key: 'next', width: 110, render: (_, o) => (o.nextDue ? formatDate(o.nextDue.dueDate) : '—') },
          { title: 'Nhắc hạn', key: 'remind', width: 150, render: (_, o) => offsetsText(o.reminderOffsets) },
          { title: 'Căn cứ', key: 'src', render: (_, o) => <>{o.legalSource}{o.clause ? `, ${o.clause}` : ''} <Tag color={VERIFIED[o.verified]!.color}>{VERIFIED[o.verified]!.label}</Tag>{!o.active && <Tag>Ngừng áp dụng</Tag>}</> },
          ...(me && canReviewReports(me.role) ? [{ title: '', key: 'edit', width: 70, render: (_: unknown, o: Obligation) => <Button size="small" onClick={() => setEditing(o)}>Sửa</Button> }] : []),
        ]} />
      {editing && <EditObligation o={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

/** "7 và 1 ngày trước hạn; 3 ngày sau hạn" */
function offsetsText(offsets: readonly number[]): string {
  if (offsets.length === 0) return 'Không nhắc';
  const before = offsets.filter((d) => d < 0).map((d) => -d), after = offsets.filter((d) => d > 0);
  return [
    before.length ? `${before.join(', ')} ngày trước hạn` : '', offsets.includes(0) ? 'đúng hạn' : '', after.length ? `${after.join(', ')} ngày sau hạn` : '',
  ].filter(Boolean).join('; ');
}

function EditObligation({ o, onClose }: { o: Obligation; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api(`/api/v1/reports/obligations/${o.id}`, { method: 'PUT', body: {
      code: o.code, planId: o.plan?.id ?? null, recipientId: o.recipient?.id ?? null, reporters: o.reporters, periodType: o.periodType, version: o.version,
      title: v.title, reporterText: v.reporterText, recipientText: v.recipientText, legalSource: v.legalSource, clause: v.clause || null, verified: v.verified,
      active: v.active, firstPeriod: v.firstPeriod, lastPeriod: v.lastPeriod ?? null, reminderOffsets: v.reminderOffsets,
      due: o.due.kind === 'yearly' ? { ...o.due, day: v.day, month: v.month } : o.due,
    } }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: rkeys.obligations }); onClose(); },
  });
  return (
    <Modal open title="Sửa nghĩa vụ báo cáo" onCancel={onClose} onOk={() => form.submit()} okText="Lưu" cancelText="Thôi" confirmLoading={save.isPending} width={640}>
      {save.error && <ErrorAlert error={save.error} />}
      <Form form={form} layout="vertical" initialValues={{ ...o, clause: o.clause ?? '', day: o.due.day, month: o.due.month }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label="Tên báo cáo" rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="reporterText" label="Ai báo cáo (theo văn bản)" rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="recipientText" label="Gửi đến" rules={[{ required: true }]}><Input /></Form.Item>
        {o.due.kind === 'yearly' && (
          <Form.Item label="Hạn hằng năm (ngày/tháng)">
            <Form.Item name="day" noStyle><InputNumber min={1} max={31} /></Form.Item> / <Form.Item name="month" noStyle><InputNumber min={1} max={12} /></Form.Item>
          </Form.Item>
        )}
        <Form.Item label="Kỳ áp dụng (năm)">
          <Form.Item name="firstPeriod" noStyle><InputNumber min={2000} max={2100} /></Form.Item> – <Form.Item name="lastPeriod" noStyle><InputNumber min={2000} max={2100} /></Form.Item>
        </Form.Item>
        <Form.Item name="legalSource" label="Căn cứ pháp lý" rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="clause" label="Điều, khoản, mục"><Input /></Form.Item>
        <Form.Item name="verified" label="Mức kiểm chứng"><Select options={Object.entries(VERIFIED).map(([value, v]) => ({ value, label: v.label }))} /></Form.Item>
        <Form.Item name="reminderOffsets" label="Nhắc hạn vào các ngày (số âm: trước hạn; số dương: sau hạn)" extra="Ví dụ -7, -1, 3: trước hạn 7 ngày, 1 ngày và sau hạn 3 ngày nếu chưa gửi. Để trống: không nhắc."
          normalize={(v: (string | number)[]) => v.map(Number).filter((n) => Number.isInteger(n) && n >= -90 && n <= 90)}>
          <Select mode="tags" tokenSeparators={[',', ' ']} placeholder="-7, -1, 3" />
        </Form.Item>
        <Form.Item name="active" label="Đang áp dụng" valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}
