import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RATE_NAMES, parseRuleSet } from './rule-set.ts';
import { evaluateCommune, evaluateDistrict, evaluateProvince, type AreaResult, type CommuneResult, type Levels } from './standards.ts';

const rules = parseRuleSet(fs.readFileSync(new URL('../../../data/rules/universal-education/nd20-2014.yaml', import.meta.url), 'utf8'));
const NONE: Levels = { preschool5: 0, primary: 0, lowerSecondary: 0, literacy: 0 };
const TOP: Levels = { preschool5: 1, primary: 3, lowerSecondary: 3, literacy: 2 };

const communeAt = (levels: Partial<Levels>, code = 'x'): CommuneResult => ({
  code, levels: { ...NONE, ...levels }, rates: Object.fromEntries(RATE_NAMES.map((n) => [n, { num: 0, den: 0 }])) as CommuneResult['rates'], conditions: [], unmet11: 0,
});
/** `n` communes at `levels` and `m` communes at `others`. */
const communes = (n: number, levels: Partial<Levels>, m = 0, others: Partial<Levels> = {}) => [
  ...Array.from({ length: n }, (_, i) => communeAt(levels, `c${i}`)), ...Array.from({ length: m }, (_, i) => communeAt(others, `d${i}`)),
];
const district = (cs: CommuneResult[]) => evaluateDistrict('718', cs, rules);
const districtAt = (levels: Partial<Levels>, code = 'h'): AreaResult => ({ ...evaluateDistrict(code, [communeAt(levels)], rules), code });
const districts = (n: number, levels: Partial<Levels>, m = 0, others: Partial<Levels> = {}) => [
  ...Array.from({ length: n }, (_, i) => districtAt(levels, `h${i}`)), ...Array.from({ length: m }, (_, i) => districtAt(others, `k${i}`)),
];
const province = (ds: AreaResult[]) => evaluateProvince('72', { districts: ds }, rules);

describe('district: share of its communes at level ≥ L', () => {
  it('preschool: 9/10 communes (90 %) meets, 8/10 does not; 90/100 meets, 89/100 does not', () => {
    expect(district(communes(9, { preschool5: 1 }, 1)).levels!.preschool5).toBe(1);
    expect(district(communes(8, { preschool5: 1 }, 2)).levels!.preschool5).toBe(0);
    expect(district(communes(90, { preschool5: 1 }, 10)).levels!.preschool5).toBe(1);
    expect(district(communes(89, { preschool5: 1 }, 11)).levels!.preschool5).toBe(0);
  });
  it('primary: 90 % for levels 1 and 2, 100 % for level 3', () => {
    expect(district(communes(10, { primary: 3 })).levels!.primary).toBe(3);
    expect(district(communes(9, { primary: 3 }, 1, { primary: 2 })).levels!.primary).toBe(2);
    expect(district(communes(9, { primary: 2 }, 1)).levels!.primary).toBe(2);
    expect(district(communes(8, { primary: 2 }, 1, { primary: 1 })).levels!.primary).toBe(1);
    expect(district(communes(8, { primary: 3 }, 2)).levels!.primary).toBe(0);
  });
  it('lower secondary: 90 % for level 1, 95 % for level 2 [I], 100 % for level 3', () => {
    expect(district(communes(19, { lowerSecondary: 2 }, 1)).levels!.lowerSecondary).toBe(2);
    expect(district(communes(18, { lowerSecondary: 2 }, 2, { lowerSecondary: 1 })).levels!.lowerSecondary).toBe(1);
    expect(district(communes(20, { lowerSecondary: 3 })).levels!.lowerSecondary).toBe(3);
    expect(district(communes(19, { lowerSecondary: 3 }, 1, { lowerSecondary: 2 })).levels!.lowerSecondary).toBe(2);
    expect(district(communes(18, { lowerSecondary: 3 }, 2)).levels!.lowerSecondary).toBe(1);
    expect(district(communes(17, { lowerSecondary: 3 }, 3)).levels!.lowerSecondary).toBe(0);
  });
  it('literacy: 90 % for both levels', () => {
    expect(district(communes(9, { literacy: 2 }, 1)).levels!.literacy).toBe(2);
    expect(district(communes(8, { literacy: 2 }, 1, { literacy: 1 })).levels!.literacy).toBe(1);
    expect(district(communes(8, { literacy: 2 }, 2)).levels!.literacy).toBe(0);
  });
  it('reports the share of communes at every level and one condition per level', () => {
    const d = district(communes(9, TOP, 1, { primary: 2, literacy: 1 }));
    expect(d.shares).toEqual({
      preschool5: { 1: { num: 9, den: 10 } },
      primary: { 1: { num: 10, den: 10 }, 2: { num: 10, den: 10 }, 3: { num: 9, den: 10 } },
      lowerSecondary: { 1: { num: 9, den: 10 }, 2: { num: 9, den: 10 }, 3: { num: 9, den: 10 } },
      literacy: { 1: { num: 10, den: 10 }, 2: { num: 9, den: 10 } },
    });
    expect(d.levels).toEqual({ preschool5: 1, primary: 2, lowerSecondary: 1, literacy: 2 });
    expect(d.conditions).toHaveLength(9);
    expect(d.conditions.find((c) => c.rule === 'district.primary.3')).toEqual({
      standard: 'primary', level: 3, rule: 'district.primary.3', text: 'Xã đạt chuẩn PCGD tiểu học mức độ 3 ≥ 100%',
      rate: { num: 9, den: 10 }, threshold: 100, met: false, source: 'Điều 11', verified: 'I',
    });
    expect(d.note).toBeUndefined();
  });
  it('a district without communes reaches nothing (convention emptyAreaMeets: false)', () => {
    const d = district([]);
    expect(d.levels).toEqual(NONE);
    expect(d.shares.primary[1]).toEqual({ num: 0, den: 0 });
    expect(d.conditions.every((c) => !c.met)).toBe(true);
  });
});

