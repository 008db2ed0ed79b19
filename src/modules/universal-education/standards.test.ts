import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRuleSet } from './rule-set.ts';
import { evaluateCommune, type CohortCell, type CommuneCohorts, type Levels } from './standards.ts';

const yamlText = fs.readFileSync(new URL('../../../data/rules/universal-education/nd20-2014.yaml', import.meta.url), 'utf8');
const rules = parseRuleSet(yamlText);
const Y = 2024;

type Person = Partial<Omit<CohortCell, 'birthYear' | 'count'>>;
const at = (age: number, count: number, p: Person = {}): CohortCell => ({
  birthYear: Y - age, highestGrade: 0, literacyStage: 0, enrolled: 'none', diploma: false, preschoolCompleted: false, ...p, count,
});

/** A person of this age who is where the law wants them. */
function ideal(age: number): Person {
  if (age < 5) return { enrolled: 'preschool' };
  if (age === 5) return { enrolled: 'preschool', preschoolCompleted: true };
  if (age <= 10) return { enrolled: 'primary', highestGrade: age - 6, preschoolCompleted: true };
  if (age <= 14) return { enrolled: 'lower_secondary', highestGrade: age - 6, preschoolCompleted: true };
  if (age <= 18) return { enrolled: 'upper_secondary', highestGrade: age - 6, diploma: true, preschoolCompleted: true };
  return { highestGrade: 12, diploma: true };
}

/** Ten ideal people of every age 0–70, with the cohorts of some ages replaced. */
function commune(replaced: Record<number, CohortCell[]> = {}, especiallyDifficult = false): CommuneCohorts {
  const cells: CohortCell[] = [];
  for (let age = 0; age <= 70; age++) cells.push(...(replaced[age] ?? [at(age, 10, ideal(age))]));
  return { code: '25747', especiallyDifficult, cells };
}
/** `yes` ideal people and `no` people who fail, of one age. */
const split = (age: number, yes: number, no: number, failing: Person): CohortCell[] => [at(age, yes, ideal(age)), at(age, no, { ...ideal(age), ...failing })];

const levels = (c: CommuneCohorts, r = rules): Levels => evaluateCommune(c, Y, r).levels;
const level = (c: CommuneCohorts, standard: keyof Levels) => levels(c)[standard];
const TOP: Levels = { preschool5: 1, primary: 3, lowerSecondary: 3, literacy: 2 };

describe('an ideal commune', () => {
  it('reaches the top level of every standard, with every condition met', () => {
    const r = evaluateCommune(commune(), Y, rules);
    expect(r.levels).toEqual(TOP);
    expect(r.conditions.every((c) => c.met)).toBe(true);
    expect(r.unmet11).toBe(0);
    expect(r.rates.literate2).toEqual({ num: 460, den: 460 });
  });
});

describe('universal preschool, age 5 (Điều 6)', () => {
  const notAttending: Person = { enrolled: 'none' };
  const notCompleted: Person = { preschoolCompleted: false };
  it('attending school: 95/100 meets, 94/100 does not', () => {
    expect(level(commune({ 5: split(5, 95, 5, notAttending) }), 'preschool5')).toBe(1);
    expect(level(commune({ 5: split(5, 94, 6, notAttending) }), 'preschool5')).toBe(0);
  });
  it('attending school, especially difficult commune: 90/100 meets, 89/100 does not', () => {
    expect(level(commune({ 5: split(5, 90, 10, notAttending) }, true), 'preschool5')).toBe(1);
    expect(level(commune({ 5: split(5, 89, 11, notAttending) }, true), 'preschool5')).toBe(0);
    expect(level(commune({ 5: split(5, 90, 10, notAttending) }, false), 'preschool5')).toBe(0);
  });
  it('preschool completed: 85/100 meets, 84/100 does not; especially difficult 80 / 79', () => {
    expect(level(commune({ 5: split(5, 85, 15, notCompleted) }), 'preschool5')).toBe(1);
    expect(level(commune({ 5: split(5, 84, 16, notCompleted) }), 'preschool5')).toBe(0);
    expect(level(commune({ 5: split(5, 80, 20, notCompleted) }, true), 'preschool5')).toBe(1);
    expect(level(commune({ 5: split(5, 79, 21, notCompleted) }, true), 'preschool5')).toBe(0);
  });
  it('small cohorts: 19/20 meets 95 %, 18/19 (94.7 %) does not', () => {
    expect(level(commune({ 5: split(5, 19, 1, notAttending) }), 'preschool5')).toBe(1);
    expect(level(commune({ 5: split(5, 18, 1, notAttending) }), 'preschool5')).toBe(0);
  });
  it('a 5-year-old already in primary is attending; 4- and 6-year-olds are not counted', () => {
    expect(level(commune({ 5: split(5, 95, 5, { enrolled: 'primary' }), 4: [at(4, 100)], 6: split(6, 100, 0, {}) }), 'preschool5')).toBe(1);
  });
});

