import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts';

type Chart = ReturnType<typeof echarts.init>;
export interface ChartClick { name: string; dataIndex: number; seriesIndex: number; data: unknown }

/**
 * A minimal React wrapper around one ECharts instance: created on mount, resized with its box, given the whole option
 * on every change (no merging, so a series that disappears is gone), disposed on unmount.
 */
export function EChart({ option, height = 320, onClick, testId, label }: {
  option: ChartOption;
  height?: number | string;
  onClick?: (e: ChartClick) => void;
  testId?: string;
  /** What the chart shows, for screen readers. */
  label?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return undefined;
    const handler = (e: unknown) => onClick(e as ChartClick);
    c.on('click', handler);
    return () => { c.off('click', handler); };
  }, [onClick]);

  return <div ref={box} style={{ width: '100%', height }} role="img" aria-label={label} data-testid={testId} />;
}
