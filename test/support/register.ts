/** Small, hand-countable register files in the import format of standards-spec.md. */
export interface Person {
  id: string; household: string; commune: string; hamlet?: string; name: string; sex?: 'M' | 'F'; birthYear: number;
  status?: 'present' | 'moved_out' | 'deceased'; disability?: 'none' | 'can_learn' | 'cannot_learn'; enrolled?: string;
  grade: number; diploma?: 0 | 1; preschool?: 0 | 1; literacy?: 0 | 1 | 2;
}

export const COMMUNES_HEADER = 'commune_code,commune_name,district_code,district_name,province_code,province_name,especially_difficult';
export const RESIDENTS_HEADER = 'resident_id,household_id,commune_code,hamlet,full_name,sex,birth_year,status,disability,enrolled,highest_grade,lower_secondary_diploma,preschool_completed,literacy_stage';

export function communesCsv(rows: [code: string, name: string, district: string, districtName: string, province: string, provinceName: string, ed: 0 | 1][]): string {
  return [COMMUNES_HEADER, ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

export function residentsCsv(people: Person[]): string {
  return [RESIDENTS_HEADER, ...people.map((p) => [
    p.id, p.household, p.commune, p.hamlet ?? '', p.name, p.sex ?? 'M', p.birthYear, p.status ?? 'present', p.disability ?? 'none',
    p.enrolled ?? 'none', p.grade, p.diploma ?? 0, p.preschool ?? 0, p.literacy ?? 0,
  ].join(','))].join('\n') + '\n';
}

/**
 * Phường 1 (25456, old Tây Ninh city 703) in 2024: 12 counted people aged 15–60, 11 of them literate at level 2
 * (A10 is not); two 16-year-olds, one without the diploma (B2); one 11-year-old out of primary school (C1);
 * a deceased person and one who cannot learn, counted nowhere. Phường 3 (25459): three literate adults.
 */
export function sampleRegister(): { communes: string; residents: string } {
  const people: Person[] = [];
  for (let i = 1; i <= 9; i++) people.push({ id: `A${i}`, household: `H${Math.ceil(i / 3)}`, commune: '25456', hamlet: 'Khu phố 1', name: `Người lớn ${i}`, birthYear: 1994, grade: 9, diploma: 1 });
  people.push({ id: 'A10', household: 'H4', commune: '25456', hamlet: 'Khu phố 2', name: 'Nguyễn Văn Mười', birthYear: 1994, grade: 2 });
  people.push({ id: 'B1', household: 'H4', commune: '25456', hamlet: 'Khu phố 2', name: 'Trần Thị Một', sex: 'F', birthYear: 2008, grade: 9, diploma: 1, enrolled: 'upper_secondary' });
  people.push({ id: 'B2', household: 'H5', commune: '25456', hamlet: 'Khu phố 2', name: 'Lê Văn Hai', birthYear: 2008, grade: 8, enrolled: 'lower_secondary' });
  people.push({ id: 'C1', household: 'H5', commune: '25456', hamlet: 'Khu phố 2', name: 'Lê Văn Ba', birthYear: 2013, grade: 4 });
  people.push({ id: 'D1', household: 'H6', commune: '25456', name: 'Đã mất', birthYear: 1994, grade: 0, status: 'deceased' });
  people.push({ id: 'D2', household: 'H6', commune: '25456', name: 'Không có khả năng học', birthYear: 1994, grade: 0, disability: 'cannot_learn' });
  for (let i = 1; i <= 3; i++) people.push({ id: `E${i}`, household: 'K1', commune: '25459', name: `Cư dân ${i}`, birthYear: 1980, grade: 12, diploma: 1 });
  return {
    communes: communesCsv([
      ['25456', 'Phường 1', '703', 'Thành phố Tây Ninh', '72', 'Tỉnh Tây Ninh', 0],
      ['25459', 'Phường 3', '703', 'Thành phố Tây Ninh', '72', 'Tỉnh Tây Ninh', 0],
    ]),
    residents: residentsCsv(people),
  };
}