describe('universal primary (Điều 9–11)', () => {
  const notEntered: Person = { enrolled: 'preschool', highestGrade: 0 };
  it('6-year-olds in grade 1: 98 % → level 3, 97 % → 2, 95 % → 2, 94 % → 1, 90 % → 1, 89 % → 0', () => {
    const primaryAt = (yes: number) => level(commune({ 6: split(6, yes, 100 - yes, notEntered) }), 'primary');
    expect([98, 97, 95, 94, 90, 89].map(primaryAt)).toEqual([3, 2, 2, 1, 1, 0]);
  });
  it('the grade-1 thresholds are the same in an especially difficult commune', () => {
    expect(level(commune({ 6: split(6, 89, 11, notEntered) }, true), 'primary')).toBe(0);
    expect(level(commune({ 6: split(6, 97, 3, notEntered) }, true), 'primary')).toBe(2);
  });
  it('a 6-year-old who finished grade 1 and left school has entered grade 1', () => {
    expect(level(commune({ 6: split(6, 90, 10, { enrolled: 'none', highestGrade: 1 }) }), 'primary')).toBe(3);
  });

  // 11–14: 25 ideal 11-year-olds, and 75 people aged 12–14 of whom `failing` have not completed primary.
  const band11to14 = (failing: number): Record<number, CohortCell[]> => ({
    11: [at(11, 25, ideal(11))], 12: split(12, 25 - Math.min(failing, 25), Math.min(failing, 25), { highestGrade: 4, enrolled: 'none' }),
    13: split(13, 25 - Math.max(0, failing - 25), Math.max(0, failing - 25), { highestGrade: 4, enrolled: 'none' }), 14: [at(14, 25, ideal(14))],
  });
  it('primary completed at 11–14: 80/100 meets level 1, 79/100 fails it — and levels 2, 3 with it', () => {
    const met = evaluateCommune(commune(band11to14(20)), Y, rules);
    expect(met.rates.primaryCompleted11to14).toEqual({ num: 80, den: 100 });
    expect(met.levels.primary).toBe(3);
    const failed = evaluateCommune(commune(band11to14(21)), Y, rules);
    expect(failed.rates.primaryCompleted11to14).toEqual({ num: 79, den: 100 });
    expect(failed.levels.primary).toBe(0);
    // level 2 and 3 rates still hold; only the chain stops them
    expect(failed.conditions.filter((c) => c.standard === 'primary' && !c.met).map((c) => c.rule).sort()).toEqual(['primary.1.completed11to14', 'primary.2.level1', 'primary.3.level2']);
  });
  it('primary completed at 11–14 in an especially difficult commune: 70 % meets, 69 % does not', () => {
    expect(level(commune(band11to14(30), true), 'primary')).toBe(3);
    expect(level(commune(band11to14(31), true), 'primary')).toBe(0);
    expect(level(commune(band11to14(30), false), 'primary')).toBe(0);
  });

  // 100 11-year-olds: `done` completed primary, the rest still in grade 5.
  const at11 = (done: number): Record<number, CohortCell[]> => ({ 11: split(11, done, 100 - done, { highestGrade: 4, enrolled: 'primary' }) });
  it('primary completed at 11: 90 % → level 3, 89 % → 2, 80 % → 2, 79 % → 1', () => {
    expect([90, 89, 80, 79].map((d) => level(commune(at11(d)), 'primary'))).toEqual([3, 2, 2, 1]);
  });
  it('primary completed at 11, especially difficult: 80 % → 3, 79 % → 2, 70 % → 2, 69 % → 1', () => {
    expect([80, 79, 70, 69].map((d) => level(commune(at11(d), true), 'primary'))).toEqual([3, 2, 2, 1]);
  });

  it('levels 2 and 3 need every other 11-year-old still in primary: one out of school → level 1', () => {
    const oneOut = evaluateCommune(commune({ 11: [at(11, 95, ideal(11)), at(11, 4, { highestGrade: 4, enrolled: 'primary' }), at(11, 1, { highestGrade: 4, enrolled: 'none' })] }), Y, rules);
    expect(oneOut.unmet11).toBe(1);
    expect(oneOut.levels.primary).toBe(1);
    expect(oneOut.conditions.find((c) => c.rule === 'primary.2.remaining11')).toMatchObject({ met: false, rate: { num: 99, den: 100 }, threshold: 100 });
    const allIn = evaluateCommune(commune({ 11: [at(11, 95, ideal(11)), at(11, 5, { highestGrade: 4, enrolled: 'primary' })] }), Y, rules);
    expect(allIn.unmet11).toBe(0);
    expect(allIn.levels.primary).toBe(3);
  });
  it('an 11-year-old moved on to lower secondary without primary completed is not "in primary"', () => {
    const r = evaluateCommune(commune({ 11: [at(11, 99, ideal(11)), at(11, 1, { highestGrade: 4, enrolled: 'lower_secondary' })] }), Y, rules);
    expect(r.unmet11).toBe(1);
    expect(r.levels.primary).toBe(1);
  });
});

