import { isAllCaps, startsLower, type SourceLine } from './text.ts';

/**
 * Lines → paragraphs. Copies of a plan wrap paragraphs in three ways: one line per paragraph with blank lines
 * between (Word, markdown), hard-wrapped at a width where each paragraph's first line is short (PDF copies of an
 * indented first line), and plain greedy wrapping. Numbering ("I.", "1.", "a)", "-", "+") always opens a
 * paragraph; a line beginning in lower case always continues one; for the rest the layout decides.
 */

export type MarkerKind = 'roman' | 'arabic' | 'letter' | 'paren' | 'dash' | 'plus';

export interface Marker {
  kind: MarkerKind;
  /** "II", "3", "1.2", "b"; "" for bullets. */
  label: string;
  /** Nesting rank in Vietnamese administrative documents: I. > 1. > 1.1. > a) > (1) > - > +. */
  rank: number;
}

export interface Paragraph {
  marker: Marker | null;
  /** Text without the marker, lines joined with one space. */
  text: string;
  /** First and last source line. */
  lines: [number, number];
  /** Start offset in `text` of each joined source line, to map a piece of text back to its line. */
  starts: { offset: number; line: number }[];
}

const LETTERS = 'abcdđeghiklmnopqrstuvxy';
const ROMAN = /^(X{0,2}(?:IX|IV|V?I{0,3}))$/;

/** The numbering at the start of a line, if any, and the text after it. */
export function readMarker(line: string): { marker: Marker; rest: string } | null {
  let m = /^(?:Phần\s+|PHẦN\s+|Mục\s+|MỤC\s+)?([IVX]{1,5})\s*[.:/)–-]\s*(?=\S|$)/.exec(line);
  if (m && ROMAN.test(m[1]!) && m[1]) return { marker: { kind: 'roman', label: m[1], rank: 0 }, rest: line.slice(m[0].length) };
  m = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?:\s+|$)/.exec(line);
  if (m) {
    const depth = m[1]!.split('.').length - 1;
    return { marker: { kind: 'arabic', label: m[1]!, rank: 1 + depth * 0.1 }, rest: line.slice(m[0].length) };
  }
  m = /^(\d{1,2})\s*[.)/](?:\s+|$)/.exec(line);
  if (m) return { marker: { kind: 'arabic', label: String(Number(m[1])), rank: 1 }, rest: line.slice(m[0].length) };
  m = /^([a-zđ])\s*[).](?:\s+|$)/.exec(line);
  if (m) return { marker: { kind: 'letter', label: m[1]!, rank: 2 }, rest: line.slice(m[0].length) };
  m = /^\((\d{1,2}|[a-zđ])\)\s+/.exec(line);
  if (m) return { marker: { kind: 'paren', label: m[1]!, rank: 2.5 }, rest: line.slice(m[0].length) };
  m = /^[-–—•▪●◦·∙]\s*(?=\S)/.exec(line);
  if (m && !/^[-–—]\d/.test(line)) return { marker: { kind: 'dash', label: '', rank: 3 }, rest: line.slice(m[0].length) };
  m = /^\+\s*(?=\S)/.exec(line);
  if (m) return { marker: { kind: 'plus', label: '', rank: 4 }, rest: line.slice(m[0].length) };
  return null;
}

/** The label that would follow `label` in the same list ("b" after "a", "IV" after "III", "3" after "2"). */
export function nextLabel(kind: MarkerKind, label: string): string[] {
  if (kind === 'roman') return [toRoman(fromRoman(label) + 1)];
  if (kind === 'arabic') {
    const parts = label.split('.');
    parts[parts.length - 1] = String(Number(parts[parts.length - 1]) + 1);
    return [parts.join('.')];
  }
  if (kind === 'letter' || kind === 'paren') {
    if (/^\d+$/.test(label)) return [String(Number(label) + 1)];
    // Vietnamese lists skip f, j, w (a b c d đ e g h …); many writers use the Latin order. Both are accepted.
    const vi = LETTERS[LETTERS.indexOf(label) + 1];
    const latin = String.fromCharCode(label.charCodeAt(0) + 1);
    return label === 'd' ? ['đ', 'e'] : label === 'đ' ? ['e'] : [vi ?? latin, latin];
  }
  return [''];
}

export const firstLabels = (kind: MarkerKind): string[] =>
  kind === 'roman' ? ['I'] : kind === 'arabic' ? ['1'] : kind === 'letter' ? ['a'] : kind === 'paren' ? ['1', 'a'] : [''];

