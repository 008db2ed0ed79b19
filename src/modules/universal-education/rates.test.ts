import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { communeRates, hasProperty, remaining11Rate } from './rates.ts';
import { parseRuleSet } from './rule-set.ts';
import type { CohortCell, CommuneCohorts } from './standards.ts';

const rules = parseRuleSet(fs.readFileSync(new URL('../../../data/rules/universal-education/nd20-2014.yaml', import.meta.url), 'utf8'));
const Y = 2024;
type Person = Partial<Omit<CohortCell, 'birthYear' | 'count'>>;
const at = (age: number, count: number, p: Person = {}): CohortCell => ({
  birthYear: Y - age, highestGrade: 0, literacyStage: 0, enrolled: 'none', diploma: false, preschoolCompleted: false, ...p, count,
});
const has = (p: Person, definition: string) => hasProperty(at(30, 1, p), definition, rules);
const commune = (cells: CohortCell[], especiallyDifficult = false): CommuneCohorts => ({ code: 'X', especiallyDifficult, cells });

describe('a person’s properties (read from the rule set)', () => {
  it('literate level 1: stage 1 of the literacy programme, or grade 3 completed (Điều 19)', () => {
    expect(has({ literacyStage: 1 }, 'literate1')).toBe(true);
    expect(has({ highestGrade: 3 }, 'literate1')).toBe(true);
    expect(has({ highestGrade: 2 }, 'literate1')).toBe(false);
    expect(has({ literacyStage: 0, highestGrade: 0 }, 'literate1')).toBe(false);
  });

  it('literate level 2: stage 2, or primary completed (grade 5)', () => {
    expect(has({ literacyStage: 2 }, 'literate2')).toBe(true);
    expect(has({ highestGrade: 5 }, 'literate2')).toBe(true);
    expect(has({ highestGrade: 4, literacyStage: 1 }, 'literate2')).toBe(false);
    expect(has({ highestGrade: 4, literacyStage: 1 }, 'literate1')).toBe(true);
  });

  it('primary completed: grade 5', () => {
    expect(has({ highestGrade: 5 }, 'primaryCompleted')).toBe(true);
    expect(has({ highestGrade: 4, literacyStage: 2 }, 'primaryCompleted')).toBe(false);
  });

  it('attending school at 5: preschool or primary', () => {
    expect(has({ enrolled: 'preschool' }, 'attendingSchool')).toBe(true);
    expect(has({ enrolled: 'primary' }, 'attendingSchool')).toBe(true);
    expect(has({ enrolled: 'none', preschoolCompleted: true }, 'attendingSchool')).toBe(false);
    expect(has({ enrolled: 'lower_secondary' }, 'attendingSchool')).toBe(false);
  });

  it('entered grade 1 at 6: in primary, or grade 1 already done', () => {
    expect(has({ enrolled: 'primary' }, 'enteredGrade1')).toBe(true);
    expect(has({ enrolled: 'none', highestGrade: 1 }, 'enteredGrade1')).toBe(true);
    expect(has({ enrolled: 'preschool' }, 'enteredGrade1')).toBe(false);
  });

  it('studying upper level: upper secondary, continuing education at upper level, vocational, or grade 12 done', () => {
    for (const enrolled of ['upper_secondary', 'continuing_upper', 'vocational'] as const) expect(has({ enrolled }, 'studyingUpper')).toBe(true);
    expect(has({ enrolled: 'none', highestGrade: 12 }, 'studyingUpper')).toBe(true);
    expect(has({ enrolled: 'none', highestGrade: 11, diploma: true }, 'studyingUpper')).toBe(false);
    expect(has({ enrolled: 'lower_secondary', highestGrade: 8 }, 'studyingUpper')).toBe(false);
    expect(has({ enrolled: 'higher', highestGrade: 11 }, 'studyingUpper')).toBe(false);
  });

  it('an unknown definition is an error, not "false"', () => {
    expect(() => has({}, 'literate3')).toThrow(/unknown definition "literate3"/);
  });
});

describe('commune rates', () => {
  it('count the band only, ends included, by age = year − birth year', () => {
    const r = communeRates(commune([
      at(14, 7), at(15, 1, { highestGrade: 3 }), at(35, 2), at(36, 100), at(60, 3, { literacyStage: 2 }), at(61, 100), at(-1, 5), at(5, 4, { enrolled: 'preschool' }), at(4, 50),
    ]), Y, rules);
    expect(r.literate1).toEqual({ num: 1, den: 3 });
    expect(r.literate2).toEqual({ num: 3, den: 106 });
    expect(r.preschool5Attending).toEqual({ num: 4, den: 4 });
  });

  it('use the narrower literacy bands in an especially difficult commune (15–25, 15–35)', () => {
    const cells = [at(25, 1), at(26, 10), at(35, 2), at(36, 20)];
    expect(communeRates(commune(cells, true), Y, rules).literate1).toEqual({ num: 0, den: 1 });
    expect(communeRates(commune(cells, true), Y, rules).literate2).toEqual({ num: 0, den: 13 });
    expect(communeRates(commune(cells, false), Y, rules).literate1).toEqual({ num: 0, den: 13 });
    expect(communeRates(commune(cells, false), Y, rules).literate2).toEqual({ num: 0, den: 33 });
  });

  it('an empty cohort gives (0, 0) for every rate', () => {
    const r = communeRates(commune([]), Y, rules);
    expect(Object.values(r)).toHaveLength(9);
    expect(Object.values(r).every((x) => x.num === 0 && x.den === 0)).toBe(true);
  });

  it('primary completion at 11–14 and at 11; diploma and upper study at 15–18', () => {
    const r = communeRates(commune([
      at(10, 9, { highestGrade: 5 }), at(11, 3, { highestGrade: 5 }), at(11, 1, { highestGrade: 4, enrolled: 'primary' }), at(14, 2, { highestGrade: 5 }), at(14, 1), at(15, 1),
      at(15, 2, { diploma: true, enrolled: 'vocational' }), at(18, 1, { diploma: true, highestGrade: 12 }), at(19, 9, { diploma: true }),
    ]), Y, rules);
    expect(r.primaryCompleted11to14).toEqual({ num: 5, den: 7 });
    expect(r.primaryCompleted11).toEqual({ num: 3, den: 4 });
    expect(r.lowerSecondaryDiploma15to18).toEqual({ num: 3, den: 4 });
    expect(r.upperStudying15to18).toEqual({ num: 3, den: 4 });
  });

  it('the remaining 11-year-olds: completed or still in primary', () => {
    const c = commune([at(11, 5, { highestGrade: 5, enrolled: 'lower_secondary' }), at(11, 2, { highestGrade: 4, enrolled: 'primary' }), at(11, 1, { highestGrade: 4 }), at(11, 1, { highestGrade: 4, enrolled: 'lower_secondary' }), at(12, 9, { highestGrade: 2 })]);
    expect(remaining11Rate(c, Y, rules)).toEqual({ num: 7, den: 9 });
  });
});
