import type { Verification } from './rule-set.ts';

export interface Rate { num: number; den: number }

/**
 * "At least p %" compared in integers, so that exactly 90 % meets "at least 90 %" (Nghị định 20/2014).
 * An empty cohort (den 0) meets or not as the rule set's convention says.
 */
export function meetsAtLeast(rate: Rate, percent: number, emptyMeets: boolean): boolean {
  return rate.den === 0 ? emptyMeets : 100 * rate.num >= percent * rate.den;
}

const STRENGTH: Record<Verification, number> = { V: 2, P: 1, I: 0 };

/** A decision is only as verified as the weakest rule it rests on. */
export function weakest(...marks: Verification[]): Verification {
  return marks.reduce((a, b) => (STRENGTH[b] < STRENGTH[a] ? b : a), 'V');
}

/** "15–35" for a band, "11" for a single age. */
export function formatAges([from, to]: readonly [number, number]): string {
  return from === to ? String(from) : `${from}–${to}`;
}

/** Fills {threshold} and {ages} in a Vietnamese text template of the rule set. */
export function fillText(template: string, values: { threshold?: number; ages?: readonly [number, number] }): string {
  return template
    .replaceAll('{threshold}', values.threshold === undefined ? '{threshold}' : String(values.threshold))
    .replaceAll('{ages}', values.ages === undefined ? '{ages}' : formatAges(values.ages));
}
