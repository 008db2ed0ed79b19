import { CheckCircleFilled, CloseCircleFilled, InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { usePcgdResult } from '../../api/queries';
import {
  PCGD_RATE_NAMES, PCGD_STANDARDS,
  type PcgdAreaResult, type PcgdCommuneResult, type PcgdCondition, type PcgdRate, type PcgdRateName, type PcgdResultChild, type PcgdResultView, type PcgdStandard,
} from '../../api/types';
import { useMe } from '../../auth/session';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { formatDateTime, formatNumber } from '../../format';
import { tOr } from '../../i18n';
import { formatPercent, levelLabel, RATE_LABELS, STANDARD_LABELS, STANDARD_SHORT, VERIFIED_LABELS } from './labels';
import { canUseRegister, LevelTag, UnitPicker, usePcgdParams, YearSelect } from './shared';

export function ResultsPage() {
  const me = useMe().data;
  const { unit, year, set, resolving } = usePcgdParams();
  const result = usePcgdResult(unit, year);
  const noResult = result.error instanceof ApiError && result.error.code === 'pcgd.no_result';

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={16} align="center">
          <UnitPicker value={unit} year={year} onChange={(code) => set({ unit: code })} />
          <YearSelect value={year} onChange={(y) => set({ year: y })} />
        </Flex>
      </Card>
      {!unit && (resolving ? <Loading /> : <EmptyState>Hãy chọn một đơn vị (xã, huyện hoặc tỉnh).</EmptyState>)}
      {result.isPending && unit && <Loading />}
      {noResult && (
        <Card data-testid="pcgd-no-result">
          <EmptyState>
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              Chưa có kết quả phổ cập – xóa mù chữ của đơn vị này trong năm {year}.
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              Kết quả được tính tự động khi sổ theo dõi PCGD–XMC của các xã được nhập cho năm điều tra.
            </Typography.Paragraph>
            <Flex gap={8} justify="center" wrap>
              {me && canUseRegister(me.role) && (
                <Link to={`/pcgd/nhap?year=${year}`}><Button type="primary">Nhập sổ theo dõi năm {year}</Button></Link>
              )}
              {year !== 2024 && <Button onClick={() => set({ year: 2024 })}>Xem năm 2024</Button>}
            </Flex>
          </EmptyState>
        </Card>
      )}
      {result.isError && !noResult && <ErrorAlert error={result.error} onRetry={() => result.refetch()} />}
      {result.data && <ResultView data={result.data} onDrill={(code) => set({ unit: code })} />}
    </>
  );
}

function isCommuneResult(r: PcgdCommuneResult | PcgdAreaResult, kind: string): r is PcgdCommuneResult {
  return kind === 'commune' || 'rates' in r;
}

function ResultView({ data, onDrill }: { data: PcgdResultView; onDrill: (code: string) => void }) {
  const commune = isCommuneResult(data.result, data.unit.kind);
  const levels = data.levels;
  return (
    <>
      <Flex align="baseline" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="pcgd-unit-name">{data.unit.name}</Typography.Title>
        <Tag>{tOr(`kind.${data.unit.kind}`, data.unit.kind)}</Tag>
        <Typography.Text>Năm điều tra {data.year}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 'auto', fontSize: 12 }}>
          Tính lúc {formatDateTime(data.computedAt)} · bộ quy tắc {data.ruleSet}
        </Typography.Text>
      </Flex>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {PCGD_STANDARDS.map((s) => (
          <Col key={s} xs={24} sm={12} xl={6}>
            <Card size="small" style={{ height: '100%' }}>
              <Typography.Text type="secondary">{STANDARD_LABELS[s]}</Typography.Text>
              <div style={{ marginTop: 8 }} data-testid={`pcgd-level-${s}`}>
                <LevelTag standard={s} level={levels ? levels[s] : null} big />
              </div>
              {!commune && <SharesOf standard={s} shares={(data.result as PcgdAreaResult).shares[s]} />}
            </Card>
          </Col>
        ))}
      </Row>
      {!commune && (data.result as PcgdAreaResult).note && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="Chưa có quy định để xét công nhận cấp này"
          description={(data.result as PcgdAreaResult).note} data-testid="pcgd-area-note" />
      )}
      <Alert
        type="info"
        showIcon
        icon={<InfoCircleOutlined />}
        style={{ marginBottom: 16 }}
        title={
          <>
            Cách tính: tuổi = năm điều tra − năm sinh; chỉ tính người đang cư trú, không tính người khuyết tật không có khả năng học tập;
            tỷ lệ “≥ p%” so sánh chính xác (đúng 90% là đạt “≥ 90%”); độ tuổi không có ai (0/0) được coi là đạt <Tag color="orange">[I] suy luận</Tag>
            {!commune && <> Cấp huyện/tỉnh xét theo tỷ lệ đơn vị trực thuộc đạt chuẩn từ mức đó trở lên.</>}
          </>
        }
      />
      {commune ? (
        <CommuneDetail result={data.result as PcgdCommuneResult} />
      ) : (
        <AreaDetail result={data.result as PcgdAreaResult} children={data.children} onDrill={onDrill} />
      )}
    </>
  );
}

