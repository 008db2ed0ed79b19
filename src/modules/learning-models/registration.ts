import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { forbidden, problem, staleVersion } from '../../http/problem.ts';
import { logAccess } from '../audit/access.ts';
import { audit } from '../audit/store.ts';
import { can, type Actor, type Permission } from '../auth/model.ts';
import { coversUnit, inScope } from '../auth/scope.ts';
import { isLate, yearCalendar } from './calendar.ts';
import { MODEL_TYPES as CRITERIA_MODEL_TYPES, type ModelType as CriteriaModelType } from './criteria.ts';
import { currentCriteriaSet, loadCriteriaSet } from './criteria-store.ts';
import { CriteriaInputError, evaluate, invalidScores } from './evaluate.ts';
import type { ActionBody, AssessmentBody, RegistrationBody, RegistrationQuery } from './model.ts';
import { subjectInScope } from './subjects.ts';
import {
  ACTION_LABELS, availableActions, competentUnit, MODEL_LABELS, routeFor, STATUS_LABELS, SUBJECT_KIND_OF, transition,
  type Action, type ModelType, type Party, type Route, type Status, type UnitNode,
} from './workflow.ts';
import { workflowConfig } from './workflow-config.ts';

/** The yearly registration of a subject for a learning model, its self-assessment, review and history (issue 5). */

export type Channel = 'officer' | 'on_behalf' | 'self_service';

/** The role permission each party needs; the unit scope is checked separately, in SQL. */
const PARTY_PERMISSION: Record<Party, Permission> = { registrant: 'model.register', proposer: 'model.review', recogniser: 'model.recognise' };

export interface Locked {
  id: string; subject_id: string; subject_kind: string; subject_name: string; model_type: ModelType; year: number; unit_id: string;
  unit_kind: string; status: Status; channel: Channel; version: number;
}

/** The registration row, locked for the caller's transaction, provided the actor's scope covers its unit. */
export async function lockRegistration(tx: Tx, actor: Actor, id: string): Promise<Locked> {
  const row = await tx.selectFrom('model_registration as r').innerJoin('learning_subject as s', 's.id', 'r.subject_id').innerJoin('org_unit as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.subject_id', 's.kind as subject_kind', 's.name as subject_name', 'r.model_type', 'r.year', 'r.unit_id', 'u.kind as unit_kind', 'r.status', 'r.channel', 'r.version'])
    .where('r.id', '=', id).where(inScope(actor, 'r.unit_id')).forUpdate('r').executeTakeFirst();
  if (!row) throw forbidden('model_registration');
  return row as Locked;
}

/** The unit and its ancestors, nearest first. */
export async function unitChain(db: Db | Tx, unitId: string): Promise<UnitNode[]> {
  const { rows } = await sql<{ id: string; kind: string; parent_id: string | null }>`
    WITH RECURSIVE up(id, kind, parent_id, depth) AS (
      SELECT id, kind, parent_id, 0 FROM org_unit WHERE id = ${unitId}
      UNION ALL SELECT u.id, u.kind, u.parent_id, up.depth + 1 FROM org_unit u JOIN up ON u.id = up.parent_id WHERE up.depth < 10
    ) SELECT id::text, kind, parent_id::text FROM up ORDER BY depth`.execute(db);
  return rows.map((r) => ({ id: r.id, kind: r.kind, parentId: r.parent_id }));
}

export function routeOf(reg: Pick<Locked, 'model_type' | 'unit_kind' | 'year'>): Route {
  const route = routeFor(workflowConfig(), reg.model_type, reg.unit_kind, reg.year);
  if (!route) throw problem(422, 'registration.no_competent_level', `Không có cấp có thẩm quyền công nhận ${MODEL_LABELS[reg.model_type]} năm ${reg.year} cho đơn vị loại này`);
  return route;
}

/**
 * The actor may act as `party`: the role allows it, and for a reviewing party the actor's scope covers the competent
 * unit itself (the commune for the commune level, the district for the district level …), checked in SQL.
 */
export async function requireParty(tx: Tx, actor: Actor, reg: Locked, route: Route, party: Party): Promise<string | null> {
  if (!can(actor.role, PARTY_PERMISSION[party])) throw problem(403, 'role.forbidden', 'Vai trò của bạn không được thực hiện bước này', { permission: PARTY_PERMISSION[party] });
  if (party === 'registrant') return null;
  const level = party === 'proposer' ? route.proposer! : route.recogniser;
  const unit = competentUnit(level, await unitChain(tx, reg.unit_id));
  if (!unit || !(await coversUnit(tx, actor, unit.id))) {
    throw problem(403, 'scope.not_competent', `Bạn không thuộc cấp có thẩm quyền ${party === 'proposer' ? 'đề nghị' : 'công nhận'} hồ sơ này`);
  }
  return unit.id;
}

