/**
 * One sequential colour scale for the choropleth map and its tile-grid fallback (light = low, dark = high), so the
 * two read the same. Colours are interpolated linearly in RGB between the stops, as ECharts' visualMap does.
 */
export const SCALE_COLORS = ['#eaf2fb', '#b9d5f1', '#74a9de', '#2f74c0', '#0b3d6b'] as const;
export const NO_VALUE_COLOR = '#f0f0f0';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const hex = (c: number[]) => `#${c.map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;

export function colorOf(value: number | null | undefined, min: number, max: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE_COLOR;
  const t = max > min ? Math.max(0, Math.min(1, (value - min) / (max - min))) : 1;
  const pos = t * (SCALE_COLORS.length - 1);
  const i = Math.min(Math.floor(pos), SCALE_COLORS.length - 2);
  const a = rgb(SCALE_COLORS[i]!), b = rgb(SCALE_COLORS[i + 1]!);
  const f = pos - i;
  return hex(a.map((x, k) => x + (b[k]! - x) * f));
}

/** Black or white text, whichever reads better on the background. */
export function textOn(background: string): string {
  const [r, g, b] = rgb(background);
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#1f1f1f' : '#ffffff';
}

/** The range of the values shown (both ends equal when there is one value; 0–1 when none). */
export function rangeOf(values: readonly (number | null | undefined)[]): { min: number; max: number } {
  const v = values.filter((x): x is number => x !== null && x !== undefined && Number.isFinite(x));
  if (!v.length) return { min: 0, max: 1 };
  return { min: Math.min(...v), max: Math.max(...v) };
}
