import { Flex, Form, Input, InputNumber } from 'antd';

/** The fields a centre is described by, shared by the "new centre" and "edit centre" forms. */
export function CentreFields() {
  return (
    <>
      <Form.Item name="name" label="Tên trung tâm" rules={[{ required: true, min: 3, message: 'Tên tối thiểu 3 ký tự' }]}><Input /></Form.Item>
      <Form.Item name="decision" label="Quyết định thành lập (số, ngày)"><Input placeholder="VD: 123/QĐ-UBND ngày 01/7/2025" /></Form.Item>
      <Form.Item name="director" label="Giám đốc"><Input /></Form.Item>
      <Flex gap={8}>
        <Form.Item name="managers" label="Cán bộ quản lý"><InputNumber min={0} /></Form.Item>
        <Form.Item name="teachers" label="Giáo viên"><InputNumber min={0} /></Form.Item>
        <Form.Item name="collaborators" label="Cộng tác viên"><InputNumber min={0} /></Form.Item>
      </Flex>
    </>
  );
}