export async function addEvent(tx: Tx, registrationId: string, e: { action: string; from: Status | null; to: Status; actor: Actor | null; onBehalf?: boolean; comment?: string | null }) {
  await tx.insertInto('model_registration_event').values({
    registration_id: registrationId, action: e.action, from_status: e.from, to_status: e.to, actor_id: e.actor?.id ?? null, on_behalf: e.onBehalf ?? false, comment: e.comment ?? null,
  }).execute();
}

/**
 * What every path into a registration checks — the officer's form, the bulk import, a campaign and the citizen's
 * public page: the assessment year has begun, and the subject's unit exists at its end (a district has no 2025 title
 * to register for).
 */
export async function checkRegistrable(tx: Db | Tx, unitId: string, year: number, today: string, field = 'body.year') {
  if (year > Number(today.slice(0, 4))) throw problem(400, 'registration.future_year', `Chưa đến năm đánh giá ${year}`, { errors: [{ field, message: String(year) }] });
  const unit = await tx.selectFrom('org_unit').select(['name', 'valid_from', 'valid_to']).where('id', '=', unitId).executeTakeFirstOrThrow();
  const end = `${year}-12-31`;
  if ((unit.valid_from && unit.valid_from > end) || (unit.valid_to && unit.valid_to < end)) {
    throw problem(422, 'registration.unit_not_in_force', `${unit.name} không còn (hoặc chưa có) vào cuối năm ${year}`, { errors: [{ field, message: String(year) }] });
  }
}

export async function createRegistration(db: Db, actor: Actor, body: RegistrationBody, today: string) {
  return db.transaction().execute((tx) => insertRegistration(tx, actor, body, today));
}

/** One registration in the caller's transaction: the form, or one row of a bulk import. */
export async function insertRegistration(tx: Tx, actor: Actor, body: RegistrationBody, today: string) {
  const subject = await subjectInScope(tx, actor, body.subjectId);
  if (SUBJECT_KIND_OF[body.modelType] !== subject.kind) {
    throw problem(400, 'registration.model_mismatch', `${MODEL_LABELS[body.modelType]} không dành cho đối tượng này`, { errors: [{ field: 'body.modelType', message: body.modelType }] });
  }
  await checkRegistrable(tx, subject.unit.id, body.year, today);
  routeOf({ model_type: body.modelType, unit_kind: subject.unit.kind, year: body.year });
  const channel: Channel = body.onBehalf ? 'on_behalf' : 'officer';
  const row = await tx.insertInto('model_registration').values({
    subject_id: subject.id, model_type: body.modelType, year: body.year, unit_id: subject.unit.id, channel, submission_key: body.submissionKey ?? null, created_by: actor.id,
  }).onConflict((oc) => oc.doNothing()).returning(['id']).executeTakeFirst();
  if (!row) {
    // Either a retry of this very request (same key, same content), a key reused for something else, or a second
    // registration of the subject: replay, or refuse with the reason.
    const first = body.submissionKey && await tx.selectFrom('model_registration').select(['id', 'subject_id', 'model_type', 'year', 'channel', 'created_by'])
      .where('submission_key', '=', body.submissionKey).executeTakeFirst();
    if (first) {
      if (first.subject_id === subject.id && first.model_type === body.modelType && first.year === body.year && first.channel === channel && first.created_by === actor.id) return { id: first.id, replayed: true };
      throw problem(409, 'submission.key_reused', 'Khóa gửi (submissionKey) đã dùng cho một hồ sơ khác; hãy tạo khóa mới cho lần đăng ký này', { errors: [{ field: 'body.submissionKey', message: 'đã dùng' }] });
    }
    throw problem(409, 'registration.duplicate', `${subject.name} đã đăng ký ${MODEL_LABELS[body.modelType]} năm ${body.year}`, { errors: [{ field: 'body.subjectId', message: 'đã đăng ký' }] });
  }
  await addEvent(tx, row.id, { action: 'register', from: null, to: 'draft', actor, onBehalf: body.onBehalf });
  await audit(tx, actor, 'model_registration.create', 'model_registration', row.id, null, { ...body, channel });
  return { id: row.id, replayed: false };
}