const percentOf = (r: PcgdRate) => (r.den === 0 ? null : (100 * r.num) / r.den);

function RateCell({ rate }: { rate?: PcgdRate }) {
  if (!rate) return <Typography.Text type="secondary">—</Typography.Text>;
  const p = percentOf(rate);
  return (
    <Flex vertical>
      <span>{formatNumber(rate.num)}/{formatNumber(rate.den)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p === null ? 'không có người' : formatPercent(p)}</Typography.Text>
    </Flex>
  );
}

function VerifiedTag({ v }: { v: PcgdCondition['verified'] }) {
  if (v === 'V') return null;
  return (
    <Tooltip title={v === 'I' ? 'Quy ước của hệ thống, chưa đối chiếu với văn bản' : 'Mới đối chiếu một phần với văn bản'}>
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>[{v}] {VERIFIED_LABELS[v]}</Tag>
    </Tooltip>
  );
}

function ConditionsTable({ conditions }: { conditions: PcgdCondition[] }) {
  const columns: TableColumnsType<PcgdCondition> = [
    {
      title: 'Tiêu chuẩn', key: 'standard', width: 170,
      render: (_, c) => STANDARD_SHORT[c.standard],
      filters: PCGD_STANDARDS.map((s) => ({ text: STANDARD_SHORT[s], value: s })),
      onFilter: (v, c) => c.standard === v,
    },
    { title: 'Mức', key: 'level', width: 110, render: (_, c) => levelLabel(c.standard, c.level) },
    { title: 'Điều kiện', dataIndex: 'text', key: 'text' },
    { title: 'Tỷ lệ', key: 'rate', width: 120, align: 'right', render: (_, c) => <RateCell rate={c.rate} /> },
    { title: 'Ngưỡng', key: 'threshold', width: 90, align: 'right', render: (_, c) => (c.threshold === undefined ? '—' : `≥ ${formatNumber(c.threshold)}%`) },
    {
      title: 'Đạt', key: 'met', width: 70, align: 'center',
      render: (_, c) => (c.met
        ? <CheckCircleFilled style={{ color: '#52c41a', fontSize: 18 }} aria-label="Đạt" />
        : <CloseCircleFilled style={{ color: '#f5222d', fontSize: 18 }} aria-label="Không đạt" />),
      filters: [{ text: 'Đạt', value: true }, { text: 'Không đạt', value: false }],
      onFilter: (v, c) => c.met === v,
    },
    {
      title: 'Căn cứ', key: 'source', width: 260,
      render: (_, c) => <Flex vertical gap={4} align="flex-start"><span>{c.source}</span><VerifiedTag v={c.verified} /></Flex>,
    },
  ];
  return (
    <Table<PcgdCondition>
      size="small"
      rowKey={(c) => `${c.standard}-${c.level}-${c.rule}`}
      columns={columns}
      dataSource={conditions}
      pagination={false}
      onRow={(c) => ({ 'data-testid': 'pcgd-condition', style: c.met ? undefined : { background: '#fff7f6' } }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: <EmptyState>Không có điều kiện nào được xét.</EmptyState> }}
      scroll={{ x: 1000 }}
    />
  );
}

