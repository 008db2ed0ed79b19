import { describe, expect, it } from 'vitest';
import { balanceAfter, EntryBody, firstShortfall, signedAmount } from './fund-model.ts';

describe('study-promotion fund balance', () => {
  it('may be spent down to exactly zero, never below', () => {
    expect(balanceAfter(5_000_000, { kind: 'disbursement', amount: 5_000_000 })).toBe(0);
    expect(balanceAfter(5_000_000, { kind: 'disbursement', amount: 5_000_001 })).toBeNull();
    expect(balanceAfter(0, { kind: 'receipt', amount: 2_000_000 })).toBe(2_000_000);
  });

  it('names a pupil only on a disbursement, and takes whole positive đồng', () => {
    const e = { kind: 'receipt', date: '2026-09-05', amount: 1_000_000, description: 'Ủng hộ đầu năm học' };
    expect(EntryBody.safeParse(e).success).toBe(true);
    expect(EntryBody.safeParse({ ...e, pupil: { name: 'Nguyễn Văn An' } }).error!.issues[0]!.path).toEqual(['pupil']);
    expect(EntryBody.safeParse({ ...e, kind: 'disbursement', pupil: { name: 'Nguyễn Văn An' } }).success).toBe(true);
    expect(EntryBody.safeParse({ ...e, amount: 0 }).error!.issues[0]!.path).toEqual(['amount']);
    expect(EntryBody.safeParse({ ...e, amount: 99.5 }).error!.issues[0]!.path).toEqual(['amount']);
  });

  it('counts a reversing entry against its original', () => {
    expect(signedAmount({ kind: 'receipt', amount: 5, reversal: false })).toBe(5);
    expect(signedAmount({ kind: 'receipt', amount: 5, reversal: true })).toBe(-5);
    expect(signedAmount({ kind: 'disbursement', amount: 5, reversal: false })).toBe(-5);
    expect(signedAmount({ kind: 'disbursement', amount: 5, reversal: true })).toBe(5);
  });

  it('checks the balance day by day from the entry on, not only the total', () => {
    // 10 in on 01/09, 6 out on 10/09, 5 in on 20/09: total 9, but on 05/09 only 10 was there and 4 after 10/09.
    const days = [{ date: '2026-09-01', net: 10 }, { date: '2026-09-10', net: -6 }, { date: '2026-09-20', net: 5 }];
    expect(firstShortfall(days, { date: '2026-09-25', net: -9 })).toBeNull(); // exactly zero on the last day
    expect(firstShortfall(days, { date: '2026-09-25', net: -10 })).toEqual({ date: '2026-09-25', balance: -1 });
    // Back-dated: 5 on 05/09 leaves 5 then, but −1 after the payment of 10/09.
    expect(firstShortfall(days, { date: '2026-09-05', net: -5 })).toEqual({ date: '2026-09-10', balance: -1 });
    expect(firstShortfall(days, { date: '2026-09-05', net: -4 })).toBeNull();
    // Same day as an existing entry: end-of-day balances.
    expect(firstShortfall(days, { date: '2026-09-10', net: -4 })).toBeNull();
    expect(firstShortfall(days, { date: '2026-09-10', net: -5 })).toEqual({ date: '2026-09-10', balance: -1 });
    // Before any money came in, and money in never fails.
    expect(firstShortfall(days, { date: '2026-08-31', net: -1 })).toEqual({ date: '2026-08-31', balance: -1 });
    expect(firstShortfall([], { date: '2026-08-31', net: 1 })).toBeNull();
  });
});
