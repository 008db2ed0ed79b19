// Structure rules on small hand-made plans: how headings, clauses and paragraphs become sections and tasks.
import { describe, expect, it } from 'vitest';
import { PlanFile, walkTasks } from '../model.ts';
import { Directory, type UnitRecord } from './directory.ts';
import { InputError } from './input.ts';
import { parsePlanText, requirePlan } from './parse.ts';
import { toPlanDraft, planSlug } from './plan-file.ts';

const UNITS: UnitRecord[] = [
  { code: '90', kind: 'province', name: 'Tỉnh Thử Nghiệm' },
  { code: '901', kind: 'district', name: 'Thành phố Hoà Bình', parentCode: '90' },
  { code: '902', kind: 'district', name: 'Huyện Sông Cầu', parentCode: '90' },
  { code: '90.SGDDT', kind: 'agency', name: 'Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm', parentCode: '90', groups: ['agencies'] },
  { code: '90.SNV', kind: 'agency', name: 'Sở Nội vụ tỉnh Thử Nghiệm', parentCode: '90', groups: ['agencies'] },
  { code: '90.BAO', kind: 'agency', name: 'Báo Thử Nghiệm', parentCode: '90' },
  { code: '90.DAI', kind: 'agency', name: 'Đài Phát thanh và Truyền hình Thử Nghiệm', parentCode: '90' },
];
const directory = new Directory(UNITS);

const plan = (body: string) => [
  'ỦY BAN NHÂN DÂN', 'TỈNH THỬ NGHIỆM', 'Số: 12/KH-UBND', 'Thử Nghiệm, ngày 5 tháng 3 năm 2024', '', 'KẾ HOẠCH', 'Xây dựng xã hội học tập năm 2024', '',
  'Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ;', '', body, '', 'Nơi nhận:', '- Như trên;', '- Lưu: VT.', '', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '', 'Trần Văn An',
].join('\n');
const tasks = (body: string) => [...walkTasks(PlanFile.parse(toPlanDraft(parsePlanText(plan(body), directory))).sections)].map(({ task: t }) => ({
  code: t.code, lead: t.lead, coordinating: t.coordinating, due: t.due.kind,
}));

describe('header', () => {
  it('reads issuer, number, place and date, type, title, legal basis, recipients and signer', () => {
    const p = parsePlanText(plan('I. NHIỆM VỤ\n\n1. Sở Nội vụ chủ trì rà soát.'), directory);
    expect(p).toMatchObject({
      issuer: 'Ủy ban nhân dân tỉnh Thử Nghiệm', issuerUnit: { code: '90' }, number: '12/KH-UBND', place: 'Thử Nghiệm', issuedOn: '2024-03-05',
      documentType: 'Kế hoạch', title: 'Xây dựng xã hội học tập năm 2024', legalBasis: ['Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ'],
      recipients: ['Như trên', 'Lưu: VT'], signer: { name: 'Trần Văn An', position: 'Phó Chủ tịch', capacity: 'KT. Chủ tịch' },
    });
    expect(p.unparsed).toEqual([]);
  });

  it('says what it could not read, with the line', () => {
    const p = parsePlanText('KẾ HOẠCH\nVề việc thử\n\nI. NHIỆM VỤ\n\n1. Rà soát.\n\n3. Báo cáo.\n\nmột dòng lạc', directory);
    expect(p.warnings.map((w) => [w.code, w.lines[0]])).toEqual(expect.arrayContaining([['header.number_missing', 1], ['header.date_missing', 1], ['outline.numbering', 8]]));
    expect(p.warnings.find((w) => w.code === 'outline.numbering')!.message).toContain('“3” không liền mạch (mong đợi “2”)');
  });
});

