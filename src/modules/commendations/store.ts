import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { forbidden, problem, staleVersion } from '../../http/problem.ts';
import { logAccess } from '../audit/access.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { coveredUnitIds, coversUnit, inScope } from '../auth/scope.ts';
import { visibleEvent } from '../events/store.ts';
import { FORM_LABELS, type CommendationForm } from './forms.ts';
import { decisionYear, SUBJECT_LABELS, type CommendationBody, type CommendationDeleteBody, type CommendationUpdateBody, type SubjectKind } from './model.ts';

const badSubject = (kind: SubjectKind, message: string) =>
  problem(400, 'commendation.subject_not_found', `Không tìm thấy ${SUBJECT_LABELS[kind].toLowerCase()} được khen thưởng trong phạm vi của bạn`, { errors: [{ field: 'body.subject.id', message }] });

/**
 * What a decision was for must exist and be within the writer's reach: a plan task of a plan issued in scope or assigned
 * to a unit in scope; a learning-model registration of a unit in scope; a local event the writer sees (organised in,
 * above or below the scope). National events are generated, not stored, so they cannot be referenced by id.
 */
async function checkSubject(tx: Tx, actor: Actor, s: CommendationBody['subject']) {
  if (!s) return;
  const covered = coveredUnitIds(actor);
  const found = s.kind === 'task'
    ? await tx.selectFrom('task as t').innerJoin('plan as p', 'p.id', 't.plan_id').select('t.id').where('t.id', '=', s.id)
      .where(sql<boolean>`(p.issuer_id IN ${covered} OR EXISTS (SELECT 1 FROM task_assignment a WHERE a.task_id = t.id AND a.unit_id IN ${covered}))`).executeTakeFirst()
    : s.kind === 'model_registration'
      ? await tx.selectFrom('model_registration as r').select('r.id').where('r.id', '=', s.id).where(inScope(actor, 'r.unit_id')).executeTakeFirst()
      : await tx.selectFrom('event as e').select('e.id').where('e.id', '=', s.id).where(visibleEvent(actor)).executeTakeFirst();
  if (!found) throw badSubject(s.kind, 'Không tồn tại hoặc ngoài phạm vi');
}

/** Checks shared by creating and editing: issuer in scope, subject reachable, collectives existing. */
async function checkDecision(tx: Tx, actor: Actor, input: CommendationBody) {
  if (!(await coversUnit(tx, actor, input.issuerUnitId))) {
    throw problem(403, 'scope.forbidden', 'Cơ quan ra quyết định không thuộc phạm vi của bạn', { errors: [{ field: 'issuerUnitId', message: 'Ngoài phạm vi' }] });
  }
  await checkSubject(tx, actor, input.subject);
  const unitIds = [...new Set(input.recipients.flatMap((r) => (r.unitId ? [r.unitId] : [])))];
  if (unitIds.length) {
    const found = new Set((await tx.selectFrom('org_unit').select('id').where('id', 'in', unitIds).execute()).map((u) => u.id));
    const i = input.recipients.findIndex((r) => r.unitId && !found.has(r.unitId));
    if (i >= 0) throw problem(400, 'commendation.unit_not_found', 'Có tập thể được khen không tồn tại', { errors: [{ field: `body.recipients.${i}.unitId`, message: 'Đơn vị không tồn tại' }] });
  }
}

const duplicate = (number: string, year: number) =>
  problem(409, 'commendation.duplicate_number', `Cơ quan này đã có quyết định số ${number} trong năm ${year}`, { errors: [{ field: 'number', message: 'Trùng số quyết định' }] });

async function insertRecipients(tx: Tx, decisionId: string, recipients: CommendationBody['recipients']) {
  return tx.insertInto('commendation_recipient')
    .values(recipients.map((r) => ({ decision_id: decisionId, person_name: r.personName ?? null, unit_id: r.unitId ?? null, title: r.title ?? null })))
    .returning(['id', 'person_name', 'unit_id', 'title']).execute();
}

export async function createDecision(db: Db, actor: Actor, input: CommendationBody) {
  const number = input.number.normalize('NFC');
  const year = decisionYear(input.decidedOn);
  return db.transaction().execute(async (tx) => {
    await checkDecision(tx, actor, input);
    const s = input.subject;
    const row = await tx.insertInto('commendation_decision').values({
      issuer_unit_id: input.issuerUnitId, number, decided_on: input.decidedOn, year, form: input.form, reason: input.reason,
      subject_kind: s?.kind ?? null, subject_id: s?.id ?? null, created_by: actor.id,
    }).onConflict((oc) => oc.columns(['issuer_unit_id', 'number', 'year']).doNothing()).returningAll().executeTakeFirst();
    if (!row) throw duplicate(number, year);
    const recipients = await insertRecipients(tx, row.id, input.recipients);
    await audit(tx, actor, 'commendation_decision.create', 'commendation_decision', row.id, null, { ...row, recipients });
    return { id: row.id, number: row.number, year: row.year, version: row.version };
  });
}

