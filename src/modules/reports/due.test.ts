import { describe, expect, it } from 'vitest';
import type { DueRule } from '../plans/deadlines.ts';
import { dueDateFor, isLate, isOpenPeriod, nextDue, openPeriods } from './due.ts';

const dec1: DueRule = { kind: 'yearly', month: 12, day: 1, phrase: 'trước ngày 01 tháng 12 hằng năm' };
const oct15: DueRule = { kind: 'yearly', month: 10, day: 15, phrase: 'trước ngày 15/10' };
const dec15: DueRule = { kind: 'yearly', month: 12, day: 15, phrase: 'trước ngày 15/12' };
const leap: DueRule = { kind: 'yearly', month: 2, day: 29, phrase: 'ngày 29/02' };
const midTerm: DueRule = { kind: 'year', year: 2025, phrase: 'sơ kết vào năm 2025' };
const plan1144 = { first: 2022, last: 2030 };

describe('next due date of an obligation', () => {
  it('is the day itself while it lasts, next year from the day after (1144/KH-UBND: before 01/12)', () => {
    expect(nextDue(dec1, plan1144, '2026-12-01')).toEqual({ period: 2026, dueDate: '2026-12-01' });
    expect(nextDue(dec1, plan1144, '2026-12-02')).toEqual({ period: 2027, dueDate: '2027-12-01' });
    expect(nextDue(dec1, plan1144, '2026-11-23')).toEqual({ period: 2026, dueDate: '2026-12-01' });
  });

  it('crosses the year boundary (learning-model report before 15/12)', () => {
    expect(nextDue(dec15, { first: 2016, last: null }, '2025-12-31')).toEqual({ period: 2026, dueDate: '2026-12-15' });
    expect(nextDue(dec15, { first: 2016, last: null }, '2026-01-01')).toEqual({ period: 2026, dueDate: '2026-12-15' });
    expect(nextDue(oct15, { first: 2020, last: null }, '2026-11-23')).toEqual({ period: 2027, dueDate: '2027-10-15' });
  });

  it('starts with the first period and ends with the last one', () => {
    expect(nextDue(dec1, plan1144, '2021-05-01')).toEqual({ period: 2022, dueDate: '2022-12-01' });
    expect(nextDue(dec1, plan1144, '2030-12-01')).toEqual({ period: 2030, dueDate: '2030-12-01' });
    expect(nextDue(dec1, plan1144, '2030-12-02')).toBeNull();
  });

  it('has one date for a one-off review, none after it', () => {
    expect(nextDue(midTerm, { first: 2025, last: 2025 }, '2025-12-31')).toEqual({ period: 2025, dueDate: '2025-12-31' });
    expect(nextDue(midTerm, { first: 2025, last: 2025 }, '2026-01-01')).toBeNull();
    expect(nextDue({ kind: 'none' }, plan1144, '2026-01-01')).toBeNull();
  });

  it('moves 29/02 to 28/02 in common years', () => {
    expect(nextDue(leap, { first: 2024, last: null }, '2025-03-01')).toEqual({ period: 2026, dueDate: '2026-02-28' });
    expect(dueDateFor(leap, { first: 2024, last: null }, 2028)).toBe('2028-02-29');
  });
});

describe('periods a report may be opened for', () => {
  it('asks no report outside the window or for another year than a review', () => {
    expect(dueDateFor(dec1, plan1144, 2021)).toBeNull();
    expect(dueDateFor(dec1, plan1144, 2031)).toBeNull();
    expect(dueDateFor(midTerm, { first: 2025, last: 2025 }, 2024)).toBeNull();
    expect(dueDateFor({ kind: 'date', date: '2020-09-30', phrase: '' }, { first: 2020, last: 2020 }, 2020)).toBe('2020-09-30');
  });

  it('opens a year on its first day, never ahead', () => {
    expect(isOpenPeriod(dec1, plan1144, 2026, '2026-01-01')).toBe(true);
    expect(isOpenPeriod(dec1, plan1144, 2027, '2026-12-31')).toBe(false);
    expect(openPeriods(dec1, plan1144, '2024-06-30')).toEqual([2024, 2023, 2022]);
    expect(openPeriods(dec1, plan1144, '2035-01-01')[0]).toBe(2030);
  });
});

describe('a late report', () => {
  it('is one first submitted after the due day; the due day itself is on time', () => {
    expect(isLate('2026-12-01', '2026-12-01', '2026-12-20')).toBe(false);
    expect(isLate('2026-12-01', '2026-12-02', '2026-12-02')).toBe(true);
  });

  it('stays on time when corrected after a return past the due day (only the first submission counts)', () => {
    expect(isLate('2026-12-01', '2026-11-30', '2027-01-15')).toBe(false);
  });

  it('is one not yet submitted once the due day has passed', () => {
    expect(isLate('2026-12-01', null, '2026-12-01')).toBe(false);
    expect(isLate('2026-12-01', null, '2026-12-02')).toBe(true);
  });
});
