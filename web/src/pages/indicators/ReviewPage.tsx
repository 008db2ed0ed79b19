import { CheckOutlined, EyeOutlined, RollbackOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Drawer, Flex, Input, Progress, Row, Segmented, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { api, ApiError, errorMessage } from '../../api/client';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { formatDate, formatNumber, todayIso } from '../../format';
import {
  completenessPath, ikeys, reportPath, useCompleteness, useDataElements, useDataSets, useReportForm,
  type Categories, type CompletenessUnit, type DataSet, type ReportAction, type ReportForm,
} from './api';
import { periodLabel } from './periods';
import { doneText, possibleActions, postAction, refreshReport, ReportActions, ReturnModal, type ReportRef } from './ReportActions';
import { draftOf, ElementsTable, ReportHeader, ReportHistory } from './ReportView';
import {
  canApproveData, DataSetSelect, DemoTag, PeriodSelect, ReportStatusTag, STATUS_KEYS, STATUS_TEXT, statusKey, UnitFilterSelect, useIndicatorParams, type StatusKey,
} from './shared';

/** "Duyệt & tiến độ báo cáo": who has reported a data set for a period, on time or not, and the approvals. */
export function ReviewPage() {
  const me = useMe().data!;
  const dataSets = useDataSets();
  const elements = useDataElements();
  const { params, dataSet, period, set } = useIndicatorParams(dataSets.data);
  const under = params.get('under') ?? undefined;
  const status = (params.get('status') ?? 'all') as StatusKey | 'all';
  const [search, setSearch] = useState('');
  const board = useCompleteness(dataSet?.code, period?.id, under);
  const [open, setOpen] = useState<CompletenessUnit | null>(null);
  const approver = canApproveData(me.role);

  const counts = useMemo(() => {
    const c = new Map<StatusKey, number>();
    for (const u of board.data?.units ?? []) {
      const k = statusKey(u.status, u.approvedLevel, u.values);
      c.set(k, (c.get(k) ?? 0) + 1);
    }
    return c;
  }, [board.data]);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/đ/g, 'd');
    return (board.data?.units ?? []).filter((u) => {
      if (status !== 'all' && statusKey(u.status, u.approvedLevel, u.values) !== status) return false;
      if (!q) return true;
      const hay = `${u.unit.name} ${u.unit.code} ${u.unit.parent ?? ''}`.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/đ/g, 'd');
      return hay.includes(q);
    });
  }, [board.data, status, search]);

  if (dataSets.isPending) return <Loading />;
  if (dataSets.isError) return <ErrorAlert error={dataSets.error} onRetry={() => dataSets.refetch()} />;

  const columns: TableColumnsType<CompletenessUnit> = [
    { title: 'Mã', key: 'code', width: 80, render: (_, u) => u.unit.code, sorter: (a, b) => a.unit.code.localeCompare(b.unit.code) },
    {
      title: 'Đơn vị', key: 'name',
      render: (_, u) => (
        <Flex vertical>
          <Typography.Link onClick={() => setOpen(u)} data-testid="review-open">{u.unit.name}</Typography.Link>
          {u.unit.parent && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{u.unit.parent}</Typography.Text>}
        </Flex>
      ),
      sorter: (a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'),
    },
    {
      title: 'Trạng thái', key: 'status', width: 190,
      render: (_, u) => (
        <Flex gap={4} wrap>
          <ReportStatusTag status={u.status} approvedLevel={u.approvedLevel} values={u.values} />
          {u.demo && <DemoTag />}
        </Flex>
      ),
    },
    { title: 'Số giá trị', key: 'values', width: 100, align: 'right', render: (_, u) => formatNumber(u.values), sorter: (a, b) => a.values - b.values },
    {
      title: 'Ngày gửi', key: 'sent', width: 170,
      render: (_, u) => (u.submittedOn
        ? <Flex gap={6} align="center">{formatDate(u.submittedOn)}{u.received && (u.onTime ? <Tag color="green" style={{ marginInlineEnd: 0 }}>đúng hạn</Tag> : <Tag color="orange" style={{ marginInlineEnd: 0 }}>trễ hạn</Tag>)}</Flex>
        : <Typography.Text type="secondary">Chưa gửi</Typography.Text>),
      sorter: (a, b) => (a.submittedOn ?? '').localeCompare(b.submittedOn ?? ''),
    },
    {
      title: '', key: 'actions', width: approver ? 300 : 90,
      render: (_, u) => (
        <Flex gap={6} wrap>
          <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(u)}>Xem</Button>
          {approver && dataSet && period && <RowActions row={u} target={{ dataSet: dataSet.code, unitId: u.unit.id, period: period.id }} />}
        </Flex>
      ),
    },
  ];

  const s = board.data?.summary;
  const parents = new Set((board.data?.units ?? []).map((u) => u.unit.parent));
  const commonParent = under && parents.size === 1 ? [...parents][0] ?? undefined : undefined;
  const overdue = board.data ? todayIso() > board.data.dueOn : false;

  return (
    <>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Duyệt & tiến độ báo cáo</Typography.Title>
        {dataSet && period && (
          <div style={{ marginLeft: 'auto' }}>
            <ExportButton path={completenessPath(dataSet.code)} query={{ period: period.id, under }} />
          </div>
        )}
      </Flex>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={16} align="center">
          <DataSetSelect dataSets={dataSets.data} value={dataSet?.code} onChange={(code) => set({ ds: code, period: undefined, status: undefined })} />
          <PeriodSelect type={dataSet?.periodType} value={period} onChange={(id) => set({ period: id })} />
          <UnitFilterSelect at={period?.end} value={under} onChange={(id) => set({ under: id })} knownName={commonParent} />
        </Flex>
      </Card>
      {!dataSets.data.length && <Card><EmptyState>Chưa có bộ dữ liệu nào.</EmptyState></Card>}
      {board.isError && <ErrorAlert error={board.error} onRetry={() => board.refetch()} />}
      {board.isPending && dataSet && <Loading />}
      {board.data && s && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="review-summary">
            <Col xs={24} sm={12} xl={6}>
              <Card size="small" style={{ height: '100%' }}>
                <Statistic title="Đã nhận báo cáo" value={`${formatNumber(s.received)}/${formatNumber(s.expected)}`} />
                <Progress percent={Math.round(s.completeness ?? 0)} size="small" format={() => (s.completeness === null ? '—' : `${formatNumber(s.completeness)}%`)} />
              </Card>
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Card size="small" style={{ height: '100%' }}>
                <Statistic title="Gửi đúng hạn" value={`${formatNumber(s.onTime)}/${formatNumber(s.received)}`} />
                <Progress percent={Math.round(s.timeliness ?? 0)} size="small" status={s.timeliness !== null && s.timeliness < 100 ? 'exception' : undefined}
                  format={() => (s.timeliness === null ? '—' : `${formatNumber(s.timeliness)}%`)} />
              </Card>
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Card size="small" style={{ height: '100%' }}>
                <Statistic title="Đã duyệt cấp cuối" value={`${formatNumber(s.approved)}/${formatNumber(s.expected)}`} />
                <Progress percent={s.expected ? Math.round((100 * s.approved) / s.expected) : 0} size="small" strokeColor="#52c41a" />
              </Card>
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Card size="small" style={{ height: '100%' }}>
                <Statistic title={`Hạn gửi ${period ? periodLabel(period).toLowerCase() : ''}`} value={formatDate(board.data.dueOn)} />
                {overdue
                  ? <Tag color="red">Đã quá hạn · {formatNumber(s.expected - s.received)} đơn vị chưa gửi</Tag>
                  : <Tag color="blue">Còn trong hạn</Tag>}
              </Card>
            </Col>
          </Row>
          <Card size="small">
            <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
              <Segmented<StatusKey | 'all'>
                value={status}
                onChange={(v) => set({ status: v === 'all' ? undefined : v })}
                options={[
                  { value: 'all', label: `Tất cả (${formatNumber(board.data.units.length)})` },
                  ...STATUS_KEYS.map((k) => ({ value: k, label: `${STATUS_TEXT[k]} (${formatNumber(counts.get(k) ?? 0)})` })),
                ]}
                data-testid="review-status-filter"
              />
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder="Tìm theo tên, mã đơn vị"
                style={{ width: 260, marginLeft: 'auto' }}
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </Flex>
            <Table<CompletenessUnit>
              size="small"
              rowKey={(u) => u.unit.id}
              columns={columns}
              dataSource={rows}
              loading={board.isFetching}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (n) => `${formatNumber(n)} đơn vị` } : false}
              onRow={(u) => ({ 'data-testid': `review-row-${u.unit.code}` }) as HTMLAttributes<HTMLElement>}
              locale={{ emptyText: <EmptyState>Không có đơn vị nào khớp bộ lọc.</EmptyState> }}
              scroll={{ x: 1000 }}
            />
          </Card>
        </>
      )}
      {open && dataSet && period && (
        <ReportDrawer
          target={{ dataSet: dataSet.code, unitId: open.unit.id, period: period.id }}
          title={`${open.unit.name} — ${periodLabel(period)}`}
          dataSet={dataSet}
          categories={elements.data?.categories}
          approver={approver}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}

/**
 * Approve / return / unapprove from the board: the report is read first for its version (the server refuses a
 * stale one), then acted on. Whether this user's level may act is the server's answer (403 scope.forbidden).
 */
function RowActions({ row, target }: { row: CompletenessUnit; target: ReportRef }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const act = useMutation({
    mutationFn: async (v: { action: ReportAction; comment?: string }) => {
      const form = await qc.fetchQuery({ queryKey: ikeys.report(target.dataSet, target.unitId, target.period), queryFn: () => api<ReportForm>(reportPath(target.dataSet, target.unitId, target.period)), staleTime: 0 });
      return postAction(target, v.action, form.report.version, v.comment);
    },
    onSuccess: (r, v) => { message.success(`${row.unit.name}: ${doneText(v.action, r).toLowerCase()}`); setReturning(false); refreshReport(qc, target); },
    onError: (err) => {
      message.error(`${row.unit.name}: ${errorMessage(err)}`);
      if (err instanceof ApiError && err.status === 409) refreshReport(qc, target);
    },
  });
  const actions = possibleActions(row.status, row.final);
  const pending = (a: ReportAction) => act.isPending && act.variables?.action === a;
  return (
    <>
      {actions.includes('approve') && (
        <Button size="small" type="primary" icon={<CheckOutlined />} loading={pending('approve')} disabled={act.isPending} onClick={() => act.mutate({ action: 'approve' })} data-testid="row-approve">
          Duyệt
        </Button>
      )}
      {actions.includes('return') && (
        <Button size="small" danger icon={<RollbackOutlined />} disabled={act.isPending} onClick={() => setReturning(true)} data-testid="row-return">Trả lại</Button>
      )}
      {actions.includes('unapprove') && (
        <Tooltip title="Bỏ lần duyệt gần nhất; báo cáo trở về bước duyệt trước">
          <Button size="small" icon={<UndoOutlined />} loading={pending('unapprove')} disabled={act.isPending} onClick={() => act.mutate({ action: 'unapprove' })} data-testid="row-unapprove">
            Hủy duyệt
          </Button>
        </Tooltip>
      )}
      <ReturnModal open={returning} unitName={row.unit.name} loading={act.isPending} onCancel={() => setReturning(false)} onOk={(comment) => act.mutate({ action: 'return', comment })} />
    </>
  );
}

/** One unit's report, read-only, with the approver's buttons and the history. */
function ReportDrawer({ target, title, dataSet, categories, approver, onClose }: {
  target: ReportRef; title: string; dataSet: DataSet; categories: Categories | undefined; approver: boolean; onClose: () => void;
}) {
  const form = useReportForm(target.dataSet, target.unitId, target.period);
  return (
    <Drawer open size={980} title={title} onClose={onClose} destroyOnHidden data-testid="review-drawer">
      {form.isPending || !categories ? <Loading /> : form.isError ? <ErrorAlert error={form.error} onRetry={() => form.refetch()} /> : (
        <>
          <ReportHeader compact form={form.data} extra={approver ? <ReportActions form={form.data} target={target} /> : undefined} />
          <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
            <ElementsTable form={form.data} dataSet={dataSet} categories={categories} draft={draftOf(form.data, categories)} />
          </Card>
          {form.data.issues.length > 0 && (
            <Card size="small" style={{ marginBottom: 16 }} title="Kiểm tra số liệu">
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {form.data.issues.map((i) => <li key={i.field + i.message}><Typography.Text type={i.severity === 'error' ? 'danger' : 'warning'}>{i.message}</Typography.Text></li>)}
              </ul>
            </Card>
          )}
          <Card size="small" title="Lịch sử gửi và duyệt">
            <ReportHistory history={form.data.history} />
          </Card>
        </>
      )}
    </Drawer>
  );
}