describe('universal lower secondary (Điều 14–16)', () => {
  // Only 16-year-olds in the 15–18 band: 100 of them.
  const band = (people: CohortCell[]): Record<number, CohortCell[]> => ({ 15: [], 16: people, 17: [], 18: [] });
  const diploma = (yes: number) => band(split(16, yes, 100 - yes, { diploma: false, highestGrade: 8, enrolled: 'upper_secondary' }));
  const studying = (yes: number) => band(split(16, yes, 100 - yes, { enrolled: 'none', highestGrade: 9 }));

  it('diploma at 15–18: 95 % → 3, 94 % → 2, 90 % → 2, 89 % → 1, 80 % → 1, 79 % → 0', () => {
    expect([95, 94, 90, 89, 80, 79].map((y) => level(commune(diploma(y)), 'lowerSecondary'))).toEqual([3, 2, 2, 1, 1, 0]);
  });
  it('diploma at 15–18, especially difficult: 90 % → 3, 89 % → 2, 80 % → 2, 79 % → 1, 70 % → 1, 69 % → 0', () => {
    expect([90, 89, 80, 79, 70, 69].map((y) => level(commune(diploma(y), true), 'lowerSecondary'))).toEqual([3, 2, 2, 1, 1, 0]);
  });
  it('studying upper level at 15–18 (level 3): 80 % meets, 79 % does not; especially difficult 70 / 69', () => {
    expect([80, 79].map((y) => level(commune(studying(y)), 'lowerSecondary'))).toEqual([3, 2]);
    expect([70, 69].map((y) => level(commune(studying(y), true), 'lowerSecondary'))).toEqual([3, 2]);
  });
  it('continuing education, vocational study and a finished grade 12 all count as studying upper level', () => {
    const r = evaluateCommune(commune({
      15: [], 16: [at(16, 25, { diploma: true, highestGrade: 10, enrolled: 'continuing_upper' }), at(16, 25, { diploma: true, highestGrade: 10, enrolled: 'vocational' })],
      17: [at(17, 20, { diploma: true, enrolled: 'higher', highestGrade: 11 })], 18: [at(18, 30, { diploma: true, highestGrade: 12 })],
    }), Y, rules);
    expect(r.rates.upperStudying15to18).toEqual({ num: 80, den: 100 });
    expect(r.levels.lowerSecondary).toBe(3);
  });
  it('level 1 needs primary level ≥ 1: a commune failing primary has no lower-secondary level', () => {
    const r = evaluateCommune(commune({ 6: split(6, 89, 11, { enrolled: 'none' }) }), Y, rules);
    expect(r.levels).toEqual({ ...TOP, primary: 0, lowerSecondary: 0 });
    expect(r.conditions.filter((c) => c.standard === 'lowerSecondary' && !c.met).map((c) => c.rule)).toEqual(['lowerSecondary.1.primary1', 'lowerSecondary.2.level1', 'lowerSecondary.3.level2']);
  });
  it('level 1 needs literacy level ≥ 1', () => {
    const r = evaluateCommune(commune({ 30: [at(30, 10)], 31: [at(31, 10)], 32: [at(32, 10)], 33: [at(33, 10)] }), Y, rules);
    expect(r.levels).toEqual({ ...TOP, literacy: 0, lowerSecondary: 0 });
    expect(r.conditions.find((c) => c.rule === 'lowerSecondary.1.literacy1')).toMatchObject({ met: false, text: 'Đạt chuẩn XMC mức độ 1' });
  });
  it('primary level 1 is enough for lower-secondary level 3', () => {
    expect(levels(commune({ 6: split(6, 90, 10, { enrolled: 'none' }) }))).toEqual({ ...TOP, primary: 1 });
  });
  it('level 3 needs level 2: a commune with 100 % upper study but 89 % diplomas is level 1', () => {
    expect(level(commune(band(split(16, 89, 11, { diploma: false, highestGrade: 9, enrolled: 'upper_secondary' }))), 'lowerSecondary')).toBe(1);
  });
});