describe('province: share of its districts at level ≥ L', () => {
  it('preschool, primary and lower secondary need 100 % of districts', () => {
    expect(province(districts(10, TOP)).levels).toEqual(TOP);
    expect(province(districts(9, TOP, 1, { ...TOP, preschool5: 0 })).levels!.preschool5).toBe(0);
    expect(province(districts(9, TOP, 1, { ...TOP, primary: 2 })).levels!.primary).toBe(2);
    expect(province(districts(9, TOP, 1, { ...TOP, primary: 1 })).levels!.primary).toBe(1);
    expect(province(districts(9, TOP, 1, { ...TOP, lowerSecondary: 2 })).levels!.lowerSecondary).toBe(2);
    expect(province(districts(9, TOP, 1, { ...TOP, lowerSecondary: 0 })).levels!.lowerSecondary).toBe(0);
  });
  it('literacy level 1 needs 90 % of districts, level 2 needs 100 %', () => {
    expect(province(districts(9, { literacy: 1 }, 1)).levels!.literacy).toBe(1);
    expect(province(districts(8, { literacy: 1 }, 2)).levels!.literacy).toBe(0);
    expect(province(districts(10, { literacy: 2 })).levels!.literacy).toBe(2);
    expect(province(districts(9, { literacy: 2 }, 1, { literacy: 1 })).levels!.literacy).toBe(1);
  });
  it('reports the shares and conditions with the province text', () => {
    const p = province(districts(9, { literacy: 2 }, 1, { literacy: 1 }));
    expect(p.shares.literacy).toEqual({ 1: { num: 10, den: 10 }, 2: { num: 9, den: 10 } });
    expect(p.conditions.find((c) => c.rule === 'province.literacy.2')).toMatchObject({ text: 'Huyện đạt chuẩn XMC mức độ 2 ≥ 100%', met: false, verified: 'V' });
  });
  it('from real communes: commune → district → province', () => {
    const Y = 2024;
    const cube = (code: string, illiterateAt30: number) => evaluateCommune({
      code, especiallyDifficult: false,
      cells: [
        { birthYear: Y - 20, highestGrade: 12, literacyStage: 0, enrolled: 'none', diploma: true, preschoolCompleted: true, count: 100 - illiterateAt30 },
        { birthYear: Y - 30, highestGrade: 0, literacyStage: 0, enrolled: 'none', diploma: false, preschoolCompleted: false, count: illiterateAt30 },
      ],
    }, Y, rules);
    const d1 = evaluateDistrict('h1', [...Array.from({ length: 9 }, (_, i) => cube(`a${i}`, 0)), cube('a9', 11)], rules);
    const d2 = evaluateDistrict('h2', Array.from({ length: 10 }, (_, i) => cube(`b${i}`, 10)), rules);
    // d1: 9/10 communes at lower-secondary 3 is 90 %: level 1 only (level 2 needs 95 %); literacy 9/10 meets 90 %
    expect(d1.levels).toEqual({ ...TOP, lowerSecondary: 1 });
    expect(d2.levels).toEqual(TOP); // 90/100 literate in every commune
    expect(evaluateProvince('p', { districts: [d1, d2] }, rules).levels).toEqual({ ...TOP, lowerSecondary: 1 });
    const d3 = evaluateDistrict('h3', [...Array.from({ length: 8 }, (_, i) => cube(`c${i}`, 0)), cube('c8', 11), cube('c9', 11)], rules);
    expect(d3.levels).toEqual({ preschool5: 1, primary: 3, lowerSecondary: 0, literacy: 0 });
    expect(evaluateProvince('p', { districts: [d1, d2, d3] }, rules).levels).toEqual({ preschool5: 1, primary: 3, lowerSecondary: 0, literacy: 0 });
  });
  it('refuses a district without levels', () => {
    const undefinedArea: AreaResult = { ...districtAt(TOP), code: 'h9', levels: null };
    expect(() => province([districtAt(TOP), undefinedArea])).toThrow(/district h9 has no levels/);
  });
});

describe('province after the 2025 reform (communes, no districts)', () => {
  it('reports the share of communes at each level and no level: the rule is not defined', () => {
    const p = evaluateProvince('80', { communes: communes(3, TOP, 1, { primary: 1 }) }, rules);
    expect(p.levels).toBeNull();
    expect(p.note).toBe(rules.provinceWithoutDistricts.note);
    expect(p.conditions).toEqual([]);
    expect(p.shares.primary).toEqual({ 1: { num: 4, den: 4 }, 2: { num: 3, den: 4 }, 3: { num: 3, den: 4 } });
    expect(p.shares.preschool5).toEqual({ 1: { num: 3, den: 4 } });
  });
  it('even when every commune is at the top level', () => {
    const p = evaluateProvince('80', { communes: communes(5, TOP) }, rules);
    expect(p.levels).toBeNull();
    expect(p.shares.literacy[2]).toEqual({ num: 5, den: 5 });
  });
});