/** The criteria set in force at the end of the assessment year; none for the district and province titles yet. */
export function setInForce(db: Db | Tx, modelType: ModelType, year: number) {
  return (CRITERIA_MODEL_TYPES as readonly string[]).includes(modelType) ? currentCriteriaSet(db, modelType as CriteriaModelType, `${year}-12-31`) : Promise.resolve(null);
}

export interface ScoredInput { scores: Record<string, number | boolean>; targetGroup?: string | undefined; difficultArea?: boolean | undefined }

/** Scores against the criteria set in force at the end of the assessment year; every bad field listed, nothing written. */
export async function score(tx: Db | Tx, modelType: ModelType, year: number, input: ScoredInput, criteriaSetId?: string) {
  const set = criteriaSetId ? await loadCriteriaSet(tx, criteriaSetId) : await setInForce(tx, modelType, year);
  if (!set) throw problem(422, 'criteria.no_set', `Chưa có bộ tiêu chí ${MODEL_LABELS[modelType]} áp dụng cho năm ${year}`);
  try {
    return { set, result: evaluate(set.definition, { scores: input.scores, difficultArea: input.difficultArea ?? false, ...(input.targetGroup ? { targetGroup: input.targetGroup } : {}) }) };
  } catch (e) {
    throw e instanceof CriteriaInputError ? invalidScores(e) : e;
  }
}

export async function writeAssessment(tx: Tx, registrationId: string, role: 'self' | 'review', actor: Actor | null, input: ScoredInput, scored: Awaited<ReturnType<typeof score>>) {
  const values = {
    criteria_set_id: scored.set.id, scores: JSON.stringify(input.scores), target_group: input.targetGroup ?? null, difficult_area: input.difficultArea ?? false,
    total: scored.result.total, max_total: scored.result.maxTotal, passed: scored.result.passed, level: scored.result.levelLabel ?? scored.result.level,
    reasons: JSON.stringify(scored.result.reasons), assessed_by: actor?.id ?? null,
  };
  await tx.insertInto('model_assessment').values({ registration_id: registrationId, role, ...values })
    .onConflict((oc) => oc.columns(['registration_id', 'role']).doUpdateSet({ ...values, assessed_at: new Date() })).execute();
}

const bump = (tx: Tx, id: string, set: { status?: Status; comment?: string | null; submitted_at?: Date }) =>
  tx.updateTable('model_registration').set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) })).where('id', '=', id).returning('version').executeTakeFirstOrThrow();

/** Optimistic concurrency: a write based on an older read of the registration is refused (409), never applied. */
export function checkVersion(reg: Pick<Locked, 'version'>, version: number) {
  if (reg.version !== version) throw staleVersion('model_registration', reg.version);
}

/** Self-assessment (by the registrant, in draft or returned) or review scores (by the party whose turn it is). */
export async function saveAssessment(db: Db, actor: Actor, id: string, role: 'self' | 'review', body: AssessmentBody) {
  return db.transaction().execute((tx) => saveAssessmentIn(tx, actor, id, role, body));
}

export async function saveAssessmentIn(tx: Tx, actor: Actor, id: string, role: 'self' | 'review', body: AssessmentBody) {
  const reg = await lockRegistration(tx, actor, id);
  checkVersion(reg, body.version);
  const route = routeOf(reg);
  const party = role === 'self' ? 'registrant' : (reg.status === 'submitted' && route.proposer ? 'proposer' : 'recogniser');
  const allowed = role === 'self' ? reg.status === 'draft' || reg.status === 'returned' : reg.status === 'submitted' || reg.status === 'proposed';
  if (!allowed) throw problem(409, role === 'self' ? 'registration.not_editable' : 'registration.not_under_review', role === 'self' ? 'Hồ sơ đã nộp; không sửa được điểm tự đánh giá' : 'Hồ sơ không ở bước xét duyệt');
  await requireParty(tx, actor, reg, route, party);
  // A review scores against the version the subject used, so both sides compare like with like.
  const selfSetId = role === 'review'
    ? (await tx.selectFrom('model_assessment').select('criteria_set_id').where('registration_id', '=', id).where('role', '=', 'self').executeTakeFirst())?.criteria_set_id
    : undefined;
  const scored = await score(tx, reg.model_type, reg.year, body, selfSetId);
  await writeAssessment(tx, id, role, actor, body, scored);
  const { version } = await bump(tx, id, {});
  await addEvent(tx, id, { action: role === 'self' ? 'self_assess' : 'review', from: reg.status, to: reg.status, actor, onBehalf: reg.channel === 'on_behalf' && role === 'self', comment: `${scored.result.total}/${scored.result.maxTotal}` });
  await audit(tx, actor, `model_assessment.${role}`, 'model_registration', id, null, { ...body, total: scored.result.total, passed: scored.result.passed, criteriaSetId: scored.set.id });
  return { ...scored.result, criteriaSetId: scored.set.id, version };
}

