import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Card, Col, Descriptions, Flex, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { COLORS, TrendChart } from '../../components/charts/TrendChart';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { formatNumber } from '../../format';
import { useDashboard } from './api';
import { DrillDown } from './DrillDown';
import {
  ApprovalText, chartProjection, chartTargets, comparatorText, DemoTag, formatValue, LineageTag, OutlookTag, ProgressLine, unitWithDates, VerifiedMark,
} from './labels';
import { useDashboardParams } from './params';
import type { DashboardItem, Figure } from './types';
import { LINEAGE_LABELS } from '../../../../src/modules/indicators/lineage';

/** One target in depth: the trend with target and projection, the method, the figures by year, and the drill-down. */
export function TargetDetailPage() {
  const { targetId = '' } = useParams();
  const { unitId, plan, approvedOnly, linkTo } = useDashboardParams();
  const dashboard = useDashboard(unitId, plan, approvedOnly);
  const back = linkTo('/bang-dieu-khien');
  // Coming from a long dashboard: start at the top of the target, not at the dashboard's scroll position.
  useEffect(() => { window.scrollTo(0, 0); }, [targetId]);

  if (dashboard.isPending) return <Loading />;
  if (dashboard.isError) return <ErrorAlert error={dashboard.error} onRetry={() => dashboard.refetch()} />;
  const data = dashboard.data;
  const item = data.items.find((i) => i.target.id === targetId);
  if (!item) {
    return <EmptyState>Không tìm thấy chỉ tiêu này trong bảng điều khiển của {data.unit.name}. <Link to={back}>Quay lại bảng điều khiển</Link></EmptyState>;
  }
  const { target, indicator: ind } = item;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to={back}>Bảng điều khiển — {data.unit.name}</Link> }, { title: `${target.document}${target.clause ? ` · ${target.clause}` : ''} · ${target.year}` }]}
      />
      <Card style={{ marginBottom: 16 }} data-testid="target-detail">
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          {target.clause && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{target.clause}</Tag>}
          <Typography.Text type="secondary">{target.plan ? `Kế hoạch ${target.document}` : target.document}</Typography.Text>
          <OutlookTag outlook={item.outlook} label={item.outlookLabel} />
          <VerifiedMark verified={ind.verified} what="chỉ số" />
          <VerifiedMark verified={target.verified} what="chỉ tiêu" />
          <DemoTag show={item.series.some((f) => f.demo && f.value !== null)} />
        </Flex>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{target.text}</Typography.Title>
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={10}>
            <Flex align="baseline" gap={8} wrap data-testid="detail-value">
              <span style={{ fontSize: 32, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{formatValue(item.current?.value, ind.unitLabel, ind.decimals)}</span>
              <span style={{ fontSize: 18, color: '#595959' }}>/ {target.comparator === '>=' ? '' : `${comparatorText(target.comparator)} `}{formatValue(target.value, ind.unitLabel, ind.decimals)}</span>
              <Typography.Text type="secondary">{item.current ? `— năm ${item.current.year}` : '— chưa có số liệu'}</Typography.Text>
              <LineageTag figure={item.current} />
            </Flex>
            <div style={{ maxWidth: 420, marginTop: 4 }}><ProgressLine item={item} /></div>
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              <ApprovalText approval={item.current?.approval} />
              {item.current?.numerator !== null && item.current?.numerator !== undefined && item.current.denominator !== null && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>Tử số/mẫu số: {formatNumber(item.current.numerator)}/{formatNumber(item.current.denominator)}</Typography.Text>
              )}
            </Flex>
          </Col>
          <Col xs={24} lg={14}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
              { key: 'ind', label: 'Chỉ số', children: <div>{ind.name}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>Mã {ind.code}</Typography.Text></div></div> },
              { key: 'unit', label: 'Đơn vị được giao', children: unitWithDates(item.unit) },
              { key: 'target', label: `Mục tiêu năm ${target.year}`, children: `${comparatorText(target.comparator)} ${formatValue(target.value, ind.unitLabel, ind.decimals)}` },
              { key: 'proj', label: `Dự báo năm ${target.year}`, children: item.projected === null ? '—' : formatValue(item.projected, ind.unitLabel, ind.decimals) },
              { key: 'bench', label: 'Chỉ tiêu toàn quốc', children: item.benchmark ? `${formatValue(item.benchmark.value, ind.unitLabel, ind.decimals)} (${item.benchmark.document})` : '—' },
              { key: 'legal', label: 'Căn cứ của chỉ số', children: ind.legalSource ?? '—' },
              ...(target.note ? [{ key: 'note', label: 'Ghi chú', children: target.note }] : []),
            ]} />
          </Col>
        </Row>
      </Card>

      <Card size="small" title="Xu hướng, mục tiêu và dự báo" style={{ marginBottom: 16 }}>
        <TrendChart
          series={item.series}
          targets={chartTargets(item, data.items)}
          projection={chartProjection(item)}
          benchmark={item.benchmark ? { value: item.benchmark.value, label: `Toàn quốc (${item.benchmark.document})` } : null}
          unitLabel={ind.unitLabel}
          decimals={ind.decimals}
        />
        <ChartLegendNote item={item} />
        <Alert type="info" showIcon icon={<InfoCircleOutlined />} style={{ marginTop: 12 }} title={<><b>Phương pháp dự báo:</b> {data.method}</>} data-testid="detail-method" />
        <SeriesTable item={item} />
      </Card>

      <DrillDown item={item} dashboardUnit={data.unit} approvedOnly={approvedOnly} />
    </>
  );
}

