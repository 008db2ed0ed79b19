import { describe, expect, it } from 'vitest';
import { fromSums, levelOf, meets, reaches, shareOf, type IndicatorRule } from './aggregate.ts';

const ratio: IndicatorRule = { aggregation: 'ratio', factor: 100, computed: null };
const literacy2 = { kind: 'standard', standard: 'literacy', level: 2 } as const;

describe('ratio of sums', () => {
  it('divides the sums, so a large commune weighs more than a small one', () => {
    // 1,600/2,000 = 80 % and 30,000/60,000 = 50 %: the district is 31,600/62,000, not the 65 % average.
    expect(fromSums(ratio, 1600 + 30000, 2000 + 60000).value).toBeCloseTo(50.968, 3);
  });
  it('has no value without a denominator, or with a zero one, but keeps the numerator', () => {
    expect(fromSums(ratio, 10, 0)).toEqual({ value: null, numerator: 10, denominator: 0 });
    expect(fromSums(ratio, 10, null)).toEqual({ value: null, numerator: 10, denominator: null });
    expect(fromSums(ratio, null, 10).value).toBeNull();
  });
  it('applies the factor (per 1,000 as well as per cent)', () => {
    expect(fromSums({ ...ratio, factor: 1000 }, 3, 4).value).toBe(750);
  });
  it('sums a count indicator', () => {
    expect(fromSums({ aggregation: 'sum', factor: 1, computed: null }, 42, null)).toEqual({ value: 42, numerator: 42, denominator: null });
  });
});

describe('share of child units meeting a standard', () => {
  it('counts a child at exactly the level, not one below', () => {
    expect(meets(literacy2, { levels: { literacy: 2 }, value: null })).toBe(true);
    expect(meets(literacy2, { levels: { literacy: 1 }, value: null })).toBe(false);
  });
  it('counts a child without a result as not meeting, and says how many lack one', () => {
    const s = shareOf(literacy2, [{ levels: { literacy: 2 }, value: null }, { levels: null, value: null }, { levels: { literacy: 2 }, value: null }, { levels: { literacy: 0 }, value: null }]);
    expect(s).toEqual({ value: 50, numerator: 2, denominator: 4, missing: 1 });
  });
  it('has no value without children (a province after districts were abolished asks about communes instead)', () => {
    expect(shareOf(literacy2, []).value).toBeNull();
  });
  it('has no value when no child has a result yet, rather than 0 %', () => {
    expect(shareOf(literacy2, [{ levels: null, value: null }, { levels: null, value: null }])).toEqual({ value: null, numerator: 0, denominator: 2, missing: 2 });
    expect(shareOf(literacy2, [{ levels: null, value: null }, { levels: { literacy: 1 }, value: null }]).value).toBe(0);
  });
  it('reads a data element against a threshold (recognised learning districts)', () => {
    const rule = { kind: 'dataElement', threshold: 1 } as const;
    expect(shareOf(rule, [{ levels: null, value: 1 }, { levels: null, value: 0 }, { levels: null, value: null }, { levels: null, value: 1 }]).value).toBe(50);
  });
});

describe('the unit’s own level', () => {
  it('reads the level of the named standard', () => {
    expect(levelOf(literacy2, { literacy: 2, primary: 3 }).value).toBe(2);
    expect(levelOf(literacy2, null).value).toBeNull();
  });
});

describe('reaching a target', () => {
  it('includes the boundary for at least / at most', () => {
    expect(reaches(50, 50, '>=')).toBe(true);
    expect(reaches(49.999, 50, '>=')).toBe(false);
    expect(reaches(5, 5, '<=')).toBe(true);
    expect(reaches(5.01, 5, '<=')).toBe(false);
    expect(reaches(1, 1, '=')).toBe(true);
  });
});
