import { formatDate } from '../../../format';
import type { DraftSection, DraftTask, DueRule, ParseResponse, PlanDraft } from './types';

/** Pure helpers of the review: the draft is edited immutably, task by task. */

export const UNRESOLVED = '?';
export const leadList = (lead: string | string[]) => (Array.isArray(lead) ? lead : [lead]);

export function* tasksOf(sections: DraftSection[]): Generator<DraftTask> {
  for (const s of sections) {
    yield* s.tasks ?? [];
    yield* tasksOf(s.sections ?? []);
  }
}

export function updateTask(draft: PlanDraft, code: string, patch: Partial<DraftTask>): PlanDraft {
  const visit = (sections: DraftSection[]): DraftSection[] => sections.map((s) => ({
    ...s,
    tasks: s.tasks?.map((t) => (t.code === code ? { ...t, ...patch } : t)),
    sections: s.sections && visit(s.sections),
  }));
  return { ...draft, sections: visit(draft.sections) };
}

export function updateSection(draft: PlanDraft, code: string, patch: Partial<DraftSection>): PlanDraft {
  const visit = (sections: DraftSection[]): DraftSection[] => sections.map((s) => (s.code === code ? { ...s, ...patch } : { ...s, sections: s.sections && visit(s.sections) }));
  return { ...draft, sections: visit(draft.sections) };
}

/** Parties still written "?Tên": the plan cannot be published until each is chosen or turned into text. */
export function unresolvedCount(draft: PlanDraft): number {
  let n = 0;
  for (const t of tasksOf(draft.sections)) n += [...leadList(t.lead), ...t.coordinating].filter((p) => p.startsWith(UNRESOLVED)).length;
  return n;
}

/** A single agency is written as a string, groups and districts as a list (the plan-file convention). */
export function leadValue(codes: string[], kinds: Map<string, string>): string | string[] {
  return codes.length === 1 && ['agency', 'association'].includes(kinds.get(codes[0]!) ?? '') ? codes[0]! : codes;
}

/** Names for every code the review may show: the choices, and the parties the parser resolved. */
export function partyNames(r: ParseResponse): { names: Map<string, string>; kinds: Map<string, string> } {
  const names = new Map<string, string>(), kinds = new Map<string, string>();
  for (const c of r.choices) { names.set(c.code, c.name); kinds.set(c.code, c.kind); }
  for (const t of r.parse.tasks) {
    for (const p of [...t.lead, ...t.coordinating]) {
      if (p.code && !names.has(p.code)) names.set(p.code, p.name);
      for (const m of p.members ?? []) if (!names.has(m.code)) names.set(m.code, m.name);
    }
  }
  return { names, kinds };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dueLabel(d: DueRule): string {
  switch (d.kind) {
    case 'none': return 'Không quy định thời hạn';
    case 'date': return `Trước ngày ${formatDate(d.date)}`;
    case 'quarter': return `Trong quý ${['I', 'II', 'III', 'IV'][d.quarter - 1]} năm ${d.year}`;
    case 'year': return `Trong năm ${d.year}`;
    case 'yearly': return `Hằng năm, trước ngày ${pad(d.day)}/${pad(d.month)}`;
  }
}

export const linesLabel = (l?: [number, number]) => (!l ? '' : l[0] === l[1] ? `dòng ${l[0]}` : `dòng ${l[0]}–${l[1]}`);
