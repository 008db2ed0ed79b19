import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { usePlanTasks } from '../../api/queries';
import type { PlanDetail, PlanSection, TaskStatus, TaskView } from '../../api/types';
import { TASK_STATUSES } from '../../api/types';
import { ErrorAlert } from '../../components/feedback';
import { StatusTag, statusLabel } from '../../components/status';
import { formatDate, formatNumber, trimText } from '../../format';
import { t } from '../../i18n';

interface Row {
  key: string;
  section?: PlanSection;
  task?: TaskView;
  children?: Row[];
}

interface Filter { statuses: TaskStatus[]; lead?: string; text: string }

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** Sections in document order with their tasks beneath; when filtering, sections without a matching task drop out. */
function buildTree(sections: PlanSection[], tasks: TaskView[], f: Filter): Row[] {
  const filtering = f.statuses.length > 0 || !!f.lead || !!f.text.trim();
  const needle = fold(f.text.trim());
  const matches = (x: TaskView) =>
    (f.statuses.length === 0 || f.statuses.includes(x.status)) &&
    (!f.lead || x.leadAgency.code === f.lead) &&
    (!needle || fold(`${x.code} ${x.text}`).includes(needle));
  const tasksBySection = new Map<string, TaskView[]>();
  for (const x of tasks) if (matches(x)) tasksBySection.set(x.sectionId, [...(tasksBySection.get(x.sectionId) ?? []), x]);
  const childrenOf = new Map<string | null, PlanSection[]>();
  for (const s of sections) childrenOf.set(s.parentId, [...(childrenOf.get(s.parentId) ?? []), s]);

  const build = (parentId: string | null): Row[] =>
    (childrenOf.get(parentId) ?? []).flatMap((s) => {
      const kids: Row[] = [
        ...(tasksBySection.get(s.id) ?? []).map((x): Row => ({ key: `t${x.id}`, task: x })),
        ...build(s.id),
      ];
      kids.sort((a, b) => (a.task?.position ?? a.section!.position) - (b.task?.position ?? b.section!.position)); // document order
      if (filtering && kids.length === 0) return [];
      return [{ key: `s${s.id}`, section: s, children: kids.length ? kids : undefined }];
    });
  return build(null);
}

const sectionKeys = (rows: Row[]): string[] => rows.flatMap((r) => (r.children ? [r.key, ...sectionKeys(r.children)] : []));

