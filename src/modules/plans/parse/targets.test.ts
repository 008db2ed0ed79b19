import { describe, expect, it } from 'vitest';
import { splitTargets, yearOf } from './targets.ts';

describe('splitTargets', () => {
  it('splits "…, trong đó có 40% …" and "…. Trong đó, 12% …" into two targets', () => {
    expect(splitTargets('100% các huyện đạt chuẩn mức độ 2, trong đó có 40% các huyện đạt chuẩn mức độ 3.').map((t) => [t.text, t.value])).toEqual([
      ['100% các huyện đạt chuẩn mức độ 2', 100], ['trong đó có 40% các huyện đạt chuẩn mức độ 3', 40],
    ]);
    expect(splitTargets('50% dân số được đào tạo. Trong đó, 12% dân số có trình độ đại học trở lên.').map((t) => t.text)).toEqual([
      '50% dân số được đào tạo', 'Trong đó, 12% dân số có trình độ đại học trở lên',
    ]);
  });

  it('keeps "trong đó" without a number inside one target', () => {
    expect(splitTargets('Duy trì chuẩn, trong đó chú trọng vùng sâu;')).toHaveLength(1);
  });

  it('reads percentages (with a decimal comma), counts with their unit, or no number', () => {
    expect(splitTargets('Tiếp tục duy trì 100% các huyện đạt chuẩn;')[0]).toMatchObject({ value: 100, unit: '%', subject: 'các huyện đạt chuẩn' });
    expect(splitTargets('12,5% người lao động có kỹ năng số')[0]).toMatchObject({ value: 12.5, unit: '%' });
    expect(splitTargets('Mở 1.200 lớp bồi dưỡng kỹ năng số')[0]).toMatchObject({ value: 1200, unit: 'lớp' });
    expect(splitTargets('Tỉnh được công nhận danh hiệu tỉnh học tập.')[0]).toMatchObject({ value: null, unit: null, subject: 'Tỉnh được công nhận danh hiệu tỉnh học tập' });
  });
});

describe('yearOf', () => {
  it('takes the year a heading aims at', () => {
    expect(yearOf('Mục tiêu đến năm 2025')).toBe(2025);
    expect(yearOf('Mục tiêu giai đoạn 2021-2025')).toBe(2025);
    expect(yearOf('Mục tiêu cụ thể')).toBeNull();
    expect(yearOf('50% dân số từ 15 tuổi trở lên')).toBeNull();
  });
});
