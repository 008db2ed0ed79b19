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

/** The balance after an entry, or null when a disbursement would take the fund below zero. */
export function balanceAfter(balance: number, entry: { kind: EntryKind; amount: number }): number | null {
  const next = entry.kind === 'receipt' ? balance + entry.amount : balance - entry.amount;
  return next < 0 ? null : next;
}
