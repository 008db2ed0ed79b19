import { PaperClipOutlined } from '@ant-design/icons';
import { Flex, Timeline, Typography } from 'antd';
import type { ProgressReport } from '../../api/types';
import { EmptyState } from '../../components/feedback';
import { StatusTag, STATUS_COLORS } from '../../components/status';
import { formatBytes, formatDate, formatDateTime } from '../../format';
import { t } from '../../i18n';

export function TaskHistory({ history }: { history: ProgressReport[] }) {
  if (history.length === 0) return <EmptyState>{t('tasks.noHistory')}</EmptyState>;
  return (
    <Timeline
      items={history.map((h) => ({
        key: h.id,
        color: STATUS_COLORS[h.status as keyof typeof STATUS_COLORS] ?? 'gray',
        content: (
          <div data-testid="history-item">
            <Flex wrap gap={8} align="center">
              <Typography.Text strong>{formatDateTime(h.reportedAt)}</Typography.Text>
              <Typography.Text>{h.unitName}</Typography.Text>
              {h.period !== null && <Typography.Text type="secondary">Kỳ {h.period}</Typography.Text>}
              <StatusTag status={h.status} label={h.statusLabel} />
              <Typography.Text>{h.percent}%</Typography.Text>
              {h.completedOn && <Typography.Text type="secondary">{t('tasks.completedOn')}: {formatDate(h.completedOn)}</Typography.Text>}
            </Flex>
            <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-line' }}>{h.narrative}</Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('tasks.reporter')}: {h.reporter}</Typography.Text>
            {h.evidence.length > 0 && (
              <Flex vertical gap={2} style={{ marginTop: 4 }}>
                {h.evidence.map((e) => (
                  <a key={e.id} href={`/api/v1/evidence/${e.id}`} download={e.fileName} data-testid="evidence-link">
                    <PaperClipOutlined /> {e.fileName} <Typography.Text type="secondary">({formatBytes(e.sizeBytes)})</Typography.Text>
                  </a>
                ))}
              </Flex>
            )}
          </div>
        ),
      }))}
    />
  );
}