describe('literacy (Điều 19–21)', () => {
  /** Only ages 15–60 replaced: the given people, nobody else. */
  const adults = (people: CohortCell[]): Record<number, CohortCell[]> => {
    const replaced: Record<number, CohortCell[]> = {};
    for (let a = 15; a <= 60; a++) replaced[a] = people.filter((p) => Y - p.birthYear === a);
    return replaced;
  };
  const illiterate: Person = { highestGrade: 2, literacyStage: 0, diploma: false };
  it('level 1: 90 % of 15–35-year-olds literate level 1 meets, 89 % does not (and then level 2 is lost too)', () => {
    expect(level(commune(adults([at(20, 90, ideal(20)), at(30, 10, illiterate)])), 'literacy')).toBe(2);
    expect(level(commune(adults([at(20, 89, ideal(20)), at(30, 11, illiterate)])), 'literacy')).toBe(0);
  });
  it('level 1 counts 15 and 35, not 14 nor 36', () => {
    const base = [at(20, 90, ideal(20)), at(15, 5, illiterate), at(35, 5, illiterate)];
    expect(level(commune({ ...adults(base), 14: [at(14, 50, illiterate)] }), 'literacy')).toBeGreaterThanOrEqual(1);
    expect(level(commune(adults([...base, at(36, 50, { literacyStage: 2 })])), 'literacy')).toBe(2);
    expect(level(commune(adults([...base, at(35, 1, illiterate)])), 'literacy')).toBe(0);
  });
  it('level 1 in an especially difficult commune looks at 15–25 only', () => {
    const cube = adults([at(20, 90, ideal(20)), at(25, 10, illiterate), at(30, 50, illiterate)]);
    expect(level(commune(cube, true), 'literacy')).toBe(1); // 90/100 at 15–25; 15–35 fails level 2
    expect(level(commune(cube, false), 'literacy')).toBe(0); // 90/150 at 15–35
    expect(level(commune(adults([at(20, 90, ideal(20)), at(25, 11, illiterate)]), true), 'literacy')).toBe(0);
  });
  const literate1Only: Person = { literacyStage: 1, highestGrade: 0, diploma: false };
  it('level 2: 90 % of 15–60-year-olds literate level 2 meets, 89 % does not', () => {
    expect(level(commune(adults([at(20, 90, ideal(20)), at(50, 10, literate1Only)])), 'literacy')).toBe(2);
    expect(level(commune(adults([at(20, 89, ideal(20)), at(50, 11, literate1Only)])), 'literacy')).toBe(1);
    expect(level(commune(adults([at(20, 89, ideal(20)), at(60, 11, literate1Only), at(61, 1000, illiterate)])), 'literacy')).toBe(1);
    expect(level(commune({ ...adults([at(20, 90, ideal(20)), at(60, 10, literate1Only)]), 61: [at(61, 1000, illiterate)] }), 'literacy')).toBe(2);
  });
  it('level 2 in an especially difficult commune looks at 15–35 only', () => {
    const cube = adults([at(20, 90, ideal(20)), at(35, 10, literate1Only), at(50, 500, literate1Only)]);
    expect(level(commune(cube, true), 'literacy')).toBe(2);
    expect(level(commune(cube, false), 'literacy')).toBe(1);
    expect(level(commune(adults([at(20, 89, ideal(20)), at(35, 11, literate1Only)]), true), 'literacy')).toBe(1);
  });
  it('the literacy programme counts as much as school: stage 1 / stage 2 without any grade', () => {
    expect(level(commune(adults([at(20, 90, { literacyStage: 2 }), at(30, 10, literate1Only)])), 'literacy')).toBe(2);
    expect(level(commune(adults([at(20, 90, { literacyStage: 1 }), at(30, 10, illiterate)])), 'literacy')).toBe(1);
  });
});