function fromRoman(s: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10 };
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]!]!, b = v[s[i + 1]!] ?? 0;
    n += a < b ? -a : a;
  }
  return n;
}
function toRoman(n: number): string {
  const table: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

const TERMINAL = /[.;:!?…]["”’)]*$/;
const SENTENCE_END = /[.;!?…]["”’)]*$/;
const firstWord = (s: string) => /^\S+/.exec(s)?.[0] ?? '';
/** A line that carries on a sentence: lower-case start and no numbering ("a) …" starts lower-case too). */
const carriesOn = (s: string) => startsLower(s) && !readMarker(s);

interface Layout {
  blankSeparated: boolean;
  /** Some lines, not most, are indented: each such line opens a paragraph. */
  indentedParagraphs: boolean;
  /** Paragraph first lines are short (a hard-wrapped copy of indented paragraphs). */
  indentedFirstLines: boolean;
  /** Shortest line + next word that the wrapping broke: anything shorter was a deliberate line end. */
  overflow: number;
}

/** Reads how the copy was wrapped, from its own lines. */
export function measureLayout(lines: SourceLine[]): Layout {
  const text = lines.filter((l) => l.text);
  const blank = lines.length - text.length;
  const blankSeparated = blank >= 0.3 * text.length;
  const indented = text.filter((l) => l.indent).length;
  const indentedParagraphs = indented >= 2 && indented < 0.9 * text.length;
  const lengths = text.map((l) => l.text.length).sort((a, b) => a - b);
  const width = lengths[Math.floor(lengths.length * 0.9)] ?? 80;
  // Lines continued in lower case after a line that itself continued: the wrapping's own breaks.
  const overflows: number[] = [];
  let firstShort = 0, firstAll = 0;
  for (let i = 1; i < lines.length - 1; i++) {
    const [p, l, n] = [lines[i - 1]!, lines[i]!, lines[i + 1]!];
    if (!l.text || !n.text || !carriesOn(n.text)) continue;
    if (readMarker(l.text) || !p.text || TERMINAL.test(p.text)) {
      firstAll++;
      if (l.text.length <= 0.6 * width) firstShort++;
    } else if (startsLower(l.text) || !TERMINAL.test(p.text)) {
      overflows.push(l.text.length + 1 + firstWord(n.text).length);
    }
  }
  // A heading line followed by a short first line also looks like a middle line: such outliers are dropped.
  overflows.sort((a, b) => a - b);
  const median = overflows[Math.floor(overflows.length / 2)] ?? width + 1;
  const overflow = overflows.find((o) => o >= 0.8 * median) ?? width + 1;
  return { blankSeparated, indentedParagraphs, indentedFirstLines: firstAll >= 3 && firstShort >= 0.5 * firstAll, overflow };
}

/**
 * Whether line `l` (not numbered, not the first of the text) continues the paragraph whose last line is `p`.
 * `n` is the line after `l`, `blankBefore` whether blank lines separate `p` and `l`.
 */
function continues(layout: Layout, p: string, line: SourceLine, n: string | undefined, blankBefore: boolean, pIsBareMarker: boolean): boolean {
  const l = line.text;
  if (pIsBareMarker) return true;
  if (startsLower(l) || /^[\d(“"'‘]/.test(l) && !SENTENCE_END.test(p)) return !(blankBefore && SENTENCE_END.test(p));
  if (isAllCaps(p)) return isAllCaps(l) && !SENTENCE_END.test(p); // a heading in capitals ends where the capitals do
  if (layout.indentedParagraphs) return !line.indent;
  if (blankBefore) return false;
  if (layout.blankSeparated) return true; // blank lines mark paragraphs: within a block, lines run on
  const brokeEarly = p.length + 1 + firstWord(l).length < layout.overflow;
  if (!layout.indentedFirstLines) return !brokeEarly;
  const shortFirst = l.length <= 0.6 * (layout.overflow - 1) && !TERMINAL.test(l) && !!n && carriesOn(n);
  if (SENTENCE_END.test(p)) return !(brokeEarly || shortFirst);
  return !shortFirst;
}

/** Paragraphs of `lines[from, to)`. A bare number ("3.") before another number is not numbering: it ends a sentence. */
export function paragraphs(lines: SourceLine[], from = 0, to = lines.length, layout = measureLayout(lines)): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: Paragraph | null = null;
  let blankBefore = false, prevText = '', prevBare = false;
  const nextText = (i: number) => {
    for (let j = i + 1; j < to; j++) if (lines[j]!.text) return lines[j]!.text;
    return undefined;
  };
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (!line.text) { blankBefore = true; continue; }
    const next = nextText(i);
    let read = readMarker(line.text);
    // "mức độ\n3." — a number alone, followed by more numbering, closes the sentence above.
    if (read && read.rest === '' && (next === undefined || readMarker(next))) read = null;
    // "… theo điểm\n2. khoản …": a number inside a running sentence, not an item.
    if (read && cur && !blankBefore && !prevBare && !TERMINAL.test(prevText) && startsLower(read.rest) && ['arabic', 'letter'].includes(read.marker.kind)) read = null;
    // "… của Bộ Lao động\n- Thương binh và Xã hội", "giai đoạn 2021\n- 2030": a hyphen wrapped to the start of a line.
    if (read && cur && (read.marker.kind === 'dash' || read.marker.kind === 'plus') && !blankBefore && !TERMINAL.test(prevText)
      && (startsLower(read.rest) || (/^\d/.test(read.rest) && cur.text.split(' ').length > 8) || cur.text.split(' ').length > 25)) read = null;
    if (!cur || read || !continues(layout, prevText, line, next, blankBefore, prevBare)) {
      cur = { marker: read?.marker ?? null, text: '', lines: [line.no, line.no], starts: [] };
      out.push(cur);
      append(cur, read ? read.rest : line.text, line.no);
      prevBare = !!read && read.rest === '';
    } else {
      append(cur, line.text, line.no);
      prevBare = false;
    }
    prevText = line.text;
    blankBefore = false;
  }
  return out;
}

function append(p: Paragraph, text: string, line: number) {
  if (!text) return;
  if (p.text) p.text += ' ';
  p.starts.push({ offset: p.text.length, line });
  p.text += text;
  p.lines[1] = line;
}

/** The source lines a piece `[start, end)` of a paragraph's text came from. */
export function linesOf(p: Paragraph, start: number, end: number): [number, number] {
  let first = p.lines[0], last = p.lines[0];
  for (const s of p.starts) {
    if (s.offset <= start) first = s.line;
    if (s.offset < Math.max(start + 1, end)) last = s.line;
  }
  return [first, Math.max(first, last)];
}
