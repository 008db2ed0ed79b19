/**
 * The levels a centre's year is rated at, by itself and on review. No stand-alone rating instrument for community
 * learning centres was found (legal-rules §2.7, gap): the four levels below are the scale MOET uses for other
 * evaluations of education units, taken over as an inference [I] until the province issues its own.
 */
export const RATING_SCALE = {
  source: 'Không tìm thấy bộ tiêu chí đánh giá riêng cho TTHTCĐ (legal-rules §2.7); thang 4 mức suy luận [I]',
  verified: 'I' as const,
  levels: [
    { code: 'good', label: 'Tốt' },
    { code: 'fair', label: 'Khá' },
    { code: 'pass', label: 'Đạt' },
    { code: 'fail', label: 'Chưa đạt' },
  ],
} as const;

export const RATING_CODES = RATING_SCALE.levels.map((l) => l.code) as ['good', 'fair', 'pass', 'fail'];
export type Rating = (typeof RATING_CODES)[number];

/** The label of a level, marked [I] while the scale is inferred. */
export function ratingLabel(code: string | null): string | null {
  const level = RATING_SCALE.levels.find((l) => l.code === code);
  if (!level) return null;
  return RATING_SCALE.verified === 'I' ? `${level.label} [I]` : level.label;
}
