import { describe, expect, it } from 'vitest';
import { citePlan, headerOf, unitReport } from './content.ts';

const doet = { kind: 'agency', name: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', shortName: 'Sở GDĐT', province: 'Tỉnh Tây Ninh' };

describe('the header and signature of an issuing body', () => {
  it('puts an agency under its province’s committee and signs as its director', () => {
    expect(headerOf(doet)).toEqual({
      superiorBody: 'UBND Tỉnh Tây Ninh', issuingBody: 'Sở Giáo dục và Đào tạo', symbol: 'BC-SGDĐT', place: 'Tây Ninh',
      signature: { authority: null, position: 'GIÁM ĐỐC', name: null },
    });
  });

  it('writes a long superior name on two lines', () => {
    expect(headerOf({ ...doet, name: 'Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh', province: 'Thành phố Hồ Chí Minh' }))
      .toMatchObject({ superiorBody: 'Ủy ban nhân dân\nThành phố Hồ Chí Minh', issuingBody: 'Sở Giáo dục và Đào tạo', place: 'Thành phố Hồ Chí Minh' });
  });

  it('lets a people’s committee stand alone and sign for the collective; an association signs for its standing board', () => {
    expect(headerOf({ kind: 'district', name: 'Huyện Dầu Tiếng', shortName: null, province: 'Tỉnh Bình Dương' })).toMatchObject({
      superiorBody: null, issuingBody: 'Ủy ban nhân dân Huyện Dầu Tiếng', symbol: 'BC-UBND', signature: { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH' },
    });
    expect(headerOf({ kind: 'association', name: 'Hội Khuyến học tỉnh Bình Dương', shortName: 'Hội Khuyến học tỉnh', province: 'Tỉnh Bình Dương' }).signature)
      .toMatchObject({ authority: 'TM. BAN THƯỜNG VỤ' });
  });
});

describe('a unit’s report', () => {
  const plan = { number: '2042/KH-UBND', issuedOn: '2020-08-27', issuerName: 'Ủy ban nhân dân tỉnh Tây Ninh', title: 'Thực hiện Quyết định số 489/QĐ-TTg' };

  it('cites the plan in full once, and keeps the five sections in order with "Không có." for empty ones', () => {
    expect(citePlan(plan)).toBe('Kế hoạch số 2042/KH-UBND ngày 27/08/2020 của Ủy ban nhân dân tỉnh Tây Ninh về thực hiện Quyết định số 489/QĐ-TTg');
    const d = unitReport({
      unit: doet, plan, obligationTitle: 'Báo cáo sơ kết, đánh giá việc triển khai thực hiện Kế hoạch', legalSource: '', period: 2026, date: '2026-11-23', addressee: 'Sở Giáo dục và Đào tạo',
      narrative: { results: 'Đạt.' }, tasks: [], indicators: [], targetsOf: null, asOf: '2026-11-23',
    });
    const headings = d.body.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toEqual([
      'I. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ ĐƯỢC GIAO', 'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', 'III. KẾT QUẢ ĐẠT ĐƯỢC', 'IV. HẠN CHẾ, NGUYÊN NHÂN',
      'V. BÀI HỌC KINH NGHIỆM', 'VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027', 'VII. ĐỀ XUẤT, KIẾN NGHỊ',
    ]);
    expect(d.body.filter((b) => b.kind === 'text' && b.text === 'Không có.')).toHaveLength(4);
    expect(d.recipients).toEqual(['Như trên', 'Lưu: VT']);
  });
});
