import { EyeInvisibleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Card, Col, Collapse, Flex, Row, Tag, Tooltip, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { TrendChart } from '../../components/charts/TrendChart';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { formatDate, formatNumber } from '../../format';
import { usePublicChildren, usePublicProvince } from '../dashboard/api';
import {
  chartProjection, chartTargets, comparatorText, DemoTag, formatValue, LineageTag, OUTLOOK_COLOR, OUTLOOK_LABELS, OutlookTag, ProgressLine, unitWithDates,
} from '../dashboard/labels';
import { OUTLOOKS, type Dashboard, type DashboardItem } from '../dashboard/types';

export const SUPPRESSED_NOTE = 'Số liệu dưới 5 người không công bố';

/** /cong-khai/:id — a province's targets with approved figures, progress and a small trend, for anyone, on any phone. */
export function PublicProvincePage() {
  const { id = '' } = useParams();
  const province = usePublicProvince(id);
  if (province.isPending) return <Loading />;
  if (province.isError) {
    return (
      <>
        <ErrorAlert error={province.error} onRetry={() => province.refetch()} />
        <Link to="/cong-khai">Xem danh sách tỉnh, thành phố</Link>
      </>
    );
  }
  const data = province.data;
  const others = new Map<string, NonNullable<DashboardItem['unit']>>();
  for (const i of data.items) if (i.unit && i.unit.id !== data.unit.id) others.set(i.unit.id, i.unit);
  const anySuppressed = data.items.some((i) => i.current?.suppressed || i.series.some((f) => f.suppressed));
  // Targets with an approved figure first, as cards; the others as a short list (a citizen reads figures, not gaps).
  const hasFigure = (i: DashboardItem) => i.current !== null || i.series.some((f) => f.suppressed);
  const withData = data.items.filter(hasFigure);
  const withoutData = data.items.filter((i) => !hasFigure(i));

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/cong-khai">Tỉnh, thành phố</Link> }, { title: data.unit.name }]} />
      <Typography.Title level={3} style={{ margin: '0 0 4px' }} data-testid="public-province-name">{data.unit.name}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        Chỉ tiêu xây dựng xã hội học tập · số liệu tính đến ngày {formatDate(data.today)}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 12 }}><Link to={`/cong-khai/${data.unit.id}/mo-hinh-hoc-tap`} data-testid="public-recognised-link">Đơn vị, cộng đồng học tập được công nhận →</Link></Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 12 }}><Link to={`/cong-khai/${data.unit.id}/guong-hoc-tap`} data-testid="public-exemplary-link">Người học, mô hình học tập tiêu biểu →</Link> · <Link to="/cong-khai/hoc-lieu" data-testid="public-province-resources-link">Học liệu mở →</Link></Typography.Paragraph>
      <Alert
        type="success" showIcon icon={<SafetyCertificateOutlined />} style={{ marginBottom: 12 }} data-testid="public-approved-note"
        title="Chỉ hiển thị số liệu đã được duyệt"
        description={<>Số liệu chưa duyệt không được công bố. {SUPPRESSED_NOTE} (hiển thị “—”).</>}
      />
      {others.size > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          title={<>Gồm chỉ tiêu của {[...others.values()].map(unitWithDates).join(', ')} trước khi sắp xếp đơn vị hành chính năm 2025.</>} />
      )}
      <Flex wrap gap={6} style={{ marginBottom: 12 }}>
        {OUTLOOKS.filter((o) => data.summary[o]).map((o) => (
          <Tag key={o} style={{ marginInlineEnd: 0, borderColor: OUTLOOK_COLOR[o], fontSize: 13, padding: '2px 8px' }}>
            {OUTLOOK_LABELS[o]}: <b>{formatNumber(data.summary[o])}</b>
          </Tag>
        ))}
      </Flex>
      {data.items.length === 0 && <EmptyState>Tỉnh, thành phố này chưa công bố chỉ tiêu nào.</EmptyState>}
      {withData.length > 0 && (
        <Row gutter={[12, 12]}>
          {withData.map((item) => (
            <Col key={item.target.id} xs={24} md={12} xl={8}>
              <PublicTargetCard item={item} data={data} />
            </Col>
          ))}
        </Row>
      )}
      {data.items.length > 0 && withData.length === 0 && <EmptyState>Chưa có số liệu đã duyệt cho các chỉ tiêu của tỉnh, thành phố này.</EmptyState>}
      {withoutData.length > 0 && <WithoutData items={withoutData} />}
      {anySuppressed && <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}><EyeInvisibleOutlined /> {SUPPRESSED_NOTE}.</Typography.Paragraph>}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        <b>Cách dự báo:</b> {data.method}
      </Typography.Paragraph>
    </>
  );
}

