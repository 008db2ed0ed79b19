import { trimClause } from './text.ts';

/**
 * Targets of a plan's goals ("Mục tiêu đến năm 2025": "+ 50% số người trong độ tuổi lao động được trang bị
 * năng lực thông tin;"). One bullet may hold two numbers ("… mức độ 2, trong đó có 40% … mức độ 3"): each becomes
 * its own target, as the tracker counts them.
 */
export interface TargetPiece {
  text: string;
  /** 50 for "50%", 12 for "12 trung tâm"; null when the target is a state to reach ("đạt chuẩn … mức độ 2"). */
  value: number | null;
  unit: string | null;
  /** What is counted: the text after the number ("số người trong độ tuổi lao động được trang bị …"). */
  subject: string;
  /** Offsets of the piece in the bullet's text. */
  start: number;
  end: number;
}

const COUNT_UNITS = ['người', 'lượt người', 'học viên', 'lớp', 'trung tâm', 'thư viện', 'mô hình', 'xã', 'phường', 'huyện', 'đơn vị', 'trường', 'cơ sở'];
const NUMBER = String.raw`(\d{1,3}(?:[.,]\d+)?)`;

export function splitTargets(text: string): TargetPiece[] {
  // "…, trong đó có 40% …" and "…. Trong đó, 12% …" open a second target when a number follows.
  const cuts = [0];
  for (const m of text.matchAll(/[,.]\s+(?=trong đó[\s,][^.;]{0,20}?\d)/giu)) cuts.push(m.index + 1);
  cuts.push(text.length);
  const pieces: TargetPiece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const raw = text.slice(cuts[i], cuts[i + 1]);
    const lead = raw.length - raw.trimStart().length;
    const piece = trimClause(raw, { keepPeriod: false });
    if (!piece) continue;
    pieces.push({ ...measure(piece), start: cuts[i]! + lead, end: cuts[i]! + lead + piece.length });
  }
  return pieces;
}

function measure(text: string): Pick<TargetPiece, 'text' | 'value' | 'unit' | 'subject'> {
  let m = new RegExp(String.raw`${NUMBER}\s?%`, 'u').exec(text);
  if (m) return { text, value: toNumber(m[1]!), unit: '%', subject: text.slice(m.index + m[0].length).trim() };
  m = new RegExp(String.raw`(?:^|\s)${NUMBER}\s(${COUNT_UNITS.join('|')})(?=\s|$|[,;.])`, 'u').exec(text);
  if (m) return { text, value: toNumber(m[1]!), unit: m[2]!, subject: text.slice(m.index + m[0].length).trim() };
  return { text, value: null, unit: null, subject: text };
}

/** "12,5" and "12.5" are both twelve and a half; "1.000" (a thousands point) is one thousand. */
function toNumber(s: string): number {
  if (/^\d{1,3}\.\d{3}$/.test(s)) return Number(s.replace('.', ''));
  return Number(s.replace(',', '.'));
}

/** The year a goal heading or a bullet aims at: "Mục tiêu đến năm 2025" → 2025, "giai đoạn 2021-2025" → 2025. */
export function yearOf(text: string): number | null {
  if (!/năm|giai đoạn/iu.test(text)) return null;
  const years = [...text.matchAll(/\b(20\d{2})\b/g)].map((m) => Number(m[1]));
  return years.length ? years[years.length - 1]! : null;
}