/** submit / propose / return / reject; recognition has its own route because it carries a decision. */
export async function actOnRegistration(db: Db, actor: Actor, id: string, body: ActionBody, today: string) {
  return db.transaction().execute(async (tx) => {
    const reg = await lockRegistration(tx, actor, id);
    checkVersion(reg, body.version);
    const route = routeOf(reg);
    const step = transition(reg.status, body.action, route);
    if (!step.ok) throw problem(409, step.code, step.title);
    await requireParty(tx, actor, reg, route, step.party);
    if ((body.action === 'return' || body.action === 'reject') && !body.comment) {
      throw problem(400, 'registration.comment_required', `${ACTION_LABELS[body.action]} hồ sơ cần ghi rõ lý do`, { errors: [{ field: 'body.comment', message: 'Bắt buộc' }] });
    }
    if (body.action === 'submit') {
      const self = await tx.selectFrom('model_assessment').select('registration_id').where('registration_id', '=', id).where('role', '=', 'self').executeTakeFirst();
      if (!self) throw problem(422, 'registration.no_self_assessment', 'Chưa có điểm tự đánh giá; hãy chấm điểm trước khi nộp');
    }
    const { version } = await bump(tx, id, { status: step.to, comment: body.comment ?? null, ...(body.action === 'submit' ? { submitted_at: new Date() } : {}) });
    const late = body.action === 'submit' && isLate(yearCalendar(workflowConfig().calendar[reg.model_type], reg.year).dossierDue, today);
    await addEvent(tx, id, { action: body.action, from: reg.status, to: step.to, actor, onBehalf: body.action === 'submit' && reg.channel === 'on_behalf', comment: body.comment ?? (late ? 'Nộp sau hạn' : null) });
    await audit(tx, actor, `model_registration.${body.action}`, 'model_registration', id, { status: reg.status }, { status: step.to, comment: body.comment ?? null });
    return { status: step.to, statusLabel: STATUS_LABELS[step.to], version, late };
  });
}

/** An XLSX export holds at most this many rows; past it the file says so and the page asks for a narrower filter. */
export const EXPORT_LIMIT = 20_000;

export type RegistrationFilter = Pick<RegistrationQuery, 'modelType' | 'year' | 'status' | 'unitId'>;