function PublicTargetCard({ item, data }: { item: DashboardItem; data: Dashboard }) {
  const { target, indicator: ind, current } = item;
  const suppressed = !!current?.suppressed;
  const seriesSuppressed = item.series.some((f) => f.suppressed);
  return (
    <Card size="small" style={{ height: '100%', borderTop: `3px solid ${OUTLOOK_COLOR[item.outlook]}` }} data-testid="public-target">
      <Flex justify="space-between" gap={8} align="flex-start" style={{ marginBottom: 6 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {target.document}{target.clause ? ` · mục ${target.clause}` : ''} · năm {target.year}
        </Typography.Text>
        <OutlookTag outlook={item.outlook} label={item.outlookLabel} />
      </Flex>
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>{target.text}</Typography.Paragraph>
      <Flex align="baseline" gap={6} wrap data-testid="public-value">
        {suppressed ? (
          <Tooltip title={SUPPRESSED_NOTE}>
            <span style={{ fontSize: 28, fontWeight: 600, color: '#8c8c8c' }} data-testid="public-suppressed">—</span>
          </Tooltip>
        ) : (
          <span style={{ fontSize: 28, fontWeight: 600, fontVariantNumeric: 'tabular-nums', color: current ? undefined : '#8c8c8c' }}>
            {formatValue(current?.value, ind.unitLabel, ind.decimals)}
          </span>
        )}
        <span style={{ fontSize: 16, color: '#595959' }}>
          / {target.comparator === '>=' ? '' : `${comparatorText(target.comparator)} `}{formatValue(target.value, ind.unitLabel, ind.decimals)}
        </span>
        <Typography.Text type="secondary">{current ? `— năm ${current.year}` : '— chưa có số liệu đã duyệt'}</Typography.Text>
        {!suppressed && <LineageTag figure={current} />}
        <DemoTag show={item.series.some((f) => f.demo && f.value !== null)} />
      </Flex>
      {suppressed && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{SUPPRESSED_NOTE}</Typography.Text>}
      {!suppressed && <div style={{ marginTop: 4 }}><ProgressLine item={item} size="small" /></div>}
      {item.benchmark && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          Chỉ tiêu toàn quốc ({item.benchmark.document}): {formatValue(item.benchmark.value, ind.unitLabel, ind.decimals)}
        </Typography.Text>
      )}
      {item.series.some((f) => f.value !== null || f.suppressed) && (<div style={{ marginTop: 8 }}>
        <TrendChart
          compact
          series={item.series}
          targets={chartTargets(item, data.items)}
          projection={suppressed ? null : chartProjection(item)}
          unitLabel={ind.unitLabel}
          decimals={ind.decimals}
          testId="public-trend"
        />
        {seriesSuppressed && <Typography.Text type="secondary" style={{ fontSize: 12 }}>Một số năm không công bố: {SUPPRESSED_NOTE.toLowerCase()}.</Typography.Text>}
      </div>)}
      {current && (
        <Collapse
          ghost size="small" style={{ marginInline: -12 }}
          items={[{ key: 'children', label: `Theo đơn vị trực thuộc (năm ${current.year})`, children: <PublicChildren provinceId={data.unit.id} item={item} year={current.year} /> }]}
        />
      )}
    </Card>
  );
}

function WithoutData({ items }: { items: DashboardItem[] }) {
  return (
    <Card size="small" style={{ marginTop: 12 }} title={`Chỉ tiêu chưa có số liệu đã duyệt (${formatNumber(items.length)})`} data-testid="public-without-data">
      {items.map((item) => (
        <div key={item.target.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.target.document}{item.target.clause ? ` · mục ${item.target.clause}` : ''} · năm {item.target.year} · mục tiêu {comparatorText(item.target.comparator)} {formatValue(item.target.value, item.indicator.unitLabel, item.indicator.decimals)}
          </Typography.Text>
          <div style={{ fontSize: 14 }}>{item.target.text}</div>
        </div>
      ))}
    </Card>
  );
}

function PublicChildren({ provinceId, item, year }: { provinceId: string; item: DashboardItem; year: number }) {
  const ind = item.indicator;
  const rows = usePublicChildren(provinceId, ind.code, String(year));
  if (rows.isPending) return <Loading />;
  if (rows.isError) return <ErrorAlert error={rows.error} />;
  const list = [...rows.data].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  if (list.length === 0) return <EmptyState>Không có đơn vị trực thuộc.</EmptyState>;
  if (list.every((r) => r.value === null && !r.suppressed)) return <EmptyState>Chưa có số liệu đã duyệt cho năm này.</EmptyState>;
  return (
    <div style={{ maxHeight: 280, overflow: 'auto' }}>
      {list.map((r) => (
        <Flex key={r.unit.id} justify="space-between" gap={8} style={{ padding: '4px 0', borderBottom: '1px solid #f0f0f0', fontSize: 13 }}>
          <span>{r.unit.name}</span>
          <span style={{ fontVariantNumeric: 'tabular-nums', color: r.value === null ? '#8c8c8c' : undefined }}>
            {r.suppressed ? <Tooltip title={SUPPRESSED_NOTE}>—</Tooltip> : formatValue(r.value, ind.unitLabel, ind.decimals)}
          </span>
        </Flex>
      ))}
    </div>
  );
}
