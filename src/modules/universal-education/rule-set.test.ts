import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRuleSet, RATE_NAMES, STANDARD_NAMES, standardOrder } from './rule-set.ts';

const text = fs.readFileSync(new URL('../../../data/rules/universal-education/nd20-2014.yaml', import.meta.url), 'utf8');
const rules = parseRuleSet(text);

/** The YAML with one exact piece of text replaced (fails loudly if the piece is not there). */
function edited(from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

describe('the ND 20/2014 rule set', () => {
  it('is identified and dated as the decree (signed 24/3/2014, in force 15/5/2014)', () => {
    expect(rules.id).toBe('nd20-2014');
    expect(rules.source).toMatch(/^Nghị định 20\/2014\/NĐ-CP/);
    expect(rules.issuedOn).toBe('2014-03-24');
    expect(rules.effectiveFrom).toBe('2014-05-15');
  });

  it('defines every rate and every level of every standard', () => {
    expect(Object.keys(rules.rates).sort()).toEqual([...RATE_NAMES].sort());
    expect(STANDARD_NAMES.map((s) => rules.standards[s].levels.length)).toEqual([1, 3, 3, 2]);
  });

  it('carries the spec numbers', () => {
    const rate = (s: keyof typeof rules.standards, level: number, rule: string) => {
      const c = rules.standards[s].levels[level - 1]!.commune.find((x) => x.rule === rule);
      if (c?.kind !== 'rate') throw new Error(rule);
      return [c.atLeast, c.atLeastEspeciallyDifficult ?? c.atLeast];
    };
    expect(rate('preschool5', 1, 'preschool5.1.attending')).toEqual([95, 90]);
    expect(rate('preschool5', 1, 'preschool5.1.completed')).toEqual([85, 80]);
    expect(rate('primary', 1, 'primary.1.grade1At6')).toEqual([90, 90]);
    expect(rate('primary', 1, 'primary.1.completed11to14')).toEqual([80, 70]);
    expect(rate('primary', 2, 'primary.2.grade1At6')).toEqual([95, 95]);
    expect(rate('primary', 2, 'primary.2.completed11')).toEqual([80, 70]);
    expect(rate('primary', 3, 'primary.3.grade1At6')).toEqual([98, 98]);
    expect(rate('primary', 3, 'primary.3.completed11')).toEqual([90, 80]);
    expect(rate('lowerSecondary', 1, 'lowerSecondary.1.diploma')).toEqual([80, 70]);
    expect(rate('lowerSecondary', 2, 'lowerSecondary.2.diploma')).toEqual([90, 80]);
    expect(rate('lowerSecondary', 3, 'lowerSecondary.3.diploma')).toEqual([95, 90]);
    expect(rate('lowerSecondary', 3, 'lowerSecondary.3.upperStudying')).toEqual([80, 70]);
    expect(rate('literacy', 1, 'literacy.1.literate1')).toEqual([90, 90]);
    expect(rate('literacy', 2, 'literacy.2.literate2')).toEqual([90, 90]);
    expect(rules.rates.literate1.ages).toEqual([15, 35]);
    expect(rules.rates.literate1.agesEspeciallyDifficult).toEqual([15, 25]);
    expect(rules.rates.literate2.ages).toEqual([15, 60]);
    expect(rules.rates.literate2.agesEspeciallyDifficult).toEqual([15, 35]);
    const shares = (tier: 'district' | 'province') => STANDARD_NAMES.map((s) => rules.standards[s].levels.map((l) => l[tier].atLeast));
    expect(shares('district')).toEqual([[90], [90, 90, 100], [90, 95, 100], [90, 90]]);
    expect(shares('province')).toEqual([[100], [100, 100, 100], [100, 100, 100], [90, 100]]);
  });

  it('marks the inferred readings [I] and the read articles [V], as legal-rules.md does', () => {
    expect(rules.rates.primaryCompleted11to14.verified).toBe('I');
    expect(rules.conventions.emptyCohortMeets).toMatchObject({ value: true, verified: 'I' });
    expect(rules.conventions.age).toMatchObject({ value: 'calendar_year', verified: 'I' });
    const lower2 = rules.standards.lowerSecondary.levels[1]!;
    expect([...lower2.commune.map((c) => c.verified), lower2.district.verified, lower2.province.verified].every((m) => m === 'I')).toBe(true);
    const primary3 = rules.standards.primary.levels[2]!;
    expect(primary3.commune.map((c) => [c.rule, c.verified])).toEqual([
      ['primary.3.level2', 'I'], ['primary.3.grade1At6', 'V'], ['primary.3.completed11', 'V'], ['primary.3.remaining11', 'I'],
    ]);
    expect([primary3.district.verified, primary3.province.verified]).toEqual(['I', 'I']);
    expect(rules.standards.primary.levels[1]!.province.verified).toBe('I');
    expect(rules.standards.preschool5.levels[0]!.commune.every((c) => c.verified === 'V')).toBe(true);
    expect(rules.standards.literacy.levels.every((l) => l.province.verified === 'V')).toBe(true);
  });

  it('gives every rule a source', () => {
    for (const s of STANDARD_NAMES) {
      for (const l of rules.standards[s].levels) {
        for (const r of [...l.commune, l.district, l.province]) expect(r.source, r.rule).toMatch(/Điều \d+/);
      }
    }
  });

  it('evaluates prerequisites first: primary and literacy before lower secondary', () => {
    const order = standardOrder(rules);
    expect(order.indexOf('lowerSecondary')).toBeGreaterThan(order.indexOf('primary'));
    expect(order.indexOf('lowerSecondary')).toBeGreaterThan(order.indexOf('literacy'));
  });
});

describe('parseRuleSet rejects bad data, naming the path', () => {
  it('a missing threshold', () => {
    const bad = edited('            atLeast: 95\n            atLeastEspeciallyDifficult: 90\n', '            atLeastEspeciallyDifficult: 90\n');
    expect(() => parseRuleSet(bad)).toThrow(/rule set nd20-2014 is invalid — .*standards\.preschool5\.levels\.0\.commune\.0\.atLeast/);
  });

  it('a threshold above 100 %', () => {
    expect(() => parseRuleSet(edited('atLeast: 98', 'atLeast: 198'))).toThrow(/standards\.primary\.levels\.2\.commune\.1\.atLeast/);
  });

  it('a missing verification mark and an unknown one', () => {
    expect(() => parseRuleSet(edited('    counts: attendingSchool\n    source: Điều 6\n    verified: V\n', '    counts: attendingSchool\n    source: Điều 6\n'))).toThrow(/rates\.preschool5Attending\.verified/);
    expect(() => parseRuleSet(edited('    counts: attendingSchool\n    source: Điều 6\n    verified: V\n', '    counts: attendingSchool\n    source: Điều 6\n    verified: yes\n'))).toThrow(/rates\.preschool5Attending\.verified/);
  });

  it('a reversed age band', () => {
    expect(() => parseRuleSet(edited('agesEspeciallyDifficult: [15, 25]', 'agesEspeciallyDifficult: [25, 15]'))).toThrow(/rates\.literate1\.agesEspeciallyDifficult/);
  });

  it('a rate counting an unknown definition', () => {
    expect(() => parseRuleSet(edited('counts: enteredGrade1', 'counts: enteredGradeOne'))).toThrow(/rates\.grade1At6\.counts: unknown definition "enteredGradeOne"/);
  });

  it('a missing rate', () => {
    const start = text.indexOf('  grade1At6:\n');
    const end = text.indexOf('  primaryCompleted11to14:\n');
    expect(() => parseRuleSet(text.slice(0, start) + text.slice(end))).toThrow(/rates\.grade1At6/);
  });

  it('a level that requires itself, and standards that require each other', () => {
    expect(() => parseRuleSet(edited('            standard: primary\n            minLevel: 1\n            text: Đạt chuẩn PCGD tiểu học mức độ 1\n            source: Điều 10',
      '            standard: primary\n            minLevel: 2\n            text: Đạt chuẩn PCGD tiểu học mức độ 1\n            source: Điều 10'))).toThrow(/standards\.primary\.levels\.1\.commune\.0\.minLevel/);
    expect(() => parseRuleSet(edited('            standard: primary\n            minLevel: 1\n            text: Đạt chuẩn PCGD tiểu học mức độ 1\n            source: Điều 10',
      '            standard: lowerSecondary\n            minLevel: 1\n            text: Đạt chuẩn PCGD tiểu học mức độ 1\n            source: Điều 10'))).toThrow(/standards: standards require each other in a cycle/);
  });

  it('levels out of order and a duplicate rule id', () => {
    expect(() => parseRuleSet(edited('      - level: 3\n', '      - level: 4\n'))).toThrow(/standards\.primary\.levels\.2\.level/);
    expect(() => parseRuleSet(edited('rule: primary.2.grade1At6', 'rule: primary.1.grade1At6'))).toThrow(/duplicate rule id "primary\.1\.grade1At6"/);
  });

  it('an unknown key (a typo is not silently ignored)', () => {
    expect(() => parseRuleSet(edited('atLeastEspeciallyDifficult: 90', 'atLeastEspecialyDifficult: 90'))).toThrow(/standards\.preschool5\.levels\.0\.commune\.0/);
  });

  it('text that is not YAML', () => {
    expect(() => parseRuleSet('id: [unclosed')).toThrow(/not valid YAML/);
    expect(() => parseRuleSet('')).toThrow(/\(root\)/);
  });
});
