import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, type ButtonProps, Flex, Form, Input, Modal, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { ErrorAlert } from '../../components/feedback';
import { canPublishResources, canWriteResources, FORMAT_LABELS, FORMATS, type Resource } from './api';
import { ResourceList } from './ResourceList';

/** The catalogue of open learning resources: search without worrying about accents, best matches first. */
export function ResourcesPage() {
  const me = useMe().data;
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Resource | null>(null);
  const [deleting, setDeleting] = useState<Resource | null>(null);
  const list = useQuery({ queryKey: ['resources', q], queryFn: () => api<Resource[]>('/api/v1/resources', { query: { q } }), placeholderData: (p) => p });
  const publish = useMutation({ mutationFn: (id: string) => api(`/api/v1/resources/${id}/publish`, { method: 'POST' }), onSuccess: () => qc.invalidateQueries({ queryKey: ['resources'] }) });
  const upload = useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => { const body = new FormData(); body.append('file', file); return api(`/api/v1/resources/${id}/file`, { method: 'POST', body }); },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['resources'] }),
  });
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>Học liệu mở</Typography.Title>
        <Flex gap={8}>
          <ExportButton path="/api/v1/resources" query={{ q }} />
          {me && canWriteResources(me.role) && <Button type="primary" onClick={() => setAdding(true)}>Thêm học liệu</Button>}
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary">Gõ có dấu hoặc không dấu: “hoc tap suot doi” cũng tìm thấy “Học tập suốt đời”. Kết quả phù hợp nhất hiện trước; không có từ khóa thì xếp theo bảng chữ cái tiếng Việt.</Typography.Paragraph>
      <Input.Search placeholder="Tìm học liệu theo tiêu đề, chủ đề, đơn vị…" allowClear enterButton="Tìm" size="large" onSearch={setQ} style={{ maxWidth: 640, marginBottom: 16 }} data-testid="resource-search" />
      {list.error && <ErrorAlert error={list.error} />}
      {(publish.error || upload.error) && <ErrorAlert error={publish.error ?? upload.error} />}
      <ResourceList rows={list.data} loading={list.isFetching} query={q} filePath={(r) => `/api/v1/resources/${r.id}/file`}
        actions={(r) => [
          ...(me && canPublishResources(me.role) && r.status === 'draft' ? [<Button key="p" size="small" onClick={() => publish.mutate(r.id)}>Công bố</Button>] : []),
          ...(r.editable ? [
            <Upload key="u" showUploadList={false} accept=".pdf,.docx,.xlsx,.pptx,.mp4,.jpg,.jpeg,.png" beforeUpload={(file) => { upload.mutate({ id: r.id, file }); return false; }}>
              <Button size="small">{r.file ? 'Thay tệp' : 'Tải tệp lên'}</Button>
            </Upload>,
            <Button key="e" size="small" onClick={() => setEditing(r)} data-testid={`resource-edit-${r.id}`}>Sửa</Button>,
            <Button key="d" size="small" danger onClick={() => setDeleting(r)} data-testid={`resource-delete-${r.id}`}>Xóa</Button>,
          ] : []),
        ]} />
      {adding && <ResourceForm onClose={() => setAdding(false)} />}
      {editing && <ResourceForm editing={editing} onClose={() => setEditing(null)} />}
      {deleting && <DeleteResource resource={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

/** Adds a draft, or edits a resource against the version it was read at (a stale edit is refused with 409). */
function ResourceForm({ editing, onClose }: { editing?: Resource; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => (editing
      ? api(`/api/v1/resources/${editing.id}`, { method: 'PUT', body: { ...v, url: v.url || null, version: editing.version } })
      : api('/api/v1/resources', { method: 'POST', body: { ...v, url: v.url || null } })),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['resources'] }); onClose(); },
  });
  const initial = editing
    ? { title: editing.title, description: editing.description, subject: editing.subject, audience: editing.audience, format: editing.format, licence: editing.licence, language: editing.language, url: editing.url ?? '' }
    : { format: 'document', licence: 'CC BY 4.0', language: 'vi', description: '' };
  return (
    <Modal open title={editing ? `Sửa học liệu “${editing.title}”` : 'Thêm học liệu mở'} onCancel={onClose} onOk={() => form.submit()} okText={editing ? 'Lưu' : 'Lưu bản nháp'} cancelText="Thôi"
      confirmLoading={save.isPending} width={640} okButtonProps={{ 'data-testid': 'resource-form-ok' } as ButtonProps}>
      {save.error && <ErrorAlert error={save.error} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label="Tiêu đề" rules={[{ required: true, min: 3 }]}><Input /></Form.Item>
        <Form.Item name="description" label="Mô tả"><Input.TextArea rows={3} /></Form.Item>
        <Flex gap={12}>
          <Form.Item name="subject" label="Chủ đề" rules={[{ required: true }]} style={{ flex: 1 }}><Input placeholder="Kỹ năng số, Văn hóa đọc…" /></Form.Item>
          <Form.Item name="audience" label="Đối tượng" rules={[{ required: true }]} style={{ flex: 1 }}><Input placeholder="Người lớn, học sinh…" /></Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="format" label="Định dạng" style={{ flex: 1 }}><Select options={FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))} /></Form.Item>
          <Form.Item name="licence" label="Giấy phép" rules={[{ required: true }]} style={{ flex: 1 }}><Input /></Form.Item>
          <Form.Item name="language" label="Ngôn ngữ" style={{ width: 100 }}><Input /></Form.Item>
        </Flex>
        <Form.Item name="url" label="Liên kết (http:// hoặc https://)" rules={[{ pattern: /^https?:\/\/\S+$/i, message: 'Chỉ nhận liên kết http:// hoặc https://' }]}><Input /></Form.Item>
        {!editing && <Typography.Text type="secondary">Tệp (PDF, DOCX, XLSX, PPTX, MP4, JPG, PNG) tải lên sau khi lưu, từ danh sách.</Typography.Text>}
      </Form>
    </Modal>
  );
}

/** Deleting says why; the reason and the deleted resource stay in the audit log. */
function DeleteResource({ resource, onClose }: { resource: Resource; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const del = useMutation({
    mutationFn: (v: { reason: string }) => api(`/api/v1/resources/${resource.id}`, { method: 'DELETE', body: { version: resource.version, reason: v.reason } }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['resources'] }); onClose(); },
  });
  return (
    <Modal open title={`Xóa học liệu “${resource.title}”?`} onCancel={onClose} onOk={() => form.submit()} okText="Xóa" okButtonProps={{ danger: true, 'data-testid': 'resource-delete-ok' } as ButtonProps}
      cancelText="Thôi" confirmLoading={del.isPending}>
      {del.error && <ErrorAlert error={del.error} />}
      <Typography.Paragraph>{resource.status === 'published' ? 'Học liệu đã công bố sẽ biến mất khỏi cổng công khai. ' : ''}Nhật ký lưu lại nội dung đã xóa và lý do.</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => del.mutate(v)}>
        <Form.Item name="reason" label="Lý do xóa" rules={[{ required: true, min: 3, message: 'Cần nêu lý do (tối thiểu 3 ký tự)' }]}>
          <Input.TextArea rows={2} data-testid="resource-delete-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
