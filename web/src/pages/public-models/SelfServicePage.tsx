import { CheckCircleTwoTone } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, InputNumber, Result, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { ErrorAlert, Loading } from '../../components/feedback';
import { formatDate } from '../../format';
import type { PublicCampaign, Receipt } from './api';
import { PublicFrame } from './PublicFrame';
import { fieldErrors, liveTotal, ScoresForm, type Scores } from './ScoresForm';

/**
 * The citizen's page behind a campaign's QR code: name, self-assessment, send. The submission key is drawn once per
 * page, so a second tap or a retry after a dropped connection cannot file the dossier twice.
 */
export function SelfServicePage() {
  const { campaign = '' } = useParams();
  const q = useQuery({ queryKey: ['public-campaign', campaign], queryFn: () => api<PublicCampaign>(`/api/public/v1/model-campaigns/${encodeURIComponent(campaign)}`), retry: false });
  const [name, setName] = useState('');
  const [birthYear, setBirthYear] = useState<number | null>(null);
  const [scores, setScores] = useState<Scores>({});
  const [targetGroup, setTargetGroup] = useState<string>();
  const [submissionKey] = useState(uuid);
  const send = useMutation({
    mutationFn: () => api<Receipt>(`/api/public/v1/model-campaigns/${encodeURIComponent(campaign)}/submissions`, {
      method: 'POST', body: { name, ...(birthYear ? { birthYear } : {}), scores, ...(targetGroup ? { targetGroup } : {}), submissionKey },
    }),
  });
  const errors = send.error instanceof ApiError ? fieldErrors(send.error.errors) : {};

  if (q.isPending) return <PublicFrame><Loading /></PublicFrame>;
  if (q.isError) return <PublicFrame><ErrorAlert error={q.error} /></PublicFrame>;
  const c = q.data;
  if (send.data) {
    const r = send.data;
    return (
      <PublicFrame>
        <Result
          icon={<CheckCircleTwoTone twoToneColor="#52c41a" />} status="success" title="Đã gửi hồ sơ" data-testid="receipt"
          subTitle={`Hồ sơ "${c.modelLabel}" năm ${c.year} của ${name} đã được chuyển tới ${c.unitName}. Mã hồ sơ: ${r.registrationId}.`}
        >
          <Card size="small">
            <Typography.Paragraph strong style={{ fontSize: 18, marginBottom: 4 }}>Tự đánh giá: {r.total}/{r.maxTotal} điểm — {r.passed ? 'đạt' : 'chưa đạt'}</Typography.Paragraph>
            {r.reasons.map((x) => <Typography.Paragraph key={x.code + x.message} type="secondary" style={{ marginBottom: 4 }}>{x.message}</Typography.Paragraph>)}
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>Kết quả công nhận do cấp có thẩm quyền quyết định sau khi xem xét hồ sơ.</Typography.Paragraph>
          </Card>
        </Result>
      </PublicFrame>
    );
  }
  const { total, max, missing } = c.criteria ? liveTotal(c.criteria, scores, targetGroup) : { total: 0, max: 0, missing: 0 };
  return (
    <PublicFrame>
      <Flex vertical gap={12}>
        <Card size="small">
          <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }} data-testid="campaign-title">{c.title}</Typography.Title>
          <Typography.Text type="secondary">{c.modelLabel} năm {c.year} — {c.unitName}{c.closesOn ? ` — hạn đăng ký ${formatDate(c.closesOn)}` : ''}</Typography.Text>
        </Card>
        {!c.open && <Alert type="warning" showIcon title="Đợt đăng ký đã kết thúc" />}
        {!c.criteria && <Alert type="warning" showIcon title="Chưa có bộ tiêu chí cho năm này; hãy liên hệ cán bộ xã, phường" />}
        {c.open && c.criteria && (
          <>
            <Card size="small" title="Thông tin của bạn">
              <Flex vertical gap={10}>
                <label>
                  <Typography.Text strong>Họ và tên</Typography.Text>
                  <Input size="large" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" status={errors.name ? 'error' : undefined} data-testid="citizen-name" />
                  {errors.name && <Typography.Text type="danger">{errors.name}</Typography.Text>}
                </label>
                <label>
                  <Typography.Text strong>Năm sinh</Typography.Text>
                  <InputNumber size="large" min={1900} max={new Date().getFullYear()} value={birthYear} onChange={setBirthYear} inputMode="numeric" style={{ width: '100%' }} data-testid="birth-year" />
                </label>
              </Flex>
            </Card>
            <Card size="small" title="Tự đánh giá theo bộ tiêu chí">
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{c.criteria.name} ({c.criteria.source}).</Typography.Paragraph>
              <ScoresForm definition={c.criteria} scores={scores} onChange={setScores} targetGroup={targetGroup} onTargetGroup={setTargetGroup} errors={errors} />
            </Card>
            {send.error && <ErrorAlert error={send.error} />}
            <div style={{ position: 'sticky', bottom: 0, background: '#f5f7fa', padding: '8px 0' }}>
              <Typography.Text strong style={{ display: 'block', marginBottom: 6 }} data-testid="live-total">
                Tổng: {total}/{max} điểm{missing ? ` — còn ${missing} chỉ số chưa chấm` : ''}
              </Typography.Text>
              <Button type="primary" size="large" block loading={send.isPending} disabled={!name.trim() || missing > 0} onClick={() => send.mutate()} data-testid="submit-self-service">
                Gửi hồ sơ
              </Button>
            </div>
          </>
        )}
      </Flex>
    </PublicFrame>
  );
}

/** A v4 UUID; crypto.randomUUID exists only on https, and a commune LAN often serves plain http. */
function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
