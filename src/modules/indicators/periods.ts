/**
 * Periods of data collection (issue 3): calendar year, half-year, quarter, month, school year, and the reporting
 * periods of the government reporting regime, whose data cut-off runs from the 15th of the previous month to the
 * 14th (Nghị định 09/2019/NĐ-CP; ../shared/domain/peers.md §0.2). Pure arithmetic on ISO calendar dates.
 *
 * Identifiers: `2024` · `2024S1` · `2024Q3` · `2024-07` · `2024-2025` (school year) · `R2024`, `R2024S1`, `R2024Q3`,
 * `R2024-07` (reporting periods: the same names with the 15th–14th cut-off).
 */
export const PERIOD_TYPES = ['year', 'half', 'quarter', 'month', 'schoolYear', 'reportYear', 'reportHalf', 'reportQuarter', 'reportMonth'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export interface Period {
  id: string;
  type: PeriodType;
  /** First and last day, inclusive (YYYY-MM-DD). */
  start: string;
  end: string;
}

/** The reporting regime's cut-off day: a reporting period starts on the 15th and ends on the 14th. [P] */
export const REPORT_CUTOFF = { startDay: 15, source: 'Nghị định 09/2019/NĐ-CP, Điều 12', verified: 'P' } as const;
/** The school year runs from 1 September; teaching ends on 31 May, the year is counted to 31 August. [I] */
export const SCHOOL_YEAR_START_MONTH = 9;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** The calendar month `k` months after (y, m), as [year, month]. */
const addMonths = (y: number, m: number, k: number): [number, number] => {
  const t = y * 12 + (m - 1) + k;
  return [Math.floor(t / 12), (t % 12) + 1];
};

/** A span of `months` calendar months starting at (y, m); shifted to the 15th–14th cut-off when `report`. */
function span(y: number, m: number, months: number, report: boolean): { start: string; end: string } {
  const [ey, em] = addMonths(y, m, months - 1);
  if (!report) return { start: iso(y, m, 1), end: iso(ey, em, lastDay(ey, em)) };
  const [sy, sm] = addMonths(y, m, -1);
  return { start: iso(sy, sm, REPORT_CUTOFF.startDay), end: iso(ey, em, REPORT_CUTOFF.startDay - 1) };
}

const PATTERNS: [RegExp, (m: RegExpExecArray) => Period | null][] = [
  [/^(R?)(\d{4})$/, (m) => make(m[1] ? 'reportYear' : 'year', Number(m[2]), 1)],
  [/^(R?)(\d{4})S([12])$/, (m) => make(m[1] ? 'reportHalf' : 'half', Number(m[2]), Number(m[3]))],
  [/^(R?)(\d{4})Q([1-4])$/, (m) => make(m[1] ? 'reportQuarter' : 'quarter', Number(m[2]), Number(m[3]))],
  [/^(R?)(\d{4})-(\d{2})$/, (m) => (Number(m[3]) >= 1 && Number(m[3]) <= 12 ? make(m[1] ? 'reportMonth' : 'month', Number(m[2]), Number(m[3])) : null)],
  [/^(\d{4})-(\d{4})$/, (m) => (Number(m[2]) === Number(m[1]) + 1 ? make('schoolYear', Number(m[1]), 1) : null)],
];

/** Parses a period identifier; `null` when it is not one (e.g. "2024Q5", "2024-13", "2024-2026"). */
export function parsePeriod(id: string): Period | null {
  for (const [re, build] of PATTERNS) {
    const m = re.exec(id.trim());
    if (m) {
      const p = build(m);
      if (p && Number(p.start.slice(0, 4)) >= 1900 && Number(p.end.slice(0, 4)) <= 2200) return p;
      return null;
    }
  }
  return null;
}

/** The `index`-th period of its type in year `y` (half 1–2, quarter 1–4, month 1–12; 1 for years). */
function make(type: PeriodType, y: number, index: number): Period {
  const report = type.startsWith('report');
  switch (type) {
    case 'year': case 'reportYear': return { id: `${report ? 'R' : ''}${y}`, type, ...span(y, 1, 12, report) };
    case 'half': case 'reportHalf': return { id: `${report ? 'R' : ''}${y}S${index}`, type, ...span(y, 1 + 6 * (index - 1), 6, report) };
    case 'quarter': case 'reportQuarter': return { id: `${report ? 'R' : ''}${y}Q${index}`, type, ...span(y, 1 + 3 * (index - 1), 3, report) };
    case 'month': case 'reportMonth': return { id: `${report ? 'R' : ''}${y}-${pad(index)}`, type, ...span(y, index, 1, report) };
    case 'schoolYear': return { id: `${y}-${y + 1}`, type, ...span(y, SCHOOL_YEAR_START_MONTH, 12, false) };
  }
}

/** The period of a type that contains a date. */
export function periodOf(type: PeriodType, date: string): Period {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // A reporting period is named after the month it ends in: from the 15th on, a date belongs to the next one.
  const [ry, rm] = d >= REPORT_CUTOFF.startDay ? addMonths(y, m, 1) : [y, m];
  switch (type) {
    case 'year': return make(type, y, 1);
    case 'half': return make(type, y, m <= 6 ? 1 : 2);
    case 'quarter': return make(type, y, Math.ceil(m / 3));
    case 'month': return make(type, y, m);
    case 'schoolYear': return make(type, m >= SCHOOL_YEAR_START_MONTH ? y : y - 1, 1);
    case 'reportYear': return make(type, ry, 1);
    case 'reportHalf': return make(type, ry, rm <= 6 ? 1 : 2);
    case 'reportQuarter': return make(type, ry, Math.ceil(rm / 3));
    case 'reportMonth': return make(type, ry, rm);
  }
}

/** The period after (k = 1) or before (k = −1) a period of the same type. */
export function shift(p: Period, k: number): Period {
  let cur = p;
  for (let i = 0; i < Math.abs(k); i++) {
    const edge = Date.parse(`${k > 0 ? cur.end : cur.start}T00:00:00Z`) + (k > 0 ? 1 : -1) * 86_400_000;
    cur = periodOf(p.type, new Date(edge).toISOString().slice(0, 10));
  }
  return cur;
}

/** Whether period `inner` lies wholly inside `outer` (e.g. a quarter in a year). */
export function within(inner: Period, outer: Period): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Every period of a type from the one containing `from` to the one containing `to`, in order. */
export function periodsBetween(type: PeriodType, from: string, to: string): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(type, from); p.start <= to; p = shift(p, 1)) out.push(p);
  return out;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const fmt = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** How a period reads in the interface. */
export function periodLabel(p: Period): string {
  const y = p.id.replace(/^R/, '').slice(0, 4);
  const n = Number(p.id.slice(-1));
  switch (p.type) {
    case 'year': return `Năm ${y}`;
    case 'half': return `${n === 1 ? '6 tháng đầu' : '6 tháng cuối'} năm ${y}`;
    case 'quarter': return `Quý ${ROMAN[n - 1]}/${y}`;
    case 'month': return `Tháng ${Number(p.id.slice(5, 7))}/${y}`;
    case 'schoolYear': return `Năm học ${p.id}`;
    default: {
      const base = periodLabel({ ...p, id: p.id.slice(1), type: p.type.replace('report', '').toLowerCase() as PeriodType });
      return `Kỳ báo cáo ${base.charAt(0).toLowerCase()}${base.slice(1)} (${fmt(p.start)}–${fmt(p.end)})`;
    }
  }
}
