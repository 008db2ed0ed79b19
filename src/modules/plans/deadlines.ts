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
