import { z } from 'zod';

/** Study-promotion fund (quỹ khuyến học) entries: money in (receipt) and out (disbursement, e.g. a scholarship). */
export const ENTRY_KINDS = ['receipt', 'disbursement'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_LABELS: Record<EntryKind, string> = { receipt: 'Thu', disbursement: 'Chi' };

const Id = z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ');
export const FundBody = z.strictObject({ unitId: Id, name: z.string().trim().min(3).max(200) });
export const EntryBody = z.strictObject({
  kind: z.enum(ENTRY_KINDS),
  date: z.iso.date('Ngày dạng yyyy-mm-dd'),
  amount: z.number().int('Số tiền phải là số nguyên (đồng)').positive('Số tiền phải lớn hơn 0').max(Number.MAX_SAFE_INTEGER),
  description: z.string().trim().min(1).max(500),
  donor: z.string().trim().max(200).optional(),
  pupil: z.strictObject({ name: z.string().trim().min(2).max(120), school: z.string().trim().max(200).optional() }).optional().describe('Học sinh nhận học bổng'),
}).refine((e) => e.kind === 'disbursement' || !e.pupil, { message: 'Chỉ khoản chi (học bổng) mới ghi tên học sinh', path: ['pupil'] });
export type EntryBody = z.infer<typeof EntryBody>;

/** Correcting an entry: a reversing entry dated on or after it, with the reason (decision 0013). */
export const ReverseBody = z.strictObject({
  date: z.iso.date('Ngày dạng yyyy-mm-dd'),
  reason: z.string().trim().min(3, 'Cần nêu lý do điều chỉnh (tối thiểu 3 ký tự)').max(500),
});
export type ReverseBody = z.infer<typeof ReverseBody>;

/** What an entry does to the balance: receipts add, disbursements take away; a reversing entry undoes its original. */
export function signedAmount(e: { kind: EntryKind; amount: number; reversal: boolean }): number {
  return (e.kind === 'receipt' ? 1 : -1) * (e.reversal ? -1 : 1) * e.amount;
}

/**
 * The first day on which the fund's end-of-day balance would fall below zero once a new entry (a signed amount on a
 * date) is added, with that balance; null when every day from the entry's date on stays at zero or above. Only days
 * from the new entry's date are looked at: earlier days do not change. `days` are the existing net amounts per day.
 */
export function firstShortfall(days: readonly { date: string; net: number }[], entry: { date: string; net: number }): { date: string; balance: number } | null {
  if (entry.net >= 0) return null;
  const byDay = new Map<string, number>();
  for (const d of days) byDay.set(d.date, (byDay.get(d.date) ?? 0) + d.net);
  byDay.set(entry.date, (byDay.get(entry.date) ?? 0) + entry.net);
  let balance = 0;
  for (const date of [...byDay.keys()].sort()) {
    balance += byDay.get(date)!;
    if (date >= entry.date && balance < 0) return { date, balance };
  }
  return null;
}

/** The balance after an entry, or null when a disbursement would take the fund below zero. */
export function balanceAfter(balance: number, entry: { kind: EntryKind; amount: number }): number | null {
  const next = entry.kind === 'receipt' ? balance + entry.amount : balance - entry.amount;
  return next < 0 ? null : next;
}
