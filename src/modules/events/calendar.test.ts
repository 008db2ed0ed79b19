import { describe, expect, it } from 'vitest';
import { nationalEvent, nationalEvents } from './calendar.ts';

describe('national events of a year', () => {
  it('Lifelong Learning Week runs 1–7 October and Book Day is 21 April, every year', () => {
    for (const year of [2022, 2025, 2026, 2030]) {
      const events = nationalEvents(year);
      expect(events.map((e) => [e.id, e.startsOn, e.endsOn])).toEqual([
        [`book-day-${year}`, `${year}-04-21`, `${year}-04-21`],
        [`lifelong-learning-week-${year}`, `${year}-10-01`, `${year}-10-07`],
      ]);
      expect(events[0]!.title).toBe('Ngày Sách và Văn hóa đọc Việt Nam');
    }
  });

  it('Book Day takes its 2021 name from 2022 on, was "Ngày Sách Việt Nam" from 2014, and did not exist before', () => {
    expect(nationalEvents(2021).find((e) => e.code === 'book-day')).toMatchObject({ title: 'Ngày Sách Việt Nam', source: expect.stringContaining('284/QĐ-TTg') });
    expect(nationalEvents(2022).find((e) => e.code === 'book-day')).toMatchObject({ source: expect.stringContaining('1862/QĐ-TTg') });
    expect(nationalEvents(2014).find((e) => e.code === 'book-day')?.startsOn).toBe('2014-04-21');
    expect(nationalEvents(2013).map((e) => e.code)).toEqual(['lifelong-learning-week']);
  });

  it('an id names its event and year; unknown codes and years without the event name none', () => {
    expect(nationalEvent('lifelong-learning-week-2027')).toMatchObject({ startsOn: '2027-10-01', endsOn: '2027-10-07', year: 2027 });
    expect(nationalEvent('book-day-2024')?.startsOn).toBe('2024-04-21');
    expect(nationalEvent('book-day-2013')).toBeNull();
    expect(nationalEvent('teachers-day-2025')).toBeNull();
    expect(nationalEvent('book-day')).toBeNull();
  });
});
