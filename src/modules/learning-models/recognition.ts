import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { problem } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import { can, type Actor } from '../auth/model.ts';
import { coversUnit } from '../auth/scope.ts';
import { isLate, yearCalendar } from './calendar.ts';
import { newCertificateCode } from './certificate.ts';
import type { RecogniseBody, RevokeBody } from './model.ts';
import { addEvent, checkVersion, lockRegistration, requireParty, routeOf } from './registration.ts';
import { STATUS_LABELS, transition } from './workflow.ts';
import { workflowConfig } from './workflow-config.ts';

/**
 * Recognition: the competent level records its decision (number, date, signer, validity) and a certificate with a
 * verification code is issued, all in one transaction. One decision usually lists many subjects, so a decision number
 * already recorded by the same issuer in the same year is reused — provided its date and signer agree.
 */
export async function recognise(db: Db, actor: Actor, id: string, body: RecogniseBody, today: string) {
  const d = body.decision;
  return db.transaction().execute(async (tx) => {
    const reg = await lockRegistration(tx, actor, id);
    checkVersion(reg, body.version);
    const route = routeOf(reg);
    const step = transition(reg.status, 'recognise', route);
    if (!step.ok) throw problem(409, step.code, step.title);
    const issuerId = (await requireParty(tx, actor, reg, route, 'recogniser'))!;
    const errors = [];
    if (d.decidedOn > today) errors.push({ field: 'body.decision.decidedOn', message: 'Ngày quyết định ở tương lai' });
    if (d.decidedOn < `${reg.year}-01-01`) errors.push({ field: 'body.decision.decidedOn', message: `Quyết định phải ban hành từ năm đánh giá ${reg.year}` });
    if (d.validUntil && d.validUntil < d.decidedOn) errors.push({ field: 'body.decision.validUntil', message: 'Thời hạn trước ngày quyết định' });
    if (errors.length) throw problem(400, 'decision.invalid', 'Thông tin quyết định công nhận chưa hợp lệ', { errors });

    const decisionId = await decisionFor(tx, actor, issuerId, d);
    // The reviewer's level when there is one ('review' sorts before 'self'), else the self-assessed one.
    const level = (await tx.selectFrom('model_assessment').select('level').where('registration_id', '=', id).orderBy('role', 'asc').executeTakeFirst())?.level ?? null;
    await tx.insertInto('recognition').values({ registration_id: id, decision_id: decisionId, level }).execute();
    const code = await issueCertificate(tx, id);
    const { version } = await tx.updateTable('model_registration').set((eb) => ({ status: 'recognised', comment: body.comment ?? null, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', id).returning('version').executeTakeFirstOrThrow();
    const late = isLate(yearCalendar(workflowConfig().calendar[reg.model_type], reg.year).decisionDue, d.decidedOn);
    await addEvent(tx, id, { action: 'recognise', from: reg.status, to: 'recognised', actor, comment: `Quyết định ${d.number} ngày ${d.decidedOn.split('-').reverse().join('/')}${late ? ' (sau hạn)' : ''}` });
    await audit(tx, actor, 'model_registration.recognise', 'model_registration', id, { status: reg.status }, { status: 'recognised', decisionId, certificate: code });
    return { status: 'recognised' as const, statusLabel: STATUS_LABELS.recognised, version, certificateCode: code, late };
  });
}

async function decisionFor(tx: Tx, actor: Actor, issuerId: string, d: RecogniseBody['decision']): Promise<string> {
  const existing = await tx.selectFrom('recognition_decision').selectAll().where('issuer_id', '=', issuerId).where('number', '=', d.number)
    .where(sql<boolean>`extract(year FROM decided_on) = ${Number(d.decidedOn.slice(0, 4))}`).forUpdate().executeTakeFirst();
  if (existing) {
    if (existing.decided_on !== d.decidedOn || existing.signer !== d.signer) {
      throw problem(409, 'decision.number_taken', `Số quyết định ${d.number} đã được ghi với ngày ${existing.decided_on.split('-').reverse().join('/')}, người ký ${existing.signer}`, { errors: [{ field: 'body.decision.number', message: 'đã dùng' }] });
    }
    return existing.id;
  }
  const row = await tx.insertInto('recognition_decision').values({
    issuer_id: issuerId, number: d.number, decided_on: d.decidedOn, signer: d.signer, signer_title: d.signerTitle ?? null, valid_until: d.validUntil ?? null, created_by: actor.id,
  }).returningAll().executeTakeFirstOrThrow();
  await audit(tx, actor, 'recognition_decision.create', 'recognition_decision', row.id, null, row);
  return row.id;
}

/** A fresh random code; a collision (2^-50 per pair) is simply drawn again. */
async function issueCertificate(tx: Tx, registrationId: string): Promise<string> {
  for (;;) {
    const code = newCertificateCode();
    const row = await tx.insertInto('certificate').values({ code, registration_id: registrationId }).onConflict((oc) => oc.column('code').doNothing()).returning('code').executeTakeFirst();
    if (row) return row.code;
  }
}

const vnDate = (iso: string) => iso.split('-').reverse().join('/');

/**
 * Revocation: the level that recognised a subject withdraws the title by its own decision, with a reason that the
 * public verification page shows. The registration becomes 'revoked' (statistics stop counting it), the certificate is
 * marked revoked; the recognition and its decision stay as history. One transaction; any refusal writes nothing.
 */
export async function revoke(db: Db, actor: Actor, id: string, body: RevokeBody, today: string) {
  const d = body.decision;
  return db.transaction().execute(async (tx) => {
    const reg = await lockRegistration(tx, actor, id);
    const step = transition(reg.status, 'revoke', routeOf(reg));
    if (!step.ok) throw problem(409, step.code, step.title); // "already revoked" says more than "stale" to a double click
    checkVersion(reg, body.version);
    if (!can(actor.role, 'model.recognise')) throw problem(403, 'role.forbidden', 'Vai trò của bạn không được thu hồi công nhận', { permission: 'model.recognise' });
    const granted = await tx.selectFrom('recognition as g').innerJoin('recognition_decision as d', 'd.id', 'g.decision_id')
      .select(['d.issuer_id', 'd.number', 'd.decided_on']).where('g.registration_id', '=', id).executeTakeFirstOrThrow();
    // The level that recognised it, and only that level (or one whose scope covers it), may take it back.
    if (!(await coversUnit(tx, actor, granted.issuer_id))) throw problem(403, 'scope.not_competent', 'Chỉ cấp đã công nhận mới được thu hồi công nhận này');
    const errors = [];
    if (d.decidedOn > today) errors.push({ field: 'body.decision.decidedOn', message: 'Ngày quyết định ở tương lai' });
    if (d.decidedOn < granted.decided_on) errors.push({ field: 'body.decision.decidedOn', message: `Quyết định thu hồi phải sau quyết định công nhận (${vnDate(granted.decided_on)})` });
    if (errors.length) throw problem(400, 'decision.invalid', 'Thông tin quyết định thu hồi chưa hợp lệ', { errors });
    await checkRevocationNumber(tx, granted.issuer_id, d);

    await tx.insertInto('recognition_revocation').values({
      registration_id: id, issuer_id: granted.issuer_id, number: d.number, decided_on: d.decidedOn, reason: body.reason, revoked_by: actor.id,
    }).execute();
    await tx.updateTable('certificate').set({ revoked_at: new Date() }).where('registration_id', '=', id).where('revoked_at', 'is', null).execute();
    const { version } = await tx.updateTable('model_registration').set((eb) => ({ status: 'revoked', comment: body.reason, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', id).returning('version').executeTakeFirstOrThrow();
    await addEvent(tx, id, { action: 'revoke', from: reg.status, to: 'revoked', actor, comment: `Quyết định ${d.number} ngày ${vnDate(d.decidedOn)}: ${body.reason}` });
    await audit(tx, actor, 'model_registration.revoke', 'model_registration', id, { status: reg.status, recognition: granted.number },
      { status: 'revoked', decision: d, reason: body.reason });
    return { status: 'revoked' as const, statusLabel: STATUS_LABELS.revoked, version };
  });
}

/**
 * A revoking decision may list several subjects (same number, same date), but its number cannot be one the issuer
 * already gave to a recognition decision that year, nor the same number with another date.
 */
async function checkRevocationNumber(tx: Tx, issuerId: string, d: RevokeBody['decision']) {
  const year = Number(d.decidedOn.slice(0, 4));
  const taken = (date: string, what: string) =>
    problem(409, 'decision.number_taken', `Số quyết định ${d.number} đã được ghi cho ${what} ngày ${vnDate(date)}`, { errors: [{ field: 'body.decision.number', message: 'đã dùng' }] });
  const recognising = await tx.selectFrom('recognition_decision').select('decided_on').where('issuer_id', '=', issuerId).where('number', '=', d.number)
    .where(sql<boolean>`extract(year FROM decided_on) = ${year}`).executeTakeFirst();
  if (recognising) throw taken(recognising.decided_on, 'một quyết định công nhận');
  const revoking = await tx.selectFrom('recognition_revocation').select('decided_on').where('issuer_id', '=', issuerId).where('number', '=', d.number)
    .where(sql<boolean>`extract(year FROM decided_on) = ${year}`).where('decided_on', '<>', d.decidedOn).executeTakeFirst();
  if (revoking) throw taken(revoking.decided_on, 'một quyết định thu hồi khác');
}
