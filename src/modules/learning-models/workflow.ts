import { z } from 'zod';

/**
 * The yearly registration of a learning model as a pure state machine (issue 5): draft → submitted → (proposed) →
 * recognised, with return and rejection by the level whose turn it is; a recognition can later be revoked (recognised →
 * revoked) by the level that granted it. Which level proposes and which recognises is
 * data (data/learning-models/workflow.yaml), per model type, kind of the subject's unit and year.
 */
export const MODEL_TYPES = [
  'learning_citizen', 'learning_family', 'learning_clan', 'learning_community_hamlet', 'learning_unit',
  'learning_community_commune', 'learning_community_district', 'learning_community_province',
] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

export const SUBJECT_KINDS = ['citizen', 'family', 'clan', 'hamlet_community', 'learning_unit', 'commune', 'district', 'province'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = {
  citizen: 'Công dân', family: 'Gia đình (hộ)', clan: 'Dòng họ', hamlet_community: 'Cộng đồng thôn, tổ dân phố', learning_unit: 'Đơn vị',
  commune: 'Xã, phường', district: 'Huyện', province: 'Tỉnh',
};

/** Each title is held by one kind of subject. */
export const SUBJECT_KIND_OF: Record<ModelType, SubjectKind> = {
  learning_citizen: 'citizen', learning_family: 'family', learning_clan: 'clan', learning_community_hamlet: 'hamlet_community',
  learning_unit: 'learning_unit', learning_community_commune: 'commune', learning_community_district: 'district', learning_community_province: 'province',
};

/** The one list of model-type labels (the criteria sets, the workflow, the statistics and the web app all read it). */
export const MODEL_LABELS: Record<ModelType, string> = {
  learning_citizen: 'Công dân học tập', learning_family: 'Gia đình học tập', learning_clan: 'Dòng họ học tập',
  learning_community_hamlet: 'Cộng đồng học tập cấp thôn, tổ dân phố', learning_unit: 'Đơn vị học tập', learning_community_commune: 'Cộng đồng học tập cấp xã',
  learning_community_district: 'Cộng đồng học tập cấp huyện', learning_community_province: 'Cộng đồng học tập cấp tỉnh',
};

export const STATUSES = ['draft', 'submitted', 'returned', 'proposed', 'recognised', 'rejected', 'revoked'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = {
  draft: 'Đang lập hồ sơ', submitted: 'Đã nộp, chờ xét', returned: 'Bị trả lại', proposed: 'Đã đề nghị công nhận',
  recognised: 'Đã công nhận', rejected: 'Không công nhận', revoked: 'Đã thu hồi công nhận',
};

export const LEVELS = ['commune', 'district', 'province', 'self', 'parent'] as const;
export type Level = (typeof LEVELS)[number];

const Route = z.strictObject({
  unitKinds: z.array(z.string()).min(1).optional(),
  fromYear: z.number().int().optional(),
  toYear: z.number().int().optional(),
  proposer: z.enum(LEVELS).nullable(),
  recogniser: z.enum(LEVELS),
  verified: z.enum(['V', 'P', 'I']),
  source: z.string().min(1),
});
export type Route = z.infer<typeof Route>;

const Deadline = z.strictObject({
  dossierBy: z.string().regex(/^\d\d-\d\d$/).nullable(),
  decisionBy: z.string().regex(/^\d\d-\d\d$/).nullable(),
  yearOffset: z.union([z.literal(0), z.literal(1)]),
  verified: z.enum(['V', 'P', 'I']),
  source: z.string().min(1),
});
export type CalendarRule = z.infer<typeof Deadline>;

export const WorkflowConfig = z.strictObject({
  routes: z.record(z.enum(MODEL_TYPES), z.array(Route).min(1)),
  calendar: z.record(z.enum(MODEL_TYPES), Deadline),
});
export type WorkflowConfig = z.infer<typeof WorkflowConfig>;

/** The route of a registration; null when no level is competent (e.g. a district after the 2025 reform). */
export function routeFor(config: WorkflowConfig, modelType: ModelType, unitKind: string, year: number): Route | null {
  return config.routes[modelType]?.find((r) =>
    (!r.unitKinds || r.unitKinds.includes(unitKind)) && (r.fromYear === undefined || year >= r.fromYear) && (r.toYear === undefined || year <= r.toYear)) ?? null;
}

export const ACTIONS = ['submit', 'propose', 'recognise', 'return', 'reject', 'revoke'] as const;
export type Action = (typeof ACTIONS)[number];
export const ACTION_LABELS: Record<Action, string> = {
  submit: 'Nộp hồ sơ', propose: 'Đề nghị công nhận', recognise: 'Công nhận', return: 'Trả lại', reject: 'Không công nhận', revoke: 'Thu hồi công nhận',
};

/** Who acts: the registrant (the subject or an officer for them), the proposing level, the recognising level. */
export type Party = 'registrant' | 'proposer' | 'recogniser';

/** The party whose turn it is in a state, or null when the registration waits for nobody. */
export function turnOf(status: Status, route: Route): Party | null {
  switch (status) {
    case 'draft': case 'returned': return 'registrant';
    case 'submitted': return route.proposer ? 'proposer' : 'recogniser';
    case 'proposed': return 'recogniser';
    default: return null;
  }
}

/** Self-assessment and evidence can change only while the registrant holds the dossier. */
export const editableBySubject = (status: Status) => status === 'draft' || status === 'returned';

export type Step = { ok: true; to: Status; party: Party; level: Level | null } | { ok: false; code: string; title: string };

export function transition(status: Status, action: Action, route: Route): Step {
  const party = turnOf(status, route);
  const fail = (code: string, title: string): Step => ({ ok: false, code, title });
  const levelOf = (p: Party) => (p === 'proposer' ? route.proposer : p === 'recogniser' ? route.recogniser : null);
  switch (action) {
    case 'submit':
      if (party !== 'registrant') return fail('registration.not_editable', 'Hồ sơ đã nộp; chỉ nộp lại được khi bị trả lại');
      return { ok: true, to: 'submitted', party, level: null };
    case 'propose':
      if (status !== 'submitted' || party !== 'proposer') return fail('registration.nothing_to_propose', 'Hồ sơ không ở bước chờ đề nghị công nhận');
      return { ok: true, to: 'proposed', party, level: levelOf(party) };
    case 'recognise':
      if (party !== 'recogniser') {
        return fail('registration.nothing_to_recognise', party === 'proposer' ? 'Hồ sơ cần được đề nghị trước khi công nhận' : 'Hồ sơ không ở bước chờ công nhận');
      }
      return { ok: true, to: 'recognised', party, level: levelOf(party) };
    case 'return':
    case 'reject':
      if (party !== 'proposer' && party !== 'recogniser') return fail('registration.not_under_review', 'Hồ sơ không ở bước xét duyệt');
      return { ok: true, to: action === 'return' ? 'returned' : 'rejected', party, level: levelOf(party) };
    case 'revoke':
      // Only a recognition can be withdrawn, once; the store checks that the actor covers the unit that issued it.
      if (status === 'revoked') return fail('recognition.already_revoked', 'Công nhận này đã bị thu hồi');
      if (status !== 'recognised') return fail('registration.not_recognised', 'Hồ sơ chưa được công nhận; không có gì để thu hồi');
      return { ok: true, to: 'revoked', party: 'recogniser', level: route.recogniser };
  }
}

/** The actions a party could take now: the buttons the page shows (scope and role are checked by the server). */
export function availableActions(status: Status, route: Route): Action[] {
  return ACTIONS.filter((a) => transition(status, a, route).ok);
}

export interface UnitNode { id: string; kind: string; parentId: string | null }

/**
 * The unit that embodies a level for a subject's unit: its ancestors (nearest first, the unit itself first) as they
 * stood in the assessment year. A 2024 commune still sits under its district; a 2026 one does not.
 */
export function competentUnit(level: Level, chain: readonly UnitNode[]): UnitNode | null {
  if (level === 'self') return chain[0] ?? null;
  if (level === 'parent') return chain[1] ?? null;
  return chain.find((u) => u.kind === level) ?? null;
}
