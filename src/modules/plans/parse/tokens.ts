import { fold } from './text.ts';

/**
 * Words of a sentence for matching names and phrases: folded (no marks, lower case) so that "Sở GD&ĐT",
 * "Sở GDĐT" and "sở giáo dục và đào tạo" meet their list entries, with offsets into the original text and the
 * punctuation between words kept apart (a comma separates list items, a semicolon ends a clause).
 */
export interface Token {
  /** Folded word. */
  w: string;
  start: number;
  end: number;
  /** Original word in lower case, marks kept ("sở" is not "sơ"). */
  lower: string;
  /** Starts with a capital letter in the original. */
  cap: boolean;
}

export function tokenize(text: string): Token[] {
  // The same sentence is read for its subject, its coordination and its heading role: tokenise it once.
  const cached = CACHE.get(text);
  if (cached) return cached;
  const folded = fold(text);
  const out: Token[] = [];
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const first = text[m.index]!;
    const lower = text.slice(m.index, m.index + m[0].length).toLowerCase();
    out.push({ w: m[0], start: m.index, end: m.index + m[0].length, lower, cap: first !== first.toLowerCase() });
  }
  if (CACHE.size >= 256) CACHE.delete(CACHE.keys().next().value!);
  CACHE.set(text, out);
  return out;
}
const CACHE = new Map<string, Token[]>();

/** The characters between token i-1 and token i (the text before the first token for i = 0). */
export const gapBefore = (text: string, toks: Token[], i: number) => text.slice(i === 0 ? 0 : toks[i - 1]!.end, toks[i]?.start ?? text.length);

/** Folded words of a phrase, as `tokenize` would give them. */
export const words = (phrase: string): string[] => tokenize(phrase).map((t) => t.w);

/** Whether `phrase` (folded words) occurs at token i, without a clause boundary (. ; :) inside it. */
export function matchAt(text: string, toks: Token[], i: number, phrase: readonly string[]): boolean {
  if (i + phrase.length > toks.length) return false;
  for (let k = 0; k < phrase.length; k++) {
    if (toks[i + k]!.w !== phrase[k]) return false;
    if (k > 0 && /[.;:()]/.test(gapBefore(text, toks, i + k))) return false;
  }
  return true;
}

/** The longest of `phrases` at token i: its length in tokens, or 0. */
export function longestAt(text: string, toks: Token[], i: number, phrases: readonly (readonly string[])[]): number {
  let best = 0;
  for (const p of phrases) if (p.length > best && matchAt(text, toks, i, p)) best = p.length;
  return best;
}
