import { beforeAll, describe, expect, it } from 'vitest';
import { readPlanFiles } from '../plans/load.ts';
import { checkCatalogue, readCatalogueFiles, type Catalogue, type PlanRef } from './catalogue.ts';

let raw: { catalogue: unknown; targets: unknown };
let plans: PlanRef[];
let catalogue: Catalogue;

beforeAll(async () => {
  raw = await readCatalogueFiles();
  plans = await readPlanFiles();
  const checked = checkCatalogue(raw, plans);
  if (!checked.ok) throw new Error(checked.problems.join('\n'));
  catalogue = checked.catalogue;
});

/** The problems of a copy of the shipped files changed by `mutate` (the YAML as plain objects). */
function problemsAfter(mutate: (c: any, t: any) => void): string[] {
  const copy = structuredClone(raw) as { catalogue: any; targets: any };
  mutate(copy.catalogue, copy.targets);
  const checked = checkCatalogue(copy, plans);
  return checked.ok ? [] : checked.problems;
}
const group = (t: any, document: string) => t.documents.find((g: any) => g.document === document);

describe('the shipped catalogue', () => {
  it('parses, and every element belongs to exactly one data set', () => {
    const codes = catalogue.dataSets.flatMap((ds) => ds.elements.map((e) => e.code));
    expect(new Set(codes).size).toBe(codes.length);
    expect(catalogue.dataSets.map((d) => [d.code, d.periodType, d.unitKinds, d.deadlineDays])).toEqual([
      ['LS_COMMUNE_YEAR', 'year', ['commune'], -30],
      ['LS_DISTRICT_YEAR', 'year', ['district'], -30],
      ['LS_PROVINCE_YEAR', 'year', ['province'], -82],
      ['LS_INSTITUTIONS', 'schoolYear', ['agency'], 30],
    ]);
  });

  // Every target of KH 1144/KH-UBND II.2 a) and b): indicator, year, value (level 2 → 2, yes/no → 1).
  const EXPECTED_1144: Record<string, [string, number, number]> = {
    'II.2.a.1': ['LITERACY_LEVEL', 2025, 2], 'II.2.a.2': ['PRESCHOOL5_LEVEL', 2025, 1], 'II.2.a.3': ['LITERACY_L2_SHARE', 2025, 100],
    'II.2.a.4': ['PRIMARY_L3_SHARE', 2025, 100], 'II.2.a.5': ['LOWER_SECONDARY_L2_SHARE', 2025, 100], 'II.2.a.6': ['LOWER_SECONDARY_L3_SHARE', 2025, 40],
    'II.2.a.7': ['INFO_LITERACY_RATE', 2025, 50], 'II.2.a.8': ['LIFE_SKILLS_RATE', 2025, 50], 'II.2.a.9': ['TECH_QUALIFIED_RATE', 2025, 50],
    'II.2.a.10': ['UNIVERSITY_RATE', 2025, 12], 'II.2.a.11': ['DIGITAL_UNIVERSITY_RATE', 2025, 70], 'II.2.a.12': ['DIGITAL_INSTITUTION_RATE', 2025, 60],
    'II.2.a.13': ['CLC_IT_RATE', 2025, 70], 'II.2.a.14': ['LEARNING_CITIZEN_RATE', 2025, 40], 'II.2.a.15': ['LEARNING_DISTRICT_SHARE', 2025, 25],
    'II.2.b.1': ['LITERACY_LEVEL', 2030, 2], 'II.2.b.2': ['PRESCHOOL4_PROVINCE', 2030, 1], 'II.2.b.3': ['LITERACY_L2_SHARE', 2030, 100],
    'II.2.b.4': ['PRIMARY_L3_SHARE', 2030, 100], 'II.2.b.5': ['LOWER_SECONDARY_L2_SHARE', 2030, 100], 'II.2.b.6': ['LOWER_SECONDARY_L3_SHARE', 2030, 50],
    'II.2.b.7': ['INFO_LITERACY_RATE', 2030, 70], 'II.2.b.8': ['LIFE_SKILLS_RATE', 2030, 70], 'II.2.b.9': ['TECH_QUALIFIED_RATE', 2030, 60],
    'II.2.b.10': ['UNIVERSITY_RATE', 2030, 15], 'II.2.b.11': ['DIGITAL_UNIVERSITY_RATE', 2030, 90], 'II.2.b.12': ['DIGITAL_INSTITUTION_RATE', 2030, 80],
    'II.2.b.13': ['CLC_IT_RATE', 2030, 90], 'II.2.b.14': ['LEARNING_CITIZEN_RATE', 2030, 60], 'II.2.b.15': ['LEARNING_DISTRICT_SHARE', 2030, 50],
    'II.2.b.16': ['LEARNING_PROVINCE', 2030, 1],
  };

  it('encodes every target of 1144/KH-UBND II.2 for Bình Dương (74) as on 16/03/2022, verbatim and verified', () => {
    const planCodes = plans.find((p) => p.slug === 'binh-duong-1144-2022')!.plan.targets.map((t) => t.code);
    expect(Object.keys(EXPECTED_1144).sort()).toEqual([...planCodes].sort());
    const mine = catalogue.targets.filter((t) => t.document === '1144/KH-UBND');
    // II.2.a.13 / II.2.b.13 are also measured from the centres' register (CLC_IT_SHARE), beside the reported CLC_IT_RATE.
    const registry = mine.filter((t) => t.indicator === 'CLC_IT_SHARE');
    expect(registry.map((t) => [t.clause, t.year, t.value])).toEqual([['II.2.a.13', 2025, 70], ['II.2.b.13', 2030, 90]]);
    expect(Object.fromEntries(mine.filter((t) => t.indicator !== 'CLC_IT_SHARE').map((t) => [t.clause, [t.indicator, t.year, t.value]]))).toEqual(EXPECTED_1144);
    for (const t of mine) {
      expect(t).toMatchObject({ plan: 'binh-duong-1144-2022', unit: { code: '74', at: '2022-03-16' }, comparator: '>=', verified: 'V' });
    }
  });

  it('encodes the national targets of QĐ 1373/QĐ-TTg without a unit, and none that legal-rules marks as not read', () => {
    const national = catalogue.targets.filter((t) => t.document === '1373/QĐ-TTg');
    expect(national.every((t) => t.unit === null && t.plan === null)).toBe(true);
    const byKey = Object.fromEntries(national.map((t) => [`${t.indicator} ${t.year}`, [t.value, t.verified]]));
    expect(byKey).toEqual({
      'LITERACY_L2_SHARE 2025': [70, 'V'], 'LITERACY_L2_SHARE 2030': [90, 'V'],
      'PRESCHOOL_MG_SHARE 2025': [70, 'V'], 'PRESCHOOL_MG_SHARE 2030': [100, 'V'],
      'PRIMARY_L3_SHARE 2025': [50, 'V'], 'PRIMARY_L3_SHARE 2030': [70, 'V'],
      'LOWER_SECONDARY_L2_SHARE 2025': [100, 'V'],
      'LOWER_SECONDARY_L3_SHARE 2025': [20, 'V'], 'LOWER_SECONDARY_L3_SHARE 2030': [40, 'V'],
      'INFO_LITERACY_RATE 2025': [50, 'V'], 'INFO_LITERACY_RATE 2030': [70, 'V'],
      'LIFE_SKILLS_RATE 2025': [50, 'V'], 'LIFE_SKILLS_RATE 2030': [70, 'V'],
      'TECH_QUALIFIED_RATE 2025': [50, 'V'], 'TECH_QUALIFIED_RATE 2030': [60, 'V'],
      'UNIVERSITY_RATE 2025': [12, 'V'], 'UNIVERSITY_RATE 2030': [15, 'V'],
      'DIGITAL_UNIVERSITY_RATE 2025': [70, 'V'], 'DIGITAL_UNIVERSITY_RATE 2030': [90, 'V'],
      'DIGITAL_INSTITUTION_RATE 2025': [60, 'V'], 'DIGITAL_INSTITUTION_RATE 2030': [80, 'V'],
      'CLC_IT_RATE 2025': [70, 'V'],
      'LEARNING_CITIZEN_RATE 2025': [40, 'V'], 'LEARNING_CITIZEN_RATE 2030': [60, 'V'],
      'LEARNING_DISTRICT_SHARE 2030': [50, 'P'],
      'LEARNING_PROVINCE_SHARE 2030': [35, 'P'],
    });
    // A value found outside legal-rules says where it was read.
    expect(national.find((t) => t.indicator === 'LEARNING_PROVINCE_SHARE')!.note).toContain('lsvn.vn');
  });

  it('has no target for Tây Ninh: KH 2042/KH-UBND states none with a number', () => {
    expect(plans.find((p) => p.slug === 'tay-ninh-2042-2020')!.plan.targets).toEqual([]);
    expect(catalogue.targets.filter((t) => t.unit?.code === '72')).toEqual([]);
  });
});