describe('empty cohorts (den 0 counts as met, [I] convention)', () => {
  it('a commune without counted people reaches every level, every rate reported as (0, 0)', () => {
    const r = evaluateCommune({ code: '1', especiallyDifficult: false, cells: [] }, Y, rules);
    expect(r.levels).toEqual(TOP);
    expect(Object.values(r.rates).every((x) => x.num === 0 && x.den === 0)).toBe(true);
    expect(r.conditions.filter((c) => c.rate).every((c) => c.met && c.rate!.den === 0)).toBe(true);
    expect(r.unmet11).toBe(0);
  });
  it('no 5-year-olds: preschool met, the (0, 0) rates shown', () => {
    const r = evaluateCommune(commune({ 5: [] }), Y, rules);
    expect(r.levels.preschool5).toBe(1);
    expect(r.conditions.find((c) => c.rule === 'preschool5.1.attending')).toMatchObject({ rate: { num: 0, den: 0 }, met: true });
  });
  it('people outside every band, and not yet born, are ignored', () => {
    const r = evaluateCommune({ code: '1', especiallyDifficult: false, cells: [at(3, 50), at(61, 50), at(90, 50), at(-2, 50)] }, Y, rules);
    expect(r.levels).toEqual(TOP);
    expect(Object.values(r.rates).every((x) => x.den === 0)).toBe(true);
  });
});

