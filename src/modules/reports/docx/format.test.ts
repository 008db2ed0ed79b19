import { describe, expect, it } from 'vitest';
import { bodyAbbreviation, formatVnNumber, placeName, vnDateLine } from './format.ts';

describe('official Vietnamese writing', () => {
  it('writes numbers as 1.234,5 with the indicator’s decimals', () => {
    expect(formatVnNumber(1234.5, 1)).toBe('1.234,5');
    expect(formatVnNumber(1234567, 0)).toBe('1.234.567');
    expect(formatVnNumber(40, 1)).toBe('40,0');
    expect(formatVnNumber(null)).toBe('—');
  });

  it('pads days below 10 and the months 1 and 2 only', () => {
    expect(vnDateLine('2026-11-23')).toBe('ngày 23 tháng 11 năm 2026');
    expect(vnDateLine('2026-02-05')).toBe('ngày 05 tháng 02 năm 2026');
    expect(vnDateLine('2026-03-09')).toBe('ngày 09 tháng 3 năm 2026');
  });

  it('names the place and abbreviates the issuing body', () => {
    expect(placeName('Tỉnh Bình Dương')).toBe('Bình Dương');
    expect(placeName('Thành phố Hồ Chí Minh')).toBe('Thành phố Hồ Chí Minh');
    expect(bodyAbbreviation({ kind: 'agency', name: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', shortName: 'Sở GDĐT' })).toBe('SGDĐT');
    expect(bodyAbbreviation({ kind: 'district', name: 'Huyện Dầu Tiếng', shortName: null })).toBe('UBND');
  });
});
