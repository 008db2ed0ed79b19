import { describe, expect, it } from 'vitest';
import { balanceAfter, EntryBody } from './fund-model.ts';

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
});
