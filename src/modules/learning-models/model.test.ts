import { describe, expect, it } from 'vitest';
import { maskName, subjectFitsUnit } from './model.ts';

describe('maskName', () => {
  it('keeps the family name and initials the rest', () => {
    expect(maskName('Nguyễn Văn An')).toBe('Nguyễn V. A.');
    expect(maskName('  Đỗ   thị  Ánh ')).toBe('Đỗ T. Á.');
    expect(maskName('Lan')).toBe('Lan');
  });
});

describe('subjectFitsUnit', () => {
  it('puts residents in communes or hamlets and learning units in agencies, schools, enterprises', () => {
    expect(subjectFitsUnit('family', 'commune')).toBe(true);
    expect(subjectFitsUnit('family', 'school')).toBe(false);
    expect(subjectFitsUnit('citizen', 'school')).toBe(true); // staff recognised by their unit head
    expect(subjectFitsUnit('learning_unit', 'enterprise')).toBe(true);
    expect(subjectFitsUnit('learning_unit', 'commune')).toBe(false);
    expect(subjectFitsUnit('district', 'district')).toBe(true);
  });
});