describe('cross-checks catch a broken file', () => {
  it('an indicator over an element that no data set collects', () => {
    expect(problemsAfter((c) => { c.indicators.find((i: any) => i.code === 'CLC_IT_RATE').numerator = 'CLC_NOPE'; }))
      .toEqual(['Chỉ số CLC_IT_RATE: tử số CLC_NOPE không có trong bộ dữ liệu nào']);
  });

  it('an element in two data sets', () => {
    const problems = problemsAfter((c) => { c.dataSets[1].elements.push(structuredClone(c.dataSets[0].elements[0])); });
    expect(problems).toEqual(['Phần tử dữ liệu POP15 khai báo nhiều lần (LS_COMMUNE_YEAR, LS_DISTRICT_YEAR); mỗi phần tử thuộc đúng một bộ dữ liệu']);
  });

  it('a ratio without a denominator, a share without its computed source, in Vietnamese with the path', () => {
    const problems = problemsAfter((c) => {
      delete c.indicators.find((i: any) => i.code === 'UNIVERSITY_RATE').denominator;
      delete c.indicators.find((i: any) => i.code === 'PRIMARY_L3_SHARE').computed;
    });
    expect(problems).toEqual([
      expect.stringMatching(/^catalogue\.yaml: indicators\.\d+\.computed: Cần nguồn tính toán/),
      expect.stringMatching(/^catalogue\.yaml: indicators\.\d+\.denominator: Chỉ số tỷ lệ cần mẫu số$/),
    ]);
  });

  it('a ratio whose numerator and denominator are collected by different data sets', () => {
    expect(problemsAfter((c) => { c.indicators.find((i: any) => i.code === 'CLC_IT_RATE').denominator = 'UNIVERSITIES'; }))
      .toEqual([expect.stringContaining('Chỉ số CLC_IT_RATE: tử số (LS_COMMUNE_YEAR) và mẫu số (LS_INSTITUTIONS) phải cùng một bộ dữ liệu')]);
  });

  it('an unknown key (files are strict)', () => {
    expect(problemsAfter((c) => { c.dataSets[0].deadline = -30; })).toEqual([expect.stringMatching(/^catalogue\.yaml: dataSets\.0: .*"deadline"/)]);
  });

  it('a plan target left without a target, and one whose year or wording drifted from the plan', () => {
    const problems = problemsAfter((_c, t) => {
      const g = group(t, '1144/KH-UBND');
      g.targets = g.targets.filter((x: any) => x.clause !== 'II.2.b.16');
      g.targets.find((x: any) => x.clause === 'II.2.a.7').year = 2030;
      g.targets.find((x: any) => x.clause === 'II.2.a.8').text = '50% người lao động có kỹ năng sống';
    });
    expect(problems).toEqual([
      'Chỉ tiêu 1144/KH-UBND II.2.a.7 (INFO_LITERACY_RATE, 2030): kế hoạch ghi năm 2025',
      expect.stringContaining('Chỉ tiêu 1144/KH-UBND II.2.a.8 (LIFE_SKILLS_RATE, 2025): nội dung khác nguyên văn của kế hoạch'),
      'Kế hoạch binh-duong-1144-2022: mục tiêu II.2.b.16 chưa gắn với chỉ tiêu nào trong targets.yaml',
    ]);
  });

  it('a target on an unknown indicator, a level above the scale, a percentage above 100, a duplicate', () => {
    const problems = problemsAfter((_c, t) => {
      const n = group(t, '1373/QĐ-TTg');
      n.targets[0].value = 170;
      n.targets.push({ ...n.targets[1] }, { ...n.targets[2], indicator: 'NOPE' });
      group(t, '1144/KH-UBND').targets.find((x: any) => x.clause === 'II.2.a.1').value = 3;
    });
    expect(problems).toEqual([
      'Chỉ tiêu trùng: 1373/QĐ-TTg II.2.a PRESCHOOL_MG_SHARE toàn quốc 2025',
      'Chỉ tiêu 1144/KH-UBND II.2.a.1 (LITERACY_LEVEL, 2025): mức phải là số nguyên từ 0 đến 2',
      'Chỉ tiêu 1373/QĐ-TTg II.2.a (LITERACY_L2_SHARE, 2025): tỷ lệ không vượt quá 100%',
      'Chỉ tiêu 1373/QĐ-TTg II.2.a (NOPE, 2025): không có chỉ số NOPE',
    ]);
  });

  it('categories that drift from the ones the entry code knows', () => {
    expect(problemsAfter((c) => { c.categories.sex.options.other = 'Khác'; })).toEqual([expect.stringContaining('Nhóm phân tổ (categories) khác với CATEGORIES')]);
  });
});
