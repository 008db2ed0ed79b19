import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Lineage } from '../../api/types';
import { referenceDate, UnitPicker } from '../pcgd/shared';
import type { CitySummary } from './api';

interface Values { name: string; year: number; unit: string; gnlcYear?: number | null; note?: string }
const FIELDS: Record<string, keyof Values> = { name: 'name', unitId: 'unit', gnlcYear: 'gnlcYear', note: 'note' };

/**
 * "Thêm thành phố học tập" (admin, coordinator — the roles of `POST /api/v1/learning-cities`): a name, the district-level
 * unit it is (picked as the map stood in a chosen year, by default 2024, before the 2025 reorganisation), optionally the
 * GNLC membership year and a note. The server's field errors land on their fields; the list refreshes.
 */
export function AddCityButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="add-city">Thêm thành phố học tập</Button>
      {open && <CityModal onClose={() => setOpen(false)} />}
    </>
  );
}

function CityModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const year = Form.useWatch('year', form) ?? 2024;
  const thisYear = new Date().getFullYear();

  const create = useMutation({
    mutationFn: async (v: Values) => {
      // The picker gives the unit's code as it stood in the chosen year; the API takes its id.
      const unit = (await api<Lineage>(`/api/v1/org-units/${encodeURIComponent(v.unit)}/lineage`, { query: { at: referenceDate(v.year) } })).unit;
      return api<CitySummary>('/api/v1/learning-cities', { method: 'POST', body: { name: v.name.trim(), unitId: unit.id, gnlcYear: v.gnlcYear ?? null, note: v.note?.trim() || null } });
    },
    onSuccess: async (city) => {
      await qc.invalidateQueries({ queryKey: ['learning-cities'] });
      void message.success(`Đã thêm ${city.name}`);
      onClose();
    },
    onError: (e) => {
      setProblem(null);
      if (e instanceof ApiError) {
        const placed = e.errors.map((x) => ({ name: FIELDS[x.field.replace(/^body\./, '')], errors: [x.message] })).filter((x): x is { name: keyof Values; errors: string[] } => !!x.name);
        if (e.status === 403 && e.code === 'scope.forbidden') placed.push({ name: 'unit', errors: ['Đơn vị này nằm ngoài phạm vi của bạn'] });
        if (placed.length) { form.setFields(placed); return; }
      }
      setProblem(errorMessage(e));
    },
  });

  return (
    <Modal open title="Thêm thành phố học tập" okText="Thêm" cancelText="Hủy" onCancel={onClose} confirmLoading={create.isPending}
      onOk={() => form.submit()} width={620} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ year: 2024 }} onFinish={(v) => create.mutate(v)}
        onValuesChange={(changed) => { if ('year' in changed) form.setFieldValue('unit', undefined); }}>
        <Form.Item name="name" label="Tên" rules={[{ required: true, whitespace: true, message: 'Nhập tên thành phố học tập' }, { min: 3, message: 'Tên cần ít nhất 3 ký tự' }, { max: 200, message: 'Tên tối đa 200 ký tự' }]}>
          <Input placeholder="Thành phố học tập Bến Cát" aria-label="Tên thành phố học tập" data-testid="city-name-input" />
        </Form.Item>
        <Form.Item name="year" label="Địa giới hành chính năm" required extra="Thành phố học tập gắn với một đơn vị cấp huyện (trước 01/07/2025) hoặc cấp xã; sau sắp xếp, thành phố bao gồm các phường, xã kế thừa.">
          <Select style={{ width: 200 }} options={Array.from({ length: thisYear - 2014 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: y === 2024 ? '2024 (trước sắp xếp)' : String(y) }))} />
        </Form.Item>
        <Form.Item name="unit" rules={[{ required: true, message: 'Chọn đơn vị hành chính của thành phố' }]}>
          <UnitPicker year={year} kinds={['district', 'commune']} onChange={() => undefined} value={undefined} width={400} />
        </Form.Item>
        <Form.Item name="gnlcYear" label="Năm kết nạp vào mạng lưới GNLC" extra="Để trống nếu chưa được UNESCO kết nạp."
          rules={[{ type: 'integer', min: 2013, max: thisYear, message: `Năm từ 2013 đến ${thisYear}` }]}>
          <InputNumber style={{ width: 200 }} placeholder="Chưa có" aria-label="Năm kết nạp GNLC" />
        </Form.Item>
        <Form.Item name="note" label="Ghi chú" rules={[{ max: 1000, message: 'Ghi chú tối đa 1000 ký tự' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>Chỉ chọn được đơn vị trong phạm vi của bạn.</Typography.Text>
    </Modal>
  );
}
