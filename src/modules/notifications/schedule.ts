import dayjs from 'dayjs';
import { formatVnDate } from '../plans/deadlines.ts';

/**
 * When the reporters of a due date are reminded (pure). Offsets are days relative to the due date (-7: a week
 * before, 3: three days late). On a given day the reminder due is the latest offset whose day has come: offsets
 * passed while the server was down collapse into one reminder instead of arriving in a burst.
 */
export function reminderDue(due: string, offsets: readonly number[], today: string): { offset: number; day: string } | null {
  const passed = [...new Set(offsets)].sort((a, b) => a - b)
    .map((offset) => ({ offset, day: dayjs(due).add(offset, 'day').format('YYYY-MM-DD') }))
    .filter((r) => r.day <= today);
  return passed.at(-1) ?? null;
}

/** The reminder's wording, as seen from the day it is sent. */
export function reminderPhrase(due: string, today: string): string {
  const days = dayjs(due).diff(dayjs(today), 'day');
  if (days > 0) return `còn ${days} ngày đến hạn (${formatVnDate(due)})`;
  if (days === 0) return `đến hạn hôm nay (${formatVnDate(due)})`;
  return `đã quá hạn ${-days} ngày (hạn ${formatVnDate(due)})`;
}
