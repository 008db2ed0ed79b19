import { GROUP_TOKENS, type GroupToken as TrackerGroup } from '../model.ts';
import type { ParsedPlan, ParsedSection, ParsedTask } from './parse.ts';
import type { Party } from './parties.ts';

/**
 * The parse as JSON for people and scripts (`xhht plan parse --json`, `POST /api/v1/plans/parse`): sections as a
 * tree, tasks and targets as flat lists naming their section, each party with how it was resolved.
 */
export interface PartyJson {
  text: string;
  kind: Party['kind'];
  /** Unit code or group token; null when unresolved. */
  code: string | null;
  name: string;
  /** For a group: the units it meant on the plan's date. */
  members?: { code: string; name: string }[];
}

export const COMMUNES_LABEL = 'UBND các xã, phường, đặc khu';

export function partyJson(p: Party): PartyJson {
  if (p.kind === 'unit') return { text: p.text, kind: p.kind, code: p.code, name: p.name };
  if (p.kind === 'unresolved') return { text: p.text, kind: p.kind, code: null, name: p.name };
  const name = p.token === '@communes' ? COMMUNES_LABEL : GROUP_TOKENS[p.token as TrackerGroup];
  return { text: p.text, kind: p.kind, code: p.token, name, members: p.members };
}

interface SectionJson { code: string; title: string | null; text: string | null; sourceLines: [number, number]; sections: SectionJson[] }

export function planJson(plan: ParsedPlan) {
  const tasks: (Omit<ParsedTask, 'lead' | 'coordinating'> & { section: string; lead: PartyJson[]; coordinating: PartyJson[] })[] = [];
  const section = (s: ParsedSection): SectionJson => {
    for (const t of s.tasks) tasks.push({ ...t, section: s.code, lead: t.lead.map(partyJson), coordinating: t.coordinating.map(partyJson) });
    return { code: s.code, title: s.title, text: s.text, sourceLines: s.sourceLines, sections: s.sections.map(section) };
  };
  const sections = plan.sections.map(section);
  tasks.sort((a, b) => a.sourceLines[0] - b.sourceLines[0]); // document order (a section's tasks and subsections interleave)
  return {
    number: plan.number, issuer: plan.issuer, issuerUnit: plan.issuerUnit, place: plan.place, issuedOn: plan.issuedOn,
    documentType: plan.documentType, title: plan.title, period: plan.period, legalBasis: plan.legalBasis,
    sections, tasks, targets: plan.targets, recipients: plan.recipients, signer: plan.signer, closing: plan.closing,
    warnings: plan.warnings, unparsed: plan.unparsed,
  };
}
