import { EyeOutlined, LockOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Grid, Row, Select, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { useUrlState } from '../../components/url-state';
import { formatDate, formatNumber } from '../../format';
import { tOr } from '../../i18n';
import { DashboardUnitSelect } from '../dashboard/params';
import { canUseRegister } from '../pcgd/shared';
import { CitizenTarget } from './CitizenTarget';
import {
  MODEL_OPTIONS, useModelStatistics, useRecognised, type GroupRow, type LevelRow, type ModelRow, type ModelType, type RecognisedAggregate, type RecognisedItem,
  type Statistics,
} from './api';

const FIRST_YEAR = 2020;
const STATISTICS_PATH = '/api/v1/learning-models/statistics';
const RECOGNISED_PATH = '/api/v1/learning-models/recognised';

const num = (n: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(n)}</span>;
const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v)}%`);
/** "trên dân số từ 15 tuổi trở lên (POP15)" / "trên số đăng ký trong năm": the server names its denominator. */
const over = (label: string) => `trên ${label.charAt(0).toLowerCase()}${label.slice(1)}`;

/**
 * /mo-hinh-hoc-tap/thong-ke — the learning models of a unit and year (issue 5 §5): registrations and recognitions
 * per model with the share and what it is taken over, the learning citizens against the plan's target, counts by
 * level and target group, and the recognised list (names only for readers of personal data, loaded on request
 * because each such read is logged). Unit and year live in the address.
 */
export function StatisticsPage() {
  const me = useMe().data;
  const [params, set] = useUrlState();
  const thisYear = new Date().getFullYear();
  const fallback = me?.scope.find((s) => s.kind === 'province') ?? me?.scope[0];
  const unitId = params.get('unitId') ?? fallback?.id;
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= thisYear ? asked : thisYear;
  const stats = useModelStatistics(unitId, year);
  const data = stats.data;
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);

  return (
    <Flex vertical gap={16}>
      <Flex align="baseline" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>Thống kê mô hình học tập</Typography.Title>
        <Typography.Text type="secondary">Đăng ký, công nhận và tỷ lệ theo đơn vị, năm — tính trực tiếp từ hồ sơ</Typography.Text>
      </Flex>
      <Card size="small" className="lm-statistics-filters">
        {/* The shared unit picker is 360 px wide; on a phone it takes what the row leaves. */}
        <style>{'@media (max-width: 767px) { .lm-statistics-filters .ant-select { max-width: calc(100vw - 170px) !important; } }'}</style>
        <Flex wrap gap={16} align="center">
          <DashboardUnitSelect value={unitId} current={data ? { ...data.unit, validFrom: null, validTo: null } : undefined} onChange={(id) => set({ unitId: id })} />
          <Flex align="center" gap={6}>
            <Typography.Text>Năm</Typography.Text>
            <Select style={{ width: 100 }} value={year} options={years.map((y) => ({ value: y, label: String(y) }))} onChange={(y: number) => set({ year: y })} data-testid="statistics-year" />
          </Flex>
          <Flex gap={8} align="center" style={{ marginLeft: 'auto' }}>
            {stats.isFetching && !stats.isPending && <Spin size="small" />}
            <Link to={`/mo-hinh-hoc-tap?year=${year}`}><UnorderedListOutlined /> Hồ sơ đăng ký năm {year}</Link>
          </Flex>
        </Flex>
      </Card>

      {!unitId && <EmptyState>Tài khoản chưa được giao đơn vị nào; hãy chọn một đơn vị.</EmptyState>}
      {stats.isPending && unitId && <Loading />}
      {stats.isError && <ErrorAlert error={stats.error} onRetry={() => stats.refetch()} />}
      {data && unitId && <Body data={data} unitId={unitId} query={{ unitId, year }} />}
    </Flex>
  );
}

function Body({ data, unitId, query }: { data: Statistics; unitId: string; query: { unitId: string; year: number } }) {
  const { year } = data;
  const nothing = data.byModel.every((m) => m.registered === 0);
  const citizens = data.byModel.find((m) => m.modelType === 'learning_citizen');
  return (
    <>
      <Flex align="baseline" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="statistics-unit">{data.unit.name}</Typography.Title>
        <Tag>{tOr(`kind.${data.unit.kind}`, data.unit.kind)}</Tag>
        {data.approximate && (
          <Tooltip title="Có số liệu đọc qua đơn vị kế thừa sau sắp xếp năm 2025 mà đơn vị kế thừa còn nhận thêm địa bàn từ nơi khác: số đếm có thể gồm cả phần địa bàn ngoài đơn vị đã chọn.">
            <Tag color="cyan" data-testid="statistics-approximate">Gần đúng</Tag>
          </Tooltip>
        )}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto', fontSize: 12 }}>
          Năm {year} · theo địa giới ngày {formatDate(data.asOf)}
        </Typography.Text>
      </Flex>

      <Section title={`Công dân học tập năm ${year} so với chỉ tiêu`}>
        <CitizenTarget unitId={unitId} unitName={data.unit.name} year={year} row={citizens} />
      </Section>

      <Section title="Theo mô hình" testId="by-model" extra={<SheetExport query={query} sheet="Theo mô hình" />}>
        {nothing ? (
          <EmptyState>
            <>Chưa có hồ sơ đăng ký mô hình học tập nào của {data.unit.name} trong năm {year}.<br />
              Hãy chọn năm khác, hoặc <Link to="/mo-hinh-hoc-tap">đăng ký, nhập từ Excel</Link> ở trang hồ sơ.</>
          </EmptyState>
        ) : <ByModel rows={data.byModel} />}
      </Section>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Section title="Được công nhận theo mức, xếp loại" testId="by-level" extra={<SheetExport query={query} sheet="Theo mức" />}>
            <ByLevel rows={data.byLevel} year={year} />
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title="Theo nhóm đối tượng" testId="by-group" extra={<SheetExport query={query} sheet="Theo nhóm đối tượng" />}>
            <ByGroup rows={data.byTargetGroup} />
          </Section>
        </Col>
      </Row>

      <RecognisedCard unitId={unitId} unitName={data.unit.name} year={year} />
    </>
  );
}

/** A card whose title and tools wrap onto two lines on a phone instead of cutting the title short. */
function Section({ title, extra, testId, children }: { title: string; extra?: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{title}</Typography.Title>
        {extra}
      </Flex>
      {children}
    </Card>
  );
}

/** The statistics workbook holds the three tables, one sheet each; every table's button says which sheet is its own. */
function SheetExport({ query, sheet }: { query: { unitId: string; year: number }; sheet: string }) {
  return (
    <Tooltip title={`Tệp Excel gồm ba bảng thống kê; bảng này ở trang tính “${sheet}”`}>
      <span><ExportButton path={STATISTICS_PATH} query={query} /></span>
    </Tooltip>
  );
}

function ByModel({ rows }: { rows: ModelRow[] }) {
  // A phone gets one block per model, the share first: seven columns would hide it behind a sideways scroll.
  const narrow = Grid.useBreakpoint().md === false;
  if (narrow) return <ModelBlocks rows={rows} />;
  const columns: TableColumnsType<ModelRow> = [
    { title: 'Mô hình', dataIndex: 'modelLabel', fixed: 'left' },
    { title: 'Đăng ký', dataIndex: 'registered', align: 'right', render: num },
    { title: 'Đã nộp', dataIndex: 'submitted', align: 'right', render: num, responsive: ['sm'] },
    { title: 'Được công nhận', dataIndex: 'recognised', align: 'right', render: num },
    { title: 'Không công nhận', dataIndex: 'rejected', align: 'right', render: num, responsive: ['sm'] },
    {
      title: 'Tỷ lệ công nhận', key: 'share', align: 'right',
      render: (_, r) => (
        <Tooltip title={r.share.denominator === null ? undefined : `${formatNumber(r.share.numerator)} / ${formatNumber(r.share.denominator)}`}>
          <span style={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }} data-testid={`share-${r.modelType}`}>{pct(r.share.value)}</span>
        </Tooltip>
      ),
    },
    {
      title: 'Mẫu số', key: 'denominator',
      render: (_, r) => (
        <Flex vertical>
          <span data-testid={`denominator-${r.modelType}`}>{over(r.share.denominatorLabel)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.share.denominator === null ? 'chưa có' : `${formatNumber(r.share.numerator)} / ${formatNumber(r.share.denominator)}`}
            {r.share.denominatorKind === 'registered' && r.share.denominator === 0 ? ' — chưa có đăng ký' : ''}
          </Typography.Text>
        </Flex>
      ),
    },
  ];
  return (
    <Table<ModelRow>
      rowKey="modelType" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }}
      onRow={(r) => ({ 'data-testid': `model-row-${r.modelType}` } as HTMLAttributes<HTMLElement>)}
    />
  );
}

function ModelBlocks({ rows }: { rows: ModelRow[] }) {
  return (
    <Flex vertical>
      {rows.map((r, i) => (
        <div key={r.modelType} style={{ padding: '8px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }} data-testid={`model-block-${r.modelType}`}>
          <Flex justify="space-between" align="baseline" gap={8}>
            <Typography.Text strong>{r.modelLabel}</Typography.Text>
            <span style={{ fontSize: 18, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{pct(r.share.value)}</span>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', textAlign: 'right' }}>
            {over(r.share.denominatorLabel)}{r.share.denominator === null ? '' : ` (${formatNumber(r.share.numerator)} / ${formatNumber(r.share.denominator)})`}
          </Typography.Text>
          <Flex wrap gap={12} style={{ fontSize: 13, marginTop: 2 }}>
            <span>Đăng ký <b>{formatNumber(r.registered)}</b></span>
            <span>Đã nộp <b>{formatNumber(r.submitted)}</b></span>
            <span>Công nhận <b>{formatNumber(r.recognised)}</b></span>
            <span>Không công nhận <b>{formatNumber(r.rejected)}</b></span>
          </Flex>
        </div>
      ))}
    </Flex>
  );
}

function ByLevel({ rows, year }: { rows: LevelRow[]; year: number }) {
  if (rows.length === 0) return <EmptyState>Chưa có hồ sơ nào được công nhận trong năm {year}.</EmptyState>;
  const columns: TableColumnsType<LevelRow> = [
    { title: 'Mô hình', dataIndex: 'modelLabel' },
    { title: 'Mức, xếp loại', dataIndex: 'level' },
    { title: 'Được công nhận', dataIndex: 'recognised', align: 'right', render: num },
  ];
  return <Table<LevelRow> rowKey={(r) => `${r.modelType}|${r.level}`} size="small" columns={columns} dataSource={rows} pagination={false} />;
}

function ByGroup({ rows }: { rows: GroupRow[] }) {
  if (rows.length === 0) {
    return <EmptyState>Chưa có hồ sơ nào ghi nhóm đối tượng. Nhóm đối tượng được chọn khi công dân tự đánh giá theo bộ tiêu chí Công dân học tập.</EmptyState>;
  }
  // Target groups are mostly the learning citizens': the model column only when several models have them.
  const models = new Set(rows.map((r) => r.modelType)).size;
  const columns: TableColumnsType<GroupRow> = [
    ...(models > 1 ? [{ title: 'Mô hình', dataIndex: 'modelLabel' }] : []),
    { title: 'Nhóm đối tượng', dataIndex: 'targetGroupLabel' },
    { title: 'Đăng ký', dataIndex: 'registered', align: 'right', render: num },
    { title: 'Được công nhận', dataIndex: 'recognised', align: 'right', render: num },
  ];
  return <Table<GroupRow> rowKey={(r) => `${r.modelType}|${r.targetGroup}`} size="small" columns={columns} dataSource={rows} pagination={false} />;
}

/**
 * The recognised list. A reader of personal data gets citizens and families by name, and the server writes each such
 * read to the access log, so the list opens on request; everyone else sees organisations by name and people counted
 * per unit, loaded at once.
 */
function RecognisedCard({ unitId, unitName, year }: { unitId: string; unitName: string; year: number }) {
  const me = useMe().data!;
  const [params, set] = useUrlState();
  const personal = canUseRegister(me.role);
  const modelType = (params.get('model') ?? undefined) as ModelType | undefined;
  const open = !personal || params.get('list') === '1';
  const query = { unitId, year, modelType };
  const list = useRecognised(query, open);
  const data = list.data;

  return (
    <Section
      title="Danh sách được công nhận" testId="recognised"
      extra={(
        <Flex gap={8} wrap>
          <Select allowClear placeholder="Mọi mô hình" style={{ width: 220 }} options={MODEL_OPTIONS} value={modelType} onChange={(v) => set({ model: v })} data-testid="recognised-model" />
          {open && <ExportButton path={RECOGNISED_PATH} query={query} />}
        </Flex>
      )}
    >
      {!open && (
        <Flex vertical align="flex-start" gap={8} data-testid="recognised-closed">
          <Typography.Text>
            <LockOutlined /> Danh sách có họ tên công dân, chủ hộ gia đình được công nhận. Mỗi lần xem (và tải Excel) được ghi vào nhật ký truy cập dữ liệu cá nhân.
          </Typography.Text>
          <Button icon={<EyeOutlined />} onClick={() => set({ list: '1' })} data-testid="recognised-open">Xem danh sách năm {year}</Button>
        </Flex>
      )}
      {open && list.isPending && <Loading />}
      {open && list.isError && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      {open && data && (
        <Flex vertical gap={12}>
          {data.names ? (
            <Alert type="warning" showIcon icon={<LockOutlined />} data-testid="recognised-logged"
              title="Danh sách có họ tên (dữ liệu cá nhân): lần xem này đã được ghi vào nhật ký truy cập." />
          ) : (
            <Alert type="info" showIcon data-testid="recognised-aggregated"
              title="Công dân và gia đình học tập được đếm theo đơn vị, không nêu tên"
              description="Họ tên chỉ hiển thị cho người có quyền xem sổ theo dõi (dữ liệu cá nhân): quản trị, điều phối và cán bộ đơn vị. Đơn vị, cộng đồng và dòng họ học tập được nêu tên." />
          )}
          {data.truncated && (
            <Alert type="warning" showIcon data-testid="recognised-truncated"
              title={`Chỉ hiển thị ${formatNumber(data.items.length)} / ${formatNumber(data.total)} dòng đầu. Tải Excel để lấy đủ danh sách (đến 100.000 dòng).`} />
          )}
          {!data.names && data.aggregated.length > 0 && <Aggregated rows={data.aggregated} />}
          {data.items.length > 0 ? (
            <>
              {!data.names && <Typography.Text strong>Được nêu tên ({formatNumber(data.total)})</Typography.Text>}
              <RecognisedTable rows={data.items} />
            </>
          ) : (
            (data.names || data.aggregated.length === 0) && (
              <EmptyState>
                {modelType ? `Chưa có ai được công nhận ${MODEL_OPTIONS.find((o) => o.value === modelType)?.label} trong năm ${year} ở ${unitName}.`
                  : `Chưa có ai được công nhận trong năm ${year} ở ${unitName}.`}
              </EmptyState>
            )
          )}
          {data.names && data.total > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="recognised-total">Tổng số: {formatNumber(data.total)}</Typography.Text>
          )}
        </Flex>
      )}
    </Section>
  );
}

function Aggregated({ rows }: { rows: RecognisedAggregate[] }) {
  const total = rows.reduce((s, r) => s + r.recognised, 0);
  const columns: TableColumnsType<RecognisedAggregate> = [
    { title: 'Đơn vị', key: 'unit', render: (_, r) => r.unit.name },
    { title: 'Mô hình', dataIndex: 'modelLabel' },
    { title: 'Được công nhận', dataIndex: 'recognised', align: 'right', render: num },
  ];
  return (
    <Table<RecognisedAggregate>
      rowKey={(r) => `${r.unit.id}|${r.modelType}`} size="small" columns={columns} dataSource={rows} data-testid="recognised-aggregates"
      pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}><b>Cộng</b></Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right"><b>{formatNumber(total)}</b></Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

function RecognisedTable({ rows }: { rows: RecognisedItem[] }) {
  const columns: TableColumnsType<RecognisedItem> = [
    { title: 'Tên', key: 'name', render: (_, r) => <Link to={`/mo-hinh-hoc-tap/${r.registrationId}`}>{r.name}</Link> },
    { title: 'Năm sinh', dataIndex: 'birthYear', render: (v: number | null) => v ?? '', responsive: ['lg'] },
    { title: 'Mô hình', dataIndex: 'modelLabel', responsive: ['md'] },
    { title: 'Đơn vị', key: 'unit', render: (_, r) => r.unit.name, responsive: ['md'] },
    { title: 'Mức, xếp loại', dataIndex: 'level', render: (v: string | null) => v ?? 'Đạt' },
    { title: 'Quyết định', key: 'decision', render: (_, r) => decisionText(r), responsive: ['sm'] },
    {
      title: 'Giấy chứng nhận', dataIndex: 'certificateCode', responsive: ['lg'],
      render: (c: string | null) => (c ? <Link to={`/xac-minh/${c}`} target="_blank">{c}</Link> : '—'),
    },
  ];
  return (
    <Table<RecognisedItem>
      rowKey="registrationId" size="small" columns={columns} dataSource={rows} data-testid="recognised-items"
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
    />
  );
}

const decisionText = (r: RecognisedItem): ReactNode => (
  <Flex vertical>
    <span>{r.decision.number} ngày {formatDate(r.decision.decidedOn)}</span>
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.decision.issuer}</Typography.Text>
  </Flex>
);