/** One page of the registrations in scope (offset/limit), with the total of the whole filtered list. */
export async function listRegistrations(db: Db, actor: Actor, q: RegistrationFilter, pageOf: { offset: number; limit: number }, today: string) {
  let filtered = db.selectFrom('model_registration as r').where(inScope(actor, 'r.unit_id'));
  if (q.modelType) filtered = filtered.where('r.model_type', '=', q.modelType);
  if (q.year) filtered = filtered.where('r.year', '=', q.year);
  if (q.status) filtered = filtered.where('r.status', '=', q.status);
  if (q.unitId) filtered = filtered.where(sql<boolean>`r.unit_id IN (SELECT unit_id FROM org_unit_cover WHERE ancestor_id = ${q.unitId})`);
  const { total } = await filtered.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  const query = filtered.innerJoin('learning_subject as s', 's.id', 'r.subject_id').innerJoin('org_unit as u', 'u.id', 'r.unit_id')
    .leftJoin('model_assessment as a', (j) => j.onRef('a.registration_id', '=', 'r.id').on('a.role', '=', 'self'))
    .leftJoin('model_assessment as v', (j) => j.onRef('v.registration_id', '=', 'r.id').on('v.role', '=', 'review'))
    .leftJoin('recognition as g', 'g.registration_id', 'r.id').leftJoin('recognition_decision as d', 'd.id', 'g.decision_id')
    .select(['r.id', 'r.model_type', 'r.year', 'r.status', 'r.channel', 'r.submitted_at', 'r.version', 's.id as subject_id', 's.kind as subject_kind', 's.name as subject_name', 's.birth_year',
      'u.id as unit_id', 'u.name as unit_name', 'a.total as self_total', 'a.max_total', 'a.passed as self_passed', 'v.total as review_total', 'v.passed as review_passed',
      'd.number as decision_number', 'd.decided_on'])
    .orderBy('r.year', 'desc').orderBy(sql`s.name COLLATE "vi-VN-x-icu"`).orderBy('r.id').offset(pageOf.offset).limit(pageOf.limit);
  const rows = await query.execute();
  const citizens = rows.filter((r) => r.subject_kind === 'citizen').length;
  if (citizens) await logAccess(db, actor, 'model_registration.list', q.unitId ?? null, { ...q, ...pageOf, citizens });
  const calendar = workflowConfig().calendar;
  const items = rows.map((r) => {
    const cal = yearCalendar(calendar[r.model_type as ModelType], r.year);
    return {
      id: r.id, modelType: r.model_type as ModelType, modelLabel: MODEL_LABELS[r.model_type as ModelType], year: r.year, status: r.status as Status, statusLabel: STATUS_LABELS[r.status as Status],
      channel: r.channel, submittedAt: r.submitted_at?.toISOString() ?? null, version: r.version,
      subject: { id: r.subject_id, kind: r.subject_kind, name: r.subject_name, birthYear: r.birth_year }, unit: { id: r.unit_id, name: r.unit_name },
      selfTotal: r.self_total === null ? null : Number(r.self_total), maxTotal: r.max_total === null ? null : Number(r.max_total), selfPassed: r.self_passed,
      reviewTotal: r.review_total === null ? null : Number(r.review_total), reviewPassed: r.review_passed,
      decision: r.decision_number ? { number: r.decision_number, decidedOn: r.decided_on } : null,
      dossierDue: cal.dossierDue, dossierLate: r.status === 'draft' && isLate(cal.dossierDue, today),
    };
  });
  return { items, total: Number(total) };
}

