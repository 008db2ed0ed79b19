import { describe, expect, it } from 'vitest';
import { promote } from './rollover.ts';

describe('year rollover (lên lớp)', () => {
  it('moves a pupil up one grade and on to the next level at its end', () => {
    expect(promote({ birthYear: 2015, enrolled: 'primary', highestGrade: 2 }, 2025)).toEqual({ birthYear: 2015, enrolled: 'primary', highestGrade: 3, changed: true });
    expect(promote({ birthYear: 2013, enrolled: 'primary', highestGrade: 4 }, 2025)).toMatchObject({ enrolled: 'lower_secondary', highestGrade: 5 });
    expect(promote({ birthYear: 2009, enrolled: 'lower_secondary', highestGrade: 8 }, 2025)).toMatchObject({ enrolled: 'upper_secondary', highestGrade: 9 });
    expect(promote({ birthYear: 2006, enrolled: 'upper_secondary', highestGrade: 11 }, 2025)).toMatchObject({ enrolled: 'none', highestGrade: 12 });
  });
  it('never passes the last grade of a level', () => {
    expect(promote({ birthYear: 2012, enrolled: 'primary', highestGrade: 5 }, 2025)).toMatchObject({ highestGrade: 5, enrolled: 'lower_secondary' });
  });
  it('starts primary for a 6-year-old in preschool, not for a 5-year-old', () => {
    expect(promote({ birthYear: 2019, enrolled: 'preschool', highestGrade: 0 }, 2025)).toMatchObject({ enrolled: 'primary', changed: true });
    expect(promote({ birthYear: 2020, enrolled: 'preschool', highestGrade: 0 }, 2025)).toMatchObject({ enrolled: 'preschool', changed: true });
  });
  it('leaves people out of school unchanged and confirmed', () => {
    expect(promote({ birthYear: 1980, enrolled: 'none', highestGrade: 9 }, 2025)).toEqual({ birthYear: 1980, enrolled: 'none', highestGrade: 9, changed: false });
  });
});
