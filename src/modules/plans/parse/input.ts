import mammoth from 'mammoth';
import { isAllCaps } from './text.ts';
import { guessLegacyEncoding } from '../../universal-education/register-file.ts';

/**
 * What a user hands in — pasted text, a .txt file in any of the encodings Vietnamese offices still use, or a Word
 * .docx — turned into one Unicode string, or refused with a reason the user can act on. No network, no temporary
 * files: mammoth reads the .docx from memory.
 */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

export class InputError extends Error {
  constructor(readonly code: string, message: string, readonly status: 413 | 415 | 422 = 422) {
    super(message);
  }
}

export interface PlanInput {
  text: string;
  /** Things the reader should know about the conversion (Word's automatic numbering, …). */
  notes: string[];
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
const tooLarge = (size: number) => new InputError('plan_import.too_large',
  `Văn bản quá lớn (${mb(size)}); giới hạn là ${mb(MAX_INPUT_BYTES)}. Một kế hoạch thường dưới 200 KB: hãy bỏ hình ảnh và phụ lục, hoặc chỉ dán phần nội dung.`, 413);

export async function readPlanFile(name: string, bytes: Uint8Array): Promise<PlanInput> {
  if (bytes.length > MAX_INPUT_BYTES) throw tooLarge(bytes.length);
  if (bytes.length === 0) throw new InputError('plan_import.empty', `Tệp “${name}” rỗng.`);
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const starts = (...magic: number[]) => magic.every((m, i) => bytes[i] === m);
  if (starts(0x50, 0x4b, 0x03, 0x04) || ext === 'docx') {
    if (ext && ext !== 'docx') throw unsupported(name);
    return readDocx(name, bytes);
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0) || ext === 'doc') {
    throw new InputError('plan_import.doc_legacy', `Tệp “${name}” là Word 97-2003 (.doc), hệ thống không đọc được. Hãy mở bằng Word và lưu lại dạng “Word Document (*.docx)”.`, 415);
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) {
    throw new InputError('plan_import.pdf', `Tệp “${name}” là PDF, chưa đọc được trực tiếp. Hãy mở tệp, chọn toàn bộ nội dung, sao chép rồi dán vào ô văn bản, hoặc dùng bản .docx.`, 415);
  }
  if (ext && !['txt', 'text', 'md'].includes(ext)) throw unsupported(name);
  return { text: checkText(decodeText(name, bytes)), notes: [] };
}

const unsupported = (name: string) => new InputError('plan_import.unsupported_type', `Tệp “${name}” không đúng dạng: chỉ nhận văn bản (.txt) hoặc Word (.docx).`, 415);

/** Pasted text and decoded files alike: not empty, not too large, not a legacy font encoding in disguise. */
export function checkText(text: string): string {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_INPUT_BYTES) throw tooLarge(size);
  if (!text.trim()) throw new InputError('plan_import.empty', 'Văn bản rỗng: hãy dán nội dung kế hoạch hoặc chọn tệp.');
  const legacy = legacyEncoding(text);
  if (legacy) throw legacyError(legacy);
  return text;
}

function decodeText(name: string, bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let control = 0;
  for (const b of bytes.subarray(0, 64 * 1024)) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) control++;
  if (control > 0 && control >= Math.min(bytes.length, 64 * 1024) * 0.01) {
    throw new InputError('plan_import.binary', `Tệp “${name}” không phải văn bản (có vẻ là tệp nhị phân: hình ảnh, chương trình, tệp nén …). Hãy chọn tệp .txt hoặc .docx của kế hoạch.`, 415);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Not UTF-8: one byte per character in a legacy Vietnamese encoding. Read as Latin-1 to tell VNI, whose
    // marks are letters of their own, from TCVN3 and Windows-1258 (the register import's byte-level guess).
    const asText = legacyEncoding(Buffer.from(bytes).toString('latin1'));
    throw legacyError(asText === 'vni' ? 'vni' : guessLegacyEncoding(bytes));
  }
}

type Legacy = 'tcvn3' | 'vni' | 'windows-1258' | 'unknown';


/**
 * Text typed with the pre-Unicode fonts (.VnTime = TCVN3, VNI-Times = VNI) and copied out as Unicode shows Latin-1
 * symbols and letters that Vietnamese never uses ("Céng hoµ x· héi", "Coäng hoøa xaõ hoäi"); Windows-1258 writes
 * tones as separate marks after the vowel. Real Vietnamese has its own letters (ă, đ, ơ, ư, ạ … ỹ) instead.
 */
export function legacyEncoding(text: string): 'tcvn3' | 'vni' | null {
  let vietnamese = 0, symbols = 0, foreign = 0;
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (const ch of sample) {
    const c = ch.codePointAt(0)!;
    if (c < 0xa0) continue;
    if ((c >= 0x1ea0 && c <= 0x1ef9) || [0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1a0, 0x1a1, 0x1af, 0x1b0].includes(c)) vietnamese++;
    else if (c >= 0xa1 && c <= 0xbf && c !== 0xab && c !== 0xbb) symbols++;
    else if (c >= 0xc0 && c <= 0xff && !VIETNAMESE_LATIN1.has(ch)) foreign++;
  }
  const odd = symbols + foreign;
  if (odd < 8 || odd <= vietnamese) return null;
  if (symbols >= 0.25 * odd) return 'tcvn3'; // VNI writes its marks with letters only
  return 'vni';
}
const VIETNAMESE_LATIN1 = new Set('àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ');

