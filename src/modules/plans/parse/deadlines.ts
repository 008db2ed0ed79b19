import { isoDate, isRealDate, type DueRule } from '../deadlines.ts';

/**
 * The deadline a task's sentence states, as the tracker's due rule, with the phrase it was read from (kept
 * verbatim, so a reviewer sees why). Forms of real plans, tried in this order:
 *   "hoàn thành trong quý III năm 2020", "trong quý 3/2021"                      → quarter
 *   "định kỳ trước ngày 01 tháng 12 hằng năm", "hằng năm, trước ngày 15/12"       → yearly
 *   "trước ngày 30/9/2020", "chậm nhất ngày 15 tháng 10 năm 2021"                  → date
 *   "trước ngày 15/10" (no year, a yearly report)                                 → yearly
 *   "trong tháng 10/2020"                                                          → date (last day of the month)
 *   "phấn đấu hoàn thành … đến hết năm 2020", "sơ kết vào năm 2025"               → year
 * Mentions of a period ("giai đoạn 2021-2030") or a horizon ("đến năm 2030") are not deadlines.
 * A date that does not exist ("trước ngày 31/9/2020") gives no rule and a problem to show the reviewer.
 */
const D = String.raw`(\d{1,2})`, M = String.raw`(\d{1,2})`, Y = String.raw`(\d{4})`;
const QUARTER = new RegExp(String.raw`(?:(?:phấn đấu )?hoàn thành )?(?:trong|trước|vào|cuối) quý (IV|III|II|I|[1-4])(?: năm |\/)${Y}`, 'iu');
const YEARLY = new RegExp(String.raw`(?:(?:định kỳ|hằng năm|hàng năm),? )?trước ngày ${D}(?:\/| tháng )${M},? (?:hằng|hàng) năm`, 'iu');
const YEARLY_AFTER = new RegExp(String.raw`(?:định kỳ )?(?:hằng|hàng) năm,? (?:[^.;]{0,60}? )?trước ngày ${D}(?:\/| tháng )${M}(?![\d/]| năm)`, 'iu');
const DATE = new RegExp(String.raw`(?:trước|chậm nhất(?: là)?(?: vào)?|không quá|hạn chót|trong) (?:ngày )?${D}(?:\/|-|\.| tháng )${M}(?:\/|-|\.| năm )${Y}`, 'iu');
const DAY_MONTH = new RegExp(String.raw`trước ngày ${D}\/${M}(?![\d/])(?! năm)`, 'iu');
const MONTH = new RegExp(String.raw`(?:hoàn thành )?trong tháng ${M}(?:\/| năm )${Y}`, 'iu');
const YEAR = new RegExp(String.raw`(?:phấn đấu )?(?:hoàn thành|sơ kết|tổng kết)[^.;]{0,60}?(?:vào|trong|đến hết|chậm nhất vào|trước) (?:cuối )?năm ${Y}`, 'iu');

export function readDue(sentence: string): { due: DueRule; problem?: string } {
  const s = sentence.normalize('NFC').replace(/\s+/g, ' ');
  let m = QUARTER.exec(s);
  if (m) return { due: { kind: 'quarter', quarter: quarterOf(m[1]!), year: Number(m[2]), phrase: m[0] } };

  m = YEARLY.exec(s) ?? YEARLY_AFTER.exec(s);
  if (m) return yearly(Number(m[2]), Number(m[1]), m[0]);

  m = DATE.exec(s);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isRealDate(y, mo, d)) return { due: { kind: 'none' }, problem: `Ngày không tồn tại trong “${m[0]}”` };
    return { due: { kind: 'date', date: isoDate(y, mo, d), phrase: m[0] } };
  }

  m = DAY_MONTH.exec(s);
  if (m) return yearly(Number(m[2]), Number(m[1]), m[0]);

  m = MONTH.exec(s);
  if (m) {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    if (mo < 1 || mo > 12) return { due: { kind: 'none' }, problem: `Tháng không tồn tại trong “${m[0]}”` };
    return { due: { kind: 'date', date: isoDate(y, mo, new Date(Date.UTC(y, mo, 0)).getUTCDate()), phrase: m[0] } };
  }

  m = YEAR.exec(s);
  if (m) return { due: { kind: 'year', year: Number(m[1]), phrase: m[0] } };
  return { due: { kind: 'none' } };
}

function yearly(month: number, day: number, phrase: string): { due: DueRule; problem?: string } {
  if (!isRealDate(2024, month, day)) return { due: { kind: 'none' }, problem: `Ngày không tồn tại trong “${phrase}”` };
  return { due: { kind: 'yearly', month, day, phrase } };
}

function quarterOf(q: string): number {
  return ({ I: 1, II: 2, III: 3, IV: 4 } as Record<string, number>)[q.toUpperCase()] ?? Number(q);
}
