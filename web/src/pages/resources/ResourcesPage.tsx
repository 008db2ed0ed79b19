import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Modal, Select, Typography, Upload } from 'antd';
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
          ...(me && canWriteResources(me.role) ? [
            <Upload key="u" showUploadList={false} accept=".pdf,.docx,.xlsx,.pptx,.mp4,.jpg,.jpeg,.png" beforeUpload={(file) => { upload.mutate({ id: r.id, file }); return false; }}>
              <Button size="small">{r.file ? 'Thay tệp' : 'Tải tệp lên'}</Button>
            </Upload>,
          ] : []),
        ]} />
      {adding && <AddResource onClose={() => setAdding(false)} />}
    </>
  );
}

function AddResource({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api('/api/v1/resources', { method: 'POST', body: { ...v, url: v.url || null } }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['resources'] }); onClose(); },
  });
  return (
    <Modal open title="Thêm học liệu mở" onCancel={onClose} onOk={() => form.submit()} okText="Lưu bản nháp" cancelText="Thôi" confirmLoading={save.isPending} width={640}>
      {save.error && <ErrorAlert error={save.error} />}
      <Form form={form} layout="vertical" initialValues={{ format: 'document', licence: 'CC BY 4.0', language: 'vi', description: '' }} onFinish={(v) => save.mutate(v)}>
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
        <Typography.Text type="secondary">Tệp (PDF, DOCX, XLSX, PPTX, MP4, JPG, PNG) tải lên sau khi lưu, từ danh sách.</Typography.Text>
      </Form>
    </Modal>
  );
}
