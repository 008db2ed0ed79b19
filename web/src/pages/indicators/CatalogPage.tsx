import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { formatNumber, trimText } from '../../format';
import { tOr } from '../../i18n';
import { useDataElements, useDataSets, useIndicators, useTargets, type Categories, type DataElement, type DataSet, type Indicator, type Target } from './api';
import { DataElementForm, DataSetForm, IndicatorForm } from './CatalogForms';
import { isPeriodType, PERIOD_TYPE_LABELS } from './periods';
import { canManageCatalog, VALUE_TYPE_LABELS, VerifiedTag } from './shared';

const TABS = [
  { key: 'chi-so', label: 'Chỉ số' },
  { key: 'phan-tu', label: 'Phần tử dữ liệu' },
  { key: 'bo-du-lieu', label: 'Bộ dữ liệu' },
  { key: 'chi-tieu', label: 'Chỉ tiêu' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

/** "Danh mục chỉ số": indicators, data elements, data sets and the targets of the plans; admins define new ones here. */
export function CatalogPage() {
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((t) => t.key === params.get('tab'))?.key ?? 'chi-so') as TabKey;
  return (
    <>
      <Flex align="baseline" gap={12} wrap style={{ marginBottom: 4 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Danh mục chỉ số</Typography.Title>
        <Typography.Text type="secondary">Chỉ số, phần tử dữ liệu, bộ dữ liệu thu thập và chỉ tiêu của các kế hoạch</Typography.Text>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'chi-so' ? {} : { tab: k })}
        items={TABS.map((t) => ({ key: t.key, label: <span data-testid={`catalog-tab-${t.key}`}>{t.label}</span> }))}
      />
      {tab === 'chi-so' && <IndicatorsTab />}
      {tab === 'phan-tu' && <ElementsTab />}
      {tab === 'bo-du-lieu' && <DataSetsTab />}
      {tab === 'chi-tieu' && <TargetsTab plan={params.get('van-ban') ?? undefined} setPlan={(p) => setParams(p ? { tab: 'chi-tieu', 'van-ban': p } : { tab: 'chi-tieu' })} />}
    </>
  );
}

function Toolbar({ count, what, children }: { count: number | undefined; what: string; children?: ReactNode }) {
  return (
    <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">{count === undefined ? '' : `${formatNumber(count)} ${what}`}</Typography.Text>
      <Flex gap={8} style={{ marginLeft: 'auto' }} wrap>{children}</Flex>
    </Flex>
  );
}

const code = (c: string | null | undefined) => (c ? <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{c}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>);

function IndicatorsTab() {
  const me = useMe().data!;
  const admin = canManageCatalog(me.role);
  const indicators = useIndicators();
  const elements = useDataElements();
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const names = new Map((elements.data?.items ?? []).map((e) => [e.code, e.name]));
  const element = (c: string | null) => (c ? <Tooltip title={names.get(c)}>{code(c)}</Tooltip> : code(null));

  const computedText = (i: Indicator) => {
    if (!i.computed) return null;
    if (i.computed.kind === 'standard') return `Chuẩn ${i.computed.standard}, từ mức ${i.computed.level}`;
    if (i.computed.kind === 'learningModel') return `Tử số: số được công nhận mô hình ${i.computed.modelType}`;
    if (i.computed.kind === 'learningCentres') return i.computed.measure === 'applyingIt' ? 'Sổ TTHTCĐ: trung tâm ứng dụng CNTT / trung tâm đang hoạt động' : 'Sổ TTHTCĐ: lượt người tham gia trong năm';
    if (i.computed.kind === 'openResources') return `Kho học liệu mở: học liệu công bố trong kỳ${i.computed.format ? ` (${i.computed.format})` : ''}`;
    return `Phần tử dữ liệu ≥ ${formatNumber(i.computed.threshold)}`;
  };
  const columns: TableColumnsType<Indicator> = [
    { title: 'Mã', key: 'code', width: 190, render: (_, i) => code(i.code), sorter: (a, b) => a.code.localeCompare(b.code) },
    {
      title: 'Tên chỉ số, căn cứ', key: 'name',
      render: (_, i) => (
        <Flex vertical gap={2}>
          <span>{i.name}</span>
          {i.legalSource && <Typography.Text type="secondary" style={{ fontSize: 12 }}>Căn cứ: {i.legalSource}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: 'Cách tính', key: 'how', width: 300,
      render: (_, i) => (
        <Flex vertical gap={2}>
          <Typography.Text style={{ fontSize: 12 }}>{indicators.data?.aggregations[i.aggregation] ?? i.aggregation}</Typography.Text>
          {i.aggregation === 'ratio' && <span>{element(i.numerator)} / {element(i.denominator)}{i.factor !== 1 && <> × {formatNumber(i.factor)}</>}</span>}
          {i.aggregation === 'sum' && <span>Σ {element(i.numerator)}</span>}
          {i.computed && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{computedText(i)}{i.numerator && <> · {element(i.numerator)}</>}</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>Đơn vị tính: {i.unitLabel}</Typography.Text>
        </Flex>
      ),
      filters: (['ratio', 'sum', 'share', 'level'] as const).map((a) => ({ text: indicators.data?.aggregations[a] ?? a, value: a })),
      onFilter: (v, i) => i.aggregation === v,
    },
    { title: 'Chỉ tiêu', key: 'targets', width: 80, align: 'right', render: (_, i) => formatNumber(i.targets), sorter: (a, b) => a.targets - b.targets },
    {
      title: 'Xác minh', key: 'verified', width: 160,
      render: (_, i) => (i.verified === 'V' ? <Tag color="green" style={{ marginInlineEnd: 0 }}>Đã xác minh</Tag> : <VerifiedTag v={i.verified} />),
      filters: [{ text: 'Đã xác minh', value: 'V' }, { text: 'Chưa xác minh đầy đủ', value: 'P' }, { text: 'Suy luận', value: 'I' }],
      onFilter: (v, i) => i.verified === v,
    },
    ...(admin ? [{
      title: '', key: 'edit', width: 80,
      render: (_: unknown, i: Indicator) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(i)} aria-label={`Sửa ${i.code}`} data-testid={`indicator-edit-${i.code}`}>Sửa</Button>,
    }] : []),
  ];
  return (
    <Card size="small">
      <Toolbar count={indicators.data?.items.length} what="chỉ số">
        {admin && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="indicator-new">Thêm chỉ số</Button>}
        <ExportButton path="/api/v1/indicators" />
      </Toolbar>
      {indicators.isError && <ErrorAlert error={indicators.error} onRetry={() => indicators.refetch()} />}
      <Table<Indicator>
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={indicators.data?.items}
        loading={indicators.isFetching}
        pagination={(indicators.data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        onRow={(i) => ({ 'data-testid': `indicator-row-${i.code}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <EmptyState>Chưa có chỉ số nào.</EmptyState> }}
        scroll={{ x: 1100 }}
      />
      {editing && (
        <IndicatorForm
          editing={editing === 'new' ? null : editing}
          aggregations={indicators.data?.aggregations}
          elements={elements.data?.items}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}

const categoriesText = (cats: string[], labels: Categories | undefined) => cats.map((c) => labels?.[c as keyof Categories]?.label ?? c).join(', ');

function ElementsTab() {
  const me = useMe().data!;
  const admin = canManageCatalog(me.role);
  const elements = useDataElements();
  const [adding, setAdding] = useState(false);
  const labels = elements.data?.categories;
  const columns: TableColumnsType<DataElement> = [
    { title: 'Mã', key: 'code', width: 210, render: (_, e) => code(e.code), sorter: (a, b) => a.code.localeCompare(b.code) },
    {
      title: 'Tên', key: 'name',
      render: (_, e) => (
        <Flex vertical gap={2}>
          <span>{e.name}</span>
          {e.description && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{trimText(e.description, 160)}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: 'Kiểu, phân tổ', key: 'type', width: 200,
      render: (_, e) => (
        <Flex vertical gap={2} align="flex-start">
          <span>{VALUE_TYPE_LABELS[e.valueType] ?? e.valueType}{e.maxValue !== null && e.valueType !== 'boolean' ? ` · tối đa ${formatNumber(e.maxValue)}` : ''}</span>
          {e.categories.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>Theo {categoriesText(e.categories, labels).toLowerCase()}</Typography.Text>}
          {e.aboutPeople && <Tooltip title="Số liệu về người: cổng công khai ẩn các số nhỏ hơn 5"><Tag style={{ marginInlineEnd: 0 }}>Số liệu về người</Tag></Tooltip>}
        </Flex>
      ),
    },
    {
      title: 'Bộ dữ liệu', key: 'ds', width: 170, render: (_, e) => (e.dataSet ? code(e.dataSet) : <Tag color="orange" style={{ marginInlineEnd: 0 }}>Chưa thu thập</Tag>),
      filters: [{ text: 'Chưa thuộc bộ dữ liệu', value: 'none' }], onFilter: (_, e) => !e.dataSet,
    },
    { title: 'Nguồn số liệu', key: 'source', width: 240, render: (_, e) => (e.source ? <Typography.Text style={{ fontSize: 13 }}>{trimText(e.source, 110)}</Typography.Text> : '—') },
  ];
  return (
    <Card size="small">
      <Toolbar count={elements.data?.items.length} what="phần tử dữ liệu">
        {admin && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="element-new">Thêm phần tử dữ liệu</Button>}
        <ExportButton path="/api/v1/data-elements" />
      </Toolbar>
      {elements.isError && <ErrorAlert error={elements.error} onRetry={() => elements.refetch()} />}
      <Table<DataElement>
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={elements.data?.items}
        loading={elements.isFetching}
        pagination={(elements.data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: <EmptyState>Chưa có phần tử dữ liệu nào.</EmptyState> }}
        scroll={{ x: 1100 }}
      />
      {adding && <DataElementForm categories={labels} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function DataSetsTab() {
  const me = useMe().data!;
  const admin = canManageCatalog(me.role);
  const dataSets = useDataSets();
  const elements = useDataElements();
  const [adding, setAdding] = useState(false);
  const deadline = (d: number) => (d === 0 ? 'Ngày cuối kỳ' : d > 0 ? `${formatNumber(d)} ngày sau khi hết kỳ` : `${formatNumber(-d)} ngày trước khi hết kỳ`);
  const columns: TableColumnsType<DataSet> = [
    { title: 'Mã', key: 'code', width: 180, render: (_, d) => code(d.code) },
    { title: 'Tên', key: 'name', render: (_, d) => d.name },
    {
      title: 'Thu thập', key: 'collect', width: 230,
      render: (_, d) => (
        <Flex vertical gap={2}>
          <span>Kỳ: {isPeriodType(d.periodType) ? PERIOD_TYPE_LABELS[d.periodType] : d.periodType}</span>
          <span>Từ: {d.unitKinds.map((k) => tOr(`kind.${k}`, k)).join(', ')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>Hạn gửi: {deadline(d.deadlineDays)}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: 'Phần tử dữ liệu', key: 'elements', width: 300,
      render: (_, d) => (
        <Flex wrap gap={4}>
          {d.elements.map((e) => <Tooltip key={e.code} title={e.name}><Tag style={{ marginInlineEnd: 0 }}>{e.code}</Tag></Tooltip>)}
        </Flex>
      ),
    },
    {
      title: 'Kiểm tra khi nhập', key: 'checks', width: 250,
      render: (_, d) => (
        <Flex vertical gap={2}>
          <Typography.Text style={{ fontSize: 12 }}>Cảnh báo khi thay đổi &gt; {formatNumber(d.jumpWarning)}% so với kỳ trước</Typography.Text>
          {d.ratioPairs.map((p) => <Typography.Text key={p.indicator} type="secondary" style={{ fontSize: 12 }}>{p.numerator} ≤ {p.denominator}</Typography.Text>)}
        </Flex>
      ),
    },
  ];
  return (
    <Card size="small">
      <Toolbar count={dataSets.data?.length} what="bộ dữ liệu">
        {admin && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="dataset-new">Thêm bộ dữ liệu</Button>}
      </Toolbar>
      {dataSets.isError && <ErrorAlert error={dataSets.error} onRetry={() => dataSets.refetch()} />}
      <Table<DataSet>
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={dataSets.data}
        loading={dataSets.isFetching}
        pagination={false}
        locale={{ emptyText: <EmptyState>Chưa có bộ dữ liệu nào.</EmptyState> }}
        scroll={{ x: 1150 }}
      />
      {adding && <DataSetForm elements={elements.data?.items} onClose={() => setAdding(false)} />}
    </Card>
  );
}

const DOCUMENTS = ['1144/KH-UBND', '1373/QĐ-TTg', '2042/KH-UBND'];
const COMPARATOR: Record<string, string> = { '>=': '≥ ', '<=': '≤ ', '=': '' };

function TargetsTab({ plan, setPlan }: { plan: string | undefined; setPlan: (p: string | undefined) => void }) {
  const targets = useTargets(plan);
  const value = (t: Target) => {
    if (t.unitLabel.includes('=')) return t.value === 1 ? 'Đạt' : formatNumber(t.value); // yes/no targets: "1 = đạt"
    if (t.unitLabel === 'mức') return `${t.comparator === '>=' ? 'Từ mức' : t.comparator === '<=' ? 'Đến mức' : 'Mức'} ${formatNumber(t.value)}`;
    return `${COMPARATOR[t.comparator ?? '='] ?? ''}${formatNumber(t.value)}${t.unitLabel === '%' ? '%' : ` ${t.unitLabel}`}`;
  };
  const columns: TableColumnsType<Target> = [
    { title: 'Văn bản', key: 'doc', width: 130, render: (_, t) => <Flex vertical><span>{t.document}</span>{t.clause && <Typography.Text type="secondary" style={{ fontSize: 12 }}>Mục {t.clause}</Typography.Text>}</Flex> },
    {
      title: 'Chỉ tiêu', key: 'text',
      render: (_, t) => (
        <Flex vertical gap={2} align="flex-start">
          <span>{t.text ?? t.indicatorName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>Chỉ số: {t.indicatorName} ({t.indicator})</Typography.Text>
          {t.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>Ghi chú: {t.note}</Typography.Text>}
        </Flex>
      ),
    },
    { title: 'Đơn vị', key: 'unit', width: 170, render: (_, t) => t.unit?.name ?? <Tag style={{ marginInlineEnd: 0 }}>Toàn quốc</Tag> },
    {
      title: 'Năm', key: 'year', width: 80, align: 'right', render: (_, t) => t.year, sorter: (a, b) => a.year - b.year,
      filters: [...new Set((targets.data ?? []).map((t) => t.year))].sort().map((y) => ({ text: String(y), value: y })), onFilter: (v, t) => t.year === v,
    },
    { title: 'Giá trị', key: 'value', width: 110, align: 'right', render: (_, t) => <Typography.Text strong>{value(t)}</Typography.Text> },
    {
      title: 'Xác minh', key: 'verified', width: 150,
      render: (_, t) => (t.verified === 'V' ? <Tag color="green" style={{ marginInlineEnd: 0 }}>Đã xác minh</Tag> : <VerifiedTag v={t.verified} />),
      filters: [{ text: 'Đã xác minh', value: 'V' }, { text: 'Chưa xác minh đầy đủ', value: 'P' }, { text: 'Suy luận', value: 'I' }],
      onFilter: (v, t) => t.verified === v,
    },
  ];
  return (
    <Card size="small">
      <Toolbar count={targets.data?.length} what="chỉ tiêu">
        <Segmented<string>
          value={plan ?? ''}
          onChange={(v) => setPlan(v || undefined)}
          options={[{ value: '', label: 'Tất cả văn bản' }, ...DOCUMENTS.map((d) => ({ value: d, label: d }))]}
          data-testid="targets-document"
        />
        <ExportButton path="/api/v1/targets" query={{ plan }} />
      </Toolbar>
      {targets.isError && <ErrorAlert error={targets.error} onRetry={() => targets.refetch()} />}
      <Table<Target>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={targets.data}
        loading={targets.isFetching}
        pagination={(targets.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: <EmptyState>{plan ? `Chưa có chỉ tiêu nào của văn bản ${plan}.` : 'Chưa có chỉ tiêu nào.'}</EmptyState> }}
        scroll={{ x: 1000 }}
      />
    </Card>
  );
}
