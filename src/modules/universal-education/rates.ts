import { RATE_NAMES, type Clause, type RateName, type RuleSet } from './rule-set.ts';
import type { Rate } from './thresholds.ts';
import type { CohortCell, CommuneCohorts } from './standards.ts';

/** Age in the survey year, by calendar year (rule-set convention `age: calendar_year`). */
export const ageIn = (year: number, birthYear: number): number => year - birthYear;

function clauseHolds(cell: CohortCell, c: Clause): boolean {
  return (c.literacyStageAtLeast === undefined || cell.literacyStage >= c.literacyStageAtLeast)
    && (c.highestGradeAtLeast === undefined || cell.highestGrade >= c.highestGradeAtLeast)
    && (c.enrolledIn === undefined || c.enrolledIn.includes(cell.enrolled))
    && (c.diploma === undefined || cell.diploma === c.diploma)
    && (c.preschoolCompleted === undefined || cell.preschoolCompleted === c.preschoolCompleted);
}

/** Whether the people of a cell have the named property of the rule set (e.g. "literate1"). */
export function hasProperty(cell: CohortCell, definition: string, rules: RuleSet): boolean {
  const d = rules.definitions[definition];
  if (!d) throw new Error(`rule set ${rules.id}: unknown definition "${definition}"`);
  return d.anyOf.some((c) => clauseHolds(cell, c));
}

/** The age band of a rate for this commune (the especially-difficult band where there is one). */
export function bandOf(rate: RateName, c: Pick<CommuneCohorts, 'especiallyDifficult'>, rules: RuleSet): readonly [number, number] {
  const r = rules.rates[rate];
  return c.especiallyDifficult && r.agesEspeciallyDifficult ? r.agesEspeciallyDifficult : r.ages;
}

/** (people of the band with the property, counted people of the band). */
export function cohortRate(c: CommuneCohorts, year: number, ages: readonly [number, number], definition: string, rules: RuleSet): Rate {
  let num = 0;
  let den = 0;
  for (const cell of c.cells) {
    const age = ageIn(year, cell.birthYear);
    if (age < ages[0] || age > ages[1]) continue;
    den += cell.count;
    if (hasProperty(cell, definition, rules)) num += cell.count;
  }
  return { num, den };
}

/** Every named rate of a commune in survey year `year`. */
export function communeRates(c: CommuneCohorts, year: number, rules: RuleSet): Record<RateName, Rate> {
  return Object.fromEntries(RATE_NAMES.map((name) => [name, cohortRate(c, year, bandOf(name, c, rules), rules.rates[name].counts, rules)])) as Record<RateName, Rate>;
}

/** (11-year-olds with primary completed or still in primary, counted 11-year-olds) — Điều 10, 11. */
export function remaining11Rate(c: CommuneCohorts, year: number, rules: RuleSet): Rate {
  return cohortRate(c, year, rules.remaining11.ages, rules.remaining11.counts, rules);
}

/** Cells must hold whole, non-negative counts; the engine refuses anything else rather than guess. */
export function checkCells(c: CommuneCohorts): void {
  c.cells.forEach((cell, i) => {
    if (!Number.isSafeInteger(cell.count) || cell.count < 0) throw new Error(`commune ${c.code}: cell ${i} has count ${cell.count} (expected a whole number ≥ 0)`);
    if (!Number.isSafeInteger(cell.birthYear)) throw new Error(`commune ${c.code}: cell ${i} has birth year ${cell.birthYear}`);
  });
}
