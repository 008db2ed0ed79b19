/**
 * Vietnamese folded for search: decomposed (NFD), combining marks removed, đ/Đ → d, lower case, anything that is not
 * a letter or digit turned into one space. "Học tập suốt đời" and "hoc tap suot doi" fold to the same text, so a
 * search typed without accents (or with the wrong ones) finds the resource. Pure, so the stored `search_text` and
 * the query are folded by the same code.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A `to_tsquery('simple', …)` text for a search box: the folded words joined with AND, the last one as a prefix (the
 * user may still be typing it). Only letters and digits survive folding, so no tsquery operator can be injected.
 * Null when nothing searchable is left.
 */
export function searchQuery(text: string): string | null {
  const words = fold(text).split(' ').filter(Boolean).slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}

/** Vietnamese alphabetical order (a ă â b c d đ e ê …), for lists sorted in the app when the server lacks ICU. */
export const vietnameseCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
