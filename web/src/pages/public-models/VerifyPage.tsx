import { CloseCircleTwoTone, SafetyCertificateTwoTone, WarningTwoTone } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorAlert, Loading } from '../../components/feedback';
import { formatDate } from '../../format';
import type { VerifiedCertificate } from './api';
import { PublicFrame } from './PublicFrame';

/** The page the certificate's QR code opens: is this certificate real, and what does it certify. */
export function VerifyPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code);
  const q = useQuery({ queryKey: ['verify', code], enabled: !!code, retry: false, queryFn: () => api<VerifiedCertificate>(`/api/public/v1/certificates/${encodeURIComponent(code)}`) });
  const c = q.data;
  return (
    <PublicFrame>
      <Flex vertical gap={12}>
        <Card size="small" title="Xác minh giấy chứng nhận">
          <Flex gap={8}>
            <Input size="large" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="Mã in trên giấy, ví dụ 7K3QX-M9R2D" data-testid="verify-code" />
            <Button size="large" type="primary" onClick={() => navigate(`/xac-minh/${encodeURIComponent(typed.trim())}`)}>Kiểm tra</Button>
          </Flex>
        </Card>
        {q.isLoading && <Loading />}
        {q.isError && <ErrorAlert error={q.error} />}
        {c && (
          <Card size="small" data-testid="verified">
            <Result
              style={{ padding: '8px 0' }}
              icon={c.valid ? <SafetyCertificateTwoTone twoToneColor="#52c41a" /> : c.revoked ? <CloseCircleTwoTone twoToneColor="#cf1322" /> : <WarningTwoTone twoToneColor="#faad14" />}
              title={c.valid ? 'Giấy chứng nhận hợp lệ' : c.revoked ? 'Đã thu hồi' : 'Giấy chứng nhận đã hết hạn'}
              subTitle={c.revocation ? `Mã ${c.code} — danh hiệu đã bị thu hồi ngày ${formatDate(c.revocation.decidedOn)}` : `Mã ${c.code}`}
            />
            {c.revocation && (
              <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="revocation"
                title={`Thu hồi theo Quyết định số ${c.revocation.number} ngày ${formatDate(c.revocation.decidedOn)} của ${c.revocation.issuer}`}
                description={`Lý do: ${c.revocation.reason}`} />
            )}
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="Được công nhận">{c.subjectName}</Descriptions.Item>
              <Descriptions.Item label="Nơi">{c.unitName}</Descriptions.Item>
              <Descriptions.Item label="Danh hiệu">{c.modelLabel} năm {c.year}{c.level ? ` (${c.level})` : ''}</Descriptions.Item>
              <Descriptions.Item label={c.revocation ? 'Quyết định công nhận (đã thu hồi)' : 'Quyết định'}>Số {c.decision.number} ngày {formatDate(c.decision.decidedOn)}</Descriptions.Item>
              <Descriptions.Item label="Cơ quan ban hành">{c.decision.issuer}</Descriptions.Item>
              <Descriptions.Item label="Người ký">{[c.decision.signerTitle, c.decision.signer].filter(Boolean).join(' ')}</Descriptions.Item>
              <Descriptions.Item label="Thời hạn">{c.decision.validUntil ? `đến ${formatDate(c.decision.validUntil)}` : 'không ghi thời hạn'}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
              Tên người được công nhận chỉ hiện tên họ và chữ cái đầu để bảo vệ thông tin cá nhân.
            </Typography.Paragraph>
          </Card>
        )}
      </Flex>
    </PublicFrame>
  );
}