/** Under the chart: which years were re-aggregated across the 2025 reform, in words (the chart's legend names the styles). */
function ChartLegendNote({ item }: { item: DashboardItem }) {
  const re = item.series.filter((f) => f.value !== null && f.lineage !== 'hierarchy');
  if (re.length === 0) return null;
  const via = re.some((f) => f.lineage === 'successors') ? 'các đơn vị kế thừa (sau sắp xếp 01/07/2025)' : 'các đơn vị tiền thân (trước sắp xếp 01/07/2025)';
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }} data-testid="reaggregated-note">
      <span style={{ display: 'inline-block', width: 18, borderTop: `2px dashed ${COLORS.reaggregated}`, verticalAlign: 'middle', marginRight: 4 }} />
      Năm {re.map((f) => f.year).join(', ')} (nét đứt, điểm rỗng): số liệu được tổng hợp lại qua {via} trên địa bàn của {item.unit?.name ?? 'đơn vị'}{item.unit?.validTo ? ' cũ' : ''}
      {re.some((f) => f.approximate) ? '; điểm tam giác là giá trị gần đúng (đơn vị kế thừa còn nhận địa bàn từ nơi khác).' : '.'}
    </Typography.Paragraph>
  );
}

function SeriesTable({ item }: { item: DashboardItem }) {
  const ind = item.indicator;
  const rows = item.series;
  const columns: TableColumnsType<Figure> = [
    { title: 'Năm', dataIndex: 'year', key: 'year', width: 70 },
    { title: `Giá trị (${ind.unitLabel})`, key: 'value', width: 120, align: 'right', render: (_, f) => formatValue(f.value, ind.unitLabel, ind.decimals) },
    { title: 'Tử số', key: 'num', width: 110, align: 'right', render: (_, f) => formatNumber(f.numerator) },
    { title: 'Mẫu số', key: 'den', width: 110, align: 'right', render: (_, f) => formatNumber(f.denominator) },
    {
      title: 'Cách tổng hợp', key: 'lineage',
      render: (_, f) => (f.value === null && f.note ? <Typography.Text type="secondary">{f.note}</Typography.Text> : (
        <Flex gap={6} wrap align="center">
          <span>{LINEAGE_LABELS[f.lineage]}</span>
          {f.approximate && <Tag color="gold" style={{ marginInlineEnd: 0 }}>gần đúng</Tag>}
          {f.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.note}</Typography.Text>}
        </Flex>
      )),
    },
    { title: 'Duyệt', key: 'approval', width: 170, render: (_, f) => <Flex gap={6} wrap><ApprovalText approval={f.approval} /><DemoTag show={f.demo} /></Flex> },
  ];
  return (
    <Table<Figure>
      size="small"
      style={{ marginTop: 12 }}
      rowKey="period"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 800 }}
      title={() => <Typography.Text strong>Số liệu theo năm</Typography.Text>}
      locale={{ emptyText: <EmptyState>Chưa có số liệu.</EmptyState> }}
    />
  );
}
