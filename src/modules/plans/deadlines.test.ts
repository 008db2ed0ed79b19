import { describe, expect, it } from 'vitest';
import { currentCycle, describeDueRule, firstCycle, fixedDueDate, quarterEnd, yearlyDate } from './deadlines.ts';

describe('quarter ends', () => {
  it('ends each quarter on its last calendar day', () => {
    expect(quarterEnd(2020, 1)).toBe('2020-03-31');
    expect(quarterEnd(2020, 2)).toBe('2020-06-30');
    expect(quarterEnd(2020, 3)).toBe('2020-09-30');
    expect(quarterEnd(2020, 4)).toBe('2020-12-31');
  });
});

describe('yearly recurrence', () => {
  const dec1 = { month: 12, day: 1 };
  it('starts with the first occurrence after the plan was issued', () => {
    expect(firstCycle(dec1, '2022-03-16')).toBe(2022);
    expect(firstCycle(dec1, '2022-12-01')).toBe(2023);
    expect(firstCycle(dec1, '2022-11-30')).toBe(2022);
  });
  it('works on the cycle whose deadline is today or later', () => {
    expect(currentCycle(dec1, '2022-03-16', '2026-11-23')).toBe(2026);
    expect(currentCycle(dec1, '2022-03-16', '2026-12-01')).toBe(2026);
    expect(currentCycle(dec1, '2022-03-16', '2026-12-02')).toBe(2027);
    expect(currentCycle(dec1, '2022-03-16', '2021-01-01')).toBe(2022);
  });
  it('moves 29 February to the 28th in common years', () => {
    expect(yearlyDate({ month: 2, day: 29 }, 2025)).toBe('2025-02-28');
    expect(yearlyDate({ month: 2, day: 29 }, 2028)).toBe('2028-02-29');
  });
});

describe('due dates and their wording', () => {
  it('gives one-off rules a single deadline', () => {
    expect(fixedDueDate({ kind: 'year', year: 2025, phrase: '' })).toBe('2025-12-31');
    expect(fixedDueDate({ kind: 'quarter', year: 2020, quarter: 3, phrase: '' })).toBe('2020-09-30');
    expect(fixedDueDate({ kind: 'yearly', month: 10, day: 15, phrase: '' })).toBeUndefined();
    expect(fixedDueDate({ kind: 'none' })).toBeUndefined();
  });
  it('describes rules in Vietnamese with dd/mm/yyyy', () => {
    expect(describeDueRule({ kind: 'date', date: '2020-09-30', phrase: '' })).toBe('Trước ngày 30/09/2020');
    expect(describeDueRule({ kind: 'yearly', month: 10, day: 15, phrase: '' })).toBe('Hằng năm, trước ngày 15/10');
    expect(describeDueRule({ kind: 'quarter', year: 2020, quarter: 3, phrase: '' })).toBe('Trong quý III năm 2020');
  });
});