describe('the conditions a person can check by hand', () => {
  it('lists every condition of every level, in standard and level order', () => {
    const r = evaluateCommune(commune(), Y, rules);
    expect(r.conditions.map((c) => c.rule)).toEqual([
      'preschool5.1.attending', 'preschool5.1.completed',
      'primary.1.grade1At6', 'primary.1.completed11to14', 'primary.2.level1', 'primary.2.grade1At6', 'primary.2.completed11', 'primary.2.remaining11',
      'primary.3.level2', 'primary.3.grade1At6', 'primary.3.completed11', 'primary.3.remaining11',
      'lowerSecondary.1.primary1', 'lowerSecondary.1.literacy1', 'lowerSecondary.1.diploma', 'lowerSecondary.2.level1', 'lowerSecondary.2.diploma',
      'lowerSecondary.3.level2', 'lowerSecondary.3.diploma', 'lowerSecondary.3.upperStudying',
      'literacy.1.literate1', 'literacy.2.level1', 'literacy.2.literate2',
    ]);
  });
  it('fills in the threshold and age band that apply to the commune', () => {
    const normal = evaluateCommune(commune({ 5: split(5, 94, 6, { enrolled: 'none' }) }), Y, rules).conditions;
    expect(normal[0]).toEqual({ standard: 'preschool5', level: 1, rule: 'preschool5.1.attending', text: 'Trẻ em 5 tuổi đi học ≥ 95%', rate: { num: 94, den: 100 }, threshold: 95, met: false, source: 'Điều 6', verified: 'V' });
    const difficult = evaluateCommune(commune({ 5: split(5, 94, 6, { enrolled: 'none' }) }, true), Y, rules).conditions;
    expect(difficult[0]).toMatchObject({ text: 'Trẻ em 5 tuổi đi học ≥ 90%', threshold: 90, met: true });
    expect(difficult.find((c) => c.rule === 'literacy.1.literate1')!.text).toBe('Người trong độ tuổi 15–25 đạt chuẩn biết chữ mức độ 1 ≥ 90%');
    expect(normal.find((c) => c.rule === 'literacy.2.literate2')!.text).toBe('Người trong độ tuổi 15–60 đạt chuẩn biết chữ mức độ 2 ≥ 90%');
    expect(normal.find((c) => c.rule === 'primary.3.completed11')!.text).toBe('Trẻ em 11 tuổi hoàn thành chương trình tiểu học ≥ 90%');
  });
  it('reports a condition resting on an inferred reading as [I], with both sources', () => {
    const c = evaluateCommune(commune(), Y, rules).conditions.find((x) => x.rule === 'primary.1.completed11to14')!;
    expect(c).toMatchObject({ text: 'Trẻ em 11–14 tuổi hoàn thành chương trình tiểu học ≥ 80%', verified: 'I' });
    expect(c.source).toMatch(/^Điều 9; .*đến 14 tuổi/);
  });
  it('prerequisite conditions carry no rate', () => {
    const c = evaluateCommune(commune(), Y, rules).conditions.find((x) => x.rule === 'lowerSecondary.1.primary1')!;
    expect(c).toEqual({ standard: 'lowerSecondary', level: 1, rule: 'lowerSecondary.1.primary1', text: 'Đạt chuẩn PCGD tiểu học mức độ 1', met: true, source: 'Điều 14', verified: 'V' });
  });
});

