import { Alert, Breadcrumb, Card, Col, Flex, Row, Select, Spin, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ChoroplethMap, type MapItem } from '../../components/charts/ChoroplethMap';
import { rangeOf } from '../../components/charts/scale';
import { TileGrid } from '../../components/charts/TileGrid';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { useMe } from '../../auth/session';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { tOr } from '../../i18n';
import { useBoundary, useChildren, useFigure } from './api';
import { BoundaryUpload } from './BoundaryUpload';
import { ApprovalText, DemoTag, formatValue, LineageTag } from './labels';
import type { ChildRow, DashboardItem, UnitAt } from './types';

const aliveAt = (u: { validFrom: string | null; validTo: string | null }, date: string) => (!u.validFrom || u.validFrom <= date) && (!u.validTo || u.validTo >= date);

/**
 * Drill-down of a target's indicator in one year: the units directly below (districts before 01/07/2025, communes
 * after) ranked, on a map, each clickable to go one level down. A target unit that no longer exists in the year
 * (old Bình Dương in 2026) is replaced by the dashboard's unit, which took it over, and the page says so.
 */
export function DrillDown({ item, dashboardUnit, approvedOnly }: { item: DashboardItem; dashboardUnit: UnitAt; approvedOnly: boolean }) {
  const [params, setParams] = useSearchParams();
  const years = item.series.map((f) => f.year);
  const fallbackYear = item.current?.year ?? years[years.length - 1] ?? new Date().getFullYear();
  const period = params.get('period') && years.includes(Number(params.get('period'))) ? params.get('period')! : String(fallbackYear);
  const end = `${period}-12-31`;
  const target = item.unit;
  const root: UnitAt = target && aliveAt(target, end) ? target : aliveAt(dashboardUnit, end) ? dashboardUnit : (target ?? dashboardUnit);
  const substituted = target !== null && root.id !== target.id;

  const setPeriod = (p: string) => {
    const next = new URLSearchParams(params);
    next.set('period', p);
    setParams(next, { replace: true });
  };

  return (
    <Card
      size="small"
      title={`Theo đơn vị trực thuộc — năm ${period}`}
      extra={(
        <Flex align="center" gap={6}>
          <Typography.Text>Năm</Typography.Text>
          <Select
            value={period}
            onChange={setPeriod}
            style={{ width: 110 }}
            data-testid="drill-period"
            options={[...years].reverse().map((y) => {
              const f = item.series.find((s) => s.year === y);
              return { value: String(y), label: `${y}${f?.value === null ? ' (trống)' : ''}` };
            })}
          />
        </Flex>
      )}
      data-testid="drill-down"
    >
      {substituted && target && (
        <Alert
          type="warning" showIcon style={{ marginBottom: 12 }}
          title={`${target.name} không còn tồn tại vào cuối năm ${period} (chấm dứt từ ${formatDate(target.validTo ? nextDay(target.validTo) : null)}). Bảng và bản đồ dưới đây là các đơn vị trực thuộc của ${root.name} — đơn vị kế thừa — gồm cả địa bàn ngoài ${target.name} cũ.`}
        />
      )}
      <DrillBody key={`${root.id}|${period}`} root={root} item={item} period={period} approvedOnly={approvedOnly} />
    </Card>
  );
}

const nextDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

interface Step { id: string; name: string }

