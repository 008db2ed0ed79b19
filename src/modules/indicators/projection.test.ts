import { describe, expect, it } from 'vitest';
import { linearTrend, project } from './projection.ts';

const pts = (...v: [number, number][]) => v.map(([year, value]) => ({ year, value }));
const target2025 = { year: 2025, value: 50, comparator: '>=' as const };

describe('trend projection to a target year', () => {
  it('fits a least-squares line', () => {
    expect(linearTrend(pts([2020, 10], [2021, 12], [2022, 14]), 2025)).toBeCloseTo(20, 9);
  });
  it('is on track when the trend reaches the target', () => {
    const p = project(pts([2021, 30], [2022, 35], [2023, 40], [2024, 45]), target2025);
    expect(p.outlook).toBe('on_track');
    expect(p.projected).toBeCloseTo(50, 9);
    expect(p.progress).toBeCloseTo(75, 9); // 30 → 45 of 30 → 50
  });
  it('is at risk within 10 % of the target, off track beyond', () => {
    expect(project(pts([2022, 40], [2023, 42], [2024, 44]), target2025).outlook).toBe('at_risk'); // 46 ≥ 45
    expect(project(pts([2022, 40], [2023, 41], [2024, 42]), target2025).outlook).toBe('off_track'); // 43 < 45
  });
  it('judges a past target year by its own value', () => {
    expect(project(pts([2024, 40], [2025, 50], [2026, 45]), target2025).outlook).toBe('achieved');
    expect(project(pts([2024, 40], [2025, 49.9]), target2025).outlook).toBe('missed');
  });
  it('judges by the latest value when the target year has no value but is past', () => {
    expect(project(pts([2023, 40], [2026, 52]), target2025).outlook).toBe('achieved');
  });
  it('needs two years for a trend, but one value already reaching the target is on track', () => {
    expect(project(pts([2024, 40]), target2025).outlook).toBe('no_trend');
    expect(project(pts([2024, 55]), target2025).outlook).toBe('on_track');
    expect(project([], target2025).outlook).toBe('no_data');
  });
  it('mirrors the rule for an at-most target', () => {
    expect(project(pts([2022, 12], [2023, 10], [2024, 8]), { year: 2025, value: 6, comparator: '<=' }).outlook).toBe('on_track');
    expect(project(pts([2022, 12], [2023, 12], [2024, 12]), { year: 2025, value: 6, comparator: '<=' }).outlook).toBe('off_track');
  });
  it('uses only the latest five years', () => {
    // An old collapse in 2015 does not drag the trend: the last five years rise steadily to 48 in 2024.
    const series = pts([2015, 0], [2020, 40], [2021, 42], [2022, 44], [2023, 46], [2024, 48]);
    expect(project(series, target2025).projected).toBeCloseTo(50, 9);
  });
  it('keeps the projection within the possible range', () => {
    const rising = pts([2022, 80], [2023, 90], [2024, 100]);
    expect(project(rising, { year: 2026, value: 100, comparator: '>=' }, { min: 0, max: 100 }).projected).toBe(100);
    expect(project(rising, { year: 2026, value: 100, comparator: '>=' }).projected).toBeCloseTo(120, 9);
    expect(project(pts([2022, 20], [2023, 10], [2024, 0]), { year: 2026, value: 5, comparator: '<=' }).projected).toBe(0);
  });
});
