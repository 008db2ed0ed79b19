import { describe, expect, it } from 'vitest';
import { PUBLIC_MIN_COUNT, suppressSmallCounts } from './dashboard.ts';

describe('small counts of people on the public portal', () => {
  const f = (numerator: number, denominator: number) => ({ value: (numerator / denominator) * 100, numerator, denominator });
  it('hides a ratio whose numerator, denominator or remainder is 1–4 people', () => {
    expect(PUBLIC_MIN_COUNT).toBe(5);
    expect(suppressSmallCounts(f(4, 100), true)).toEqual({ value: null, numerator: null, denominator: null, suppressed: true });
    expect(suppressSmallCounts(f(3, 4), true).suppressed).toBe(true);
    expect(suppressSmallCounts(f(97, 100), true).suppressed).toBe(true); // 3 people without: readable back
  });
  it('shows 5 and more, zero, and anything that is not about people', () => {
    expect(suppressSmallCounts(f(5, 100), true)).toEqual({ ...f(5, 100), suppressed: false });
    expect(suppressSmallCounts(f(0, 100), true).suppressed).toBe(false);
    expect(suppressSmallCounts(f(95, 100), true).suppressed).toBe(false);
    expect(suppressSmallCounts(f(1, 3), false).suppressed).toBe(false); // e.g. 1 of 3 universities
  });
});
