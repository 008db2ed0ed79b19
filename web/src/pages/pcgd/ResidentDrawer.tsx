import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Col, Drawer, Flex, Form, Input, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../api/client';
import type { PcgdResident, PcgdResidentInput, PcgdSurvey } from '../../api/types';
import { DISABILITY_LABELS, ENROLLED_LABELS, SEX_LABELS, STATUS_LABELS } from './labels';

type Values = Omit<PcgdResidentInput, 'hamlet'> & { hamlet?: string; enrolmentConfirmed?: boolean };

const optionsOf = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
const FIELDS = new Set(['householdCode', 'hamlet', 'personKey', 'fullName', 'sex', 'birthYear', 'status', 'disability', 'enrolled', 'highestGrade', 'lowerSecondaryDiploma', 'preschoolCompleted', 'literacyStage']);

/**
 * Add or edit one person of a commune register. `resident` is read from the current list, so after a reload
 * caused by a concurrent change the next save carries the new version while the form keeps what the user typed.
 */
export function ResidentDrawer({ survey, resident, onClose }: { survey: PcgdSurvey; resident: PcgdResident | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [stale, setStale] = useState(false);
  const editing = resident !== null;
  const birthYear = Form.useWatch('birthYear', form);

  const save = useMutation({
    mutationFn: (body: PcgdResidentInput & { version?: number; enrolmentConfirmed?: boolean }) => (editing
      ? api<PcgdResident>(`/api/v1/pcgd/residents/${resident.id}`, { method: 'PATCH', body })
      : api<PcgdResident>(`/api/v1/pcgd/surveys/${survey.id}/residents`, { method: 'POST', body })),
    onSuccess: () => {
      message.success(editing ? 'Đã lưu thông tin người này; kết quả phổ cập đã được tính lại.' : 'Đã thêm người vào sổ; kết quả phổ cập đã được tính lại.');
      void qc.invalidateQueries({ queryKey: ['pcgd'] });
      onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'resident.stale_version') {
        setStale(true);
        void qc.invalidateQueries({ queryKey: ['pcgd', 'residents'] });
        return;
      }
      if (err instanceof ApiError && err.code === 'resident.exists') {
        form.setFields([{ name: 'personKey', errors: ['Mã người này đã có trong sổ năm nay'] }]);
        return;
      }
      if (err instanceof ApiError && err.errors.length) {
        form.setFields(err.errors.map((e) => ({ ...e, field: e.field.replace(/^body\./, '') }))
          .filter((e) => FIELDS.has(e.field)).map((e) => ({ name: e.field as keyof Values, errors: [e.message] })));
      }
    },
  });

  const onFinish = (v: Values) => {
    setStale(false);
    const body: PcgdResidentInput = {
      householdCode: v.householdCode.trim(), hamlet: v.hamlet?.trim() || null, personKey: v.personKey.trim(), fullName: v.fullName.trim(),
      sex: v.sex, birthYear: v.birthYear, status: v.status, disability: v.disability, enrolled: v.enrolled, highestGrade: v.highestGrade,
      lowerSecondaryDiploma: v.lowerSecondaryDiploma, preschoolCompleted: v.preschoolCompleted, literacyStage: v.literacyStage,
    };
    save.mutate(editing ? { ...body, version: resident.version, enrolmentConfirmed: v.enrolmentConfirmed ?? true } : body);
  };

  const problem = save.isError && !(save.error instanceof ApiError && ['resident.stale_version', 'resident.exists'].includes(save.error.code)) ? save.error : null;
  const initial: Partial<Values> = resident
    ? { ...resident, hamlet: resident.hamlet ?? undefined, enrolmentConfirmed: true }
    : { sex: 'M', status: 'present', disability: 'none', enrolled: 'none', highestGrade: 0, lowerSecondaryDiploma: false, preschoolCompleted: false, literacyStage: 0 };

  return (
    <Drawer
      open
      size={640}
      title={editing ? `Sửa thông tin — ${resident.fullName}` : `Thêm người vào sổ — ${survey.communeName}, năm ${survey.year}`}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="resident-save">Lưu</Button>
        </Flex>
      }
    >
      {stale && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="resident-stale"
          title="Người khác vừa sửa thông tin người này. Dữ liệu đã được tải lại; nội dung bạn nhập vẫn được giữ — hãy kiểm tra rồi bấm Lưu lần nữa." />
      )}
      {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(problem)} />}
      {editing && !resident.enrolmentConfirmed && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          title="Tình trạng đi học được chuyển tự động từ sổ năm trước, chưa được xác nhận. Hãy kiểm tra rồi lưu để xác nhận." />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} requiredMark={false}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="householdCode" label="Mã hộ" rules={[{ required: true, whitespace: true, message: 'Hãy nhập mã hộ' }, { max: 64 }]}>
              <Input data-testid="resident-household" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hamlet" label="Thôn/ấp/khu phố (nếu có)" rules={[{ max: 120 }]}>
              <Input data-testid="resident-hamlet" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="personKey" label="Mã người (mã định danh trong sổ)" rules={[{ required: true, whitespace: true, message: 'Hãy nhập mã người' }, { max: 64 }]}>
              <Input disabled={editing} data-testid="resident-key" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="fullName" label="Họ và tên" rules={[{ required: true, whitespace: true, message: 'Hãy nhập họ và tên' }, { max: 200 }]}>
              <Input data-testid="resident-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="sex" label="Giới tính" rules={[{ required: true }]}>
              <Radio.Group options={optionsOf(SEX_LABELS)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="birthYear"
              label="Năm sinh"
              rules={[{ required: true, message: 'Hãy nhập năm sinh' }]}
              extra={typeof birthYear === 'number' ? `Tuổi trong năm ${survey.year}: ${survey.year - birthYear}` : undefined}
            >
              <InputNumber min={1900} max={survey.year} precision={0} style={{ width: '100%' }} data-testid="resident-birth-year" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="status" label="Tình trạng cư trú" rules={[{ required: true }]}>
              <Select options={optionsOf(STATUS_LABELS)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="disability" label="Khuyết tật" rules={[{ required: true }]}>
              <Select options={optionsOf(DISABILITY_LABELS)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="enrolled" label="Đang học" rules={[{ required: true }]}>
              <Select options={optionsOf(ENROLLED_LABELS)} data-testid="resident-enrolled" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="highestGrade" label="Lớp cao nhất đã học xong (0–12)" rules={[{ required: true, message: 'Hãy nhập lớp' }]}>
              <InputNumber min={0} max={12} precision={0} style={{ width: '100%' }} data-testid="resident-grade" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="literacyStage" label="Chương trình xóa mù chữ đã học xong" rules={[{ required: true }]}>
              <Radio.Group options={[{ value: 0, label: 'Chưa học' }, { value: 1, label: 'Xong giai đoạn 1' }, { value: 2, label: 'Xong giai đoạn 2' }]} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="lowerSecondaryDiploma" label="Có bằng tốt nghiệp THCS" valuePropName="checked">
              <Switch checkedChildren="Có" unCheckedChildren="Không" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="preschoolCompleted" label="Hoàn thành chương trình mầm non" valuePropName="checked">
              <Switch checkedChildren="Có" unCheckedChildren="Không" />
            </Form.Item>
          </Col>
          {editing && (
            <Col span={24}>
              <Form.Item name="enrolmentConfirmed" valuePropName="checked" style={{ marginBottom: 0 }}>
                <Checkbox>Đã xác nhận tình trạng đi học của người này</Checkbox>
              </Form.Item>
            </Col>
          )}
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Người đã chuyển đi, đã mất hoặc khuyết tật không có khả năng học tập không được tính vào các tỷ lệ.
        </Typography.Text>
      </Form>
    </Drawer>
  );
}