function CommuneDetail({ result }: { result: PcgdCommuneResult }) {
  const rates = PCGD_RATE_NAMES.filter((n) => result.rates[n]).map((n) => ({ name: n, rate: result.rates[n]! }));
  return (
    <>
      <Card size="small" title="Các điều kiện đã xét (để đối chiếu thủ công)" style={{ marginBottom: 16 }}>
        <ConditionsTable conditions={result.conditions} />
      </Card>
      <Card size="small" title="Các tỷ lệ của xã">
        <Table<{ name: PcgdRateName; rate: PcgdRate }>
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={rates}
          columns={[
            { title: 'Tỷ lệ', key: 'label', render: (_, r) => RATE_LABELS[r.name] },
            { title: 'Tử số', key: 'num', width: 100, align: 'right', render: (_, r) => formatNumber(r.rate.num) },
            { title: 'Mẫu số', key: 'den', width: 100, align: 'right', render: (_, r) => formatNumber(r.rate.den) },
            { title: 'Tỷ lệ (%)', key: 'p', width: 200, align: 'right', render: (_, r) => { const p = percentOf(r.rate); return p === null ? 'không có người (coi là đạt)' : formatPercent(p); } },
          ]}
        />
        <Descriptions size="small" style={{ marginTop: 12 }} column={1} items={[{
          key: 'unmet11', label: 'Trẻ 11 tuổi chưa hoàn thành tiểu học và không đang học tiểu học',
          children: <span data-testid="pcgd-unmet11">{formatNumber(result.unmet11)}</span>,
        }]} />
      </Card>
    </>
  );
}

/** Under a standard's tag: the share of member units at each level or above, e.g. "Từ mức độ 1: 2/10 đơn vị (20,0%)". */
function SharesOf({ standard, shares }: { standard: PcgdStandard; shares: Record<string, PcgdRate> | undefined }) {
  const entries = Object.entries(shares ?? {}).map(([l, r]) => ({ level: Number(l), rate: r })).sort((a, b) => a.level - b.level);
  if (!entries.length) return null;
  return (
    <Flex vertical style={{ marginTop: 8 }}>
      {entries.map(({ level, rate }) => {
        const p = percentOf(rate);
        return (
          <Typography.Text key={level} type="secondary" style={{ fontSize: 12 }}>
            {standard === 'preschool5' ? 'Đơn vị đạt chuẩn' : `Đạt từ mức độ ${level}`}: {formatNumber(rate.num)}/{formatNumber(rate.den)} đơn vị{p === null ? '' : ` (${formatPercent(p)})`}
          </Typography.Text>
        );
      })}
    </Flex>
  );
}

function AreaDetail({ result, children, onDrill }: { result: PcgdAreaResult; children: PcgdResultChild[]; onDrill: (code: string) => void }) {
  const childColumns: TableColumnsType<PcgdResultChild> = [
    { title: 'Mã', dataIndex: 'code', key: 'code', width: 80 },
    {
      title: 'Đơn vị', key: 'name',
      render: (_, c) => (
        <>
          <Typography.Link onClick={() => onDrill(c.code)}>{c.name}</Typography.Link>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{tOr(`kind.${c.kind}`, c.kind)}</Typography.Text></div>
        </>
      ),
      sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
    },
    ...PCGD_STANDARDS.map((s) => ({
      title: STANDARD_SHORT[s], key: s, width: 150,
      render: (_: unknown, c: PcgdResultChild) => (c.surveyed
        ? <LevelTag standard={s} level={c.levels ? c.levels[s] : null} plain />
        : <Typography.Text type="secondary">—</Typography.Text>),
      sorter: (a: PcgdResultChild, b: PcgdResultChild) => (a.levels?.[s] ?? -1) - (b.levels?.[s] ?? -1),
    })),
    {
      title: 'Sổ theo dõi', key: 'surveyed', width: 130,
      render: (_, c) => (c.surveyed ? <Tag color="blue">Đã có kết quả</Tag> : <Tag>Chưa nhập sổ</Tag>),
      filters: [{ text: 'Đã có kết quả', value: true }, { text: 'Chưa nhập sổ', value: false }],
      onFilter: (v, c) => c.surveyed === v,
    },
  ];
  return (
    <>
      {result.conditions.length > 0 && (
        <Card size="small" title="Các điều kiện đã xét (tỷ lệ đơn vị trực thuộc đạt chuẩn)" style={{ marginBottom: 16 }}>
          <ConditionsTable conditions={result.conditions} />
        </Card>
      )}
      <Card size="small" title={`Đơn vị trực thuộc (${formatNumber(children.length)}) — bấm tên để xem chi tiết`}>
        <Table<PcgdResultChild>
          size="small"
          rowKey="code"
          columns={childColumns}
          dataSource={children}
          pagination={children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          onRow={(c) => ({ 'data-testid': 'pcgd-child', style: { cursor: 'pointer' }, onClick: () => onDrill(c.code) }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <EmptyState>Không có đơn vị trực thuộc.</EmptyState> }}
          scroll={{ x: 900 }}
        />
      </Card>
    </>
  );
}
