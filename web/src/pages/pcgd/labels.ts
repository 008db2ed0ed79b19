import type { PcgdDisability, PcgdEnrolled, PcgdNameListKind, PcgdRate, PcgdRateName, PcgdResidentStatus, PcgdStandard } from '../../api/types';
import { formatNumber } from '../../format';

/** Vietnamese names of the four standards of Nghị định 20/2014. */
export const STANDARD_LABELS: Record<PcgdStandard, string> = {
  preschool5: 'Phổ cập giáo dục mầm non cho trẻ em 5 tuổi',
  primary: 'Phổ cập giáo dục tiểu học',
  lowerSecondary: 'Phổ cập giáo dục trung học cơ sở',
  literacy: 'Xóa mù chữ',
};
export const STANDARD_SHORT: Record<PcgdStandard, string> = {
  preschool5: 'PCGD MN 5 tuổi',
  primary: 'PCGD tiểu học',
  lowerSecondary: 'PCGD THCS',
  literacy: 'Xóa mù chữ',
};
export const MAX_LEVEL: Record<PcgdStandard, number> = { preschool5: 1, primary: 3, lowerSecondary: 3, literacy: 2 };

/** "Đạt chuẩn" / "Chưa đạt" for preschool (one level), "Mức độ N" / "Chưa đạt" for the others. */
export function levelLabel(standard: PcgdStandard, level: number | null | undefined): string {
  if (level === null || level === undefined) return 'Chưa xác định';
  if (level <= 0) return 'Chưa đạt chuẩn';
  return standard === 'preschool5' ? 'Đạt chuẩn' : `Mức độ ${level}`;
}
export function levelColor(standard: PcgdStandard, level: number | null | undefined): string {
  if (level === null || level === undefined) return 'default';
  if (level <= 0) return 'red';
  return level >= MAX_LEVEL[standard] ? 'green' : level === 1 ? 'gold' : 'lime';
}

export const RATE_LABELS: Record<PcgdRateName, string> = {
  preschool5Attending: 'Trẻ 5 tuổi đi học mẫu giáo/tiểu học',
  preschool5Completed: 'Trẻ 5 tuổi hoàn thành chương trình giáo dục mầm non',
  grade1At6: 'Trẻ 6 tuổi vào lớp 1',
  primaryCompleted11to14: 'Trẻ 11–14 tuổi hoàn thành chương trình tiểu học',
  primaryCompleted11: 'Trẻ 11 tuổi hoàn thành chương trình tiểu học',
  lowerSecondaryDiploma15to18: 'Thanh thiếu niên 15–18 tuổi có bằng tốt nghiệp THCS',
  upperStudying15to18: 'Thanh thiếu niên 15–18 tuổi đang học THPT, GDTX hoặc giáo dục nghề nghiệp',
  literate1: 'Người trong độ tuổi đạt chuẩn biết chữ mức độ 1',
  literate2: 'Người trong độ tuổi đạt chuẩn biết chữ mức độ 2',
};

export const VERIFIED_LABELS = { V: 'đã đối chiếu văn bản', P: 'đối chiếu một phần', I: 'suy luận' } as const;

export const SEX_LABELS: Record<'M' | 'F', string> = { M: 'Nam', F: 'Nữ' };
export const STATUS_LABELS: Record<PcgdResidentStatus, string> = { present: 'Đang cư trú', moved_out: 'Đã chuyển đi', deceased: 'Đã mất' };
export const STATUS_COLORS: Record<PcgdResidentStatus, string> = { present: 'green', moved_out: 'default', deceased: 'default' };
export const DISABILITY_LABELS: Record<PcgdDisability, string> = {
  none: 'Không khuyết tật',
  can_learn: 'Khuyết tật, có khả năng học tập',
  cannot_learn: 'Khuyết tật, không có khả năng học tập',
};
export const ENROLLED_LABELS: Record<PcgdEnrolled, string> = {
  none: 'Không đi học',
  preschool: 'Mầm non',
  primary: 'Tiểu học',
  lower_secondary: 'Trung học cơ sở',
  upper_secondary: 'Trung học phổ thông',
  continuing_upper: 'GDTX cấp THPT',
  vocational: 'Giáo dục nghề nghiệp',
  higher: 'Cao đẳng, đại học',
};
/** Highest completed stage of the literacy programme (not the literacy standard itself, which also reads the grade). */
export const LITERACY_STAGE_LABELS: Record<number, string> = { 0: 'Không', 1: 'Giai đoạn 1', 2: 'Giai đoạn 2' };

export const NAME_LIST_LABELS: Record<PcgdNameListKind, string> = {
  'not-literate-2': 'Người 15–60 tuổi chưa biết chữ mức độ 2',
  'primary-11': 'Trẻ 11 tuổi chưa hoàn thành tiểu học, không đang học tiểu học',
  'no-diploma-15-18': 'Thanh thiếu niên 15–18 tuổi chưa có bằng THCS',
};

const percentFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** "45/50 (90,0%)"; an empty cohort reads "0/0 (không có người trong độ tuổi)". */
export function formatRate(r: PcgdRate | undefined): string {
  if (!r) return '—';
  if (r.den === 0) return '0/0 (không có người trong độ tuổi)';
  return `${formatNumber(r.num)}/${formatNumber(r.den)} (${percentFormat.format((100 * r.num) / r.den)}%)`;
}
export const formatPercent = (p: number) => `${percentFormat.format(p)}%`;

/** The survey year is the calendar year of the age convention: age = year − birth year. */
export const ageIn = (year: number, birthYear: number) => year - birthYear;

/** Years offered: the current year back to 2020 (demo data may exist for 2024 only). */
export function yearOptions(extra?: number): { value: number; label: string }[] {
  const now = new Date().getFullYear();
  const ys = new Set<number>(Array.from({ length: now - 2019 }, (_, i) => now - i));
  ys.add(2024);
  if (extra) ys.add(extra);
  return [...ys].sort((a, b) => b - a).map((y) => ({ value: y, label: String(y) }));
}
