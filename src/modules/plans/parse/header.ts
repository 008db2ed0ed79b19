import { isRealDate, isoDate } from '../deadlines.ts';
import type { Directory, UnitRecord } from './directory.ts';
import type { Paragraph } from './layout.ts';
import { fold, isAllCaps, sentenceCase, trimClause, type SourceLine } from './text.ts';

/**
 * The parts of an administrative document around its body (Nghị định 30/2020/NĐ-CP, Phụ lục I): issuing body,
 * number and symbol, place and date, type and title ("KẾ HOẠCH / Triển khai …"), the legal basis ("Căn cứ …"),
 * and after the body the recipients ("Nơi nhận") and the signature block.
 */
export interface Header {
  number: string | null;
  documentType: string | null;
  place: string | null;
  issuedOn: string | null;
  /** The issuing body as written, in normal case ("Ủy ban nhân dân tỉnh Bình Dương"). */
  issuer: string | null;
  issuerUnit: UnitRecord | null;
  title: string | null;
  period: { from: number; to: number } | null;
  legalBasis: { text: string; lines: [number, number] }[];
  /** Source lines of each field, for the preview. */
  lines: Partial<Record<'number' | 'issuedOn' | 'issuer' | 'title' | 'documentType', [number, number]>>;
  /** Lines of the header the reader used (all others are reported as unread). */
  used: Set<number>;
}

export interface Footer {
  recipients: { text: string; line: number }[];
  signer: { name: string | null; position: string | null; capacity: string | null; lines: [number, number] } | null;
  used: Set<number>;
}

const DOCUMENT_TYPES = ['KẾ HOẠCH', 'QUYẾT ĐỊNH', 'CHỈ THỊ', 'THÔNG BÁO', 'BÁO CÁO', 'ĐỀ ÁN', 'CHƯƠNG TRÌNH', 'HƯỚNG DẪN', 'NGHỊ QUYẾT', 'CÔNG VĂN'];
const TYPE_OF_SYMBOL: Record<string, string> = { KH: 'Kế hoạch', QĐ: 'Quyết định', CT: 'Chỉ thị', TB: 'Thông báo', BC: 'Báo cáo', HD: 'Hướng dẫn', CTr: 'Chương trình', NQ: 'Nghị quyết' };
const MOTTO = /cộng h[òo]a|chủ nghĩa việt nam|độc lập|tự do|hạnh phúc/iu;
const LEGAL_DOC = '(?:Quyết định|Nghị quyết|Chỉ thị|Công văn|Kế hoạch|Thông tư|Nghị định|Kết luận|Luật|Hướng dẫn|Chương trình|Đề án|Thông báo)';

