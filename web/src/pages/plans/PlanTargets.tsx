import { Card, Col, List, Row, Tag, Typography } from 'antd';
import type { PlanTarget } from '../../api/types';
import { EmptyState } from '../../components/feedback';
import { formatNumber } from '../../format';
import { t } from '../../i18n';

/** Targets grouped by year (2025 mid-term, 2030 final), then by their group heading when the plan gives one. */
export function PlanTargets({ targets }: { targets: PlanTarget[] }) {
  if (targets.length === 0) return <EmptyState>{t('plans.noTargets')}</EmptyState>;
  const years = [...new Set(targets.map((x) => x.year))].sort((a, b) => a - b);
  return (
    <Row gutter={[16, 16]}>
      {years.map((year) => {
        const ofYear = targets.filter((x) => x.year === year);
        const groups = [...new Set(ofYear.map((x) => x.group ?? ''))];
        return (
          <Col key={year} xs={24} xl={12}>
            <Card size="small" title={`${t('plans.targetsByYear')} ${year}`} extra={<Tag>{formatNumber(ofYear.length)} chỉ tiêu</Tag>}>
              {groups.map((g) => (
                <div key={g || 'none'}>
                  {g && <Typography.Text strong>{g}</Typography.Text>}
                  <List
                    size="small"
                    dataSource={ofYear.filter((x) => (x.group ?? '') === g)}
                    renderItem={(x) => (
                      <List.Item>
                        <div style={{ display: 'flex', gap: 8, width: '100%' }}>
                          <Typography.Text type="secondary" style={{ minWidth: 72, fontVariantNumeric: 'tabular-nums' }}>{x.code}</Typography.Text>
                          <span style={{ flex: 1 }}>{x.text}</span>
                          {x.percent !== undefined && <Tag color="blue">{formatNumber(x.percent)}%</Tag>}
                        </div>
                      </List.Item>
                    )}
                  />
                </div>
              ))}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
