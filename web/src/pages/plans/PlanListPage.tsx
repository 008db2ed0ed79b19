import { FileAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { usePlans } from '../../api/queries';
import { useMe } from '../../auth/session';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { StatusBar } from '../../components/status';
import { formatDate, formatNumber } from '../../format';
import { t } from '../../i18n';

export function PlanListPage() {
  const plans = usePlans();
  const role = useMe().data?.role;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>{t('plans.title')}</Typography.Title>
        {(role === 'admin' || role === 'coordinator') && (
          <Link to="/ke-hoach/nhap"><Button icon={<FileAddOutlined />} data-testid="plan-import-start">Nhập kế hoạch từ văn bản</Button></Link>
        )}
      </Flex>
      {plans.isPending && <Loading />}
      {plans.isError && <ErrorAlert error={plans.error} onRetry={() => plans.refetch()} />}
      {plans.data?.length === 0 && <EmptyState>{t('plans.empty')}</EmptyState>}
      <Row gutter={[16, 16]}>
        {plans.data?.map((p) => (
          <Col key={p.id} xs={24} xl={12}>
            <Card
              data-testid="plan-card"
              title={<Link to={`/ke-hoach/${p.id}`}>Kế hoạch số {p.number}</Link>}
              extra={<Typography.Text type="secondary">{p.issuer.name}</Typography.Text>}
              style={{ height: '100%' }}
            >
              <Typography.Paragraph strong style={{ fontSize: 15 }}>
                <Link to={`/ke-hoach/${p.id}`} style={{ color: 'inherit' }}>{p.title}</Link>
              </Typography.Paragraph>
              <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
                <Descriptions.Item label={t('plans.issuedOn')}>{formatDate(p.issuedOn)}</Descriptions.Item>
                <Descriptions.Item label={t('plans.period')}>
                  {p.periodFrom && p.periodTo ? `${p.periodFrom}–${p.periodTo}` : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('plans.taskCount')}>{formatNumber(p.taskCount)}</Descriptions.Item>
              </Descriptions>
              <StatusBar counts={p.statusCounts} />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
