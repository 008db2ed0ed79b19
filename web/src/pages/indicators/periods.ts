/**
 * Periods in the pages: the server's pure period arithmetic (one source of truth), plus what the pickers need —
 * recent periods of a type, how many to offer, and type names.
 */
import { parsePeriod, PERIOD_TYPES, periodLabel, periodOf, shift, type Period, type PeriodType } from '../../../../src/modules/indicators/periods';

export { periodLabel, periodOf, type Period, type PeriodType };

export const isPeriodType = (t: string): t is PeriodType => (PERIOD_TYPES as readonly string[]).includes(t);

/** The period of the type containing `today` and the `count − 1` before it, newest first. */
export function recentPeriods(type: PeriodType, today: string, count: number): Period[] {
  const out = [periodOf(type, today)];
  while (out.length < count) out.push(shift(out[out.length - 1]!, -1));
  return out;
}

/** How many periods of a type the pickers offer (about ten years of yearly data, two years of months). */
export const PICKER_DEPTH: Record<PeriodType, number> = {
  year: 10, reportYear: 10, schoolYear: 10, half: 12, reportHalf: 12, quarter: 16, reportQuarter: 16, month: 24, reportMonth: 24,
};

/** A period identifier parsed back (for a period carried in the address); null when it is not of the type. */
export function parsePeriodOf(type: PeriodType, id: string): Period | null {
  const p = parsePeriod(id);
  return p && p.type === type ? p : null;
}

export const PERIOD_TYPE_LABELS: Record<PeriodType, string> = {
  year: 'Năm', half: '6 tháng', quarter: 'Quý', month: 'Tháng', schoolYear: 'Năm học',
  reportYear: 'Kỳ báo cáo năm (15/12–14/12)', reportHalf: 'Kỳ báo cáo 6 tháng', reportQuarter: 'Kỳ báo cáo quý', reportMonth: 'Kỳ báo cáo tháng',
};
