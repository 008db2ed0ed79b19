import { describe, expect, it } from 'vitest';
import { fold, isAllCaps, sentenceCase, startsLower, toLines, trimClause } from './text.ts';

describe('toLines', () => {
  it('gives NFC text whatever the normal form, CRLF or CR line ends, keeping line numbers', () => {
    const nfd = 'Sở Giáo dục và Đào tạo'.normalize('NFD');
    expect(nfd).not.toBe('Sở Giáo dục và Đào tạo');
    const lines = toLines(`a\r\n${nfd}\rb\n`);
    expect(lines.map((l) => [l.no, l.text])).toEqual([[1, 'a'], [2, 'Sở Giáo dục và Đào tạo'], [3, 'b'], [4, '']]);
  });

  it('drops markdown emphasis, headings, links and table residue', () => {
    const lines = toLines('## **2. Đẩy mạnh**\n**Nơi nhận:** *th*\nemail: [a@b.vn](mailto:a@b.vn))/.\n-------\n|\n1\\. Mục');
    expect(lines.map((l) => l.text)).toEqual(['2. Đẩy mạnh', 'Nơi nhận: th', 'email: a@b.vn)/.', '', '', '1. Mục']);
  });

  it('splits table cells (tab or bar) into lines of the same number and collapses odd spaces', () => {
    const lines = toLines('ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSở\u00a0Nội\u200b  vụ');
    expect(lines.map((l) => [l.no, l.text])).toEqual([[1, 'ỦY BAN NHÂN DÂN'], [1, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], [2, 'Sở Nội vụ']]);
  });

  it('marks indented lines (a plain-text paragraph start), not a table cell after a tab', () => {
    expect(toLines('    Trong quá trình\nthực hiện').map((l) => l.indent)).toEqual([true, false]);
    expect(toLines(' một dấu cách').map((l) => l.indent)).toEqual([false]);
  });
});

describe('fold', () => {
  it('removes marks and case but keeps the length, so offsets carry over', () => {
    const s = 'Ủy ban nhân dân tỉnh Bình Dương – Sở GD&ĐT';
    expect(fold(s)).toBe('uy ban nhan dan tinh binh duong – so gd&dt');
    expect(fold(s)).toHaveLength(s.length);
    expect(fold('Hoà')).toBe(fold('Hòa'));
  });
});

describe('small text rules', () => {
  it('reads capitals, lower-case starts and sentence case', () => {
    expect(isAllCaps('KẾ HOẠCH')).toBe(true);
    expect(isAllCaps('Kế hoạch')).toBe(false);
    expect(isAllCaps('2021')).toBe(false);
    expect(startsLower('quan tham mưu')).toBe(true);
    expect(startsLower('“Xây dựng')).toBe(false);
    expect(sentenceCase('PHÓ CHỦ TỊCH')).toBe('Phó chủ tịch');
  });

  it('trims a clause’s closing mark, keeping a sentence’s period when asked', () => {
    expect(trimClause('các phương thức khác;', { keepPeriod: true })).toBe('các phương thức khác');
    expect(trimClause('theo đúng nội dung Kế hoạch này./.', { keepPeriod: true })).toBe('theo đúng nội dung Kế hoạch này.');
    expect(trimClause('Hải 0918420008)/.', { keepPeriod: true })).toBe('Hải 0918420008)');
    expect(trimClause('hệ thống chính trị.', { keepPeriod: false })).toBe('hệ thống chính trị');
    expect(trimClause('tham mưu Ủy ban nhân dân tỉnh:', { keepPeriod: true })).toBe('tham mưu Ủy ban nhân dân tỉnh');
  });
});
