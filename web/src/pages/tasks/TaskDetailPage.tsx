import { Breadcrumb, Button, Card, Descriptions, Progress, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTask } from '../../api/queries';
import type { Assignment } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { StatusTag } from '../../components/status';
import { formatDate, formatDateTime } from '../../format';
import { t } from '../../i18n';
import { ProgressForm } from './ProgressForm';
import { TaskHistory } from './TaskHistory';

export function TaskDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const task = useTask(id);
  const [closedAuto, setClosedAuto] = useState(false);
  const [reporting, setReporting] = useState<string | null>(null);

  if (task.isPending) return <Loading />;
  if (task.isError) return <ErrorAlert error={task.error} onRetry={() => task.refetch()} />;
  const x = task.data;
  // "Báo cáo" from My tasks links here with ?baoCao=<assignment id>: open the form at once.
  const auto = params.get('baoCao');
  const openId = reporting ?? (!closedAuto && auto && x.assignments.some((a) => a.id === auto && a.canReport) ? auto : null);
  const open = x.assignments.find((a) => a.id === openId) ?? null;
  const yearly = x.dueRule.kind === 'yearly';

  const columns: TableColumnsType<Assignment> = [
    { title: t('common.unit'), key: 'unit', render: (_, a) => a.unit.name },
    { title: t('common.status'), key: 'status', width: 170, render: (_, a) => <StatusTag status={a.status} label={a.statusLabel} /> },
    { title: t('common.dueDate'), key: 'due', width: 110, render: (_, a) => formatDate(a.dueDate) },
    ...(yearly ? [{ title: t('common.period'), key: 'period', width: 80, render: (_: unknown, a: Assignment) => a.period ?? '—' }] : []),
    {
      title: t('common.percent'), key: 'percent', width: 180,
      render: (_, a) => <Progress percent={a.percent} size="small" status={a.status === 'overdue' ? 'exception' : a.percent === 100 ? 'success' : 'normal'} format={(p) => `${p}%`} />,
    },
    { title: t('common.lastReport'), key: 'last', width: 150, render: (_, a) => formatDateTime(a.lastReportedAt) },
    {
      title: '', key: 'action', width: 170,
      render: (_, a) => a.canReport && (
        <Button type="primary" size="small" data-testid="report-progress" onClick={() => setReporting(a.id)}>
          {t('tasks.report')}
        </Button>
      ),
    },
  ];

  const close = () => {
    setReporting(null);
    setClosedAuto(true);
    if (auto) setParams({}, { replace: true });
  };

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/ke-hoach">{t('nav.plans')}</Link> },
          { title: <Link to={`/ke-hoach/${x.plan.id}`}>{x.plan.number}</Link> },
          { title: `${t('common.task')} ${x.code}` },
        ]}
      />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('common.task')} {x.code} <StatusTag status={x.status} label={x.statusLabel} />
        </Typography.Title>
        <Typography.Paragraph style={{ fontSize: 15, whiteSpace: 'pre-line' }}>{x.text}</Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, lg: 2 }} bordered>
          <Descriptions.Item label={t('common.plan')}>
            <Link to={`/ke-hoach/${x.plan.id}`}>{x.plan.number}</Link> — {x.plan.title}
          </Descriptions.Item>
          <Descriptions.Item label={t('common.leadAgency')}>{x.leadAgency.name}</Descriptions.Item>
          <Descriptions.Item label={t('common.coordinating')}>
            {[...x.coordinatingAgencies.map((c) => c.name), x.coordinatingText].filter(Boolean).join('; ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('common.dueRule')}>
            {x.dueRuleText}
            {x.nextDueDate && <Typography.Text type="secondary"> · {t('common.nextDue')}: {formatDate(x.nextDueDate)}</Typography.Text>}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={`${t('tasks.assignments')} (${x.assignments.length})`} style={{ marginBottom: 16 }}>
        {x.assignments.length === 0
          ? <EmptyState>{t('tasks.noAssignments')}</EmptyState>
          : <Table<Assignment> size="small" rowKey="id" columns={columns} dataSource={x.assignments} pagination={false} scroll={{ x: 900 }} />}
      </Card>
      <Card title={`${t('tasks.history')} (${x.history.length})`}>
        <TaskHistory history={x.history} />
      </Card>
      {open && <ProgressForm task={x} assignment={open} onClose={close} />}
    </>
  );
}
