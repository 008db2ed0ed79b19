import { Breadcrumb, Card, Collapse, Descriptions, Tabs, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { usePlan } from '../../api/queries';
import { ErrorAlert, Loading } from '../../components/feedback';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { PlanTargets } from './PlanTargets';
import { PlanTaskTree } from './PlanTaskTree';

export function PlanViewPage() {
  const { id = '' } = useParams();
  const plan = usePlan(id);
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ErrorAlert error={plan.error} onRetry={() => plan.refetch()} />;
  const p = plan.data;
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/ke-hoach">{t('nav.plans')}</Link> }, { title: p.number }]} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{p.title}</Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label="Số, ký hiệu">{p.number}</Descriptions.Item>
          <Descriptions.Item label={t('plans.issuedOn')}>{formatDate(p.issuedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('plans.issuer')}>UBND {p.issuer.name}</Descriptions.Item>
          <Descriptions.Item label={t('plans.period')}>
            {p.periodFrom && p.periodTo ? `${p.periodFrom}–${p.periodTo}` : '—'}
          </Descriptions.Item>
        </Descriptions>
        {p.legalBasis.length > 0 && (
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 8, marginInline: -16 }}
            items={[{
              key: 'legal',
              label: `${t('plans.legalBasis')} (${p.legalBasis.length})`,
              children: (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {p.legalBasis.map((b) => <li key={b}>{b}</li>)}
                </ul>
              ),
            }]}
          />
        )}
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            { key: 'tasks', label: t('plans.tabTasks'), children: <PlanTaskTree plan={p} /> },
            { key: 'targets', label: `${t('plans.tabTargets')} (${p.targets.length})`, children: <PlanTargets targets={p.targets} /> },
          ]}
        />
      </Card>
    </>
  );
}