function DrillBody({ root, item, period, approvedOnly }: { root: UnitAt; item: DashboardItem; period: string; approvedOnly: boolean }) {
  const me = useMe().data;
  const ind = item.indicator;
  const [trail, setTrail] = useState<Step[]>([]);
  const at = trail[trail.length - 1] ?? { id: root.id, name: root.name };
  const figure = useFigure(ind.code, at.id, period, approvedOnly);
  const children = useChildren(ind.code, at.id, period, approvedOnly);
  const boundary = useBoundary(at.id);
  const rows = useMemo(() => children.data?.items ?? [], [children.data]);
  const mapItems = useMemo<MapItem[]>(() => rows.map((r) => ({ code: r.unit.code, name: r.unit.name, value: r.value })), [rows]);
  const { min, max } = rangeOf(rows.map((r) => r.value));
  const drill = (u: { id: string; name: string }) => setTrail((t) => [...t, { id: u.id, name: u.name }]);
  const drillByCode = (code: string) => { const r = rows.find((x) => x.unit.code === code); if (r) drill(r.unit); };
  const canUpload = me?.role === 'admin' || me?.role === 'coordinator';
  const many = rows.length > 30;
  const noValues = rows.length > 0 && rows.every((r) => r.value === null);

  const columns: TableColumnsType<ChildRow> = [
    { title: 'Hạng', dataIndex: 'rank', key: 'rank', width: 60, align: 'right', render: (r: number | null) => (r === null ? '—' : formatNumber(r)) },
    {
      title: 'Đơn vị', key: 'name', minWidth: 200,
      render: (_, r) => (
        <>
          <Typography.Link onClick={(e) => { e.stopPropagation(); drill(r.unit); }} data-testid="drill-child-link">{r.unit.name}</Typography.Link>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.unit.code} · {tOr(`kind.${r.unit.kind}`, r.unit.kind)}</Typography.Text></div>
        </>
      ),
      sorter: (a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'),
    },
    {
      title: `Giá trị (${ind.unitLabel})`, key: 'value', width: 140, align: 'right',
      render: (_, r) => (
        <>
          <b>{formatValue(r.value, ind.unitLabel, ind.decimals)}</b>
          {r.numerator !== null && r.denominator !== null && (
            <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatNumber(r.numerator)}/{formatNumber(r.denominator)}</Typography.Text></div>
          )}
        </>
      ),
      sorter: (a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity),
    },
    { title: 'Duyệt', key: 'approval', width: 160, render: (_, r) => <Flex gap={4} vertical align="flex-start"><ApprovalText approval={r.approval} /><DemoTag show={r.demo} /></Flex> },
  ];

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        data-testid="drill-trail"
        items={[{ id: root.id, name: root.name }, ...trail].map((s, i, all) => ({
          key: s.id,
          title: i === all.length - 1 ? <b>{s.name}</b> : <a onClick={() => setTrail((t) => t.slice(0, i))}>{s.name}</a>,
        }))}
      />
      <Flex gap={12} wrap align="baseline" style={{ marginBottom: 12 }} data-testid="drill-figure">
        {figure.isPending ? <Spin size="small" /> : figure.isError ? <ErrorAlert error={figure.error} /> : (
          <>
            <Typography.Text>{figure.data.unit.name} · {figure.data.periodLabel}:</Typography.Text>
            <Typography.Text strong style={{ fontSize: 18 }}>{formatValue(figure.data.value, ind.unitLabel, ind.decimals)}</Typography.Text>
            {figure.data.numerator !== null && figure.data.denominator !== null && (
              <Typography.Text type="secondary">({formatNumber(figure.data.numerator)}/{formatNumber(figure.data.denominator)})</Typography.Text>
            )}
            <LineageTag figure={figure.data} />
            <ApprovalText approval={figure.data.approval} />
            <DemoTag show={figure.data.demo} />
            {figure.data.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{figure.data.note}</Typography.Text>}
          </>
        )}
      </Flex>
      {children.isPending && <Loading />}
      {children.isError && <ErrorAlert error={children.error} onRetry={() => children.refetch()} />}
      {children.data && rows.length === 0 && (
        <EmptyState>{trail.length ? 'Đơn vị này không có đơn vị trực thuộc trong năm đã chọn (cấp xã là cấp thấp nhất).' : 'Không có đơn vị trực thuộc trong năm đã chọn.'}</EmptyState>
      )}
      {noValues && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="drill-no-values"
          title={approvedOnly ? 'Chưa có số liệu đã duyệt cho năm này.' : 'Chưa có số liệu cho năm này.'} />
      )}
      {rows.length > 0 && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={many ? 24 : 12}>
            <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
              <Typography.Text strong>Xếp hạng {formatNumber(rows.length)} đơn vị — bấm tên để xem cấp dưới</Typography.Text>
              <ExportButton path="/api/v1/analytics/children" query={{ indicator: ind.code, unitId: at.id, period, approvedOnly: approvedOnly ? 'true' : undefined }} />
            </Flex>
            <Table<ChildRow>
              size="small"
              rowKey={(r) => r.unit.id}
              columns={columns}
              dataSource={rows}
              pagination={rows.length > 25 ? { pageSize: 25, showSizeChanger: false } : false}
              onRow={(r) => ({ 'data-testid': 'drill-row', style: { cursor: 'pointer' }, onClick: () => drill(r.unit) }) as HTMLAttributes<HTMLElement>}
              scroll={{ x: 560 }}
            />
          </Col>
          <Col xs={24} xl={many ? 24 : 12}>
            <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
              <Typography.Text strong>Bản đồ — {at.name}</Typography.Text>
              {canUpload && <BoundaryUpload unitId={at.id} unitName={at.name} />}
            </Flex>
            {boundary.isPending ? <Loading /> : boundary.data ? (
              <>
                <ChoroplethMap
                  mapKey={`${at.id}@${boundary.data.uploadedAt}`}
                  geojson={boundary.data.geojson}
                  items={mapItems}
                  min={min}
                  max={max}
                  unitLabel={ind.unitLabel}
                  onSelect={drillByCode}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  Ranh giới: {boundary.data.licence} · tải lên {formatDateTime(boundary.data.uploadedAt)}
                </Typography.Text>
              </>
            ) : (
              <>
                <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="tile-grid-note"
                  title="Chưa có tệp ranh giới; hiển thị dạng lưới ô" />
                <TileGrid items={mapItems} min={min} max={max} unitLabel={ind.unitLabel} onSelect={drillByCode} />
              </>
            )}
          </Col>
        </Row>
      )}
    </>
  );
}
