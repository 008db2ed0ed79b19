import { describe, expect, it } from 'vitest';
import { dayBefore, referenceDate, resolveVersion, validOn, type UnitVersion } from './model.ts';

const old79: UnitVersion = { code: '79', kind: 'province', name: 'Thành phố Hồ Chí Minh (cũ)', validTo: '2025-06-30' };
const new79: UnitVersion = { code: '79', kind: 'province', name: 'Thành phố Hồ Chí Minh', validFrom: '2025-07-01' };
const versions = new Map([['79', [old79, new79]]]);

describe('unit validity', () => {
  it('is inclusive at both ends and open where the date is unknown', () => {
    expect(validOn(old79, '2025-06-30')).toBe(true);
    expect(validOn(old79, '2025-07-01')).toBe(false);
    expect(validOn(new79, '2025-07-01')).toBe(true);
    expect(validOn(new79, '2025-06-30')).toBe(false);
    expect(validOn(old79, '1976-07-02')).toBe(true);
  });

  it('resolves a reused code by the date of the reference', () => {
    expect(resolveVersion(versions, '79', '2020-08-27')).toBe(old79);
    expect(resolveVersion(versions, '79', '2026-01-01')).toBe(new79);
    expect(resolveVersion(versions, '80', '2026-01-01')).toBeUndefined();
  });

  it('reads a parent reference at the first day, or the last when the first is unknown', () => {
    expect(referenceDate(new79)).toBe('2025-07-01');
    expect(referenceDate(old79)).toBe('2025-06-30');
  });

  it('steps back across month and leap-year ends', () => {
    expect(dayBefore('2025-07-01')).toBe('2025-06-30');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2025-03-01')).toBe('2025-02-28');
    expect(dayBefore('2025-01-01')).toBe('2024-12-31');
  });
});
