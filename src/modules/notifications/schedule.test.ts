import { describe, expect, it } from 'vitest';
import { reminderDue, reminderPhrase } from './schedule.ts';

describe('reminderDue', () => {
  const offsets = [-7, -1, 3];
  it('is nothing before the first offset, then the latest offset whose day has come', () => {
    expect(reminderDue('2026-12-01', offsets, '2026-11-23')).toBeNull();
    expect(reminderDue('2026-12-01', offsets, '2026-11-24')).toEqual({ offset: -7, day: '2026-11-24' });
    expect(reminderDue('2026-12-01', offsets, '2026-11-29')).toEqual({ offset: -7, day: '2026-11-24' });
    expect(reminderDue('2026-12-01', offsets, '2026-11-30')).toEqual({ offset: -1, day: '2026-11-30' });
    expect(reminderDue('2026-12-01', offsets, '2026-12-04')).toEqual({ offset: 3, day: '2026-12-04' });
    expect(reminderDue('2026-12-01', offsets, '2027-03-01')).toEqual({ offset: 3, day: '2026-12-04' });
  });
  it('crosses month and year ends, ignores duplicate and unsorted offsets, and may have none', () => {
    expect(reminderDue('2027-01-02', [3, -7, -7], '2026-12-26')).toEqual({ offset: -7, day: '2026-12-26' });
    expect(reminderDue('2025-03-01', [-1], '2025-02-28')).toEqual({ offset: -1, day: '2025-02-28' });
    expect(reminderDue('2026-12-01', [], '2027-01-01')).toBeNull();
  });
});

describe('reminderPhrase', () => {
  it('says how far the due date is, in Vietnamese with dd/mm/yyyy', () => {
    expect(reminderPhrase('2026-12-01', '2026-11-24')).toBe('còn 7 ngày đến hạn (01/12/2026)');
    expect(reminderPhrase('2026-12-01', '2026-12-01')).toBe('đến hạn hôm nay (01/12/2026)');
    expect(reminderPhrase('2026-12-01', '2026-12-04')).toBe('đã quá hạn 3 ngày (hạn 01/12/2026)');
  });
});
