import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText, htmlToText, InputError, legacyEncoding, MAX_INPUT_BYTES, readPlanFile } from './input.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../../test/fixtures/plans/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<{ code: string; status: number; message: string }> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof InputError) return { code: e.code, status: e.status, message: e.message };
    throw e;
  }
  throw new Error('accepted');
}

// Vietnamese typed with the old fonts and copied out as Unicode (TCVN3: .VnTime; VNI: VNI-Times).
const TCVN3 = 'Uû ban nh©n d©n tØnh B×nh D­¬ng. Céng hoµ x· héi chñ nghÜa ViÖt Nam. KÕ ho¹ch x©y dùng x· héi häc tËp. Së Gi¸o dôc vµ §µo t¹o chñ tr×.';
const VNI = 'UÛy ban nhaân daân tænh Bình Döông. Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Keá hoaïch xaây döïng xaõ hoäi hoïc taäp.';

describe('readPlanFile', () => {
  it('reads UTF-8 with or without a BOM, and UTF-16 as Notepad saves it', async () => {
    expect((await readPlanFile('kh.txt', utf8('\ufeffKẾ HOẠCH'))).text).toBe('KẾ HOẠCH');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('Kế hoạch', 'utf16le')]);
    expect((await readPlanFile('kh.txt', utf16)).text).toBe('Kế hoạch');
  });

  it('takes a file of exactly the limit and refuses one byte more, saying the limit', async () => {
    expect((await readPlanFile('big.txt', new Uint8Array(MAX_INPUT_BYTES).fill(0x61))).text).toHaveLength(MAX_INPUT_BYTES);
    const r = await refusal(readPlanFile('big.txt', new Uint8Array(MAX_INPUT_BYTES + 1).fill(0x61)));
    expect(r).toMatchObject({ code: 'plan_import.too_large', status: 413 });
    expect(r.message).toContain('giới hạn là 2,0 MB');
  });

  it('refuses empty, binary, old Word, PDF and other files with a stable code and advice', async () => {
    expect(await refusal(readPlanFile('kh.txt', new Uint8Array()))).toMatchObject({ code: 'plan_import.empty' });
    expect(await refusal(readPlanFile('kh.txt', utf8(' \n\t\n')))).toMatchObject({ code: 'plan_import.empty' });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    expect(await refusal(readPlanFile('anh.txt', png))).toMatchObject({ code: 'plan_import.binary', status: 415 });
    expect(await refusal(readPlanFile('kh.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).toMatchObject({ code: 'plan_import.doc_legacy', status: 415 });
    expect(await refusal(readPlanFile('kh.pdf', utf8('%PDF-1.7\n')))).toMatchObject({ code: 'plan_import.pdf', status: 415 });
    expect(await refusal(readPlanFile('kh.xlsx', utf8('a,b')))).toMatchObject({ code: 'plan_import.unsupported_type', status: 415 });
  });

  it('names the legacy encoding of a file that is not UTF-8', async () => {
    expect(await refusal(readPlanFile('tcvn3.txt', new Uint8Array(Buffer.from(TCVN3, 'latin1'))))).toMatchObject({ code: 'plan_import.encoding_tcvn3' });
    expect(await refusal(readPlanFile('vni.txt', new Uint8Array(Buffer.from(VNI, 'latin1'))))).toMatchObject({ code: 'plan_import.encoding_vni' });
    // Windows-1258 writes "Việt" as "Vi" + ê + a combining dot below (0xF2)
    const cp1258 = new Uint8Array([...Buffer.from('Vi', 'latin1'), 0xea, 0xf2, ...Buffer.from('t Nam, k', 'latin1'), 0xea, 0xec, ...Buffer.from(' hoa', 'latin1'), 0xf2, 0x63, 0x68]);
    expect(await refusal(readPlanFile('cp1258.txt', cp1258))).toMatchObject({ code: 'plan_import.encoding_windows1258' });
  });

  it('reads a Word plan, giving Word’s automatic numbering the marks of its level, and says so', async () => {
    const { text, notes } = await readPlanFile('kh.docx', fixture('ho-chi-minh-4187-2025.docx'));
    expect(text).toContain('Số: 4187/KH-UBND');
    expect(text).toContain('1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Văn hóa và Thể thao');
    expect(text).toContain('- Là cơ quan thường trực');
    expect(notes).toHaveLength(1);
    expect((await readPlanFile('giay-moi.docx', fixture('giay-moi.docx'))).text).toContain('GIẤY MỜI');
  });

  it('refuses a damaged or renamed .docx', async () => {
    expect(await refusal(readPlanFile('hong.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])))).toMatchObject({ code: 'plan_import.docx_unreadable' });
    expect(await refusal(readPlanFile('doi-ten.docx', utf8('KẾ HOẠCH\nSố: 1/KH-UBND')))).toMatchObject({ code: 'plan_import.docx_unreadable' });
  });
});

describe('checkText and legacyEncoding', () => {
  it('tells pasted TCVN3 and VNI text from Vietnamese in either normal form', async () => {
    expect(legacyEncoding(TCVN3)).toBe('tcvn3');
    expect(legacyEncoding(VNI)).toBe('vni');
    const real = 'Ủy ban nhân dân tỉnh Bình Dương. Cộng hòa xã hội chủ nghĩa Việt Nam. Kế hoạch xây dựng xã hội học tập. Sở Giáo dục và Đào tạo chủ trì.';
    expect(legacyEncoding(real)).toBeNull();
    expect(legacyEncoding(real.normalize('NFD'))).toBeNull();
    // French or German names in a Vietnamese plan are not an encoding problem
    expect(legacyEncoding(`${real} Hợp tác với Đại học Genève và München, Zürich.`)).toBeNull();
    expect(await refusal(() => checkText(TCVN3))).toMatchObject({ code: 'plan_import.encoding_tcvn3' });
    expect((await refusal(() => checkText(VNI))).message).toContain('VNI');
  });
});

describe('htmlToText', () => {
  it('numbers Word lists by level: capital headings as parts, others as items, bullets as dashes', () => {
    const html = '<ol><li>MỤC ĐÍCH</li><li>NHIỆM VỤ<ol><li>Tuyên truyền</li><li>Chuyển đổi số</li></ol></li></ol><ul><li>Rà soát<ul><li>chi tiết</li></ul></li></ul><p>a &amp; b</p>';
    expect(htmlToText(html)).toEqual({ text: 'I. MỤC ĐÍCH\n\nII. NHIỆM VỤ\n\n1. Tuyên truyền\n\n2. Chuyển đổi số\n\n- Rà soát\n\n+ chi tiết\n\na & b', numbered: true });
    expect(htmlToText('<ol><li>Sở Nội vụ rà soát</li></ol>').text).toBe('1. Sở Nội vụ rà soát');
  });
});