describe('tasks', () => {
  it('a clause opening with a capital after ";" is a task of its own, continuing the lead; so is a following paragraph', () => {
    expect(tasks('I. NHIỆM VỤ\n\n1. Tăng cường lãnh đạo\n\na) Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Nội vụ kiện toàn Ban Chỉ đạo; Chủ trì, phối hợp với các sở, ngành lồng ghép chuyên đề.\n\nChủ trì tổng kết, hoàn thành trong quý II năm 2024.\n\nb) Sở Nội vụ rà soát.')).toEqual([
      { code: 'I.1.a.1', lead: '90.SGDDT', coordinating: ['90.SNV'], due: 'none' },
      { code: 'I.1.a.2', lead: '90.SGDDT', coordinating: ['@agencies'], due: 'none' },
      { code: 'I.1.a.3', lead: '90.SGDDT', coordinating: [], due: 'quarter' },
      { code: 'I.1.b', lead: '90.SNV', coordinating: [], due: 'none' },
    ]);
  });

  it('several bodies leading one sentence give one task each; districts and groups lead together', () => {
    expect(tasks('I. NHIỆM VỤ\n\n1. Truyền thông\n\na) Đài Phát thanh và Truyền hình Thử Nghiệm, Báo Thử Nghiệm phối hợp các đơn vị liên quan xây dựng phóng sự.\n\nb) Giao Ủy ban nhân dân thành phố Hòa Bình, huyện Sông Cầu đăng ký mạng lưới.\n\nc) Các sở, ngành, địa phương quán triệt.')).toEqual([
      { code: 'I.1.a.1', lead: '90.DAI', coordinating: [], due: 'none' },
      { code: 'I.1.a.2', lead: '90.BAO', coordinating: [], due: 'none' },
      { code: 'I.1.b', lead: ['901', '902'], coordinating: [], due: 'none' },
      { code: 'I.1.c', lead: ['@agencies', '@districts'], coordinating: [], due: 'none' },
    ]);
  });

  it('bullets take the lead and coordination of their heading; a bullet naming its own subject keeps it', () => {
    expect(tasks('I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Nội vụ:\n\n- Rà soát cơ sở giáo dục thường xuyên;\n\n- Huyện Sông Cầu chủ động đăng ký.\n\n2. Ủy ban nhân dân các huyện, thị xã, thành phố có trách nhiệm\n\n- Báo cáo trước ngày 15/12 hằng năm.')).toEqual([
      { code: 'I.1.1', lead: '90.SGDDT', coordinating: ['90.SNV'], due: 'none' },
      { code: 'I.1.2', lead: ['902'], coordinating: [], due: 'none' },
      { code: 'I.2.1', lead: ['@districts'], coordinating: [], due: 'yearly' },
    ]);
  });

  it('a closing paragraph naming another subject belongs to the part above; "Trên đây là …" is the closing, not a task', () => {
    const p = parsePlanText(plan('I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ\n\nRà soát đội ngũ.\n\nTrong quá trình thực hiện, nếu có vướng mắc, các sở, ban, ngành, địa phương chủ động báo cáo.\n\nTrên đây là Kế hoạch xây dựng xã hội học tập năm 2024./.'), directory);
    expect(tasks('I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ\n\nRà soát đội ngũ.\n\nTrong quá trình thực hiện, nếu có vướng mắc, các sở, ban, ngành, địa phương chủ động báo cáo.').map((t) => [t.code, t.lead])).toEqual([
      ['I.p1', ['@agencies', '@districts']], ['I.1.1', '90.SNV'],
    ]);
    expect(p.closing).toBe('Trên đây là Kế hoạch xây dựng xã hội học tập năm 2024');
  });

  it('targets come from the bullets under a goal heading, with the year of the heading', () => {
    const p = parsePlanText(plan('I. MỤC TIÊU\n\n1. Mục tiêu đến năm 2025\n\n- Về phổ cập:\n\n+ 100% các huyện đạt chuẩn mức độ 2, trong đó có 40% đạt mức độ 3;\n\n+ Duy trì chuẩn xóa mù chữ.\n\nĐến hết năm 2026:\n\n- 90% trung tâm học tập cộng đồng hoạt động hiệu quả.'), directory);
    expect(p.targets.map((t) => [t.code, t.year, t.group, t.value, t.text])).toEqual([
      ['I.1.1', 2025, 'Về phổ cập', 100, '100% các huyện đạt chuẩn mức độ 2'],
      ['I.1.2', 2025, 'Về phổ cập', 40, 'trong đó có 40% đạt mức độ 3'],
      ['I.1.3', 2025, 'Về phổ cập', null, 'Duy trì chuẩn xóa mù chữ'],
      // "Đến hết năm 2026:" sets the year of the bullets below it
      ['I.1.4', 2026, null, 90, '90% trung tâm học tập cộng đồng hoạt động hiệu quả'],
    ]);
  });
});

describe('requirePlan and planSlug', () => {
  it('refuses a text that is not a plan, with a stable code', () => {
    const letter = parsePlanText('GIẤY MỜI\n\nSở Giáo dục và Đào tạo trân trọng kính mời dự họp giao ban.', directory);
    expect(() => requirePlan(letter)).toThrow(InputError);
    try { requirePlan(letter); } catch (e) { expect((e as InputError).code).toBe('plan_import.not_a_plan'); }
    expect(() => requirePlan(parsePlanText(plan('I. NHIỆM VỤ\n\n1. Sở Nội vụ rà soát.'), directory))).not.toThrow();
  });

  it('names a plan like the seed files', () => {
    expect(planSlug('Tỉnh Bình Dương', '1144/KH-UBND', '2022-03-16')).toBe('binh-duong-1144-2022');
    expect(planSlug('Thành phố Hồ Chí Minh', '4187/KH-UBND', '2025-09-22')).toBe('ho-chi-minh-4187-2025');
  });
});
