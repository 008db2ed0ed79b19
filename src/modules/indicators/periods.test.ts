import { describe, expect, it } from 'vitest';
import { parsePeriod, periodLabel, periodOf, periodsBetween, shift, within } from './periods.ts';

describe('calendar periods', () => {
  it('parses years, halves, quarters and months with their first and last days', () => {
    expect(parsePeriod('2024')).toEqual({ id: '2024', type: 'year', start: '2024-01-01', end: '2024-12-31' });
    expect(parsePeriod('2024S2')).toMatchObject({ start: '2024-07-01', end: '2024-12-31' });
    expect(parsePeriod('2024Q1')).toMatchObject({ start: '2024-01-01', end: '2024-03-31' });
    expect(parsePeriod('2024-02')).toMatchObject({ start: '2024-02-01', end: '2024-02-29' });
    expect(parsePeriod('2025-02')).toMatchObject({ end: '2025-02-28' });
  });

  it('refuses identifiers that are not periods', () => {
    for (const bad of ['2024Q5', '2024Q0', '2024-13', '2024-00', '2024-2026', '2024S3', '24', 'Q3', '', 'R2024-2025']) expect(parsePeriod(bad), bad).toBeNull();
  });

  it('finds the period of a date, at both edges', () => {
    expect(periodOf('quarter', '2024-03-31').id).toBe('2024Q1');
    expect(periodOf('quarter', '2024-04-01').id).toBe('2024Q2');
    expect(periodOf('half', '2024-06-30').id).toBe('2024S1');
    expect(periodOf('month', '2024-12-31').id).toBe('2024-12');
  });
});

describe('school year', () => {
  it('runs from 1 September', () => {
    expect(parsePeriod('2024-2025')).toMatchObject({ type: 'schoolYear', start: '2024-09-01', end: '2025-08-31' });
    expect(periodOf('schoolYear', '2024-08-31').id).toBe('2023-2024');
    expect(periodOf('schoolYear', '2024-09-01').id).toBe('2024-2025');
    expect(periodOf('schoolYear', '2025-05-31').id).toBe('2024-2025');
  });
});

describe('reporting periods (cut-off 15th–14th, Nghị định 09/2019)', () => {
  it('runs the annual report from 15/12 of the year before to 14/12', () => {
    expect(parsePeriod('R2024')).toMatchObject({ type: 'reportYear', start: '2023-12-15', end: '2024-12-14' });
    expect(periodOf('reportYear', '2024-12-14').id).toBe('R2024');
    expect(periodOf('reportYear', '2024-12-15').id).toBe('R2025');
    expect(periodOf('reportYear', '2024-01-10').id).toBe('R2024');
  });
  it('shifts months, quarters and halves by the same cut-off', () => {
    expect(parsePeriod('R2024-07')).toMatchObject({ start: '2024-06-15', end: '2024-07-14' });
    expect(parsePeriod('R2024-01')).toMatchObject({ start: '2023-12-15', end: '2024-01-14' });
    expect(parsePeriod('R2024Q1')).toMatchObject({ start: '2023-12-15', end: '2024-03-14' });
    expect(parsePeriod('R2024Q3')).toMatchObject({ start: '2024-06-15', end: '2024-09-14' });
    expect(parsePeriod('R2024S1')).toMatchObject({ start: '2023-12-15', end: '2024-06-14' });
    expect(periodOf('reportMonth', '2024-07-14').id).toBe('R2024-07');
    expect(periodOf('reportMonth', '2024-07-15').id).toBe('R2024-08');
    expect(periodOf('reportQuarter', '2024-03-15').id).toBe('R2024Q2');
    expect(periodOf('reportMonth', '2024-12-20').id).toBe('R2025-01');
  });
});

describe('period arithmetic', () => {
  it('steps forward and back across year ends', () => {
    expect(shift(parsePeriod('2024Q4')!, 1).id).toBe('2025Q1');
    expect(shift(parsePeriod('2025Q1')!, -1).id).toBe('2024Q4');
    expect(shift(parsePeriod('2024-2025')!, 1).id).toBe('2025-2026');
    expect(shift(parsePeriod('R2024-12')!, 1).id).toBe('R2025-01');
    expect(shift(parsePeriod('2024-01')!, 12).id).toBe('2025-01');
  });
  it('tiles a range without gaps or overlaps', () => {
    const months = periodsBetween('reportMonth', '2024-01-01', '2024-12-31');
    expect(months.map((p) => p.id)).toEqual(['R2024-01', ...Array.from({ length: 11 }, (_, i) => `R2024-${String(i + 2).padStart(2, '0')}`), 'R2025-01']);
    for (let i = 1; i < months.length; i++) expect(Date.parse(months[i]!.start) - Date.parse(months[i - 1]!.end)).toBe(86_400_000);
  });
  it('knows which periods lie inside others', () => {
    expect(within(parsePeriod('2024Q3')!, parsePeriod('2024')!)).toBe(true);
    expect(within(parsePeriod('R2024Q1')!, parsePeriod('2024')!)).toBe(false);
    expect(within(parsePeriod('R2024Q1')!, parsePeriod('R2024')!)).toBe(true);
  });
  it('reads in Vietnamese with dd/mm/yyyy', () => {
    expect(periodLabel(parsePeriod('2024Q3')!)).toBe('Quý III/2024');
    expect(periodLabel(parsePeriod('2024-2025')!)).toBe('Năm học 2024-2025');
    expect(periodLabel(parsePeriod('2024S1')!)).toBe('6 tháng đầu năm 2024');
    expect(periodLabel(parsePeriod('R2024')!)).toBe('Kỳ báo cáo năm 2024 (15/12/2023–14/12/2024)');
    expect(periodLabel(parsePeriod('R2024-07')!)).toBe('Kỳ báo cáo tháng 7/2024 (15/06/2024–14/07/2024)');
  });
});
