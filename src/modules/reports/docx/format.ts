/** Vietnamese writing of numbers and dates in official documents (Nghị định 30/2020/NĐ-CP, Phụ lục I). */

/** 1.234,5 — thousands with dots, decimals with a comma, as many decimals as the indicator has. */
export function formatVnNumber(n: number | null, decimals = 0): string {
  if (n === null || !Number.isFinite(n)) return '—';
  return new Intl.NumberFormat('vi-VN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(n);
}

/** "ngày 05 tháng 02 năm 2026": a day below 10 and the months 1 and 2 take a leading zero (ND 30/2020, Phụ lục I). */
export function vnDateLine(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/** The place of the date line: the province's name without its type word ("Tỉnh Tây Ninh" → "Tây Ninh"; a city keeps "Thành phố"). */
export const placeName = (provinceName: string) => provinceName.replace(/^Tỉnh\s+/, '');

/**
 * The issuing body's part of a document symbol (số, ký hiệu "45/BC-UBND"): a people's committee is UBND; another
 * body is abbreviated by its short name, whose capitalised parts are kept and other words reduced to initials
 * ("Sở GDĐT" → "SGDĐT").
 */
export function bodyAbbreviation(unit: { kind: string; name: string; shortName: string | null }): string {
  if (['province', 'district', 'commune'].includes(unit.kind)) return 'UBND';
  const words = (unit.shortName ?? unit.name).split(/\s+/).filter(Boolean);
  return words.map((w) => (w.length > 1 && w === w.toLocaleUpperCase('vi') ? w : w[0]!.toLocaleUpperCase('vi'))).join('');
}
