/**
 * The narrative of a report in the standard structure of an annual report (kết quả; hạn chế, nguyên nhân; bài học;
 * phương hướng; đề xuất, kiến nghị), and the cleaning of text pasted into it: the text ends up in a DOCX, whose XML
 * refuses control characters, and pasted HTML would show as tags.
 */
export const NARRATIVE_SECTIONS = ['results', 'shortcomings', 'lessons', 'nextYear', 'proposals'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
export type Narrative = Partial<Record<NarrativeSection, string>>;

export const SECTION_TITLES: Record<NarrativeSection, string> = {
  results: 'Kết quả đạt được',
  shortcomings: 'Hạn chế, nguyên nhân',
  lessons: 'Bài học kinh nghiệm',
  nextYear: 'Phương hướng, nhiệm vụ năm tới',
  proposals: 'Đề xuất, kiến nghị',
};

/** Characters per section after cleaning; a yearly report section is a few pages at most. */
export const MAX_SECTION_CHARS = 20_000;

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * Plain text from what a user typed or pasted: HTML tags removed (block ends become line breaks, list items dashes,
 * scripts and styles dropped with their content), entities decoded, control characters other than newline and tab
 * removed (with lone surrogates and U+FFFE/FFFF, which XML also refuses), Windows line ends unified, blank runs
 * collapsed. Idempotent.
 */
export function sanitiseText(input: string): string {
  let s = input.normalize('NFC').replace(/\r\n?/g, '\n');
  // To a fixed point: a tag may hide behind an entity or inside another tag.
  for (let before = ''; before !== s;) {
    before = s;
    s = decodeEntities(s).replace(/<!--[\s\S]*?(-->|$)/g, '')
      .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, '')
      .replace(/<br\s*\/?>|<\/(p|div|h[1-6]|tr|li)\s*>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '- ')
      .replace(/<\/?[a-z][^<>]*>/gi, '');
  }
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Every section cleaned; empty sections dropped. */
export function sanitiseNarrative(n: Narrative): Narrative {
  const out: Narrative = {};
  for (const k of NARRATIVE_SECTIONS) {
    const v = n[k] === undefined ? '' : sanitiseText(n[k]);
    if (v) out[k] = v;
  }
  return out;
}
