/**
 * Plain text of a plan, line by line, as the parser reads it. Copies of official documents come from Word, PDF
 * viewers, web pages and markdown converters: the same words arrive in either Unicode normal form, with CRLF or CR
 * line ends, non-breaking and zero-width spaces, markdown emphasis and table residue. All of that is removed here,
 * once, keeping each line's number in the original so that everything extracted can point back to it.
 */

export interface SourceLine {
  /** 1-based line number in the text as given. */
  no: number;
  /** Cleaned text: NFC, markdown and table marks removed, spaces collapsed, trimmed. Empty for a blank line. */
  text: string;
  /** The line was indented (two spaces or a tab): plain-text copies indent each paragraph's first line. */
  indent: boolean;
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
/** A table border or an empty cell row, left over when a two-column header block is copied as text. */
const TABLE_RULE = /^[|+\-=_:\s]*$/;

export function toLines(raw: string): SourceLine[] {
  const out: SourceLine[] = [];
  raw.normalize('NFC').replace(ZERO_WIDTH, '').split(/\r\n|\r|\n/).forEach((line, i) => {
    const indent = /^(?: {2,}|\t|\u3000|\u00a0{2,})\S/.test(line);
    // Cells of a copied table (the two-column header: issuer | national motto) arrive tab- or bar-separated.
    const cells = line.split(/\t+|\s\|\s/).map(clean).filter(Boolean);
    if (!cells.length) out.push({ no: i + 1, text: '', indent: false });
    cells.forEach((text, k) => out.push({ no: i + 1, text, indent: indent && k === 0 }));
  });
  return out;
}

function clean(s: string): string {
  const text = s
    .replace(/^\s*#{1,6}\s+/, '') // markdown heading
    .replace(/\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1') // [text](link) → text
    .replace(/\*\*|__/g, '')
    .replace(/(^|\s)\*(\S(?:[^*]*\S)?)\*(?=\s|$|[.,;:])/g, '$1$2') // *emphasis*
    .replace(/\\([.()[\]\-*_#+!])/g, '$1') // markdown escapes such as "1\."
    .replace(/^\s*\|/, '').replace(/\|\s*$/, '')
    .replace(SPACES, ' ')
    .trim();
  return TABLE_RULE.test(text) ? '' : text;
}

/**
 * Folds one character for comparison: no tone or vowel marks, đ → d, lower case. Keeps the string length, so that
 * a match found in the folded text has the same offsets in the original (NFC) text.
 */
export function fold(s: string): string {
  let out = '';
  for (const ch of s) {
    let f = FOLDED.get(ch);
    if (f === undefined) {
      const base = ch === 'đ' || ch === 'Đ' ? 'd' : ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      f = base.length === ch.length ? base : ch;
      FOLDED.set(ch, f);
    }
    out += f;
  }
  return out;
}
const FOLDED = new Map<string, string>();

/** Upper-case letters only (and at least two letters): a heading typed in capitals. */
export function isAllCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toLocaleUpperCase('vi') && letters !== letters.toLocaleLowerCase('vi');
}

/** Whether the first letter of a string is lower case (a wrapped line continuing a sentence). */
export function startsLower(s: string): boolean {
  const m = /\p{L}/u.exec(s);
  return !!m && m.index <= 2 && m[0] !== m[0].toLocaleUpperCase('vi');
}

/** "Ủy ban nhân dân tỉnh" from "ỦY BAN NHÂN DÂN TỈNH": lower case with the first letter kept upper. */
export function sentenceCase(s: string): string {
  const lower = s.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** Trailing ";" or ":" end a clause in a list, not the task; "./." and ")/." close a document. */
export function trimClause(s: string, { keepPeriod }: { keepPeriod: boolean }): string {
  let t = s.trim().replace(/\/\.$/, '').replace(/\s*[;:,]+$/, '').trim();
  if (!keepPeriod) t = t.replace(/\s*\.+$/, '').trim();
  return t;
}
