import type { DueRule } from '../deadlines.ts';
import { leadParties, walkTasks, type PlanSectionFile } from '../model.ts';

/**
 * How close a parsed plan comes to a hand-checked one, field by field: precision (what the parser extracted that
 * is right) and recall (what it should have extracted that it did). Tasks are matched by their text (a text that
 * occurs twice, as for two bodies given the same sentence, is told apart by its order); every other field is
 * compared on the matched task, so one wrong task does not hide or double-count its parties.
 */
export interface PlanLike {
  sections: PlanSectionFile[];
  targets?: { code: string; year: number; text: string; value?: number; percent?: number }[];
}

export interface FieldScore { field: string; expected: number; found: number; correct: number; precision: number; recall: number }

export function scorePlan(expected: PlanLike, actual: PlanLike): FieldScore[] {
  const e = facts(expected), a = facts(actual);
  return (Object.keys(e) as (keyof Facts)[]).map((field) => score(FIELD_LABELS[field], e[field], a[field]));
}

const FIELD_LABELS = {
  sections: 'mục (sections)', tasks: 'nhiệm vụ (tasks)', codes: 'mã nhiệm vụ (codes)', lead: 'chủ trì (lead)',
  coordinating: 'phối hợp (coordinating)', deadlines: 'thời hạn (deadlines)', targets: 'chỉ tiêu (targets)',
} as const;
type Facts = Record<keyof typeof FIELD_LABELS, string[]>;

function facts(plan: PlanLike): Facts {
  const f: Facts = { sections: [], tasks: [], codes: [], lead: [], coordinating: [], deadlines: [], targets: [] };
  const seen = new Map<string, number>();
  const walkSections = (sections: PlanSectionFile[]) => {
    for (const s of sections) {
      f.sections.push(`${s.code}|${s.title ?? ''}|${s.text ?? ''}`);
      walkSections(s.sections ?? []);
    }
  };
  walkSections(plan.sections);
  for (const { task } of walkTasks(plan.sections)) {
    const n = (seen.get(task.text) ?? 0) + 1;
    seen.set(task.text, n);
    const key = `${task.text}#${n}`;
    f.tasks.push(key);
    f.codes.push(`${key}|${task.code}`);
    for (const p of leadParties(task.lead)) f.lead.push(`${key}|${p}`);
    for (const p of task.coordinating) f.coordinating.push(`${key}|${p}`);
    if (task.due.kind !== 'none') f.deadlines.push(`${key}|${dueKey(task.due)}`);
  }
  for (const t of plan.targets ?? []) f.targets.push(`${t.year}|${t.value ?? t.percent ?? ''}|${t.text}`);
  return f;
}

const dueKey = (d: DueRule) => JSON.stringify(Object.entries(d).sort(([x], [y]) => x.localeCompare(y)));

function score(field: string, expected: string[], found: string[]): FieldScore {
  const pool = new Map<string, number>();
  for (const x of expected) pool.set(x, (pool.get(x) ?? 0) + 1);
  let correct = 0;
  for (const x of found) {
    const left = pool.get(x) ?? 0;
    if (left > 0) { correct++; pool.set(x, left - 1); }
  }
  // Nothing expected and nothing found is a perfect score, not a division by zero.
  return {
    field, expected: expected.length, found: found.length, correct,
    precision: found.length ? correct / found.length : 1, recall: expected.length ? correct / expected.length : 1,
  };
}

/** The scores as a small fixed-width table for test output and the CLI. */
export function formatScores(title: string, scores: FieldScore[]): string {
  const pct = (x: number) => `${(100 * x).toFixed(1).replace('.', ',')} %`;
  const rows = scores.map((s) => [s.field, String(s.expected), String(s.found), String(s.correct), pct(s.precision), pct(s.recall)]);
  const head = ['trường', 'cần có', 'tìm thấy', 'đúng', 'precision', 'recall'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [title, line(head), ...rows.map(line)].join('\n');
}