export async function getRegistration(db: Db, actor: Actor, id: string, today: string) {
  const r = await db.selectFrom('model_registration as r').innerJoin('learning_subject as s', 's.id', 'r.subject_id').innerJoin('org_unit as u', 'u.id', 'r.unit_id')
    .leftJoin('model_campaign as c', 'c.id', 'r.campaign_id')
    .select(['r.id', 'r.model_type', 'r.year', 'r.status', 'r.channel', 'r.created_at', 'r.submitted_at', 'r.comment', 'r.version', 'r.unit_id', 'u.name as unit_name', 'u.kind as unit_kind',
      's.id as subject_id', 's.kind as subject_kind', 's.name as subject_name', 's.birth_year', 's.person_key', 'c.code as campaign_code'])
    .where('r.id', '=', id).where(inScope(actor, 'r.unit_id')).executeTakeFirst();
  if (!r) throw forbidden('model_registration');
  const modelType = r.model_type as ModelType, status = r.status as Status;
  if (r.subject_kind === 'citizen') await logAccess(db, actor, 'model_registration.read', r.unit_id, { registration: id });
  const [assessments, evidence, events, recognition, revocation] = await Promise.all([
    db.selectFrom('model_assessment as a').leftJoin('app_user as u', 'u.id', 'a.assessed_by').selectAll('a').select('u.display_name as assessor').where('a.registration_id', '=', id).execute(),
    db.selectFrom('model_evidence').select(['id', 'indicator', 'file_name', 'media_type', 'size_bytes', 'url', 'note', 'uploaded_at']).where('registration_id', '=', id).orderBy('id').execute(),
    db.selectFrom('model_registration_event as e').leftJoin('app_user as u', 'u.id', 'e.actor_id').select(['e.action', 'e.from_status', 'e.to_status', 'e.on_behalf', 'e.comment', 'e.at', 'u.display_name as actor'])
      .where('e.registration_id', '=', id).orderBy('e.id').execute(),
    db.selectFrom('recognition as g').innerJoin('recognition_decision as d', 'd.id', 'g.decision_id').innerJoin('org_unit as i', 'i.id', 'd.issuer_id')
      .leftJoin('certificate as c', 'c.registration_id', 'g.registration_id')
      .select(['d.number', 'd.decided_on', 'd.signer', 'd.signer_title', 'd.valid_until', 'd.issuer_id', 'i.name as issuer', 'g.level', 'c.code']).where('g.registration_id', '=', id).executeTakeFirst(),
    db.selectFrom('recognition_revocation as v').innerJoin('org_unit as i', 'i.id', 'v.issuer_id').leftJoin('app_user as u', 'u.id', 'v.revoked_by')
      .select(['v.number', 'v.decided_on', 'v.reason', 'v.created_at', 'i.name as issuer', 'u.display_name as revoked_by']).where('v.registration_id', '=', id).executeTakeFirst(),
  ]);
  const self = assessments.find((a) => a.role === 'self');
  const set = self ? await loadCriteriaSet(db, self.criteria_set_id) : await setInForce(db, modelType, r.year);
  const route = routeFor(workflowConfig(), modelType, r.unit_kind, r.year);
  const cal = yearCalendar(workflowConfig().calendar[modelType], r.year);
  const assessment = (a: (typeof assessments)[number] | undefined) => a && {
    criteriaSetId: a.criteria_set_id, scores: a.scores, targetGroup: a.target_group, difficultArea: a.difficult_area, total: Number(a.total), maxTotal: Number(a.max_total),
    passed: a.passed, level: a.level, reasons: a.reasons, assessor: a.assessor, assessedAt: a.assessed_at.toISOString(),
  };
  return {
    id: r.id, modelType, modelLabel: MODEL_LABELS[modelType], year: r.year, status, statusLabel: STATUS_LABELS[status], channel: r.channel, comment: r.comment, version: r.version,
    createdAt: r.created_at.toISOString(), submittedAt: r.submitted_at?.toISOString() ?? null, campaignCode: r.campaign_code,
    unit: { id: r.unit_id, name: r.unit_name, kind: r.unit_kind },
    subject: { id: r.subject_id, kind: r.subject_kind, name: r.subject_name, birthYear: r.birth_year, personKey: r.person_key },
    route: route && { proposer: route.proposer, recogniser: route.recogniser, verified: route.verified, source: route.source },
    actions: route ? await allowedActions(db, actor, { id: r.id, unit_id: r.unit_id, status, issuerId: recognition?.issuer_id ?? null }, route) : [],
    calendar: { ...cal, dossierLate: status === 'draft' && isLate(cal.dossierDue, today) },
    criteriaSet: set && { id: set.id, code: set.code, version: set.version, name: set.name, verification: set.verification, definition: set.definition },
    self: assessment(self) ?? null, review: assessment(assessments.find((a) => a.role === 'review')) ?? null,
    evidence: evidence.map((e) => ({ id: e.id, indicator: e.indicator, fileName: e.file_name, mediaType: e.media_type, sizeBytes: e.size_bytes, url: e.url, note: e.note, uploadedAt: e.uploaded_at.toISOString() })),
    events: events.map((e) => ({ action: e.action, from: e.from_status, to: e.to_status, onBehalf: e.on_behalf, comment: e.comment, at: e.at.toISOString(), actor: e.actor ?? 'Người dân (trang công khai)' })),
    recognition: recognition ? {
      decision: { number: recognition.number, decidedOn: recognition.decided_on, signer: recognition.signer, signerTitle: recognition.signer_title, validUntil: recognition.valid_until, issuer: recognition.issuer },
      level: recognition.level, certificateCode: recognition.code,
    } : null,
    revocation: revocation ? {
      decision: { number: revocation.number, decidedOn: revocation.decided_on, issuer: revocation.issuer }, reason: revocation.reason,
      revokedBy: revocation.revoked_by, revokedAt: revocation.created_at.toISOString(),
    } : null,
  };
}

/**
 * The buttons this actor may press now: the state allows the action, the role allows the party, the scope covers its
 * level — for a revocation, the unit that issued the recognition.
 */
async function allowedActions(db: Db, actor: Actor, reg: { id: string; unit_id: string; status: Status; issuerId: string | null }, route: Route): Promise<Action[]> {
  const chain = await unitChain(db, reg.unit_id);
  const out: Action[] = [];
  for (const action of availableActions(reg.status, route)) {
    const step = transition(reg.status, action, route);
    if (!step.ok || !can(actor.role, PARTY_PERMISSION[step.party])) continue;
    const unitId = action === 'revoke' ? reg.issuerId : step.level ? competentUnit(step.level, chain)?.id ?? null : null;
    if ((step.level || action === 'revoke') && !(await coversUnit(db, actor, unitId))) continue;
    out.push(action);
  }
  return out;
}
