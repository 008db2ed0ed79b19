import { reaches } from './aggregate.ts';

export interface Point { year: number; value: number }
export interface TargetRef { year: number; value: number; comparator: '>=' | '<=' | '=' }

export type Outlook = 'achieved' | 'missed' | 'on_track' | 'at_risk' | 'off_track' | 'no_trend' | 'no_data';
export const OUTLOOK_LABELS: Record<Outlook, string> = {
  achieved: 'Đã đạt', missed: 'Không đạt', on_track: 'Đúng hướng', at_risk: 'Có nguy cơ không đạt',
  off_track: 'Chệch hướng', no_trend: 'Chưa đủ dữ liệu để dự báo', no_data: 'Chưa có số liệu',
};

/** How many of the latest yearly values the trend is fitted on. */
export const TREND_WINDOW = 5;
/** A projection short of the target by at most this share of the target is "at risk", beyond it "off track". */
export const AT_RISK_MARGIN = 0.1;

export const PROJECTION_METHOD =
  `Đường xu hướng tuyến tính (bình phương nhỏ nhất) qua tối đa ${TREND_WINDOW} giá trị năm gần nhất, kéo dài đến năm mục tiêu. ` +
  `Đúng hướng: giá trị dự báo đạt mục tiêu; có nguy cơ: thiếu không quá ${AT_RISK_MARGIN * 100}% giá trị mục tiêu; chệch hướng: thiếu nhiều hơn. ` +
  'Cần ít nhất 2 năm có số liệu; khi năm mục tiêu đã qua, so giá trị của chính năm đó.';

export interface Projection {
  outlook: Outlook;
  /** The value the trend line gives for the target year (null without a trend). */
  projected: number | null;
  /** Progress from the first observed value towards the target, 0–100 (null when undefined). */
  progress: number | null;
  latest: Point | null;
}

/** Least-squares line through the points, evaluated at `year`. */
export function linearTrend(points: readonly Point[], year: number): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.year, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.year - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((s, p) => s + (p.year - mx) * (p.value - my), 0) / sxx;
  return my + slope * (year - mx);
}

/**
 * Where a series stands against a target: achieved/missed once the year is past, otherwise the trend's outlook.
 * The projection stays within the indicator's possible range (a percentage never goes past 100).
 */
export function project(series: readonly Point[], target: TargetRef, range: { min: number; max: number } = { min: 0, max: Infinity }): Projection {
  const observed = [...series].filter((p) => Number.isFinite(p.value)).sort((a, b) => a.year - b.year);
  if (observed.length === 0) return { outlook: 'no_data', projected: null, progress: null, latest: null };
  const latest = observed[observed.length - 1]!;
  const first = observed[0]!;
  const span = target.value - first.value;
  const progress = target.comparator === '=' || span === 0 ? null : Math.max(0, Math.min(100, ((latest.value - first.value) / span) * 100));
  const atYear = observed.find((p) => p.year === target.year);
  if (atYear) return { outlook: reaches(atYear.value, target.value, target.comparator) ? 'achieved' : 'missed', projected: atYear.value, progress, latest };
  if (latest.year > target.year) return { outlook: reaches(latest.value, target.value, target.comparator) ? 'achieved' : 'missed', projected: null, progress, latest };
  const window = observed.slice(-TREND_WINDOW);
  if (window.length < 2) return { outlook: reaches(latest.value, target.value, target.comparator) ? 'on_track' : 'no_trend', projected: null, progress, latest };
  const projected = Math.min(range.max, Math.max(range.min, linearTrend(window, target.year)));
  if (reaches(projected, target.value, target.comparator)) return { outlook: 'on_track', projected, progress, latest };
  const shortBy = target.comparator === '<=' ? projected - target.value : target.value - projected;
  const margin = AT_RISK_MARGIN * Math.abs(target.value);
  return { outlook: Math.abs(shortBy) <= margin ? 'at_risk' : 'off_track', projected, progress, latest };
}
