import { useMemo } from 'react';
import { formatNumber } from '../../format';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { LINEAGE_LABELS, type Lineage } from '../../../../src/modules/indicators/lineage';

export type { Lineage };

/** One yearly figure of the series. */
export interface TrendPoint {
  year: number;
  value: number | null;
  lineage: Lineage;
  approximate: boolean;
  approval?: { units: number; approved: number } | null;
  demo?: boolean;
  /** Public portal: hidden because it would reveal a count under 5 people. */
  suppressed?: boolean;
  note?: string | null;
}

export interface TrendTarget { year: number; value: number; label: string; main?: boolean }

export const COLORS = {
  actual: '#0b5cad',
  reaggregated: '#08979c',
  projection: '#722ed1',
  target: '#cf1322',
  benchmark: '#8c8c8c',
};

export const REAGGREGATED_LABEL = 'Tổng hợp lại qua đơn vị tiền thân/kế thừa';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The trend of an indicator against its target(s): the observed series (solid where the figure is read through the
 * map of its own period, dashed with hollow markers where it was re-aggregated through predecessor or successor
 * units, triangles where that is approximate), the target year as a point and a dashed line, the national benchmark,
 * and the linear projection from the latest value to the target year.
 */
export function TrendChart({
  series, targets, projection, benchmark, unitLabel, decimals = 1, compact = false, height, testId = 'trend-chart',
}: {
  series: readonly TrendPoint[];
  targets: readonly TrendTarget[];
  projection?: { fromYear: number; fromValue: number; toYear: number; toValue: number } | null;
  benchmark?: { value: number; label: string } | null;
  unitLabel: string;
  decimals?: number;
  compact?: boolean;
  height?: number;
  testId?: string;
}) {
  const option = useMemo<ChartOption>(() => {
    const fmt = (v: number) => `${formatNumber(Number(v.toFixed(decimals)))}${unitLabel === '%' ? '%' : ` ${unitLabel}`}`;
    const withValue = series.filter((p) => p.value !== null);
    const first = Math.min(...(withValue.length ? withValue : series).map((p) => p.year), ...targets.map((t) => t.year));
    if (!Number.isFinite(first)) return {};
    const last = Math.max(...series.map((p) => p.year), ...targets.map((t) => t.year), projection?.toYear ?? 0);
    const years: number[] = [];
    for (let y = first; y <= last; y++) years.push(y);
    const at = (y: number) => series.find((p) => p.year === y);
    const isRe = (p: TrendPoint | undefined) => !!p && p.lineage !== 'hierarchy';

    const direct = years.map((y) => { const p = at(y); return p && !isRe(p) && p.value !== null ? p.value : null; });
    // The dashed series holds the re-aggregated points and the direct neighbour it joins, so the line stays continuous.
    const re: (number | null)[] = years.map((y) => { const p = at(y); return p && isRe(p) && p.value !== null ? p.value : null; });
    const known = years.map((y, i) => ({ i, p: at(y) })).filter((x) => x.p && x.p.value !== null);
    for (let k = 1; k < known.length; k++) {
      const a = known[k - 1]!, b = known[k]!;
      if (isRe(a.p) !== isRe(b.p)) {
        const bridge = isRe(a.p) ? b : a;
        re[bridge.i] = bridge.p!.value;
      }
    }
    const hasRe = series.some((p) => isRe(p) && p.value !== null);
    const mainTarget = targets.find((t) => t.main) ?? targets[0];

    const markLines: { yAxis: number; name: string; lineStyle: { color: string; type: 'dashed' | 'dotted'; width: number }; label: Record<string, unknown> }[] = [];
    if (mainTarget) {
      markLines.push({
        yAxis: mainTarget.value, name: mainTarget.label,
        lineStyle: { color: COLORS.target, type: 'dashed', width: 1.5 },
        label: { formatter: compact ? fmt(mainTarget.value) : `Mục tiêu ${mainTarget.year}: ${fmt(mainTarget.value)}`, position: 'insideStartTop', color: COLORS.target, fontSize: compact ? 10 : 12 },
      });
    }
    if (benchmark && !compact) {
      markLines.push({
        yAxis: benchmark.value, name: benchmark.label,
        lineStyle: { color: COLORS.benchmark, type: 'dotted', width: 1.5 },
        label: { formatter: `${benchmark.label}: ${fmt(benchmark.value)}`, position: 'insideEndBottom', color: '#595959', fontSize: 12 },
      });
    }

    const maxValue = Math.max(...withValue.map((p) => p.value!), ...targets.map((t) => t.value), projection?.toValue ?? 0, benchmark?.value ?? 0);
    const axisMax = unitLabel === '%' && maxValue <= 100 ? Math.min(100, Math.ceil((maxValue * 1.15) / 10) * 10) : undefined;

    const symbolOf = (p: TrendPoint | undefined) => (p?.approximate ? 'emptyTriangle' : 'emptyCircle');

    const opt: ChartOption = {
      animation: !compact,
      aria: { enabled: true, label: { description: `Biểu đồ xu hướng ${years[0]}–${years[years.length - 1]}${mainTarget ? `, mục tiêu ${fmt(mainTarget.value)} năm ${mainTarget.year}` : ''}` } },
      grid: compact ? { left: 8, right: 12, top: 16, bottom: 4, containLabel: true } : { left: 16, right: 24, top: 48, bottom: 8, containLabel: true },
      legend: compact ? { show: false } : { top: 0, left: 0, itemGap: 16, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (raw: unknown) => {
          const params = (Array.isArray(raw) ? raw : [raw]) as { dataIndex: number }[];
          const y = years[params[0]?.dataIndex ?? 0];
          const p = y === undefined ? undefined : at(y);
          const lines = [`<b>Năm ${y}</b>`];
          if (p?.suppressed) lines.push('Giá trị: — (số liệu dưới 5 người không công bố)');
          else if (p && p.value !== null) {
            lines.push(`Giá trị: <b>${esc(fmt(p.value))}</b>`);
            lines.push(esc(LINEAGE_LABELS[p.lineage]) + (p.approximate ? ' — gần đúng' : ''));
            if (p.approval) lines.push(`${formatNumber(p.approval.approved)}/${formatNumber(p.approval.units)} đơn vị đã duyệt`);
            if (p.demo) lines.push('Dữ liệu mẫu');
          } else lines.push('Chưa có số liệu');
          if (p?.note) lines.push(`<i>${esc(p.note)}</i>`);
          for (const t of targets.filter((t) => t.year === y)) lines.push(`<span style="color:${COLORS.target}">${esc(t.label)}: ${esc(fmt(t.value))}</span>`);
          if (projection && y === projection.toYear) lines.push(`<span style="color:${COLORS.projection}">Dự báo: ${esc(fmt(projection.toValue))}</span>`);
          return lines.join('<br/>');
        },
      },
      xAxis: { type: 'category', data: years.map(String), boundaryGap: false, axisLabel: { fontSize: compact ? 10 : 12 } },
      yAxis: {
        type: 'value', min: 0, max: axisMax, splitNumber: compact ? 2 : 5,
        name: compact ? undefined : unitLabel, nameTextStyle: { align: 'right' },
        axisLabel: { formatter: (v: number) => formatNumber(v), fontSize: compact ? 10 : 12 },
      },
      series: [
        {
          name: 'Giá trị (theo địa giới của kỳ)', type: 'line', data: direct, connectNulls: true,
          symbol: 'circle', symbolSize: compact ? 5 : 8, itemStyle: { color: COLORS.actual }, lineStyle: { width: 2.5, color: COLORS.actual }, z: 4,
          markLine: markLines.length ? { symbol: 'none', silent: true, data: markLines as never } : undefined,
        },
        ...(hasRe ? [{
          name: REAGGREGATED_LABEL, type: 'line' as const, connectNulls: true,
          data: re.map((v, i) => (v === null ? null : { value: v, symbol: isRe(at(years[i]!)) ? symbolOf(at(years[i]!)) : 'none', symbolSize: compact ? 7 : 11 })),
          itemStyle: { color: COLORS.reaggregated, borderWidth: 2 }, lineStyle: { width: 2, type: 'dashed' as const, color: COLORS.reaggregated }, z: 3,
        }] : []),
        ...(projection ? [{
          name: 'Dự báo (xu hướng tuyến tính)', type: 'line' as const, connectNulls: true,
          data: years.map((y) => (y === projection.fromYear ? { value: projection.fromValue, symbol: 'none' } : y === projection.toYear ? { value: projection.toValue, symbol: 'emptyCircle', symbolSize: 9 } : null)),
          itemStyle: { color: COLORS.projection }, lineStyle: { width: 2, type: 'dotted' as const, color: COLORS.projection }, z: 2,
        }] : []),
        {
          name: 'Mục tiêu', type: 'scatter', symbol: 'diamond', symbolSize: compact ? 10 : 14, itemStyle: { color: COLORS.target }, z: 5,
          data: years.map((y) => { const t = targets.find((x) => x.year === y); return t ? t.value : null; }),
          label: compact ? undefined : { show: true, position: 'top', formatter: (p: { value: unknown }) => fmt(Number(p.value)), color: COLORS.target, fontWeight: 'bold' },
        },
      ],
    };
    return opt;
  }, [series, targets, projection, benchmark, unitLabel, decimals, compact]);

  if (series.length === 0 && targets.length === 0) return null;
  return <EChart option={option} height={height ?? (compact ? 150 : 340)} testId={testId} label="Biểu đồ xu hướng của chỉ tiêu" />;
}
