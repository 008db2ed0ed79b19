/**
 * A deterministic synthetic province for the universal-education benchmark: ~90 communes in 9 districts, households
 * of 3–5, a Vietnamese age pyramid (GSO 2019 census shape: wide 20–50, thin above 70) and schooling that fits each
 * age, with commune-to-commune variation (some communes especially difficult, some below the thresholds) so that the
 * engine has every level to decide. Same seed, same province. Rows are the import file's rows (register-file.ts),
 * so the server's own importRegister takes them; the same people are also returned as typed columns for the
 * DuckDB and typed-array comparisons.
 */
import type { CommuneRow, Enrolled, ResidentRow } from '../src/modules/universal-education/register-file.ts';
import { ENROLLED } from '../src/modules/universal-education/rule-set.ts';

export const SURVEY_YEAR = 2024;
export const PROVINCE = { code: '99', name: 'Tỉnh Mô Phỏng' };

/** mulberry32: small, fast, good enough for synthetic data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Share of the population by five-year age group 0–4 … 95–99 (Vietnam, census 2019 shape, rounded). */
const PYRAMID = [7.3, 8.0, 7.6, 6.9, 6.9, 7.6, 8.3, 8.1, 7.6, 7.0, 6.3, 5.6, 4.7, 3.6, 2.3, 1.5, 1.0, 0.6, 0.3, 0.1];