function legacyError(kind: Legacy): InputError {
  const convert = 'Hãy chuyển mã sang Unicode (ví dụ Unikey → Công cụ chuyển mã, đích “Unicode”) rồi lưu lại dạng UTF-8 hoặc .docx.';
  switch (kind) {
    case 'tcvn3': return new InputError('plan_import.encoding_tcvn3', `Văn bản được gõ bằng bảng mã TCVN3 (ABC, phông .VnTime), không phải Unicode. ${convert.replace('đích', 'nguồn “TCVN3 (ABC)”, đích')}`);
    case 'vni': return new InputError('plan_import.encoding_vni', `Văn bản được gõ bằng bảng mã VNI (phông VNI-Times), không phải Unicode. ${convert.replace('đích', 'nguồn “VNI Windows”, đích')}`);
    case 'windows-1258': return new InputError('plan_import.encoding_windows1258', `Tệp được lưu bằng bảng mã Windows-1258, không phải UTF-8. ${convert}`);
    default: return new InputError('plan_import.encoding_unknown', `Tệp không phải mã UTF-8 (có thể là bảng mã cũ TCVN3, VNI hoặc Windows-1258). ${convert}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// DOCX

async function readDocx(name: string, bytes: Uint8Array): Promise<PlanInput> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
    html = result.value;
  } catch {
    throw new InputError('plan_import.docx_unreadable', `Tệp “${name}” không mở được như một tệp Word .docx (có thể bị hỏng hoặc bị đổi đuôi). Hãy mở bằng Word và lưu lại.`);
  }
  const { text, numbered } = htmlToText(html);
  const notes = numbered
    ? ['Số thứ tự tự động của Word được đặt lại theo cấp (I., 1., a), -, +): hãy kiểm tra cây mục trước khi đăng.']
    : [];
  return { text: checkText(text), notes };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntities = (s: string) => s.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
  if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  return ENTITIES[e.toLowerCase()] ?? m;
});

/**
 * mammoth's HTML (p, h1–h6, ol/ul/li, table, strong …) as the plain lines a copy of the document would give.
 * Word keeps automatic numbering out of the text, and mammoth does not say its format: a numbered list of headings
 * in capitals is taken for the parts (I., II.), any other for items (1., 2.), the level below for a), b); bullets
 * become "-" and "+".
 */
export function htmlToText(html: string): { text: string; numbered: boolean } {
  interface List { ordered: boolean; depth: number; parent: List | null; items: { block: number; n: number }[] }
  const blocks: { text: string; item?: { list: List; n: number } }[] = [];
  const stack: List[] = [];
  const lists: List[] = [];
  let current = '', item: { list: List; n: number } | undefined;
  const flush = () => {
    if (current.trim()) blocks.push({ text: current.replace(/\s+/g, ' ').trim(), item });
    current = '';
    item = undefined;
  };
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/gi)) {
    if (m[3] !== undefined) { current += decodeEntities(m[3]); continue; }
    const [closing, tag] = [m[1] === '/', m[2]!.toLowerCase()];
    if (tag === 'ol' || tag === 'ul') {
      flush();
      if (closing) stack.pop();
      else {
        const list: List = { ordered: tag === 'ol', depth: stack.length, parent: stack[stack.length - 1] ?? null, items: [] };
        lists.push(list);
        stack.push(list);
      }
    } else if (tag === 'li' && !closing) {
      flush();
      const list = stack[stack.length - 1];
      if (list) item = { list, n: list.items.push({ block: blocks.length, n: list.items.length + 1 }) };
    } else if (['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'tr', 'table', 'div', 'br'].includes(tag)) {
      flush();
    }
  }
  flush();
  const style = new Map<List, 'roman' | 'arabic' | 'letter' | 'dash' | 'plus'>();
  for (const list of lists) {
    const parent = list.parent ? style.get(list.parent) : undefined;
    const texts = blocks.filter((b) => b.item?.list === list).map((b) => b.text);
    style.set(list, !list.ordered ? (list.depth === 0 ? 'dash' : 'plus')
      : !parent ? (texts.length && texts.every(isAllCaps) ? 'roman' : 'arabic')
        : parent === 'roman' ? 'arabic' : 'letter');
  }
  const marker = (kind: string, n: number) => kind === 'roman' ? `${ROMAN_NUMERALS[n - 1] ?? n}.` : kind === 'arabic' ? `${n}.`
    : kind === 'letter' ? `${'abcdđeghiklmnopqrstuvxy'[n - 1] ?? n})` : kind === 'dash' ? '-' : '+';
  return {
    text: blocks.map((b) => (b.item ? `${marker(style.get(b.item.list)!, b.item.n)} ${b.text}` : b.text)).join('\n\n'),
    numbered: lists.some((l) => l.ordered),
  };
}

const ROMAN_NUMERALS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
