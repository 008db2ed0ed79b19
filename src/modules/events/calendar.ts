/**
 * The national events every unit takes part in, generated for any year instead of stored (legal-rules §6): a
 * year's calendar is a pure function of the year, so it is never stored twice nor forgotten for a new year.
 */
export interface NationalEvent {
  id: string;
  code: NationalCode;
  year: number;
  title: string;
  startsOn: string;
  endsOn: string;
  source: string;
  verified: 'V' | 'P' | 'I';
}

export type NationalCode = 'lifelong-learning-week' | 'book-day';

const pad = (n: number) => String(n).padStart(2, '0');
const day = (year: number, month: number, d: number) => `${year}-${pad(month)}-${pad(d)}`;

/** The national events of a year, in date order. */
export function nationalEvents(year: number): NationalEvent[] {
  const events: NationalEvent[] = [];
  // 21 April: "Ngày Sách Việt Nam" from QĐ 284/QĐ-TTg (24/02/2014), renamed and widened by QĐ 1862/QĐ-TTg (04/11/2021).
  if (year >= 2022) {
    events.push({ id: `book-day-${year}`, code: 'book-day', year, title: 'Ngày Sách và Văn hóa đọc Việt Nam', startsOn: day(year, 4, 21), endsOn: day(year, 4, 21), source: 'Quyết định 1862/QĐ-TTg ngày 04/11/2021', verified: 'V' });
  } else if (year >= 2014) {
    events.push({ id: `book-day-${year}`, code: 'book-day', year, title: 'Ngày Sách Việt Nam', startsOn: day(year, 4, 21), endsOn: day(year, 4, 21), source: 'Quyết định 284/QĐ-TTg ngày 24/02/2014', verified: 'V' });
  }
  // 1–7 October, opening on 1 October; themes change yearly with MOET's guidance (e.g. CV 5607/BGDĐT-GDNNGDTX for 2025).
  events.push({
    id: `lifelong-learning-week-${year}`, code: 'lifelong-learning-week', year, title: 'Tuần lễ hưởng ứng học tập suốt đời',
    startsOn: day(year, 10, 1), endsOn: day(year, 10, 7), source: 'Tổ chức hằng năm theo hướng dẫn của Bộ GDĐT (năm 2025: Công văn 5607/BGDĐT-GDNNGDTX)', verified: 'V',
  });
  return events;
}

/** The national event an id names (`book-day-2025`), or null when it names none (unknown code, or a year without it). */
export function nationalEvent(id: string): NationalEvent | null {
  const m = /^([a-z-]+)-(\d{4})$/.exec(id);
  if (!m) return null;
  return nationalEvents(Number(m[2])).find((e) => e.id === id) ?? null;
}
