import { isoDate, quarterEnd, yearlyDate, type DueRule } from '../plans/deadlines.ts';

/** The years an obligation runs for (a plan's period, or the single year of a mid-term or final review). */
export interface PeriodWindow { first: number; last: number | null }

const inWindow = (w: PeriodWindow, period: number) => period >= w.first && (w.last === null || period <= w.last);

/**
 * The due date of one period's report, or null when the rule asks no report for that period: outside the window, or
 * a one-off rule (the 2025 mid-term review) asked for another year. Yearly dates follow plans/deadlines.ts (29/02 → 28/02).
 */
export function dueDateFor(rule: DueRule, window: PeriodWindow, period: number): string | null {
  if (!inWindow(window, period)) return null;
  switch (rule.kind) {
    case 'yearly': return yearlyDate(rule, period);
    case 'year': return period === rule.year ? isoDate(rule.year, 12, 31) : null;
    case 'quarter': return period === rule.year ? quarterEnd(rule.year, rule.quarter) : null;
    case 'date': return period === Number(rule.date.slice(0, 4)) ? rule.date : null;
    case 'none': return null;
  }
}

/** The next report owed on or after `today` (the due day itself is still on time), or null when none is left. */
export function nextDue(rule: DueRule, window: PeriodWindow, today: string): { period: number; dueDate: string } | null {
  const year = Number(today.slice(0, 4));
  const candidates = rule.kind === 'yearly' ? [Math.max(year, window.first), Math.max(year + 1, window.first)] : [rule.kind === 'none' ? NaN : periodOfOneOff(rule)];
  for (const period of candidates) {
    const due = dueDateFor(rule, window, period);
    if (due !== null && due >= today) return { period, dueDate: due };
  }
  return null;
}

const periodOfOneOff = (rule: Exclude<DueRule, { kind: 'yearly' | 'none' }>) => (rule.kind === 'date' ? Number(rule.date.slice(0, 4)) : rule.year);

/**
 * Whether a unit may open a report for a period at `today`: the rule asks one for that period, and the period has
 * begun (a year's report is written during that year or after it, never ahead of it).
 */
export function isOpenPeriod(rule: DueRule, window: PeriodWindow, period: number, today: string): boolean {
  return dueDateFor(rule, window, period) !== null && period <= Number(today.slice(0, 4));
}

/** The periods open at `today`, newest first (the choices of the report form). */
export function openPeriods(rule: DueRule, window: PeriodWindow, today: string): number[] {
  const out: number[] = [];
  for (let p = Math.min(Number(today.slice(0, 4)), window.last ?? Infinity); p >= window.first; p--) if (isOpenPeriod(rule, window, p, today)) out.push(p);
  return out;
}

/**
 * Whether a report is late: submitted after its due date (the first submission counts — a correction after a return
 * does not make it late), or not yet submitted once the due day has passed (the due day itself is on time).
 * The stored column report_submission.late is the same rule for submitted reports.
 */
export function isLate(dueDate: string, firstSubmittedOn: string | null, today: string): boolean {
  return firstSubmittedOn !== null ? firstSubmittedOn > dueDate : today > dueDate;
}