/** A decision issued in scope, locked, with its recipients (for the audit's "before"). */
async function lockDecision(tx: Tx, actor: Actor, id: string, version: number) {
  const before = await tx.selectFrom('commendation_decision as d').selectAll().where('d.id', '=', id).where(inScope(actor, 'd.issuer_unit_id')).forUpdate().executeTakeFirst();
  if (!before) throw forbidden('commendation_decision');
  if (before.version !== version) throw staleVersion('commendation_decision', before.version);
  const recipients = await tx.selectFrom('commendation_recipient').select(['id', 'person_name', 'unit_id', 'title']).where('decision_id', '=', id).orderBy('id').execute();
  return { ...before, recipients };
}

/** Corrects a decision (number, date, form, reason, subject, recipients) against its version; all or nothing. */
export async function updateDecision(db: Db, actor: Actor, id: string, input: CommendationUpdateBody) {
  const number = input.number.normalize('NFC');
  const year = decisionYear(input.decidedOn);
  return db.transaction().execute(async (tx) => {
    const before = await lockDecision(tx, actor, id, input.version);
    await checkDecision(tx, actor, input);
    const clash = await tx.selectFrom('commendation_decision').select('id').where('issuer_unit_id', '=', input.issuerUnitId).where('number', '=', number)
      .where('year', '=', year).where('id', '<>', id).executeTakeFirst();
    if (clash) throw duplicate(number, year);
    const s = input.subject;
    const row = await tx.updateTable('commendation_decision').set({
      issuer_unit_id: input.issuerUnitId, number, decided_on: input.decidedOn, year, form: input.form, reason: input.reason,
      subject_kind: s?.kind ?? null, subject_id: s?.id ?? null, version: before.version + 1, updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await tx.deleteFrom('commendation_recipient').where('decision_id', '=', id).execute();
    const recipients = await insertRecipients(tx, id, input.recipients);
    await audit(tx, actor, 'commendation_decision.update', 'commendation_decision', id, before, { ...row, recipients });
    return { id: row.id, number: row.number, year: row.year, version: row.version };
  });
}

/** Deletes a decision entered by mistake, against its version; the reason and the whole decision stay in the audit log. */
export async function deleteDecision(db: Db, actor: Actor, id: string, input: CommendationDeleteBody) {
  await db.transaction().execute(async (tx) => {
    const before = await lockDecision(tx, actor, id, input.version);
    await tx.deleteFrom('commendation_decision').where('id', '=', id).execute(); // recipients cascade
    await audit(tx, actor, 'commendation_decision.delete', 'commendation_decision', id, before, { reason: input.reason });
  });
}

/**
 * The decisions of one year issued within the actor's scope or commending a collective within it, newest first.
 * Names of commended people are personal data: a list that shows any is written to the access log.
 */
export async function listDecisions(db: Db, actor: Actor, year: number) {
  const decisions = await db.selectFrom('commendation_decision as d').innerJoin('org_unit as i', 'i.id', 'd.issuer_unit_id')
    .select(['d.id', 'd.number', 'd.decided_on', 'd.form', 'd.reason', 'd.subject_kind', 'd.subject_id', 'd.version', 'i.id as issuer_id', 'i.code as issuer_code', 'i.name as issuer_name'])
    .select(sql<boolean>`d.issuer_unit_id IN ${coveredUnitIds(actor)}`.as('editable'))
    .where('d.year', '=', year)
    .where((eb) => eb.or([inScope(actor, 'd.issuer_unit_id'), eb.exists(eb.selectFrom('commendation_recipient as r').select('r.id').whereRef('r.decision_id', '=', 'd.id').where(inScope(actor, 'r.unit_id')))]))
    .orderBy('d.decided_on', 'desc').orderBy('d.id', 'desc').execute();
  const recipients = decisions.length ? await db.selectFrom('commendation_recipient as r').leftJoin('org_unit as u', 'u.id', 'r.unit_id')
    .select(['r.decision_id', 'r.person_name', 'r.title', 'u.id as unit_id', 'u.name as unit_name']).where('r.decision_id', 'in', decisions.map((d) => d.id)).orderBy('r.id').execute() : [];
  const people = recipients.filter((r) => r.person_name !== null);
  if (people.length) {
    await logAccess(db, actor, 'commendation.recipients', null, { year, decisions: [...new Set(people.map((r) => r.decision_id))], people: people.length });
  }
  return decisions.map((d) => ({
    id: d.id, number: d.number, decidedOn: d.decided_on, form: d.form, formLabel: FORM_LABELS[d.form as CommendationForm] ?? d.form, reason: d.reason,
    subject: d.subject_kind ? { kind: d.subject_kind, kindLabel: SUBJECT_LABELS[d.subject_kind as SubjectKind], id: d.subject_id! } : null,
    issuer: { id: d.issuer_id, code: d.issuer_code, name: d.issuer_name }, version: d.version, editable: d.editable,
    recipients: recipients.filter((r) => r.decision_id === d.id)
      .map((r) => (r.unit_id ? { kind: 'collective' as const, unit: { id: r.unit_id, name: r.unit_name! } } : { kind: 'person' as const, name: r.person_name!, title: r.title })),
  }));
}
export type DecisionView = Awaited<ReturnType<typeof listDecisions>>[number];
