import { z } from 'zod';
import type { FieldError } from '../../http/problem.ts';

/** Where the money comes from: the state budget, or mobilised (xã hội hóa: enterprises, associations, people). */
export const SOURCES = ['state', 'mobilised'] as const;
export type BudgetSource = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<BudgetSource, string> = { state: 'Ngân sách nhà nước', mobilised: 'Xã hội hóa' };

/** An amount in whole đồng: VND has no subunit in use, and a negative budget figure is a typing error. */
const Vnd = z.number().int('Số tiền phải là số nguyên (đồng)').min(0, 'Số tiền không được âm').max(Number.MAX_SAFE_INTEGER);
const Id = z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ');
const Amounts = {
  planned: Vnd.describe('Dự toán (đồng)'),
  allocated: Vnd.describe('Được giao/cấp (đồng)'),
  spent: Vnd.describe('Đã chi/giải ngân (đồng)'),
  overspendReason: z.string().trim().max(1000).nullable().optional().describe('Bắt buộc khi chi vượt số được giao'),
  note: z.string().trim().max(1000).nullable().optional(),
};
export const BudgetLineBody = z.strictObject({
  taskId: Id, unitId: Id.describe('Cơ quan, đơn vị thực hiện'), year: z.number().int().min(2000).max(2100), source: z.enum(SOURCES), ...Amounts,
});
export type BudgetLineBody = z.infer<typeof BudgetLineBody>;
export const BudgetLineUpdate = z.strictObject({ ...Amounts, version: z.number().int().min(1) });
export type BudgetLineUpdate = z.infer<typeof BudgetLineUpdate>;
/** Deleting a line says why (kept in the audit log with the deleted amounts). */
export const BudgetLineDelete = z.strictObject({ version: z.number().int().min(1), reason: z.string().trim().min(3, 'Cần nêu lý do (tối thiểu 3 ký tự)').max(1000) });
export type BudgetLineDelete = z.infer<typeof BudgetLineDelete>;

export const BudgetQuery = z.strictObject({
  plan: z.string().trim().min(1).max(40).describe('Số kế hoạch, ví dụ 1144/KH-UBND'),
  year: z.coerce.number().int().min(2000).max(2100),
  format: z.enum(['json', 'xlsx']).default('json'),
});

export interface Amounts { planned: number; allocated: number; spent: number }

/** Spending above the allocation is possible (an advance, a late transfer) but must say why. */
export function overspendError(l: Amounts & { overspendReason?: string | null | undefined }): FieldError | null {
  return l.spent > l.allocated && !l.overspendReason?.trim() ? { field: 'overspendReason', message: 'Số đã chi vượt số được giao: cần nêu lý do' } : null;
}

/**
 * A line with spending recorded is part of the year's disbursement figures and is not deleted: a line entered by
 * mistake first has its spending set back to 0 (an audited edit), then goes.
 */
export function deleteRefusal(l: Pick<Amounts, 'spent'>): FieldError | null {
  return l.spent > 0 ? { field: 'spent', message: 'Dòng đã ghi số chi; hãy sửa số đã chi về 0 trước khi xóa' } : null;
}

/** Execution (disbursement) rate: spent over allocated, in percent with one decimal; null when nothing was allocated. */
export function executionRate(spent: number, allocated: number): number | null {
  return allocated === 0 ? null : Math.round((1000 * spent) / allocated) / 10;
}

export interface Totals extends Amounts { lines: number; executionRate: number | null }

function total(lines: readonly Amounts[]): Totals {
  const sum = (k: keyof Amounts) => lines.reduce((s, l) => s + l[k], 0);
  const t = { planned: sum('planned'), allocated: sum('allocated'), spent: sum('spent'), lines: lines.length };
  return { ...t, executionRate: executionRate(t.spent, t.allocated) };
}

/** Totals of each source (both always present, so a table shows "0 ₫" rather than a missing row) and overall. */
export function totalsBySource(lines: readonly (Amounts & { source: BudgetSource })[]) {
  return {
    bySource: SOURCES.map((source) => ({ source, label: SOURCE_LABELS[source], ...total(lines.filter((l) => l.source === source)) })),
    overall: total(lines),
  };
}
