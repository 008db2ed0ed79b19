import { describe, expect, it } from 'vitest';
import { BudgetLineBody, BudgetLineDelete, deleteRefusal, executionRate, overspendError, totalsBySource } from './model.ts';

const line = { taskId: '1', unitId: '2', year: 2026, source: 'state' as const, planned: 100_000_000, allocated: 80_000_000, spent: 60_000_000 };

describe('budget amounts (whole đồng, never negative)', () => {
  it('accepts whole non-negative amounts, zero included', () => {
    expect(BudgetLineBody.safeParse({ ...line, spent: 0 }).success).toBe(true);
  });
  it('refuses a negative or fractional amount, naming the field', () => {
    const neg = BudgetLineBody.safeParse({ ...line, planned: -1 });
    expect(neg.success).toBe(false);
    expect(neg.error!.issues[0]!.path).toEqual(['planned']);
    const frac = BudgetLineBody.safeParse({ ...line, allocated: 1500.5 });
    expect(frac.error!.issues[0]!.path).toEqual(['allocated']);
  });
});

describe('spending above the allocation', () => {
  it('is fine up to exactly the allocation without a reason', () => {
    expect(overspendError({ planned: 0, allocated: 80, spent: 80 })).toBeNull();
  });
  it('needs a reason one đồng above it', () => {
    expect(overspendError({ planned: 0, allocated: 80, spent: 81 })).toMatchObject({ field: 'overspendReason' });
    expect(overspendError({ planned: 0, allocated: 80, spent: 81, overspendReason: '   ' })).toMatchObject({ field: 'overspendReason' });
    expect(overspendError({ planned: 0, allocated: 80, spent: 81, overspendReason: 'Tạm ứng theo Quyết định 12/QĐ-UBND' })).toBeNull();
  });
});

describe('execution rate and totals', () => {
  it('is spent over allocated to one decimal, null when nothing was allocated', () => {
    expect(executionRate(60_000_000, 80_000_000)).toBe(75);
    expect(executionRate(1, 3)).toBe(33.3);
    expect(executionRate(2, 3)).toBe(66.7);
    expect(executionRate(0, 0)).toBeNull();
  });

  it('adds up each source, keeps an empty source at zero, and totals both', () => {
    const t = totalsBySource([
      { source: 'state', planned: 100, allocated: 80, spent: 60 },
      { source: 'state', planned: 50, allocated: 20, spent: 20 },
      { source: 'mobilised', planned: 30, allocated: 0, spent: 0 },
    ]);
    expect(t.bySource).toEqual([
      { source: 'state', label: 'Ngân sách nhà nước', planned: 150, allocated: 100, spent: 80, lines: 2, executionRate: 80 },
      { source: 'mobilised', label: 'Xã hội hóa', planned: 30, allocated: 0, spent: 0, lines: 1, executionRate: null },
    ]);
    expect(t.overall).toEqual({ planned: 180, allocated: 100, spent: 80, lines: 3, executionRate: 80 });
    expect(totalsBySource([]).bySource.map((s) => s.planned)).toEqual([0, 0]);
  });
});

describe('deleting a line', () => {
  it('is allowed while nothing is spent and refused from the first đồng spent, naming the field', () => {
    expect(deleteRefusal({ spent: 0 })).toBeNull();
    expect(deleteRefusal({ spent: 1 })).toMatchObject({ field: 'spent' });
  });
  it('needs a version and a reason of at least 3 characters', () => {
    expect(BudgetLineDelete.safeParse({ version: 1, reason: 'Nhập trùng' }).success).toBe(true);
    expect(BudgetLineDelete.safeParse({ version: 1, reason: '  ab ' }).error!.issues[0]!.path).toEqual(['reason']);
    expect(BudgetLineDelete.safeParse({ reason: 'Nhập trùng' }).error!.issues[0]!.path).toEqual(['version']);
  });
});
