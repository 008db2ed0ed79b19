import { firstLabels, nextLabel, type Marker, type Paragraph } from './layout.ts';
import { fold } from './text.ts';

/**
 * The numbered outline of a plan's body. Items nest by the fixed order of Vietnamese administrative documents
 * (I. > 1. > 1.1. > a) > (1) > - > +), whatever the order in which a copy first uses them; an unnumbered paragraph
 * belongs to the nearest numbered item above it (bullets hold one paragraph each).
 */
export interface Item {
  marker: Marker | null;
  para: Paragraph;
  children: Item[];
}

export interface OutlineProblem { line: number; message: string }

export function outline(paras: Paragraph[]): { roots: Item[]; problems: OutlineProblem[] } {
  const root: Item = { marker: { kind: 'roman', label: '', rank: -1 }, para: null as unknown as Paragraph, children: [] };
  const stack: Item[] = [root];
  const problems: OutlineProblem[] = [];
  for (const para of paras) {
    const item: Item = { marker: para.marker, para, children: [] };
    if (para.marker) {
      while (stack.length > 1 && stack[stack.length - 1]!.marker!.rank >= para.marker.rank) stack.pop();
      const parent = stack[stack.length - 1]!;
      checkNumbering(parent, para, problems);
      parent.children.push(item);
      stack.push(item);
    } else {
      while (stack.length > 1 && isBullet(stack[stack.length - 1]!)) stack.pop();
      stack[stack.length - 1]!.children.push(item);
    }
  }
  if (!paras.some((p) => p.marker)) problems.push({ line: paras[0]?.lines[0] ?? 1, message: 'Không thấy số thứ tự mục (I., 1., a), -) nào: các đoạn được đọc như một danh sách phẳng.' });
  return { roots: root.children, problems };
}

export const isBullet = (i: Item) => i.marker?.kind === 'dash' || i.marker?.kind === 'plus';
/** Items whose label becomes part of a code ("II.1.b"); bullets and paragraphs are counted instead. */
export const isLabelled = (i: Item) => !!i.marker && !isBullet(i);

function checkNumbering(parent: Item, para: Paragraph, problems: OutlineProblem[]) {
  const m = para.marker!;
  if (m.kind === 'dash' || m.kind === 'plus') return;
  const previous = [...parent.children].reverse().find((c) => c.marker?.kind === m.kind && Math.abs(c.marker.rank - m.rank) < 0.01);
  const expected = previous ? nextLabel(m.kind, previous.marker!.label) : firstLabels(m.kind);
  if (!expected.includes(m.label)) {
    problems.push({ line: para.lines[0], message: `Số thứ tự “${m.label}” không liền mạch (mong đợi “${expected[0]}”): hãy kiểm tra mục này có bị thiếu hay đánh số lại.` });
  }
}

export type PartKind = 'text' | 'goals' | 'mixed' | 'tasks';

/**
 * What a part of the plan holds, from its heading: purposes and viewpoints are text, goals hold targets, the
 * funding part is text with the odd assignment, tasks and "Tổ chức thực hiện" hold tasks.
 */
export function partKind(title: string): PartKind | null {
  const t = fold(title);
  if (/nhiem vu|giai phap|to chuc thuc hien|phan cong|trach nhiem|noi dung thuc hien/.test(t)) return 'tasks';
  if (/muc tieu|chi tieu/.test(t)) return 'goals';
  if (/kinh phi|nguon luc|che do bao cao/.test(t)) return 'mixed';
  if (/muc dich|yeu cau|quan diem|can cu|tinh hinh|ket qua|danh gia|thuc trang|boi canh|pham vi|doi tuong|su can thiet/.test(t)) return 'text';
  return null;
}
