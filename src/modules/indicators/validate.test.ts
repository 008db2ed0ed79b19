import { describe, expect, it } from 'vitest';
import { combinationLabel, combinations } from './model.ts';
import { disaggregationProblem, jumpWarning, ratioProblems, totalOf, valueProblem, type ElementRule } from './validate.ts';

const count: ElementRule = { code: 'POP', name: 'Dân số', valueType: 'count', categories: [], maxValue: null };
const bySex: ElementRule = { ...count, code: 'SKILLS', name: 'Có kỹ năng sống', categories: ['sex'] };
const yesNo: ElementRule = { code: 'IT', name: 'Ứng dụng CNTT', valueType: 'boolean', categories: [], maxValue: 1 };

describe('combinations', () => {
  it('crosses categories into stable keys', () => {
    expect(combinations([])).toEqual(['']);
    expect(combinations(['sex'])).toEqual(['sex:male', 'sex:female']);
    expect(combinations(['sex', 'areaType'])).toEqual(['sex:male|areaType:urban', 'sex:male|areaType:rural', 'sex:female|areaType:urban', 'sex:female|areaType:rural']);
    expect(combinationLabel('sex:female|areaType:rural')).toBe('Nữ · Nông thôn');
  });
});

describe('one value', () => {
  it('accepts zero and whole counts, refuses negatives and fractions', () => {
    expect(valueProblem(count, 0)).toBeNull();
    expect(valueProblem(count, -1)?.code).toBe('value.negative');
    expect(valueProblem(count, 2.5)?.code).toBe('value.not_integer');
    expect(valueProblem({ ...count, valueType: 'number' }, 2.5)).toBeNull();
    expect(valueProblem(count, Number.NaN)?.code).toBe('value.not_number');
  });
  it('takes only 0 or 1 for yes/no, and nothing above a maximum', () => {
    expect(valueProblem(yesNo, 1)).toBeNull();
    expect(valueProblem(yesNo, 2)?.code).toBe('value.not_boolean');
    expect(valueProblem({ ...count, maxValue: 100 }, 100)).toBeNull();
    expect(valueProblem({ ...count, maxValue: 100 }, 101)?.code).toBe('value.above_max');
  });
  it('takes only the element’s own disaggregations', () => {
    expect(disaggregationProblem(bySex, 'sex:female')).toBeNull();
    expect(disaggregationProblem(bySex, '')?.code).toBe('value.bad_disaggregation');
    expect(disaggregationProblem(count, 'sex:female')?.code).toBe('value.not_disaggregated');
  });
});

describe('a report as a whole', () => {
  it('totals a disaggregated element from its parts', () => {
    expect(totalOf(bySex, new Map([['sex:male', 3], ['sex:female', 4]]))).toBe(7);
    expect(totalOf(bySex, new Map())).toBeNull();
    expect(totalOf(count, new Map([['', 9]]))).toBe(9);
  });
  it('refuses a numerator above its denominator, not one equal to it', () => {
    const pairs = [{ indicator: 'R', numerator: 'SKILLS', denominator: 'POP' }];
    const names = new Map([['SKILLS', 'Có kỹ năng sống'], ['POP', 'Dân số']]);
    expect(ratioProblems(new Map([['SKILLS', 100], ['POP', 100]]), pairs, names, '')).toEqual([]);
    const [issue] = ratioProblems(new Map([['SKILLS', 1001], ['POP', 1000]]), pairs, names, 'X/');
    expect(issue).toMatchObject({ severity: 'error', code: 'value.numerator_above_denominator', field: 'X/SKILLS' });
    expect(issue!.message).toContain('1.001');
  });
  it('warns past the jump threshold, in either direction, and not at it', () => {
    expect(jumpWarning('Dân số', 'POP', 150, 100, 50)).toBeNull();
    expect(jumpWarning('Dân số', 'POP', 151, 100, 50)?.message).toContain('tăng 51%');
    expect(jumpWarning('Dân số', 'POP', 40, 100, 50)?.message).toContain('giảm 60%');
    expect(jumpWarning('Dân số', 'POP', 40, null, 50)).toBeNull();
  });
});
