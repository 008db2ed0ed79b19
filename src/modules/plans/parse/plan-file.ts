import type { PlanFile, PlanSectionFile, PlanTaskFile } from '../model.ts';
import type { ParsedPlan, ParsedSection, ParsedTask } from './parse.ts';
import type { Party } from './parties.ts';

/**
 * A parsed plan in the shape of the tracker's plan files (`data/plans/*.yaml`, loaded by `loadPlan`), so that an
 * import and a hand-made seed go through the same loader. Each piece keeps its source lines for the review;
 * `PlanFile.parse` drops them. A party the directory lacks is written `?Name`: the reviewer must choose a unit
 * before the plan can be published.
 */
export const UNRESOLVED_PREFIX = '?';

export type DraftTask = PlanTaskFile & { sourceLines?: [number, number] };
export interface DraftSection extends Omit<PlanSectionFile, 'sections' | 'tasks'> {
  sourceLines?: [number, number];
  sections?: DraftSection[];
  tasks?: DraftTask[];
}
export interface DraftTarget {
  code: string;
  year: number;
  text: string;
  group?: string;
  value?: number;
  unit?: string;
  sourceLines?: [number, number];
}
export type PlanDraft = Omit<PlanFile, 'sections' | 'targets'> & { sections: DraftSection[]; targets: DraftTarget[] };

export function toPlanDraft(plan: ParsedPlan): PlanDraft {
  const code = (p: Party): string[] => {
    if (p.kind === 'unit') return [p.code];
    if (p.kind === 'unresolved') return [`${UNRESOLVED_PREFIX}${p.name}`];
    // The tracker has no token for "các xã, phường": the communes in force on the plan's date, by code.
    if (p.token === '@communes') return p.members.map((u) => u.code);
    return [p.token];
  };
  const task = (t: ParsedTask): DraftTask => {
    const lead = t.lead.flatMap(code);
    const single = t.lead.length === 1 && t.lead[0]!.kind !== 'group' && !(t.lead[0]!.kind === 'unit' && ['district', 'commune', 'province'].includes(t.lead[0]!.unitKind));
    return {
      code: t.code, text: t.text, lead: single ? lead[0]! : lead, coordinating: [...new Set(t.coordinating.flatMap(code))],
      ...(t.coordinatingText ? { coordinatingText: t.coordinatingText } : {}), due: t.due, sourceLines: t.sourceLines,
    };
  };
  const section = (s: ParsedSection): DraftSection => ({
    code: s.code,
    ...(s.title ? { title: s.title } : {}),
    ...(s.text ? { text: s.text } : {}),
    ...(s.sections.length ? { sections: s.sections.map(section) } : {}),
    ...(s.tasks.length ? { tasks: s.tasks.map(task) } : {}),
    sourceLines: s.sourceLines,
  });
  return {
    number: plan.number ?? '', issuedOn: plan.issuedOn ?? '', issuer: plan.issuerUnit?.code ?? '', title: plan.title ?? '',
    legalBasis: plan.legalBasis,
    ...(plan.period ? { period: plan.period } : {}),
    sections: plan.sections.map(section),
    targets: plan.targets.filter((t) => t.year !== null).map((t) => ({
      code: t.code, year: t.year!, text: t.text, ...(t.group ? { group: t.group } : {}),
      ...(t.value !== null ? { value: t.value } : {}), ...(t.unit ? { unit: t.unit } : {}), sourceLines: t.sourceLines,
    })),
  };
}

/** Parties of a draft still written `?Name`, with where they are. */
export function unresolvedParties(draft: { sections: PlanSectionFile[] }): { code: string; field: 'lead' | 'coordinating'; name: string }[] {
  const out: { code: string; field: 'lead' | 'coordinating'; name: string }[] = [];
  const visit = (sections: PlanSectionFile[]) => {
    for (const s of sections) {
      for (const t of s.tasks ?? []) {
        for (const p of Array.isArray(t.lead) ? t.lead : [t.lead]) if (p.startsWith(UNRESOLVED_PREFIX)) out.push({ code: t.code, field: 'lead', name: p.slice(1) });
        for (const p of t.coordinating) if (p.startsWith(UNRESOLVED_PREFIX)) out.push({ code: t.code, field: 'coordinating', name: p.slice(1) });
      }
      visit(s.sections ?? []);
    }
  };
  visit(draft.sections);
  return out;
}

/** "tay-ninh-2042-2020": the province, the number and the year, as the seed plan files are named. */
export function planSlug(issuerName: string, number: string, issuedOn: string): string {
  const place = issuerName.replace(/^(Tỉnh|Thành phố|Huyện|Thị xã|Quận|Xã|Phường|Thị trấn|Đặc khu)\s+/u, '');
  const ascii = place.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const no = number.split('/')[0]!.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return `${ascii}-${no}-${issuedOn.slice(0, 4)}`;
}