export function readHeader(lines: SourceLine[], paras: Paragraph[], bodyStart: number, directory: Directory): Header {
  const used = new Set<number>();
  const head = lines.filter((l) => l.text && l.no < (paras[bodyStart]?.lines[0] ?? Infinity));
  const h: Header = { number: null, documentType: null, place: null, issuedOn: null, issuer: null, issuerUnit: null, title: null, period: null, legalBasis: [], lines: {}, used };

  for (const l of head) {
    if (MOTTO.test(l.text) && l.text.length < 60 && !/^Số/u.test(l.text)) used.add(l.no);
    const m = /^Số\s*[:.]?\s*([0-9]+[\p{L}0-9]*\/[\p{L}0-9/.-]*[\p{L}0-9])/u.exec(l.text);
    if (m && !h.number) { h.number = m[1]!; h.lines.number = [l.no, l.no]; used.add(l.no); }
  }

  // "Bình Dương, ngày 16 tháng 3 năm 2022" — may be wrapped after "ngày".
  const DATE = /^([^,]{2,40}),\s*ngày\s+(\d{1,2})\s*(?:tháng\s+(\d{1,2})\s+năm\s+|\/\s*(\d{1,2})\s*\/\s*)(\d{4})/u;
  for (let i = 0; i < head.length && !h.issuedOn && !h.place; i++) {
    const span = /ngày$/u.test(head[i]!.text) && head[i + 1] ? head.slice(i, i + 2) : head.slice(i, i + 1);
    const m = DATE.exec(span.map((l) => l.text).join(' '));
    if (!m) continue;
    const [d, mo, y] = [Number(m[2]), Number(m[3] ?? m[4]), Number(m[5])];
    h.place = m[1]!.trim();
    if (isRealDate(y, mo, d)) h.issuedOn = isoDate(y, mo, d);
    h.lines.issuedOn = [span[0]!.no, span[span.length - 1]!.no];
    for (const l of span) used.add(l.no);
  }

  // Document type and title: "KẾ HOẠCH", then the title (its own paragraph, or the rest of a heading in capitals).
  const typeIndex = paras.findIndex((p, i) => i < bodyStart && DOCUMENT_TYPES.some((t) => p.text.startsWith(t) && (p.text.length === t.length || isAllCaps(p.text))));
  if (typeIndex >= 0) {
    const p = paras[typeIndex]!;
    const type = DOCUMENT_TYPES.find((t) => p.text.startsWith(t))!;
    h.documentType = sentenceCase(type);
    h.lines.documentType = [p.lines[0], p.lines[0]];
    const rest = p.text.slice(type.length).trim();
    const titlePara = rest ? { ...p, text: rest } : paras[typeIndex + 1];
    if (titlePara && (rest || typeIndex + 1 < bodyStart)) {
      h.title = trimClause(titlePara.text, { keepPeriod: false });
      h.lines.title = rest ? [p.starts[1]?.line ?? p.lines[0], p.lines[1]] : titlePara.lines;
      if (isAllCaps(h.title)) h.title = recase(h.title, paras.slice(typeIndex + 1).map((x) => x.text).join('\n'));
    }
    for (let n = p.lines[0]; n <= (h.lines.title ?? p.lines)[1]; n++) used.add(n);
  } else if (h.number) {
    h.documentType = TYPE_OF_SYMBOL[/\/([\p{L}]+)/u.exec(h.number)?.[1] ?? ''] ?? null;
  }
  if (h.title) {
    const period = /giai đoạn\s*(\d{4})\s*[-–]\s*(\d{4})/iu.exec(h.title);
    if (period) h.period = { from: Number(period[1]), to: Number(period[2]) };
  }

  // Legal basis: "Căn cứ …;" paragraphs, or one "Thực hiện … và …, UBND tỉnh ban hành …" paragraph.
  const titleEnd = h.lines.title?.[1] ?? h.lines.documentType?.[1] ?? 0;
  for (const p of paras.slice(0, bodyStart)) {
    if (p.lines[0] <= titleEnd) continue;
    const basis = legalBasisOf(p.text);
    if (basis === null) continue;
    for (const text of basis) h.legalBasis.push({ text, lines: p.lines });
    for (let n = p.lines[0]; n <= p.lines[1]; n++) used.add(n);
  }

  readIssuer(h, head, paras.slice(0, bodyStart), directory);
  return h;
}

/** `null` for a paragraph that is not a legal basis; else the documents it cites. */
function legalBasisOf(text: string): string[] | null {
  let m = /^Căn cứ\s+/iu.exec(text);
  if (m) return [trimClause(text.slice(m[0].length), { keepPeriod: false })];
  m = /^(?:Triển khai\s+)?Thực hiện\s+(?=\S+\s+\S+\s+số)/iu.exec(text);
  if (!m) return /(ban hành|xây dựng) (Kế hoạch|Chương trình)[^.]*như sau:?$/iu.test(text) ? [] : null;
  const body = text.slice(m[0].length)
    .replace(/,\s*(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)[^,]{0,60}?ban hành.*$/su, '')
    .replace(/\s*\(gọi tắt là[^)]*\)/gu, '');
  return body.split(new RegExp(String.raw`\s*;\s*|\s+và\s+(?=${LEGAL_DOC}\s+số)`, 'u')).map((s) => trimClause(s, { keepPeriod: false })).filter(Boolean);
}