const FAMILY = [['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Huỳnh', 4], ['Phan', 4], ['Vũ', 3.9], ['Võ', 3.5], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Trương', 1.2], ['Đinh', 1], ['Lâm', 0.8], ['Mai', 0.6]] as const;
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Gia', 'Hoàng', 'Xuân'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thanh', 'Thu', 'Bích', 'Minh', 'Hồng', 'Kim', 'Mỹ', 'Phương'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khang', 'Khoa', 'Long', 'Lộc', 'Nam', 'Nghĩa', 'Phúc', 'Quân', 'Sơn', 'Tài', 'Thắng', 'Thịnh', 'Trung', 'Tuấn', 'Việt', 'Vinh'];
const GIVEN_F = ['Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'My', 'Ngân', 'Nhung', 'Oanh', 'Phượng', 'Quyên', 'Thảo', 'Thủy', 'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Yến'];

export interface Columns {
  /** index into `communes` */
  commune: Uint8Array;
  birthYear: Uint16Array;
  /** 0 present, 1 moved_out, 2 deceased */
  status: Uint8Array;
  /** 0 none, 1 can_learn, 2 cannot_learn */
  disability: Uint8Array;
  /** index into ENROLLED */
  enrolled: Uint8Array;
  grade: Uint8Array;
  diploma: Uint8Array;
  preschool: Uint8Array;
  literacy: Uint8Array;
}

export interface Province {
  year: number;
  communes: CommuneRow[];
  residents: ResidentRow[];
  columns: Columns;
  households: number;
}

const STATUSES = ['present', 'moved_out', 'deceased'] as const;
const DISABILITIES = ['none', 'can_learn', 'cannot_learn'] as const;
const ENROLLED_INDEX = new Map<Enrolled, number>(ENROLLED.map((e, i) => [e, i]));

interface Schooling { enrolled: Enrolled; grade: number; diploma: boolean; preschool: boolean; literacy: 0 | 1 | 2 }

/** Schooling of a person of age `a` in a commune of quality q ∈ [0, 1] (higher: better schooled); `ed`: especially difficult. */
function schooling(a: number, q: number, ed: boolean, r: () => number): Schooling {
  const p = (normal: number, difficult: number) => Math.min(0.999, ed ? difficult : normal);
  const s: Schooling = { enrolled: 'none', grade: 0, diploma: false, preschool: false, literacy: 0 };
  if (a < 3) return s;
  if (a <= 4) { if (r() < 0.72 + 0.22 * q) s.enrolled = 'preschool'; return s; }
  if (a === 5) {
    if (r() < p(0.935 + 0.06 * q, 0.86 + 0.1 * q)) s.enrolled = r() < 0.01 ? 'primary' : 'preschool';
    s.preschool = r() < p(0.83 + 0.15 * q, 0.76 + 0.16 * q);
    return s;
  }
  s.preschool = r() < (a <= 20 ? 0.96 : a <= 35 ? 0.6 : 0.15);
  if (a === 6) {
    if (r() < p(0.945 + 0.05 * q, 0.9 + 0.08 * q)) s.enrolled = 'primary';
    else if (r() < 0.5) s.enrolled = 'preschool';
    return s;
  }
  if (a <= 10) {
    s.enrolled = r() < 0.997 ? 'primary' : 'none';
    s.grade = r() < 0.95 + 0.04 * q ? a - 6 : a - 7;
    return s;
  }
  if (a === 11) {
    if (r() < p(0.86 + 0.12 * q, 0.74 + 0.16 * q)) { s.grade = 5; s.enrolled = 'lower_secondary'; }
    else { s.grade = 4; s.enrolled = r() < 0.9 + 0.09 * q ? 'primary' : 'none'; }
    return s;
  }
  if (a <= 14) {
    s.grade = r() < 0.92 + 0.07 * q ? a - 6 : a - 7 - (r() < 0.1 ? 1 : 0);
    s.enrolled = r() < 0.975 ? (s.grade >= 5 ? 'lower_secondary' : 'primary') : 'none';
    return s;
  }
  if (a <= 18) {
    const diplomaRate = p(0.86 + 0.13 * q, 0.72 + 0.2 * q);
    const studyingRate = p(0.76 + 0.2 * q, 0.62 + 0.22 * q);
    if (r() < diplomaRate) {
      s.diploma = true;
      if (r() < Math.min(1, studyingRate / diplomaRate)) {
        const kind = r();
        s.enrolled = kind < 0.8 ? 'upper_secondary' : kind < 0.88 ? 'continuing_upper' : 'vocational';
        s.grade = Math.min(11, a - 6);
        if (a === 18 && r() < 0.55) { s.grade = 12; s.enrolled = r() < 0.5 ? 'higher' : r() < 0.5 ? 'vocational' : 'none'; }
      } else {
        s.grade = 9;
      }
    } else {
      s.grade = a === 15 && r() < 0.6 ? 8 : 6 + Math.floor(r() * 4);
      s.enrolled = a === 15 && s.grade === 8 ? 'lower_secondary' : 'none';
    }
    return s;
  }
  // Adults: highest grade skewed to 12 and 9, older cohorts less schooled; a few per cent not literate.
  const [g12, g9, g58, g34] = a <= 24 ? [0.6, 0.25, 0.11, 0.02] : a <= 34 ? [0.5, 0.28, 0.15, 0.04] : a <= 44 ? [0.38, 0.32, 0.2, 0.05] : a <= 60 ? [0.28, 0.3, 0.28, 0.07] : [0.15, 0.22, 0.35, 0.12];
  const low = (1 - g12 - g9 - g58 - g34) * (1.1 - 0.6 * q) * (ed ? 2.5 : 1);
  const total = g12 + g9 + g58 + g34 + low;
  const x = r() * total;
  if (x < g12) s.grade = 12;
  else if (x < g12 + g9) s.grade = 9;
  else if (x < g12 + g9 + g58) s.grade = 5 + Math.floor(r() * 4);
  else if (x < g12 + g9 + g58 + g34) s.grade = 3 + Math.floor(r() * 2);
  else {
    s.grade = Math.floor(r() * 3);
    const l = r();
    s.literacy = l < 0.55 ? 0 : l < 0.8 ? 1 : 2; // some went through the literacy programme
  }
  s.diploma = s.grade >= 9 && r() < 0.96;
  if (a <= 24 && s.grade === 12) s.enrolled = r() < 0.45 ? 'higher' : r() < 0.2 ? 'vocational' : 'none';
  else if (a <= 30 && r() < 0.03) s.enrolled = 'vocational';
  return s;
}

function pick<T>(list: readonly T[], r: () => number): T { return list[Math.floor(r() * list.length)]!; }

export function generateProvince(residents: number, seed = 20_14): Province {
  const r = prng(seed);
  const year = SURVEY_YEAR;
  const DISTRICTS = 9;
  const communes: CommuneRow[] = [];
  const quality: number[] = [];
  const weights: number[] = [];
  for (let d = 0; d < DISTRICTS; d++) {
    const districtCode = `99${d}`;
    const urban = d === 0;
    const count = 8 + Math.floor(r() * 5); // 8–12 communes → ~90 in all
    for (let c = 0; c < count; c++) {
      const n = communes.length + 1;
      const ed = !urban && r() < 0.14;
      communes.push({
        communeCode: `99${String(n).padStart(3, '0')}`, communeName: `${urban ? 'Phường' : 'Xã'} Mô Phỏng ${n}`,
        districtCode, districtName: urban ? 'Thành phố Mô Phỏng' : `Huyện Mô Phỏng ${d + 1}`,
        provinceCode: PROVINCE.code, provinceName: PROVINCE.name, especiallyDifficult: ed,
      });
      quality.push(ed ? r() * 0.6 : Math.min(1, 0.25 + r() * 0.85));
      weights.push((urban ? 1.6 : 1) * (0.5 + r()));
    }
  }
  const cumulative: number[] = [];
  PYRAMID.reduce((s, w, i) => (cumulative[i] = s + w), 0);
  const pyramidTotal = cumulative[cumulative.length - 1]!;
  const age = (minAge: number, maxAge = 99) => {
    for (;;) {
      const x = r() * pyramidTotal;
      let g = 0;
      while (cumulative[g]! < x) g++;
      const a = g * 5 + Math.floor(r() * 5);
      if (a >= minAge && a <= maxAge) return a;
    }
  };

  const columns: Columns = {
    commune: new Uint8Array(residents), birthYear: new Uint16Array(residents), status: new Uint8Array(residents), disability: new Uint8Array(residents),
    enrolled: new Uint8Array(residents), grade: new Uint8Array(residents), diploma: new Uint8Array(residents), preschool: new Uint8Array(residents), literacy: new Uint8Array(residents),
  };
  const rows: ResidentRow[] = new Array(residents);
  const weightTotal = weights.reduce((s, w) => s + w, 0);
  let i = 0;
  let households = 0;
  for (let c = 0; c < communes.length; c++) {
    const commune = communes[c]!;
    const target = c === communes.length - 1 ? residents : Math.min(residents, i + Math.round((residents * weights[c]!) / weightTotal));
    const hamlets = 6 + Math.floor(r() * 10);
    const hamletWord = commune.communeName.startsWith('Phường') ? 'Khu phố' : 'Thôn';
    const hamletNames = Array.from({ length: hamlets }, (_, h) => `${hamletWord} ${h + 1}`);
    let serial = 0;
    let household = 0;
    while (i < target) {
      household++;
      households++;
      const size = 3 + Math.floor(r() * 3);
      const hamlet = pick(hamletNames, r);
      const householdId = `${commune.communeCode}-H${String(household).padStart(6, '0')}`;
      const family = familyName(r);
      for (let m = 0; m < size && i < target; m++) {
        // a head (20+), a partner (18+), then children or other relatives: the province's pyramid overall
        const a = m === 0 ? age(20) : m === 1 ? age(18) : r() < 0.55 ? age(0, 19) : age(0);
        const sex = r() < 0.51 ? 'F' : 'M';
        const s = schooling(a, quality[c]!, commune.especiallyDifficult, r);
        const statusDraw = r();
        const status = statusDraw < (a >= 60 ? 0.02 : 0.002) ? 2 : statusDraw < (a >= 18 && a <= 40 ? 0.035 : 0.012) ? 1 : 0;
        const disDraw = r();
        const disability = disDraw < 0.003 ? 2 : disDraw < 0.011 ? 1 : 0;
        serial++;
        rows[i] = {
          residentId: `${commune.communeCode}-${String(serial).padStart(7, '0')}`, householdId, communeCode: commune.communeCode, hamlet,
          fullName: `${m === 1 && r() < 0.8 ? familyName(r) : family} ${pick(sex === 'F' ? MIDDLE_F : MIDDLE_M, r)} ${pick(sex === 'F' ? GIVEN_F : GIVEN_M, r)}`,
          sex, birthYear: year - a, status: STATUSES[status]!, disability: DISABILITIES[disability]!, enrolled: s.enrolled, highestGrade: s.grade,
          lowerSecondaryDiploma: s.diploma, preschoolCompleted: s.preschool, literacyStage: s.literacy,
        };
        columns.commune[i] = c; columns.birthYear[i] = year - a; columns.status[i] = status; columns.disability[i] = disability;
        columns.enrolled[i] = ENROLLED_INDEX.get(s.enrolled)!; columns.grade[i] = s.grade; columns.diploma[i] = s.diploma ? 1 : 0;
        columns.preschool[i] = s.preschool ? 1 : 0; columns.literacy[i] = s.literacy;
        i++;
      }
    }
  }
  return { year, communes, residents: rows, columns, households };
}

const FAMILY_TOTAL = FAMILY.reduce((s, [, w]) => s + w, 0);
function familyName(r: () => number): string {
  let x = r() * FAMILY_TOTAL;
  for (const [name, w] of FAMILY) { if ((x -= w) < 0) return name; }
  return FAMILY[0][0];
}