describe('the engine reads its numbers from the rule set', () => {
  it('a different band, grade or threshold changes the result', () => {
    const cube = commune({ 30: [at(30, 10, { highestGrade: 3 })], 31: [at(31, 10)], 32: [at(32, 10)], 33: [at(33, 10)] });
    expect(level(cube, 'literacy')).toBe(0); // 30 not literate level 1 of 210 at 15–35
    // band 15–30: all literate level 1; 420 of 460 literate level 2 at 15–60
    expect(levels(cube, parseRuleSet(yamlText.replace('ages: [15, 35]\n    agesEspeciallyDifficult: [15, 25]', 'ages: [15, 30]\n    agesEspeciallyDifficult: [15, 25]'))).literacy).toBe(2);
    expect(levels(commune({ 30: [at(30, 30, { highestGrade: 3 })] }), parseRuleSet(yamlText.replace('{ highestGradeAtLeast: 3 }', '{ highestGradeAtLeast: 4 }'))).literacy).toBe(0);
    expect(levels(commune({ 30: [at(30, 30, { highestGrade: 3 })] })).literacy).toBe(2);
    expect(levels(commune({ 5: split(5, 94, 6, { enrolled: 'none' }) }), parseRuleSet(yamlText.replace('atLeast: 95\n', 'atLeast: 94\n'))).preschool5).toBe(1);
  });
  it('refuses a cell with a negative or fractional count', () => {
    expect(() => evaluateCommune({ code: '9', especiallyDifficult: false, cells: [at(5, -1)] }, Y, rules)).toThrow(/commune 9: cell 0 has count -1/);
    expect(() => evaluateCommune({ code: '9', especiallyDifficult: false, cells: [at(5, 1.5)] }, Y, rules)).toThrow(/count 1.5/);
  });
});

describe('properties over random cubes (seeded)', () => {
  /** mulberry32: a small deterministic PRNG. */
  function prng(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const ENROLLED = ['none', 'preschool', 'primary', 'lower_secondary', 'upper_secondary', 'continuing_upper', 'vocational', 'higher'] as const;
  function randomCube(rand: () => number): CommuneCohorts {
    const int = (n: number) => Math.floor(rand() * n);
    // Mostly good cohorts, so that every level is reached now and then.
    const cells = Array.from({ length: 40 + int(40) }, () => {
      const age = int(72);
      const good = rand() < 0.85;
      return at(age, 1 + int(20), good ? ideal(age) : {
        highestGrade: int(13), literacyStage: int(3) as 0 | 1 | 2, enrolled: ENROLLED[int(ENROLLED.length)]!, diploma: rand() < 0.5, preschoolCompleted: rand() < 0.5,
      });
    });
    return { code: 'R', especiallyDifficult: rand() < 0.5, cells };
  }
  const atLeastAsHigh = (after: Levels, before: Levels) => (Object.keys(before) as (keyof Levels)[]).every((k) => after[k] >= before[k]);

  it('levels never decrease when people become literate or literate adults are added', () => {
    const rand = prng(20140324);
    let raised = 0;
    for (let i = 0; i < 300; i++) {
      let cube = randomCube(rand);
      let before = levels(cube);
      for (let step = 0; step < 5; step++) {
        const cells = [...cube.cells];
        if (rand() < 0.5) {
          // someone completes a stage of the literacy programme
          const j = Math.floor(rand() * cells.length);
          const cell = cells[j]!;
          if (cell.literacyStage === 2 || cell.count === 0) continue;
          const k = 1 + Math.floor(rand() * cell.count);
          cells[j] = { ...cell, count: cell.count - k };
          cells.push({ ...cell, literacyStage: (cell.literacyStage + 1) as 1 | 2, count: k });
        } else {
          // literate adults outside every school band move in
          cells.push(at(19 + Math.floor(rand() * 42), 1 + Math.floor(rand() * 30), { literacyStage: 2, highestGrade: Math.floor(rand() * 13) }));
        }
        cube = { ...cube, cells };
        const after = levels(cube);
        expect(atLeastAsHigh(after, before), JSON.stringify({ i, step, before, after })).toBe(true);
        if (after.literacy > before.literacy) raised++;
        before = after;
      }
    }
    expect(raised).toBeGreaterThan(0); // the loop does exercise a change of level
  });

  it('levels always respect their prerequisites', () => {
    const rand = prng(15052014);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const l = levels(randomCube(rand));
      seen.add(JSON.stringify(l));
      if (l.lowerSecondary >= 1) {
        expect(l.primary).toBeGreaterThanOrEqual(1);
        expect(l.literacy).toBeGreaterThanOrEqual(1);
      }
    }
    expect(seen.size).toBeGreaterThan(5);
  });
});
