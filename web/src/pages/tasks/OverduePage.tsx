import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Progress, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { withQuery } from '../../api/client';
import { useOverdue, usePlans } from '../../api/queries';
import type { OverdueRow } from '../../api/types';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { DATE_FORMAT, formatDate, formatNumber, trimText } from '../../format';
import { t, tOr } from '../../i18n';

const KINDS = ['agency', 'district', 'commune', 'province', 'association'];

export function OverduePage() {
  const plans = usePlans();
  const [planId, setPlanId] = useState<string>();
  const [kind, setKind] = useState<string>();
  const [unit, setUnit] = useState<string>();
  const [dueBefore, setDueBefore] = useState<Dayjs | null>(null);

  const base = { planId, kind, dueBefore: dueBefore?.format('YYYY-MM-DD') };
  const query = { ...base, unit };
  // The unit choices come from the same list without the unit filter, so only units with overdue work are offered.
  const forUnits = useOverdue(base);
  const rows = useOverdue(query);
  const unitOptions = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of forUnits.data ?? []) m.set(r.unit.code, r.unit.name);
    return [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  }, [forUnits.data]);

  const columns: TableColumnsType<OverdueRow> = [
    { title: t('common.plan'), key: 'plan', width: 120, render: (_, r) => <Link to={`/ke-hoach/${r.planId}`}>{r.planNumber}</Link> },
    { title: t('common.code'), key: 'code', width: 90, render: (_, r) => <Link to={`/nhiem-vu/${r.taskId}`}>{r.taskCode}</Link> },
    {
      title: t('common.task'), key: 'text',
      render: (_, r) => (
        <Tooltip title={r.taskText} placement="topLeft">
          <Link to={`/nhiem-vu/${r.taskId}`} style={{ color: 'inherit' }}>{trimText(r.taskText, 110)}</Link>
        </Tooltip>
      ),
    },
    {
      title: t('common.unit'), key: 'unit', width: 230,
      render: (_, r) => <>{r.unit.name}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{tOr(`kind.${r.unit.kind}`, r.unit.kind)}</Typography.Text></div></>,
    },
    {
      title: t('common.dueDate'), key: 'due', width: 150,
      render: (_, r) => <>{formatDate(r.dueDate)}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.dueRuleText}</Typography.Text></div></>,
      sorter: (a, b) => a.dueDate.localeCompare(b.dueDate),
    },
    {
      title: t('overdue.daysOverdue'), key: 'days', width: 120, align: 'right',
      render: (_, r) => <Tag color="red" style={{ marginInlineEnd: 0 }}>{formatNumber(r.daysOverdue)} ngày</Tag>,
      sorter: (a, b) => a.daysOverdue - b.daysOverdue, defaultSortOrder: 'descend',
    },
    { title: t('common.percent'), key: 'percent', width: 130, render: (_, r) => <Progress percent={r.percent} size="small" status="exception" format={(p) => `${p}%`} /> },
  ];

  return (
    <>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('overdue.title')}</Typography.Title>
        <Tag color="red" style={{ fontSize: 14, padding: '2px 10px' }}>
          <span data-testid="overdue-count">{formatNumber(rows.data?.length ?? 0)}</span> lượt giao quá hạn
        </Tag>
        <Button
          style={{ marginLeft: 'auto' }}
          icon={<DownloadOutlined />}
          href={withQuery('/api/v1/overdue', { ...query, format: 'xlsx' })}
          download
          data-testid="overdue-export"
        >
          {t('common.exportXlsx')}
        </Button>
      </Flex>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <Select
            allowClear placeholder={`${t('common.plan')}: ${t('common.all').toLowerCase()}`} style={{ width: 220 }}
            value={planId} onChange={(v?: string) => { setPlanId(v); setUnit(undefined); }}
            loading={plans.isPending}
            options={plans.data?.map((p) => ({ value: p.id, label: `${p.number} — ${p.issuer.name}` }))}
          />
          <Select
            allowClear placeholder="Loại đơn vị: tất cả" style={{ width: 220 }}
            value={kind} onChange={(v?: string) => { setKind(v); setUnit(undefined); }}
            options={KINDS.map((k) => ({ value: k, label: tOr(`kind.${k}`, k) }))}
          />
          <Select
            allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="Đơn vị: tất cả" style={{ width: 300 }}
            value={unit} onChange={(v?: string) => setUnit(v)} options={unitOptions}
            notFoundContent="Không có đơn vị nào quá hạn"
          />
          <Flex align="center" gap={6}>
            <Typography.Text>{t('overdue.dueBefore')}</Typography.Text>
            <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" value={dueBefore} onChange={(d) => setDueBefore(d)} />
          </Flex>
          {(planId || kind || unit || dueBefore) && (
            <Button type="link" onClick={() => { setPlanId(undefined); setKind(undefined); setUnit(undefined); setDueBefore(null); }}>
              {t('common.reset')}
            </Button>
          )}
        </Flex>
      </Card>
      {rows.isError && <ErrorAlert error={rows.error} onRetry={() => rows.refetch()} />}
      <Table<OverdueRow>
        size="middle"
        rowKey={(r) => `${r.assignmentId}-${r.period ?? ''}`}
        columns={columns}
        dataSource={rows.data}
        loading={rows.isFetching}
        pagination={(rows.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        onRow={() => ({ 'data-testid': 'overdue-row' }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <EmptyState>{t('overdue.empty')}</EmptyState> }}
        scroll={{ x: 1100 }}
      />
    </>
  );
}
