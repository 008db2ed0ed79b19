import type { Db } from '../../db/schema.ts';
import { problem } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { coversUnit, inScope } from '../auth/scope.ts';
import { FORM_LABELS, type CommendationForm } from './forms.ts';
import { decisionYear, SUBJECT_LABELS, type CommendationBody, type SubjectKind } from './model.ts';

/** Tables a subject reference can be checked against; events live in another module and are stored unchecked. */
const SUBJECT_TABLES = { task: 'task', model_registration: 'model_registration' } as const;

export async function createDecision(db: Db, actor: Actor, input: CommendationBody) {
  const number = input.number.normalize('NFC');
  const year = decisionYear(input.decidedOn);
  return db.transaction().execute(async (tx) => {
    if (!(await coversUnit(tx, actor, input.issuerUnitId))) {
      throw problem(403, 'scope.forbidden', 'Cơ quan ra quyết định không thuộc phạm vi của bạn', { errors: [{ field: 'issuerUnitId', message: 'Ngoài phạm vi' }] });
    }
    const s = input.subject;
    if (s && s.kind !== 'event' && !(await tx.selectFrom(SUBJECT_TABLES[s.kind]).select('id').where('id', '=', s.id).executeTakeFirst())) {
      throw problem(404, 'commendation.subject_not_found', `Không tìm thấy ${SUBJECT_LABELS[s.kind].toLowerCase()} được khen thưởng`, { errors: [{ field: 'subject.id', message: 'Không tồn tại' }] });
    }
    const unitIds = [...new Set(input.recipients.flatMap((r) => (r.unitId ? [r.unitId] : [])))];
    if (unitIds.length && (await tx.selectFrom('org_unit').select('id').where('id', 'in', unitIds).execute()).length !== unitIds.length) {
      throw problem(404, 'commendation.unit_not_found', 'Có tập thể được khen không tồn tại', { errors: [{ field: 'recipients', message: 'Đơn vị không tồn tại' }] });
    }
    const row = await tx.insertInto('commendation_decision').values({
      issuer_unit_id: input.issuerUnitId, number, decided_on: input.decidedOn, year, form: input.form, reason: input.reason,
      subject_kind: s?.kind ?? null, subject_id: s?.id ?? null, created_by: actor.id,
    }).onConflict((oc) => oc.columns(['issuer_unit_id', 'number', 'year']).doNothing()).returningAll().executeTakeFirst();
    if (!row) {
      throw problem(409, 'commendation.duplicate_number', `Cơ quan này đã có quyết định số ${number} trong năm ${year}`, { errors: [{ field: 'number', message: 'Trùng số quyết định' }] });
    }
    const recipients = await tx.insertInto('commendation_recipient')
      .values(input.recipients.map((r) => ({ decision_id: row.id, person_name: r.personName ?? null, unit_id: r.unitId ?? null, title: r.title ?? null })))
      .returning(['id', 'person_name', 'unit_id', 'title']).execute();
    await audit(tx, actor, 'commendation_decision.create', 'commendation_decision', row.id, null, { ...row, recipients });
    return { id: row.id, number: row.number, year: row.year };
  });
}

/** The decisions of one year issued within the actor's scope or commending a collective within it, newest first. */
export async function listDecisions(db: Db, actor: Actor, year: number) {
  const decisions = await db.selectFrom('commendation_decision as d').innerJoin('org_unit as i', 'i.id', 'd.issuer_unit_id')
    .select(['d.id', 'd.number', 'd.decided_on', 'd.form', 'd.reason', 'd.subject_kind', 'd.subject_id', 'i.id as issuer_id', 'i.code as issuer_code', 'i.name as issuer_name'])
    .where('d.year', '=', year)
    .where((eb) => eb.or([inScope(actor, 'd.issuer_unit_id'), eb.exists(eb.selectFrom('commendation_recipient as r').select('r.id').whereRef('r.decision_id', '=', 'd.id').where(inScope(actor, 'r.unit_id')))]))
    .orderBy('d.decided_on', 'desc').orderBy('d.id', 'desc').execute();
  const recipients = decisions.length ? await db.selectFrom('commendation_recipient as r').leftJoin('org_unit as u', 'u.id', 'r.unit_id')
    .select(['r.decision_id', 'r.person_name', 'r.title', 'u.id as unit_id', 'u.name as unit_name']).where('r.decision_id', 'in', decisions.map((d) => d.id)).orderBy('r.id').execute() : [];
  return decisions.map((d) => ({
    id: d.id, number: d.number, decidedOn: d.decided_on, form: d.form, formLabel: FORM_LABELS[d.form as CommendationForm] ?? d.form, reason: d.reason,
    subject: d.subject_kind ? { kind: d.subject_kind, kindLabel: SUBJECT_LABELS[d.subject_kind as SubjectKind], id: d.subject_id! } : null,
    issuer: { id: d.issuer_id, code: d.issuer_code, name: d.issuer_name },
    recipients: recipients.filter((r) => r.decision_id === d.id)
      .map((r) => (r.unit_id ? { kind: 'collective' as const, unit: { id: r.unit_id, name: r.unit_name! } } : { kind: 'person' as const, name: r.person_name!, title: r.title })),
  }));
}
export type DecisionView = Awaited<ReturnType<typeof listDecisions>>[number];