export function PlanTaskTree({ plan }: { plan: PlanDetail }) {
  const tasks = usePlanTasks(plan.id);
  const [filter, setFilter] = useState<Filter>({ statuses: [], text: '' });
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  const rows = useMemo(() => buildTree(plan.sections, tasks.data ?? [], filter), [plan.sections, tasks.data, filter]);
  const expanded = useMemo(() => sectionKeys(rows).filter((k) => !collapsed.has(k)), [rows, collapsed]);
  const leads = useMemo(() => {
    const m = new Map<string, string>();
    for (const x of tasks.data ?? []) m.set(x.leadAgency.code, x.leadAgency.name);
    return [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  }, [tasks.data]);
  const counts = useMemo(() => {
    const c: Partial<Record<TaskStatus, number>> = {};
    for (const x of tasks.data ?? []) c[x.status] = (c[x.status] ?? 0) + 1;
    return c;
  }, [tasks.data]);
  const shown = useMemo(() => {
    const count = (rs: Row[]): number => rs.reduce((n, r) => n + (r.task ? 1 : 0) + count(r.children ?? []), 0);
    return count(rows);
  }, [rows]);

  const sectionCell = (r: Row) => ({ colSpan: r.section ? 0 : 1 });
  const columns: TableColumnsType<Row> = [
    {
      title: t('common.code'), key: 'code', width: 150,
      render: (_, r) => (r.section ? <Typography.Text strong>{r.section.code}</Typography.Text> : <Link to={`/nhiem-vu/${r.task?.id}`}>{r.task?.code}</Link>),
    },
    {
      title: t('common.task'), key: 'text',
      onCell: (r) => ({ colSpan: r.section ? 4 : 1 }),
      render: (_, r) => {
        if (r.section) {
          const s = r.section;
          return s.title
            ? <Typography.Text strong>{s.title}{s.text ? <Typography.Text type="secondary"> — {trimText(s.text, 160)}</Typography.Text> : null}</Typography.Text>
            : <Tooltip title={s.text && s.text.length > 200 ? s.text : undefined}><Typography.Text type="secondary">{trimText(s.text ?? '', 200)}</Typography.Text></Tooltip>;
        }
        const x = r.task!;
        return (
          <Tooltip title={x.text.length > 160 ? x.text : undefined} placement="topLeft">
            <Link to={`/nhiem-vu/${x.id}`} style={{ color: 'inherit' }}>{trimText(x.text, 160)}</Link>
          </Tooltip>
        );
      },
    },
    { title: t('common.leadAgency'), key: 'lead', width: 200, onCell: sectionCell, render: (_, r) => r.task?.leadAgency.name },
    {
      title: `${t('common.dueRule')} / ${t('common.nextDue').toLowerCase()}`, key: 'due', width: 180, onCell: sectionCell,
      render: (_, r) => r.task && (
        <>
          <div>{r.task.dueRuleText}</div>
          {r.task.nextDueDate && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('common.nextDue')}: {formatDate(r.task.nextDueDate)}</Typography.Text>}
        </>
      ),
    },
    {
      title: t('common.status'), key: 'status', width: 160, onCell: sectionCell,
      render: (_, r) => (r.task ? <StatusTag status={r.task.status} label={r.task.statusLabel} /> : null),
    },
  ];

  return (
    <>
      {tasks.isError && <ErrorAlert error={tasks.error} onRetry={() => tasks.refetch()} />}
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Select<TaskStatus[]>
          mode="multiple"
          allowClear
          placeholder={t('plans.filterStatus')}
          style={{ minWidth: 260 }}
          value={filter.statuses}
          onChange={(statuses) => setFilter((f) => ({ ...f, statuses }))}
          options={TASK_STATUSES.map((s) => ({ value: s, label: `${statusLabel(s)} (${formatNumber(counts[s] ?? 0)})` }))}
          data-testid="plan-filter-status"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('plans.filterLead')}
          style={{ minWidth: 300 }}
          value={filter.lead}
          onChange={(lead?: string) => setFilter((f) => ({ ...f, lead }))}
          options={leads}
          data-testid="plan-filter-lead"
        />
        <Input.Search
          allowClear
          placeholder="Tìm theo mã hoặc nội dung"
          style={{ width: 260 }}
          onSearch={(text) => setFilter((f) => ({ ...f, text }))}
        />
        <Typography.Text type="secondary">{formatNumber(shown)} / {formatNumber(tasks.data?.length ?? 0)} nhiệm vụ</Typography.Text>
        <Button
          style={{ marginLeft: 'auto' }}
          icon={<DownloadOutlined />}
          href={`/api/v1/plans/${plan.id}/tasks?format=xlsx`}
          download
        >
          {t('common.exportXlsx')}
        </Button>
      </Flex>
      <Table<Row>
        size="small"
        columns={columns}
        dataSource={rows}
        loading={tasks.isPending}
        pagination={false}
        indentSize={12}
        rowClassName={(r) => (r.section ? 'plan-section-row' : 'plan-task-row')}
        expandable={{
          expandedRowKeys: expanded,
          onExpand: (open, r) => setCollapsed((c) => {
            const next = new Set(c);
            if (open) next.delete(r.key); else next.add(r.key);
            return next;
          }),
        }}
        locale={{ emptyText: t('plans.noTasksMatch') }}
        scroll={{ x: 1000 }}
      />
    </>
  );
}
