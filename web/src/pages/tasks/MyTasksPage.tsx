import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Segmented, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMyTasks } from '../../api/queries';
import type { MyTask, TaskStatus } from '../../api/types';
import { TASK_STATUSES } from '../../api/types';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { StatusTag, statusLabel } from '../../components/status';
import { formatDate, formatDateTime, formatNumber, trimText } from '../../format';
import { t } from '../../i18n';

/** Overdue first, then what is still open, then what is done; earliest due date first inside each. */
const rank = (s: TaskStatus) => TASK_STATUSES.indexOf(s);
const byUrgency = (a: MyTask, b: MyTask) =>
  rank(a.assignment.status) - rank(b.assignment.status) ||
  (a.assignment.dueDate ?? '9999').localeCompare(b.assignment.dueDate ?? '9999') ||
  a.plan.number.localeCompare(b.plan.number) || a.task.code.localeCompare(b.task.code, 'vi', { numeric: true });

export function MyTasksPage() {
  const rows = useMyTasks();
  const navigate = useNavigate();
  const [status, setStatus] = useState<TaskStatus | 'all'>('all');
  const sorted = useMemo(() => [...(rows.data ?? [])].sort(byUrgency), [rows.data]);
  const counts = useMemo(() => {
    const c: Partial<Record<TaskStatus, number>> = {};
    for (const r of sorted) c[r.assignment.status] = (c[r.assignment.status] ?? 0) + 1;
    return c;
  }, [sorted]);
  const shown = status === 'all' ? sorted : sorted.filter((r) => r.assignment.status === status);

  const columns: TableColumnsType<MyTask> = [
    {
      title: `${t('common.plan')} / ${t('common.code').toLowerCase()}`, key: 'code', width: 125,
      render: (_, r) => (
        <>
          <Link to={`/nhiem-vu/${r.task.id}`}>{r.task.code}</Link>
          <div><Link to={`/ke-hoach/${r.plan.id}`} style={{ fontSize: 12, color: '#8c8c8c' }}>{r.plan.number}</Link></div>
        </>
      ),
    },
    {
      title: t('common.task'), key: 'text',
      render: (_, r) => (
        <Tooltip title={r.task.text.length > 120 ? r.task.text : undefined} placement="topLeft">
          <Link to={`/nhiem-vu/${r.task.id}`} style={{ color: 'inherit' }}>{trimText(r.task.text, 120)}</Link>
        </Tooltip>
      ),
    },
    { title: t('common.unit'), key: 'unit', width: 180, render: (_, r) => r.assignment.unit.name },
    {
      title: t('common.dueDate'), key: 'due', width: 150,
      render: (_, r) => (
        <>
          <div>{r.assignment.dueDate ? formatDate(r.assignment.dueDate) : r.task.dueRuleText}</div>
          {r.assignment.dueDate && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.task.dueRuleText}{r.assignment.period ? ` · kỳ ${r.assignment.period}` : ''}</Typography.Text>}
        </>
      ),
    },
    { title: t('common.status'), key: 'status', width: 160, render: (_, r) => <StatusTag status={r.assignment.status} label={r.assignment.statusLabel} /> },
    {
      title: `${t('common.percent')} / ${t('common.lastReport').toLowerCase()}`, key: 'percent', width: 160,
      render: (_, r) => (
        <>
          <Progress percent={r.assignment.percent} size="small" status={r.assignment.status === 'overdue' ? 'exception' : r.assignment.percent === 100 ? 'success' : 'normal'} format={(p) => `${p}%`} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.assignment.lastReportedAt ? formatDateTime(r.assignment.lastReportedAt) : 'chưa báo cáo'}</Typography.Text>
        </>
      ),
    },
    {
      title: '', key: 'action', width: 100, fixed: 'right',
      render: (_, r) => r.assignment.canReport
        ? <Button size="small" type="primary" data-testid="my-task-report" onClick={() => navigate(`/nhiem-vu/${r.task.id}?baoCao=${r.assignment.id}`)}>{t('tasks.reportShort')}</Button>
        : <Button size="small" onClick={() => navigate(`/nhiem-vu/${r.task.id}`)}>{t('common.details')}</Button>,
    },
  ];

  return (
    <>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('nav.myTasks')}</Typography.Title>
        <Button style={{ marginLeft: 'auto' }} icon={<DownloadOutlined />} href="/api/v1/my-tasks?format=xlsx" download disabled={!sorted.length}>
          {t('common.exportXlsx')}
        </Button>
      </Flex>
      {rows.isError && <ErrorAlert error={rows.error} onRetry={() => rows.refetch()} />}
      <Segmented<TaskStatus | 'all'>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={[
          { value: 'all', label: `${t('common.all')} (${formatNumber(sorted.length)})` },
          ...TASK_STATUSES.map((s) => ({ value: s, label: `${statusLabel(s)} (${formatNumber(counts[s] ?? 0)})` })),
        ]}
        data-testid="my-tasks-filter"
      />
      <Table<MyTask>
        size="middle"
        rowKey={(r) => r.assignment.id}
        columns={columns}
        dataSource={shown}
        loading={rows.isPending}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        onRow={() => ({ 'data-testid': 'my-task-row' }) as HTMLAttributes<HTMLElement>}
        rowClassName={(r) => (r.assignment.status === 'overdue' ? 'row-overdue' : '')}
        locale={{ emptyText: <EmptyState>{status === 'all' ? t('tasks.myEmpty') : 'Không có nhiệm vụ nào ở trạng thái này.'}</EmptyState> }}
        scroll={{ x: 1100 }}
      />
    </>
  );
}
