import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type dayjs from 'dayjs';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert, Loading } from '../../components/feedback';
import { DATE_FORMAT, formatDate } from '../../format';
import { lkeys, useCampaigns, type Campaign } from './api';

/** Campaigns: a QR code per commune, model and year that opens the citizens' public registration page. */
export function CampaignsPage() {
  const list = useCampaigns();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>Đợt đăng ký cho người dân</Typography.Title>
      <NewCampaign />
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data?.length === 0 && <Empty description="Chưa có đợt đăng ký" />}
      <Row gutter={[16, 16]}>
        {list.data?.map((c) => <Col key={c.id} xs={24} md={12} xl={8}><CampaignCard c={c} /></Col>)}
      </Row>
    </Flex>
  );
}

function CampaignCard({ c }: { c: Campaign }) {
  const url = `${window.location.origin}/cong-khai/hoc-tap/${c.code}`;
  return (
    <Card size="small" title={c.title} data-testid={`campaign-${c.code}`}
      extra={<Button size="small" icon={<PrinterOutlined />} href={`/api/v1/model-campaigns/${c.id}/qr?format=svg`} target="_blank">SVG để in</Button>}>
      <Flex gap={12} align="center">
        <img src={`/api/v1/model-campaigns/${c.id}/qr`} alt={`Mã QR ${c.code}`} width={140} height={140} />
        <Flex vertical gap={2}>
          <Typography.Text>{c.modelLabel} năm {c.year}</Typography.Text>
          <Typography.Text type="secondary">{c.unitName}</Typography.Text>
          <Typography.Text>Mã: <Typography.Text strong>{c.code}</Typography.Text></Typography.Text>
          {c.closesOn && <Typography.Text type="secondary">Hạn: {formatDate(c.closesOn)}</Typography.Text>}
          <Typography.Text>{c.registrations} hồ sơ</Typography.Text>
          <Typography.Link href={url} target="_blank" copyable={{ text: url }} style={{ fontSize: 12 }}>Mở trang công khai</Typography.Link>
        </Flex>
      </Flex>
    </Card>
  );
}

interface Form { unitId: string; modelType: 'learning_citizen' | 'learning_family'; year: number; title: string; closesOn?: dayjs.Dayjs }

function NewCampaign() {
  const me = useMe().data!;
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Form>();
  const save = useMutation({
    mutationFn: (v: Form) => api('/api/v1/model-campaigns', { method: 'POST', body: { ...v, closesOn: v.closesOn?.format('YYYY-MM-DD') } }),
    onSuccess: () => { form.resetFields(['title']); qc.invalidateQueries({ queryKey: lkeys.campaigns }); },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card size="small" title="Tạo đợt đăng ký">
      <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)} initialValues={{ unitId: me.scope[0]?.id, modelType: 'learning_citizen', year: new Date().getFullYear() }} style={{ rowGap: 8 }}>
        <Form.Item name="unitId" rules={[{ required: true }]}><Select style={{ width: 200 }} options={me.scope.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
        <Form.Item name="modelType"><Select style={{ width: 180 }} options={[{ value: 'learning_citizen', label: 'Công dân học tập' }, { value: 'learning_family', label: 'Gia đình học tập' }]} /></Form.Item>
        <Form.Item name="year"><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="title" rules={[{ required: true, min: 3, message: 'Nhập tên đợt' }]}><Input placeholder="Tên đợt, ví dụ: Đăng ký Công dân học tập 2026" style={{ width: 300 }} data-testid="campaign-title-input" /></Form.Item>
        <Form.Item name="closesOn"><DatePicker format={DATE_FORMAT} placeholder="Hạn đăng ký" /></Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="campaign-create">Tạo</Button>
      </Form>
    </Card>
  );
}
