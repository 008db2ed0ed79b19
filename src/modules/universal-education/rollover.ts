import type { Enrolled } from './rule-set.ts';

/** The school-relevant facts of a person carried from one survey year to the next. */
export interface Schooling { birthYear: number; enrolled: Enrolled; highestGrade: number }

const LEVEL_END: Partial<Record<Enrolled, { last: number; next: Enrolled }>> = {
  primary: { last: 5, next: 'lower_secondary' },
  lower_secondary: { last: 9, next: 'upper_secondary' },
  upper_secondary: { last: 12, next: 'none' },
  continuing_upper: { last: 12, next: 'none' },
};

/**
 * "Lên lớp": the presumed schooling one year later. A pupil is assumed to have finished the grade they were in and,
 * at the end of a level, to go on to the next; a 5-year-old in preschool starts primary. Every presumption is
 * marked unconfirmed (`changed`) so the commune officer confirms it against the school lists.
 */
export function promote(p: Schooling, newYear: number): Schooling & { changed: boolean } {
  const end = LEVEL_END[p.enrolled];
  if (end) {
    const highestGrade = Math.min(p.highestGrade + 1, end.last);
    return { ...p, highestGrade, enrolled: highestGrade >= end.last ? end.next : p.enrolled, changed: true };
  }
  if (p.enrolled === 'preschool' && newYear - p.birthYear >= 6) return { ...p, enrolled: 'primary', changed: true };
  return { ...p, changed: p.enrolled !== 'none' };
}