/**
 * The issuing body: the capitalised lines above the number ("ỦY BAN NHÂN DÂN / TỈNH BÌNH DƯƠNG"), or, when a copy
 * lost them, the number's symbol ("…/KH-UBND") with the place of issue. Resolved to the unit in force that day.
 */
function readIssuer(h: Header, head: SourceLine[], preamble: Paragraph[], directory: Directory) {
  const firstFieldLine = Math.min(h.lines.number?.[0] ?? Infinity, h.lines.issuedOn?.[0] ?? Infinity, h.lines.documentType?.[0] ?? Infinity);
  // Caps lines above the first field, less the national motto (which a copy may put on the same lines).
  const capsLines: { no: number; text: string }[] = [];
  let inMotto = false;
  for (const l of head.filter((x) => x.no < firstFieldLine && isAllCaps(x.text))) {
    const cut = l.text.replace(/\s*CỘNG H[ÒO]A XÃ HỘI.*$/u, '');
    if (inMotto && /^(?:(?:XÃ HỘI )?CHỦ NGHĨA )?VIỆT NAM$/u.test(l.text)) { h.used.add(l.no); continue; }
    inMotto = cut !== l.text;
    if (inMotto) h.used.add(l.no);
    if (cut && !MOTTO.test(cut)) capsLines.push({ no: l.no, text: cut });
  }
  let level: string | null = null, place: string | null = null;
  if (capsLines.length) {
    const said = capsLines.map((l) => l.text).join(' ');
    const m = /^(?:ỦY|UỶ) BAN NHÂN DÂN\s+(TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+(.+)$/u.exec(said);
    if (m) { level = m[1]!.toLocaleLowerCase('vi'); place = titleCase(m[2]!); }
    h.issuer = m ? `Ủy ban nhân dân ${level} ${place}` : sentenceCase(said);
    h.lines.issuer = [capsLines[0]!.no, capsLines[capsLines.length - 1]!.no];
    for (const l of capsLines) h.used.add(l.no);
  } else if (h.number && /UBND$/u.test(h.number) && h.place) {
    // "UBND tỉnh ban hành Kế hoạch …": the preamble says which level of people's committee issues it.
    const said = fold(preamble.map((p) => p.text).join(' '));
    const lv = /(?:ubnd|uy ban nhan dan) (tinh|thanh pho|huyen|thi xa|quan|xa|phuong)\b/.exec(said)?.[1];
    level = lv ? { tinh: 'tỉnh', 'thanh pho': 'thành phố', huyen: 'huyện', 'thi xa': 'thị xã', quan: 'quận', xa: 'xã', phuong: 'phường' }[lv]! : null;
    place = h.place;
  }
  if (!place || !h.issuedOn) return;
  const candidates = directory.placesNamed(place, h.issuedOn);
  const wanted = level === 'tỉnh' || level === null ? 'province' : level === 'thành phố' ? null : 'district';
  const unit = candidates.find((u) => (wanted ? u.kind === wanted : true)) ?? (level === null ? candidates[0] : undefined) ?? null;
  h.issuerUnit = unit;
  if (unit && !h.issuer) h.issuer = `Ủy ban nhân dân ${unit.name.charAt(0).toLocaleLowerCase('vi')}${unit.name.slice(1)}`;
}

/** A title typed in capitals, in the case the document itself writes it elsewhere ("… Đề án “Xây dựng …” …"). */
function recase(title: string, rest: string): string {
  const lower = title.toLocaleLowerCase('vi');
  const i = rest.replace(/\s+/g, ' ').toLocaleLowerCase('vi').indexOf(lower);
  const found = i >= 0 ? rest.replace(/\s+/g, ' ').slice(i, i + title.length) : sentenceCase(title);
  return found.charAt(0).toLocaleUpperCase('vi') + found.slice(1);
}

const titleCase = (s: string) => s.toLocaleLowerCase('vi').replace(/(^|\s)(\p{L})/gu, (_, sp: string, c: string) => sp + c.toLocaleUpperCase('vi'));

/** Recipients after "Nơi nhận:" and the signature block below them. */
export function readFooter(lines: SourceLine[], from: number): Footer {
  const used = new Set<number>();
  const rest = lines.slice(from).filter((l) => l.text);
  const recipients: Footer['recipients'] = [];
  let i = 0;
  if (rest[0] && /^Nơi nhận/iu.test(rest[0].text)) { used.add(rest[0].no); i = 1; }
  for (; i < rest.length && /^[-–•+]\s*/u.test(rest[i]!.text); i++) {
    recipients.push({ text: trimClause(rest[i]!.text.replace(/^[-–•+]\s*/u, ''), { keepPeriod: false }), line: rest[i]!.no });
    used.add(rest[i]!.no);
  }
  // "TM. ỦY BAN NHÂN / DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", then the name.
  const block: { text: string; lines: number[] }[] = [];
  // "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" on one line: one piece per capacity and position.
  const pieces = rest.slice(i).flatMap((l) => l.text.split(/\s+(?=(?:TM|KT|Q|TL|TUQ)\.\s)/u)
    .flatMap((t) => (t.startsWith('KT.') ? t.split(/\s+(?=PHÓ\s)/u) : [t])).map((text) => ({ ...l, text })));
  for (const l of pieces) {
    const prev = block[block.length - 1];
    if (prev && isAllCaps(prev.text) && isAllCaps(l.text) && !/^(TM|KT|Q|TL|TUQ)\./u.test(l.text) && !isPosition(prev.text)) {
      prev.text += ` ${l.text}`;
      prev.lines.push(l.no);
    } else block.push({ text: l.text, lines: [l.no] });
  }
  if (!block.length) return { recipients, signer: null, used };
  const last = block[block.length - 1]!;
  const isName = /^(\p{Lu}\p{Ll}*)(\s\p{Lu}\p{Ll}*){1,5}$/u.test(last.text);
  const capacity = block.filter((b) => /^(TM|KT|Q|TL|TUQ)\./u.test(b.text)).map((b) => recasePosition(b.text));
  const positions = block.filter((b) => b !== last && !/^(TM|KT|Q|TL|TUQ)\./u.test(b.text) && isAllCaps(b.text));
  const signerBlocks = [...block.filter((b) => /^(TM|KT|Q|TL|TUQ)\./u.test(b.text)), ...positions, ...(isName ? [last] : [])];
  for (const b of signerBlocks) for (const n of b.lines) used.add(n);
  const all = signerBlocks.flatMap((b) => b.lines);
  return {
    recipients,
    signer: signerBlocks.length ? {
      name: isName ? last.text : null,
      position: positions.length ? recasePosition(positions[positions.length - 1]!.text) : null,
      capacity: capacity.length ? capacity.join(', ') : null,
      lines: [Math.min(...all), Math.max(...all)],
    } : null,
    used,
  };
}

const isPosition = (s: string) => /CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|BÍ THƯ$/u.test(s);

/** "KT. CHỦ TỊCH" → "KT. Chủ tịch", "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "TM. ỦY BAN NHÂN DÂN" → "TM. Ủy ban nhân dân". */
function recasePosition(s: string): string {
  const m = /^((?:TM|KT|Q|TL|TUQ)\.\s*)?(.*)$/u.exec(s)!;
  const body = sentenceCase(m[2]!).replace(/(^|\s)chủ tịch/gu, '$1Chủ tịch').replace(/^Uỷ/u, 'Ủy');
  return `${m[1] ? `${m[1].trim()} ` : ''}${body}`;
}
