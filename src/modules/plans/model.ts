import { z } from 'zod';
import { DueRule } from './deadlines.ts';
import { TASK_STATUSES } from './status.ts';

/** Group tokens a plan uses for collective assignments ("UBND các huyện", "các sở, ban, ngành"). */
export const GROUP_TOKENS = { '@districts': 'UBND các huyện, thị xã, thành phố', '@agencies': 'Các sở, ban, ngành tỉnh', '@mass-orgs': 'Các tổ chức chính trị - xã hội' } as const;
export type GroupToken = keyof typeof GROUP_TOKENS;
const Party = z.string().min(1);

// ---- the plan files in data/plans/*.yaml ----
export const PlanTaskFile = z.object({
  code: z.string().min(1),
  text: z.string().min(1),
  lead: z.union([Party, z.array(Party)]),
  coordinating: z.array(Party).default([]),
  coordinatingText: z.string().optional(),
  due: DueRule,
});
export type PlanTaskFile = z.infer<typeof PlanTaskFile>;

export interface PlanSectionFile {
  code: string;
  title?: string;
  text?: string;
  sections?: PlanSectionFile[];
  tasks?: PlanTaskFile[];
}
export const PlanSectionFile: z.ZodType<PlanSectionFile> = z.lazy(() => z.object({
  code: z.string().min(1),
  title: z.string().optional(),
  text: z.string().optional(),
  sections: z.array(PlanSectionFile).optional(),
  tasks: z.array(PlanTaskFile).optional(),
}));

export const PlanFile = z.object({
  number: z.string().min(1),
  issuedOn: z.iso.date(),
  issuer: z.string().min(1),
  title: z.string().min(1),
  legalBasis: z.array(z.string()).default([]),
  period: z.object({ from: z.number().int(), to: z.number().int() }).optional(),
  sections: z.array(PlanSectionFile),
  targets: z.array(z.object({ code: z.string(), year: z.number().int(), text: z.string() })).default([]),
});
export type PlanFile = z.infer<typeof PlanFile>;

/** Visits every task of a plan file with its section path, in document order. */
export function* walkTasks(sections: PlanSectionFile[], path: PlanSectionFile[] = []): Generator<{ task: PlanTaskFile; path: PlanSectionFile[] }> {
  for (const s of sections) {
    for (const task of s.tasks ?? []) yield { task, path: [...path, s] };
    yield* walkTasks(s.sections ?? [], [...path, s]);
  }
}

/**
 * Document order of a section's children. The plan files keep a section's tasks and subsections in two lists, so
 * they are interleaved by their codes below the section's own, segment by segment (a < b.1 < b.2 < c, 2 < 10);
 * unnumbered closing paragraphs ("p1") come last, as they do in the texts.
 */
export function compareSiblingCodes(a: string, b: string): number {
  const [x, y] = [a.split('.'), b.split('.')];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const [u, v] = [x[i], y[i]];
    if (u === v) continue;
    if (u === undefined) return -1;
    if (v === undefined) return 1;
    const [pu, pv] = [/^p\d+$/.test(u), /^p\d+$/.test(v)];
    if (pu !== pv) return pu ? 1 : -1;
    return u.localeCompare(v, 'vi', { numeric: true });
  }
  return 0;
}

/** Lead parties as a list: one agency code, or the group tokens the plan addresses. */
export const leadParties = (lead: string | string[]) => (Array.isArray(lead) ? lead : [lead]);

// ---- API shapes ----
export const PartyView = z.object({ code: z.string(), name: z.string() });

export const PlanSummary = z.object({
  id: z.string(), slug: z.string(), number: z.string(), issuedOn: z.string(), issuer: PartyView, title: z.string(),
  legalBasis: z.array(z.string()), periodFrom: z.number().nullable(), periodTo: z.number().nullable(),
  taskCount: z.number(), statusCounts: z.record(z.string(), z.number()),
});

export const AssignmentView = z.object({
  id: z.string(), unit: PartyView.extend({ id: z.string() }), status: z.enum(TASK_STATUSES), statusLabel: z.string(),
  dueDate: z.string().nullable(), period: z.number().nullable(), percent: z.number(), version: z.number(),
  lastReportedAt: z.string().nullable(), canReport: z.boolean(),
});

export const TaskView = z.object({
  id: z.string(), planId: z.string(), code: z.string(), sectionId: z.string(), position: z.number().describe('Thứ tự trong văn bản (chung cho mục và nhiệm vụ)'), text: z.string(),
  leadAgency: PartyView, coordinatingAgencies: z.array(PartyView), coordinatingText: z.string().nullable(),
  dueRule: z.unknown(), dueRuleText: z.string(), nextDueDate: z.string().nullable(),
  status: z.enum(TASK_STATUSES), statusLabel: z.string(), assignments: z.array(AssignmentView),
});

export const ProgressBody = z.strictObject({
  status: z.enum(['in_progress', 'done']),
  percent: z.number().int().min(0).max(100),
  narrative: z.string().trim().min(1).max(10_000),
  completedOn: z.iso.date().optional(),
  period: z.number().int().min(2000).max(2100).optional(),
  version: z.number().int().min(1),
  evidenceIds: z.array(z.string().regex(/^\d+$/)).max(20).default([]),
}).refine((b) => b.status !== 'done' || b.percent === 100, { message: 'Khi báo hoàn thành, tỷ lệ phải là 100%', path: ['percent'] })
  .refine((b) => b.status === 'done' || b.completedOn === undefined, { message: 'Chỉ ghi ngày hoàn thành khi đã hoàn thành', path: ['completedOn'] });
export type ProgressBody = z.infer<typeof ProgressBody>;

export const OverdueQuery = z.strictObject({
  planId: z.string().regex(/^\d+$/).optional(),
  unit: z.string().max(32).optional().describe('Mã cơ quan/đơn vị chủ trì'),
  kind: z.string().max(32).optional().describe('Loại đơn vị (agency, district …)'),
  dueBefore: z.iso.date().optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});

export const EVIDENCE_TYPES = new Set([
  'application/pdf', 'image/png', 'image/jpeg', 'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword', 'application/vnd.ms-excel',
]);
