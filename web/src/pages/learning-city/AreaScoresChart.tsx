import { BarChart } from 'echarts/charts';
import { useMemo } from 'react';
import { EChart } from '../../components/charts/EChart';
import { echarts, type ChartOption } from '../../components/charts/echarts';
import { formatNumber } from '../../format';
import type { AreaView } from './api';

// Bars are drawn only here: registered with this page, which is loaded on demand like the dashboard.
echarts.use([BarChart]);

/** Area scores on the framework's scale, one horizontal bar per area, coloured by its tier (benefits, blocks, conditions). */
export function AreaScoresChart({ areas, max }: { areas: AreaView[]; max: number }) {
  const option = useMemo(() => {
    const colours: Record<string, string> = { wider_benefits: '#52c41a', building_blocks: '#1677ff', fundamental_conditions: '#fa8c16' };
    const rows = [...areas].reverse();
    return {
      aria: { enabled: true },
      grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (v == null ? 'chưa chấm' : `${formatNumber(Number(v), 1)}/${max}`) },
      xAxis: { type: 'value', min: 0, max },
      yAxis: { type: 'category', data: rows.map((a) => `${a.code} ${a.name.length > 34 ? `${a.name.slice(0, 33)}…` : a.name}`), axisLabel: { fontSize: 11 } },
      series: [{
        type: 'bar', barMaxWidth: 16,
        data: rows.map((a) => ({ value: a.score, itemStyle: { color: colours[a.group] } })),
        label: { show: true, position: 'right', formatter: (p: { value: unknown }) => (p.value == null ? '—' : formatNumber(Number(p.value), 1)) },
      }],
    } as unknown as ChartOption;
  }, [areas, max]);
  return <EChart option={option} height={Math.max(280, areas.length * 28)} testId="area-scores" label="Điểm từng lĩnh vực của bản tự đánh giá" />;
}
