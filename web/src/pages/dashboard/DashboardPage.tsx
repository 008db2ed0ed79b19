import { InfoCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Flex, Row, Spin, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { formatDate, formatNumber } from '../../format';
import { tOr } from '../../i18n';
import { useDashboard } from './api';
import {
  ApprovalText, comparatorText, DemoTag, formatValue, LineageTag, OUTLOOK_COLOR, OUTLOOK_LABELS, OutlookTag, ProgressLine, unitWithDates, VerifiedMark,
} from './labels';
import { ApprovedOnlySwitch, DashboardUnitSelect, PlanSelect, useDashboardParams } from './params';
import { OUTLOOKS, type Dashboard, type DashboardItem, type Outlook } from './types';

/** Bảng điều khiển: every target of a unit (and of the units it was formed from) with its figure, progress and outlook. */
export function DashboardPage() {
  const { unitId, plan, approvedOnly, params, set, linkTo } = useDashboardParams();
  const dashboard = useDashboard(unitId, plan, approvedOnly);
  const outlook = (params.get('outlook') ?? '') as Outlook | '';
  const data = dashboard.data;
  const items = data?.items.filter((i) => !outlook || i.outlook === outlook) ?? [];

  return (
    <>
      <Flex align="baseline" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Bảng điều khiển chỉ tiêu</Typography.Title>
        <Typography.Text type="secondary">Số liệu tính trực tiếp từ dữ liệu đã nhập, theo địa giới của từng kỳ</Typography.Text>
      </Flex>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={16} align="center">
          <DashboardUnitSelect value={unitId} current={data?.unit} onChange={(id) => set({ unitId: id, outlook: undefined })} />
          <PlanSelect value={plan} onChange={(p) => set({ plan: p, outlook: undefined })} />
          <ApprovedOnlySwitch value={approvedOnly} onChange={(v) => set({ approved: v ? '1' : undefined })} />
          <Flex gap={8} align="center" style={{ marginLeft: 'auto' }}>
            {dashboard.isFetching && !dashboard.isPending && <Spin size="small" />}
            <Tooltip title="Danh sách chỉ tiêu (văn bản, mục, giá trị, năm) của kế hoạch đã chọn">
              <span><ExportButton path="/api/v1/targets" query={{ plan: plan || undefined }} /></span>
            </Tooltip>
          </Flex>
        </Flex>
      </Card>

      {!unitId && <EmptyState>Tài khoản chưa được giao đơn vị nào; hãy chọn một đơn vị.</EmptyState>}
      {dashboard.isPending && unitId && <Loading />}
      {dashboard.isError && <ErrorAlert error={dashboard.error} onRetry={() => dashboard.refetch()} />}
      {data && (
        <>
          <UnitHeading data={data} />
          <Summary data={data} active={outlook} onPick={(o) => set({ outlook: o === outlook ? undefined : o })} />
          <Alert
            type="info" showIcon icon={<InfoCircleOutlined />} style={{ marginBottom: 16 }}
            title={<><b>Cách dự báo:</b> {data.method}</>}
            data-testid="dashboard-method"
          />
          {data.items.length === 0 ? (
            <Card><EmptyState>
              {plan ? `Đơn vị này chưa có chỉ tiêu nào của ${plan}.` : 'Đơn vị này chưa được giao chỉ tiêu nào. Chỉ tiêu thường được giao cho tỉnh, thành phố; hãy chọn tỉnh.'}
            </EmptyState></Card>
          ) : items.length === 0 ? (
            <Card><EmptyState>Không có chỉ tiêu nào “{OUTLOOK_LABELS[outlook as Outlook]}”.</EmptyState></Card>
          ) : (
            <Row gutter={[16, 16]}>
              {items.map((item) => (
                <Col key={item.target.id} xs={24} xl={12} xxl={8}>
                  <TargetCard item={item} dashboardUnitId={data.unit.id} to={linkTo(`/bang-dieu-khien/chi-tieu/${item.target.id}`)} />
                </Col>
              ))}
            </Row>
          )}
        </>
      )}
    </>
  );
}

function UnitHeading({ data }: { data: Dashboard }) {
  const others = new Map<string, NonNullable<DashboardItem['unit']>>();
  for (const i of data.items) if (i.unit && i.unit.id !== data.unit.id) others.set(i.unit.id, i.unit);
  return (
    <>
      <Flex align="baseline" gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-unit-name">{data.unit.name}</Typography.Title>
        <Tag>{tOr(`kind.${data.unit.kind}`, data.unit.kind)}</Tag>
        {data.unit.validFrom && <Typography.Text type="secondary">thành lập từ {formatDate(data.unit.validFrom)}</Typography.Text>}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto', fontSize: 12 }}>Số liệu tính đến ngày {formatDate(data.today)}</Typography.Text>
      </Flex>
      {others.size > 0 && (
        <Alert
          type="warning" showIcon style={{ marginBottom: 12 }} data-testid="dashboard-predecessors"
          title={<>Gồm cả chỉ tiêu của đơn vị tiền thân: <b>{[...others.values()].map(unitWithDates).join(', ')}</b>. Số liệu của các kỳ sau sắp xếp được tổng hợp lại qua các đơn vị kế thừa trên địa bàn cũ và được ghi rõ ở từng giá trị.</>}
        />
      )}
    </>
  );
}

function Summary({ data, active, onPick }: { data: Dashboard; active: Outlook | ''; onPick: (o: Outlook) => void }) {
  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="dashboard-summary">
      <Card size="small" style={{ minWidth: 120 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>Tổng số chỉ tiêu</Typography.Text>
        <div style={{ fontSize: 24, fontWeight: 600 }}>{formatNumber(data.items.length)}</div>
      </Card>
      {OUTLOOKS.map((o) => (
        <Card
          key={o}
          size="small"
          hoverable
          onClick={() => onPick(o)}
          style={{ minWidth: 120, borderColor: active === o ? OUTLOOK_COLOR[o] : undefined, borderTop: `3px solid ${OUTLOOK_COLOR[o]}`, opacity: data.summary[o] ? 1 : 0.6 }}
          data-testid={`summary-${o}`}
          aria-pressed={active === o}
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{OUTLOOK_LABELS[o]}</Typography.Text>
          <div style={{ fontSize: 24, fontWeight: 600, color: data.summary[o] ? OUTLOOK_COLOR[o] : undefined }}>{formatNumber(data.summary[o] ?? 0)}</div>
        </Card>
      ))}
    </Flex>
  );
}

/** One target: its wording and source, the latest figure against the target, progress, outlook and the state of its data. */
export function TargetCard({ item, dashboardUnitId, to }: { item: DashboardItem; dashboardUnitId: string; to: string }) {
  const { target, indicator, current } = item;
  const ind = indicator;
  return (
    <Card
      size="small"
      data-testid="target-card"
      style={{ height: '100%', borderLeft: `4px solid ${OUTLOOK_COLOR[item.outlook]}` }}
      title={
        <Flex gap={6} align="center" wrap>
          {target.clause && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{target.clause}</Tag>}
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>{target.document}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>· năm {target.year}</Typography.Text>
        </Flex>
      }
      extra={<OutlookTag outlook={item.outlook} label={item.outlookLabel} />}
    >
      <Typography.Paragraph strong style={{ marginBottom: 4 }} ellipsis={{ rows: 3, tooltip: target.text }}>
        <Link to={to} style={{ color: 'inherit' }} data-testid="target-link">{target.text}</Link>
      </Typography.Paragraph>
      <Flex gap={6} wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{ind.name}</Typography.Text>
        <VerifiedMark verified={ind.verified} what="chỉ số" />
        <VerifiedMark verified={target.verified} what="chỉ tiêu" />
        {item.unit && item.unit.id !== dashboardUnitId && <Tag style={{ marginInlineEnd: 0 }}>{unitWithDates(item.unit)}</Tag>}
      </Flex>
      <Flex align="baseline" gap={8} wrap data-testid="target-value">
        <span style={{ fontSize: 26, fontWeight: 600, color: current ? '#1f1f1f' : '#8c8c8c', fontVariantNumeric: 'tabular-nums' }}>
          {formatValue(current?.value, ind.unitLabel, ind.decimals)}
        </span>
        <span style={{ fontSize: 16, color: '#595959' }}>
          / {target.comparator === '>=' ? '' : `${comparatorText(target.comparator)} `}{formatValue(target.value, ind.unitLabel, ind.decimals)}
        </span>
        <Typography.Text type="secondary">{current ? `— năm ${current.year}` : '— chưa có số liệu'}</Typography.Text>
        <LineageTag figure={current} />
      </Flex>
      <div style={{ margin: '6px 0 8px' }}><ProgressLine item={item} /></div>
      <Flex gap={8} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center">
          <ApprovalText approval={current?.approval} />
          <DemoTag show={item.series.some((f) => f.demo && f.value !== null)} />
          {item.benchmark && (
            <Tooltip title={item.benchmark.text}>
              <Tag style={{ marginInlineEnd: 0 }} data-testid="benchmark">Toàn quốc ({item.benchmark.document}): {formatValue(item.benchmark.value, ind.unitLabel, ind.decimals)}</Tag>
            </Tooltip>
          )}
          {item.projected !== null && item.latest && item.latest.year < target.year && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>Dự báo {target.year}: {formatValue(item.projected, ind.unitLabel, ind.decimals)}</Typography.Text>
          )}
        </Flex>
        <Link to={to}>Chi tiết <RightOutlined /></Link>
      </Flex>
    </Card>
  );
}
