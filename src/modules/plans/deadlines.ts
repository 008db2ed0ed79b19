import { z } from 'zod';

/**
 * When a task is due, as the plan states it. The named day is the last day on time: "trước ngày 30/9/2020"
 * is read as "by 30/9/2020" (the usual reading in provincial practice; see docs/decisions/0004-deadlines.md).
 */
export const DueRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('date'), date: z.iso.date(), phrase: z.string() }),
  z.object({ kind: z.literal('quarter'), year: z.number().int().min(2000).max(2100), quarter: z.number().int().min(1).max(4), phrase: z.string() }),
  z.object({ kind: z.literal('year'), year: z.number().int().min(2000).max(2100), phrase: z.string() }),
  z.object({ kind: z.literal('yearly'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), phrase: z.string() }),
]).refine((r) => r.kind !== 'yearly' || isRealDate(2024, r.month, r.day), { message: 'Ngày/tháng lặp lại hằng năm không tồn tại' });
export type DueRule = z.infer<typeof DueRule>;

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

export function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function quarterEnd(year: number, quarter: number): string {
  return isoDate(year, quarter * 3, [31, 30, 30, 31][quarter - 1]!);
}

/** A yearly date in a given year; 29/02 falls back to 28/02 in common years. */
export function yearlyDate(rule: { month: number; day: number }, year: number): string {
  return isRealDate(year, rule.month, rule.day) ? isoDate(year, rule.month, rule.day) : isoDate(year, rule.month, rule.day - 1);
}

/** The single deadline of a one-off rule; undefined for none and yearly rules. */
export function fixedDueDate(rule: DueRule): string | undefined {
  switch (rule.kind) {
    case 'date': return rule.date;
    case 'quarter': return quarterEnd(rule.year, rule.quarter);
    case 'year': return isoDate(rule.year, 12, 31);
    default: return undefined;
  }
}

/** Yearly cycles start with the first occurrence after the plan was issued. */
export function firstCycle(rule: { month: number; day: number }, issuedOn: string): number {
  const y = Number(issuedOn.slice(0, 4));
  return yearlyDate(rule, y) > issuedOn ? y : y + 1;
}

/** The cycle being worked on at `today`: the year of the first occurrence on or after today. */
export function currentCycle(rule: { month: number; day: number }, issuedOn: string, today: string): number {
  const y = Number(today.slice(0, 4));
  return Math.max(firstCycle(rule, issuedOn), yearlyDate(rule, y) >= today ? y : y + 1);
}

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };

/**
 * Reads the deadline out of a Vietnamese sentence of a plan. Returns `none` when the sentence states no
 * deadline. Recognised forms (all seen in real plans):
 *  "trước ngày 30/9/2020", "trước ngày 30 tháng 9 năm 2020"            → date
 *  "hoàn thành trong quý III năm 2020", "trong quý 3/2020"               → quarter
 *  "định kỳ trước ngày 01 tháng 12 hằng năm", "trước ngày 15/10" (no year) → yearly
 *  "sơ kết vào năm 2025", "tổng kết vào năm 2030", "trong năm 2022"      → year
 */
export function parseDuePhrase(sentence: string): DueRule {
  const s = sentence.normalize('NFC').replace(/\s+/g, ' ');
  let m = /(hoàn thành )?trong quý (IV|III|II|I|[1-4])(?: năm |\/)(\d{4})/i.exec(s);
  if (m) return { kind: 'quarter', quarter: ROMAN[m[2]!.toUpperCase()] ?? Number(m[2]), year: Number(m[3]), phrase: m[0] };
  m = /(?:(?:định kỳ|hằng năm|hàng năm),? )?trước ngày (\d{1,2}) tháng (\d{1,2}) (hằng|hàng) năm/i.exec(s);
  if (m) return checkedYearly(Number(m[2]), Number(m[1]), m[0]);
  m = /trước ngày (\d{1,2})(?:\/| tháng )(\d{1,2})(?:\/| năm )(\d{4})/i.exec(s);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isRealDate(y, mo, d)) throw new Error(`Ngày không tồn tại trong "${m[0]}"`);
    return { kind: 'date', date: isoDate(y, mo, d), phrase: m[0] };
  }
  m = /trước ngày (\d{1,2})\/(\d{1,2})(?![\d/])/i.exec(s);
  if (m) return checkedYearly(Number(m[2]), Number(m[1]), m[0]);
  m = /(?:sơ kết|tổng kết|hoàn thành)[^.;]*?(?:vào|trong) năm (\d{4})/i.exec(s);
  if (m) return { kind: 'year', year: Number(m[1]), phrase: m[0].slice(m[0].search(/(vào|trong) năm/i)) };
  return { kind: 'none' };
}

function checkedYearly(month: number, day: number, phrase: string): DueRule {
  if (!isRealDate(2024, month, day)) throw new Error(`Ngày không tồn tại trong "${phrase}"`);
  return { kind: 'yearly', month, day, phrase };
}

/** How a due rule reads in the interface, in Vietnamese with dd/mm/yyyy dates. */
export function describeDueRule(rule: DueRule): string {
  switch (rule.kind) {
    case 'none': return 'Không quy định thời hạn';
    case 'date': return `Trước ngày ${formatVnDate(rule.date)}`;
    case 'quarter': return `Trong quý ${['I', 'II', 'III', 'IV'][rule.quarter - 1]} năm ${rule.year}`;
    case 'year': return `Trong năm ${rule.year}`;
    case 'yearly': return `Hằng năm, trước ngày ${pad(rule.day)}/${pad(rule.month)}`;
  }
}

export function formatVnDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
