import type { CalendarRule } from './workflow.ts';

/**
 * The legal calendar of a learning model's year: the last day a dossier is on time and the last day for the decision
 * (e.g. commune learning community of 2024: dossier by 28/02/2025, decision by 31/03/2025 — TT 25/2023). The named
 * day of "trước ngày …" is the last day on time, as everywhere in the platform.
 */
export interface YearCalendar {
  dossierDue: string | null;
  decisionDue: string | null;
  verified: CalendarRule['verified'];
  source: string;
}

export function yearCalendar(rule: CalendarRule, year: number): YearCalendar {
  const on = (dayMonth: string | null) => (dayMonth ? `${year + rule.yearOffset}-${dayMonth}` : null);
  return { dossierDue: on(rule.dossierBy), decisionDue: on(rule.decisionBy), verified: rule.verified, source: rule.source };
}

/** Late means after the due day; no due day means never late. Days are ISO dates in Vietnam time. */
export const isLate = (due: string | null, day: string) => due !== null && day > due;

