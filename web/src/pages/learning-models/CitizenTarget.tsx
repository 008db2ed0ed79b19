import { Alert, Flex, Progress, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { Loading } from '../../components/feedback';
import { formatNumber } from '../../format';
import { useDashboard } from '../dashboard/api';
import { comparatorText, unitWithDates } from '../dashboard/labels';
import type { DashboardItem } from '../dashboard/types';
import { useIndicators } from '../indicators/api';
import type { ModelRow } from './api';

/** The catalogue's indicator of the plans' "x % of citizens are learning citizens" targets (data/indicators/catalogue.yaml). */
export const LEARNING_CITIZEN_INDICATOR = 'LEARNING_CITIZEN_RATE';

/**
 * The target that speaks for a year: the first one due in that year or later, else the last one (already past).
 * Targets come from the dashboard, so a new province carries its predecessors' (Bình Dương's 1144/KH-UBND for the
 * new Hồ Chí Minh City).
 */
export function targetForYear(items: readonly DashboardItem[], year: number): DashboardItem | null {
  const sorted = [...items].sort((a, b) => a.target.year - b.target.year);
  return sorted.find((i) => i.target.year >= year) ?? sorted.at(-1) ?? null;
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(v)}%`);

/**
 * The learning-citizen share of the year against the plan's target for the unit, when the platform has one. Never a
 * made-up target: without one it says so. The share is compared only when it is over the adult population (POP15),
 * the target's own denominator; a share of the registered says nothing about "x % of citizens".
 */
export function CitizenTarget({ unitId, unitName, year, row }: { unitId: string; unitName: string; year: number; row: ModelRow | undefined }) {
  const dashboard = useDashboard(unitId, '', false);
  const indicators = useIndicators();
  if (dashboard.isPending || indicators.isPending) return <Loading />;
  if (dashboard.isError) {
    return <Alert type="warning" showIcon title="Không đọc được chỉ tiêu của đơn vị này" description="Bảng thống kê vẫn đúng; phần so sánh với chỉ tiêu tạm thời không hiển thị." />;
  }
  // The catalogue's indicator, and any indicator an administrator defined over the recognitions themselves.
  const computed = new Set((indicators.data?.items ?? [])
    .filter((i) => i.computed?.kind === 'learningModel' && i.computed.modelType === 'learning_citizen').map((i) => i.code));
  const items = dashboard.data.items.filter((i) => i.indicator.code === LEARNING_CITIZEN_INDICATOR || computed.has(i.indicator.code));
  const chosen = targetForYear(items, year);
  const share = row?.share;

  if (!chosen) {
    return (
      <Alert
        type="info" showIcon data-testid="citizen-no-target"
        title={`Chưa có chỉ tiêu về tỷ lệ công dân học tập cho ${unitName}`}
        description="Nền tảng chưa ghi chỉ tiêu nào của kế hoạch cho đơn vị này (chỉ tiêu thường được giao cho tỉnh, thành phố). Tỷ lệ dưới đây là số liệu thực tế, không so với mục tiêu nào."
      />
    );
  }
  const { target } = chosen;
  const byAdults = share?.denominatorKind === 'dataElement' && share.value !== null;
  const progress = byAdults && target.comparator === '>=' && target.value > 0 ? Math.min(100, (share.value! / target.value) * 100) : null;
  const reported = chosen.series.find((f) => f.year === year && f.value !== null);
  const fromRecognitions = computed.has(chosen.indicator.code);
  const indicator = indicators.data?.items.find((i) => i.code === chosen.indicator.code);
  return (
    <Flex vertical gap={8} data-testid="citizen-target">
      <Flex gap={8} wrap align="baseline">
        <Typography.Text>Mục tiêu:</Typography.Text>
        <Typography.Text strong style={{ fontSize: 18 }} data-testid="citizen-target-value">
          {comparatorText(target.comparator)} {formatNumber(target.value)}% đến năm {target.year}
        </Typography.Text>
        <Tag style={{ marginInlineEnd: 0 }}>{target.document}{target.clause ? ` · mục ${target.clause}` : ''}</Tag>
        {chosen.unit && chosen.unit.id !== unitId && <Tag color="cyan" style={{ marginInlineEnd: 0 }}>Chỉ tiêu của {unitWithDates(chosen.unit)}</Tag>}
        {target.year < year && <Tag color="orange" style={{ marginInlineEnd: 0 }}>Chỉ tiêu đã hết hạn năm {target.year}</Tag>}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>“{target.text}”</Typography.Text>
      {progress !== null ? (
        <div data-testid="citizen-progress">
          <Progress percent={Math.round(progress * 10) / 10} format={(p) => `${formatNumber(p ?? 0, 1)}%`} status={progress >= 100 ? 'success' : 'active'} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Năm {year}: {pct(share!.value)} dân số từ 15 tuổi được công nhận — đạt {formatNumber(progress, 1)}% mục tiêu {formatNumber(target.value)}%
          </Typography.Text>
        </div>
      ) : (
        <Typography.Text type="secondary" data-testid="citizen-progress-none">
          {share?.denominatorKind === 'registered'
            ? `Chưa so được với chỉ tiêu: năm ${year} chưa có số dân từ 15 tuổi trở lên (POP15) của đơn vị, nên tỷ lệ dưới đây tính trên số đăng ký.`
            : 'Chưa so được với chỉ tiêu: chưa có tỷ lệ trên dân số từ 15 tuổi.'}
        </Typography.Text>
      )}
      {reported && !fromRecognitions && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="citizen-reported">
          Bảng điều khiển (chỉ số {chosen.indicator.name}) năm {year}: {pct(reported.value)} — tính từ số liệu báo cáo
          {indicator?.numerator ? ` (${indicator.numerator})` : ''}, có thể khác số hồ sơ được công nhận trên nền tảng.{' '}
          <Link to={`/bang-dieu-khien/chi-tieu/${target.id}?unitId=${unitId}`}>Xem chỉ tiêu</Link>
        </Typography.Text>
      )}
      {(!reported || fromRecognitions) && (
        <Link to={`/bang-dieu-khien/chi-tieu/${target.id}?unitId=${unitId}`} style={{ fontSize: 12 }}>Xem chỉ tiêu trên bảng điều khiển</Link>
      )}
    </Flex>
  );
}
