/**
 * Period identifiers as the server names them (src/modules/indicators/periods.ts): `2024`, `2024S1`, `2024Q3`,
 * `2024-07`, `2024-2025` (school year), and the reporting periods with the 15th–14th cut-off `R2024`, `R2024S1`,
 * `R2024Q3`, `R2024-07`. The page only needs to list recent periods of a type and label them.
 */
export type PeriodType = 'year' | 'half' | 'quarter' | 'month' | 'schoolYear' | 'reportYear' | 'reportHalf' | 'reportQuarter' | 'reportMonth';

export interface Period { id: string; type: PeriodType; start: string; end: string }

const CUTOFF = 15;
const SCHOOL_YEAR_START_MONTH = 9;
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const addMonths = (y: number, m: number, k: number): [number, number] => {
  const t = y * 12 + (m - 1) + k;
  return [Math.floor(t / 12), (t % 12) + 1];
};

function span(y: number, m: number, months: number, report: boolean) {
  const [ey, em] = addMonths(y, m, months - 1);
  if (!report) return { start: iso(y, m, 1), end: iso(ey, em, lastDay(ey, em)) };
  const [sy, sm] = addMonths(y, m, -1);
  return { start: iso(sy, sm, CUTOFF), end: iso(ey, em, CUTOFF - 1) };
}

function make(type: PeriodType, y: number, index: number): Period {
  const report = type.startsWith('report');
  const r = report ? 'R' : '';
  switch (type) {
    case 'year': case 'reportYear': return { id: `${r}${y}`, type, ...span(y, 1, 12, report) };
    case 'half': case 'reportHalf': return { id: `${r}${y}S${index}`, type, ...span(y, 1 + 6 * (index - 1), 6, report) };
    case 'quarter': case 'reportQuarter': return { id: `${r}${y}Q${index}`, type, ...span(y, 1 + 3 * (index - 1), 3, report) };
    case 'month': case 'reportMonth': return { id: `${r}${y}-${pad(index)}`, type, ...span(y, index, 1, report) };
    case 'schoolYear': return { id: `${y}-${y + 1}`, type, ...span(y, SCHOOL_YEAR_START_MONTH, 12, false) };
  }
}

const PERIOD_TYPES: PeriodType[] = ['year', 'half', 'quarter', 'month', 'schoolYear', 'reportYear', 'reportHalf', 'reportQuarter', 'reportMonth'];
export const isPeriodType = (t: string): t is PeriodType => (PERIOD_TYPES as string[]).includes(t);

/** The period of a type that contains a date (YYYY-MM-DD). */
export function periodOf(type: PeriodType, date: string): Period {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [ry, rm] = d >= CUTOFF ? addMonths(y, m, 1) : [y, m];
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

function previous(p: Period): Period {
  const d = new Date(Date.parse(`${p.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return periodOf(p.type, d);
}

/** The period of the type containing `today` and the `count − 1` before it, newest first. */
export function recentPeriods(type: PeriodType, today: string, count: number): Period[] {
  const out = [periodOf(type, today)];
  while (out.length < count) out.push(previous(out[out.length - 1]!));
  return out;
}

/** How many periods of a type the pickers offer (about ten years of yearly data, two years of months). */
export const PICKER_DEPTH: Record<PeriodType, number> = {
  year: 10, reportYear: 10, schoolYear: 10, half: 12, reportHalf: 12, quarter: 16, reportQuarter: 16, month: 24, reportMonth: 24,
};

const ROMAN = ['I', 'II', 'III', 'IV'];
const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** "Năm 2024", "Quý III/2024", "Năm học 2024-2025", "Kỳ báo cáo năm 2024 (15/12/2023–14/12/2024)". */
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
      return `Kỳ báo cáo ${base.charAt(0).toLowerCase()}${base.slice(1)} (${vnDate(p.start)}–${vnDate(p.end)})`;
    }
  }
}

/** A period identifier parsed back (for a period carried in the address); null when it is not of the type. */
export function parsePeriodOf(type: PeriodType, id: string): Period | null {
  const m = /^(R?)(\d{4})(?:S([12])|Q([1-4])|-(\d{2})|-(\d{4}))?$/.exec(id);
  if (!m) return null;
  const y = Number(m[2]);
  const report = m[1] === 'R';
  let p: Period | null = null;
  if (m[6]) p = Number(m[6]) === y + 1 && !report ? make('schoolYear', y, 1) : null;
  else if (m[3]) p = make(report ? 'reportHalf' : 'half', y, Number(m[3]));
  else if (m[4]) p = make(report ? 'reportQuarter' : 'quarter', y, Number(m[4]));
  else if (m[5]) p = Number(m[5]) >= 1 && Number(m[5]) <= 12 ? make(report ? 'reportMonth' : 'month', y, Number(m[5])) : null;
  else p = make(report ? 'reportYear' : 'year', y, 1);
  return p && p.type === type ? p : null;
}

export const PERIOD_TYPE_LABELS: Record<PeriodType, string> = {
  year: 'Năm', half: '6 tháng', quarter: 'Quý', month: 'Tháng', schoolYear: 'Năm học',
  reportYear: 'Kỳ báo cáo năm (15/12–14/12)', reportHalf: 'Kỳ báo cáo 6 tháng', reportQuarter: 'Kỳ báo cáo quý', reportMonth: 'Kỳ báo cáo tháng',
};
