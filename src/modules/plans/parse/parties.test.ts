import { describe, expect, it } from 'vitest';
import { Directory, type UnitRecord } from './directory.ts';
import { coordinationOf, isPartyHeading, PartyIndex, subjectOf, type Party } from './parties.ts';
import { partyKey } from './parse.ts';

// A small province: two districts in 2020, one of them split in 2022 (a third appears), and four bodies.
const UNITS: UnitRecord[] = [
  { code: '90', kind: 'province', name: 'Tỉnh Thử Nghiệm' },
  { code: '901', kind: 'district', name: 'Thành phố Hoà Bình', parentCode: '90' },
  { code: '902', kind: 'district', name: 'Huyện Sông Cầu', parentCode: '90', validTo: '2021-12-31' },
  { code: '903', kind: 'district', name: 'Thị xã Sông Cầu', parentCode: '90', validFrom: '2022-01-01' },
  { code: '90.SGDDT', kind: 'agency', name: 'Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm', shortName: 'Sở GDĐT', parentCode: '90', groups: ['agencies'] },
  { code: '90.SNV', kind: 'agency', name: 'Sở Nội vụ tỉnh Thử Nghiệm', parentCode: '90', groups: ['agencies'] },
  { code: '90.HLHPN', kind: 'association', name: 'Hội Liên hiệp Phụ nữ tỉnh Thử Nghiệm', parentCode: '90', groups: ['mass-orgs'] },
  { code: '90.UBMTTQ', kind: 'association', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thử Nghiệm', shortName: 'UBMTTQVN tỉnh', parentCode: '90', groups: ['mass-orgs'] },
];
const index = (date = '2020-06-01') => new PartyIndex(new Directory(UNITS).scope('90', date)!);
const keys = (parties: Party[] | null | undefined) => (parties ?? []).map(partyKey);
const subject = (text: string, date?: string) => keys(subjectOf(index(date), text)?.flatMap((m) => m.parties));
const coordination = (text: string) => {
  const c = coordinationOf(index(), text);
  return { parties: keys(c.parties), text: c.text };
};

describe('names of bodies', () => {
  it('meet the directory through abbreviations, case and missing marks', () => {
    for (const s of ['Sở Giáo dục và Đào tạo chủ trì', 'Sở GDĐT chủ trì', 'Sở GD&ĐT chủ trì', 'Sở GD-ĐT chủ trì', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO chủ trì', 'So Giao duc va Dao tao chu tri', 'Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm chủ trì']) {
      expect(subject(s), s).toEqual(['90.SGDDT']);
    }
    expect(subject('UBMTTQVN tỉnh phát động')).toEqual(['90.UBMTTQ']);
    expect(subject('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phát động')).toEqual(['90.UBMTTQ']);
  });

  it('read "UBND" and "Ủy ban nhân dân" alike, and districts by name, as they stood on the plan’s date', () => {
    expect(subject('Giao UBND thành phố Hòa Bình, huyện Sông Cầu chủ động đăng ký')).toEqual(['901', '902']);
    expect(subject('Giao Ủy ban nhân dân Thành phố Hoà Bình chủ động')).toEqual(['901']);
    // in 2022 Sông Cầu is a thị xã with another code
    expect(subject('Thị xã Sông Cầu chủ động', '2022-06-01')).toEqual(['903']);
  });

  it('turn collective phrases into the tracker’s groups, with the units they meant that day', () => {
    expect(subject('Các sở, ngành, địa phương phối hợp chặt chẽ')).toEqual(['@agencies', '@districts']);
    expect(subject('Ủy ban nhân dân các huyện, thị xã, thành phố kiện toàn')).toEqual(['@districts']);
    expect(subject('Đề nghị các tổ chức chính trị - xã hội, xã hội nghề nghiệp và tổ chức xã hội tích cực tham gia')).toEqual(['@mass-orgs']);
    const group = (date: string) => subjectOf(index(date), 'UBND các huyện, thị xã, thành phố rà soát')![0]!.parties[0]!;
    expect(group('2020-06-01')).toMatchObject({ kind: 'group', token: '@districts', members: [{ code: '901' }, { code: '902' }] });
    expect(group('2022-06-01')).toMatchObject({ members: [{ code: '901' }, { code: '903' }] });
  });

  it('flag a body the directory lacks instead of dropping it, and only real bodies ("Sơ kết" is not "Sở")', () => {
    expect(subjectOf(index(), 'Sở Khoa học và Công nghệ chủ trì thẩm định')![0]!.parties).toEqual([{ kind: 'unresolved', name: 'Sở Khoa học và Công nghệ', text: 'Sở Khoa học và Công nghệ' }]);
    expect(subjectOf(index(), 'Trung tâm Giáo dục thường xuyên tỉnh tổ chức lớp học')![0]!.parties[0]).toMatchObject({ kind: 'unresolved', name: 'Trung tâm Giáo dục thường xuyên tỉnh' });
    expect(subject('Sơ kết, đánh giá việc triển khai thực hiện Kế hoạch')).toEqual([]);
    expect(subject('Ban hành kế hoạch cụ thể')).toEqual([]);
  });
});

describe('subject', () => {
  it('is the party list a sentence opens with, after "Đề nghị" / "Giao" or an opening clause', () => {
    expect(subject('Đề nghị Hội Liên hiệp Phụ nữ tỉnh vận động hội viên')).toEqual(['90.HLHPN']);
    expect(subject('Hằng năm, căn cứ vào nhiệm vụ được giao, các sở, ngành xây dựng kế hoạch')).toEqual(['@agencies']);
    expect(subject('Trong quá trình thực hiện, nếu có khó khăn, các sở, ban, ngành, địa phương chủ động báo cáo')).toEqual(['@agencies', '@districts']);
  });

  it('is not a party named inside an opening clause or after a verb', () => {
    expect(subject('Hàng năm, căn cứ vào dự toán của Sở GDĐT, các sở, ngành có liên quan và khả năng cân đối ngân sách, tham mưu cấp có thẩm quyền')).toEqual([]);
    expect(subject('Là cơ quan thường trực, tham mưu Ủy ban nhân dân tỉnh triển khai')).toEqual([]);
    expect(subject('Tổ chức tuyên truyền, phổ biến rộng rãi Kế hoạch')).toEqual([]);
  });
});

describe('coordination', () => {
  it('lists parties after "phối hợp (chặt chẽ) với", up to what they do, keeping generic ones as text', () => {
    expect(coordination('Sở Nội vụ chủ trì, phối hợp với Sở GDĐT, các lực lượng vũ trang trên địa bàn tỉnh lồng ghép chuyên đề')).toEqual({ parties: ['90.SGDDT'], text: 'các lực lượng vũ trang trên địa bàn tỉnh' });
    expect(coordination('Phối hợp với Sở Nội vụ, Hội Liên hiệp Phụ nữ tỉnh và các cơ quan, đơn vị liên quan tham mưu')).toEqual({ parties: ['90.SNV', '90.HLHPN'], text: 'các cơ quan, đơn vị liên quan' });
    expect(coordination('phối hợp chặt chẽ với tổ chức đảng và cấp ủy cùng cấp tổ chức nghiên cứu')).toEqual({ parties: [], text: 'tổ chức đảng và cấp ủy cùng cấp' });
    expect(coordination('chủ trì, phối hợp với các sở, ban, ngành, địa phương theo dõi')).toEqual({ parties: ['@agencies', '@districts'], text: null });
  });

  it('tells a group of agencies ("sở", "ngành") from a generic collective', () => {
    expect(coordination('Phối hợp với các cơ quan, ban, ngành có liên quan triển khai').parties).toEqual(['@agencies']);
    expect(coordination('phối hợp với các sở, cơ quan liên quan tham gia giám sát').parties).toEqual(['@agencies']);
    expect(coordination('phối hợp với Sở GDĐT và các cơ quan liên quan tham mưu')).toEqual({ parties: ['90.SGDDT'], text: 'các cơ quan liên quan' });
  });

  it('is not coordination as a topic or without a partner', () => {
    for (const s of ['Tăng cường phối hợp với các cơ quan tổ chức phi chính phủ trong việc huy động', 'cơ chế phối hợp giữa các cấp, các ngành', 'Phối hợp, triển khai thực hiện đấu tranh', 'Huy động sự tham gia, phối hợp của các doanh nghiệp', 'Hướng dẫn các cấp hội phối hợp tổ chức các hoạt động']) {
      expect(coordination(s), s).toEqual({ parties: [], text: null });
    }
  });
});

describe('isPartyHeading', () => {
  it('is true for a heading that only names parties', () => {
    expect(isPartyHeading(index(), 'Sở Nội vụ')).toBe(true);
    expect(isPartyHeading(index(), 'Ủy ban nhân dân các huyện, thị xã, thành phố có trách nhiệm')).toBe(true);
    expect(isPartyHeading(index(), 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội')).toBe(true);
    expect(isPartyHeading(index(), 'Sở Nội vụ chủ trì thực hiện')).toBe(false);
    expect(isPartyHeading(index(), 'Tuyên truyền, phổ biến, nâng cao nhận thức')).toBe(false);
  });
});
