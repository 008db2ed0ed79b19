import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../api/client';
import { formatBytes, formatNumber } from '../../format';
import { dashboardKeys } from './api';
import type { BoundaryResult } from './types';

const MAX_BYTES = 30 * 1024 * 1024;

interface Fields { licence: string; codeProperty: string }

/**
 * Upload of a unit's boundary file (GeoJSON FeatureCollection of its child units, admin/coordinator). The file is read
 * and parsed in the browser and sent as JSON with its licence; the answer says how many areas matched a unit code.
 */
export function BoundaryUpload({ unitId, unitName }: { unitId: string; unitName: string }) {
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<Fields>();
  const qc = useQueryClient();
  const upload = useMutation({
    mutationFn: async (values: Fields) => {
      if (!file) throw new Error('Chưa chọn tệp GeoJSON');
      if (file.size > MAX_BYTES) throw new Error(`Tệp quá lớn (${formatBytes(file.size)}; tối đa 30 MB)`);
      let geojson: unknown;
      try {
        geojson = JSON.parse(await file.text());
      } catch {
        throw new Error('Tệp không phải JSON hợp lệ');
      }
      if ((geojson as { type?: string })?.type !== 'FeatureCollection') throw new Error('Tệp phải là một GeoJSON FeatureCollection');
      return api<BoundaryResult>(`/api/v1/boundaries/${unitId}`, { method: 'PUT', body: { licence: values.licence, codeProperty: values.codeProperty || 'code', geojson } });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: dashboardKeys.boundary(unitId) }),
  });

  const close = () => { setOpen(false); upload.reset(); setFile(null); };
  const err = upload.error;

  return (
    <>
      <Button icon={<UploadOutlined />} size="small" onClick={() => setOpen(true)} data-testid="boundary-open">Tải lên tệp ranh giới</Button>
      <Modal
        open={open}
        title={`Tệp ranh giới (GeoJSON) — ${unitName}`}
        onCancel={close}
        okText={upload.isSuccess ? 'Đóng' : 'Tải lên'}
        cancelText="Hủy"
        onOk={() => (upload.isSuccess ? close() : form.submit())}
        confirmLoading={upload.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          Mỗi vùng (Feature) là một đơn vị trực thuộc, có thuộc tính chứa mã đơn vị hành chính (ví dụ <code>code</code>: "25747").
          Phần mềm không kèm dữ liệu ranh giới; hãy dùng tệp mà đơn vị được phép sử dụng và ghi rõ giấy phép, nguồn.
        </Typography.Paragraph>
        <Form<Fields> form={form} layout="vertical" initialValues={{ codeProperty: 'code', licence: '' }} onFinish={(v) => upload.mutate(v)} requiredMark={false}>
          <Form.Item label="Tệp GeoJSON" required>
            <input
              type="file"
              accept=".geojson,.json,application/geo+json,application/json"
              data-testid="boundary-file"
              onChange={(e) => { upload.reset(); setFile(e.target.files?.[0] ?? null); }}
            />
            {file && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{file.name} · {formatBytes(file.size)}</Typography.Text>}
          </Form.Item>
          <Form.Item name="licence" label="Giấy phép / nguồn của tệp" rules={[{ required: true, min: 3, message: 'Ghi rõ giấy phép hoặc nguồn của tệp ranh giới' }]}>
            <Input placeholder="Ví dụ: Sở Nông nghiệp và Môi trường cung cấp, dùng nội bộ" data-testid="boundary-licence" />
          </Form.Item>
          <Form.Item name="codeProperty" label="Tên thuộc tính chứa mã đơn vị">
            <Input style={{ width: 200 }} />
          </Form.Item>
        </Form>
        {err && (
          <Alert
            type="error" showIcon title={errorMessage(err)}
            description={err instanceof ApiError && err.errors.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 160, overflow: 'auto' }}>
                {err.errors.slice(0, 20).map((e, i) => <li key={i}><code>{e.field}</code>: {e.message}</li>)}
              </ul>
            ) : undefined}
          />
        )}
        {upload.data && (
          <Alert
            type={upload.data.unmatched.length ? 'warning' : 'success'} showIcon data-testid="boundary-result"
            title={`Đã lưu ${formatNumber(upload.data.features)} vùng; ${formatNumber(upload.data.matched)} vùng khớp mã đơn vị${upload.data.unmatched.length ? `, ${formatNumber(upload.data.unmatched.length)} vùng không khớp` : ''}.`}
            description={upload.data.unmatched.length ? `Mã không khớp: ${upload.data.unmatched.slice(0, 30).join(', ')}${upload.data.unmatched.length > 30 ? '…' : ''}` : undefined}
          />
        )}
      </Modal>
    </>
  );
}
