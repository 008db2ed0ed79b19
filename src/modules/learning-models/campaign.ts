import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/schema.ts';
import { forbidden, problem } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { newCertificateCode } from './certificate.ts';
import { subjectFitsUnit, type CampaignBody, type SelfServiceBody } from './model.ts';
import { addEvent, checkRegistrable, routeOf, score, setInForce, writeAssessment } from './registration.ts';
import { MODEL_LABELS, SUBJECT_KIND_OF, type ModelType } from './workflow.ts';

/**
 * Campaigns: a commune calls its residents to register for a learning model of a year; the QR code on the poster opens
 * the public page, where a citizen registers and self-assesses without an account. Their dossier lands, submitted, in
 * the commune's queue.
 */
export async function createCampaign(db: Db, actor: Actor, body: z.infer<typeof CampaignBody>, today: string) {
  return db.transaction().execute(async (tx) => {
    const unit = await tx.selectFrom('org_unit').select(['id', 'kind', 'name']).where('id', '=', body.unitId).where(inScope(actor, 'org_unit.id')).executeTakeFirst();
    if (!unit) throw forbidden('org_unit');
    if (!subjectFitsUnit(SUBJECT_KIND_OF[body.modelType], unit.kind)) throw problem(400, 'campaign.unit_kind', `${unit.name} không nhận đăng ký ${MODEL_LABELS[body.modelType]}`, { errors: [{ field: 'body.unitId', message: unit.kind }] });
    routeOf({ model_type: body.modelType, unit_kind: unit.kind, year: body.year });
    await checkRegistrable(tx, unit.id, body.year, today);
    if (body.closesOn && body.closesOn < today) {
      throw problem(400, 'campaign.closes_in_past', 'Ngày kết thúc đợt đăng ký đã qua', { errors: [{ field: 'body.closesOn', message: body.closesOn }] });
    }
    for (;;) {
      const row = await tx.insertInto('model_campaign').values({
        code: newCertificateCode(8), unit_id: unit.id, model_type: body.modelType, year: body.year, title: body.title, closes_on: body.closesOn ?? null, created_by: actor.id,
      }).onConflict((oc) => oc.column('code').doNothing()).returningAll().executeTakeFirst();
      if (!row) continue;
      await audit(tx, actor, 'model_campaign.create', 'model_campaign', row.id, null, row);
      return { id: row.id, code: row.code };
    }
  });
}

export async function listCampaigns(db: Db, actor: Actor) {
  const rows = await db.selectFrom('model_campaign as c').innerJoin('org_unit as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.code', 'c.model_type', 'c.year', 'c.title', 'c.closes_on', 'u.name as unit_name',
      sql<string>`(SELECT count(*) FROM model_registration r WHERE r.campaign_id = c.id)`.as('registrations')])
    .where(inScope(actor, 'c.unit_id')).orderBy('c.id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, modelType: r.model_type, modelLabel: MODEL_LABELS[r.model_type as ModelType], year: r.year, title: r.title, closesOn: r.closes_on, unitName: r.unit_name, registrations: Number(r.registrations) }));
}

export async function campaignInScope(db: Db, actor: Actor, id: string) {
  const c = await db.selectFrom('model_campaign').select(['code', 'title']).where('id', '=', id).where(inScope(actor, 'unit_id')).executeTakeFirst();
  if (!c) throw forbidden('model_campaign');
  return c;
}

async function openCampaign(db: Db, code: string) {
  const c = /^[0-9A-Z]{8}$/.test(code) ? await db.selectFrom('model_campaign as c').innerJoin('org_unit as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.code', 'c.model_type', 'c.year', 'c.title', 'c.closes_on', 'c.unit_id', 'u.kind as unit_kind', 'u.name as unit_name']).where('c.code', '=', code).executeTakeFirst() : undefined;
  if (!c) throw problem(404, 'campaign.not_found', 'Không tìm thấy đợt đăng ký này; hãy quét lại mã QR');
  return { ...c, model_type: c.model_type as ModelType };
}

/** The public page's data: the campaign and the criteria the citizen scores themself against. */
export async function publicCampaign(db: Db, code: string, today: string) {
  const c = await openCampaign(db, code);
  const set = await setInForce(db, c.model_type, c.year);
  return {
    code: c.code, title: c.title, modelType: c.model_type, modelLabel: MODEL_LABELS[c.model_type], year: c.year, unitName: c.unit_name, closesOn: c.closes_on,
    open: !c.closes_on || today <= c.closes_on,
    criteria: set && { name: set.name, source: set.source, verification: set.verification, targetGroups: set.definition.targetGroups ?? null, groups: set.definition.groups, passRule: set.definition.passRule },
  };
}

/**
 * A citizen's registration and self-assessment in one go. Idempotent on the client's submission key: a retry (a
 * phone losing its connection) returns the first result and writes nothing; the key is locked for the transaction so
 * two concurrent retries cannot both write.
 */
export async function selfServiceSubmit(db: Db, code: string, body: SelfServiceBody, today: string) {
  const c = await openCampaign(db, code);
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${body.submissionKey}))`.execute(tx);
    const kind = SUBJECT_KIND_OF[c.model_type];
    const birthYear = kind === 'citizen' ? body.birthYear ?? null : null;
    const done = await tx.selectFrom('model_registration as r').innerJoin('learning_subject as s', 's.id', 'r.subject_id')
      .leftJoin('model_assessment as a', (j) => j.onRef('a.registration_id', '=', 'r.id').on('a.role', '=', 'self'))
      .select(['r.id', 'r.campaign_id', 's.name', 's.birth_year', 'a.scores', 'a.target_group', 'a.total', 'a.max_total', 'a.passed', 'a.reasons'])
      .where('r.submission_key', '=', body.submissionKey).executeTakeFirst();
    if (done) {
      // A retry carries the very same content; the same key with anything else is a client bug or a forgery, not a retry.
      const same = done.campaign_id === c.id && done.name === body.name && done.birth_year === birthYear && (done.target_group ?? undefined) === body.targetGroup
        && sameScores(done.scores ?? {}, body.scores);
      if (!same) throw problem(409, 'submission.key_reused', 'Khóa gửi đã dùng cho một hồ sơ khác; hãy tải lại trang để gửi hồ sơ mới', { errors: [{ field: 'body.submissionKey', message: 'đã dùng' }] });
      return { registrationId: done.id, replayed: true, total: Number(done.total), maxTotal: Number(done.max_total), passed: done.passed!, reasons: done.reasons! };
    }
    // The same checks as the officer's form: the campaign is open, its year has begun, its unit exists that year.
    if (c.closes_on && today > c.closes_on) throw problem(409, 'campaign.closed', `Đợt đăng ký đã kết thúc ngày ${c.closes_on.split('-').reverse().join('/')}; hãy liên hệ cán bộ xã, phường`);
    await checkRegistrable(tx, c.unit_id, c.year, today, 'params.code');
    routeOf({ model_type: c.model_type, unit_kind: c.unit_kind, year: c.year });
    const input = { scores: body.scores, targetGroup: body.targetGroup };
    const scored = await score(tx, c.model_type, c.year, input);
    const subject = await tx.insertInto('learning_subject').values({ kind, name: body.name, unit_id: c.unit_id, birth_year: birthYear, created_by: null })
      .returningAll().executeTakeFirstOrThrow();
    await audit(tx, null, 'learning_subject.create', 'learning_subject', subject.id, null, { ...subject, channel: 'self_service', campaign: c.code });
    const reg = await tx.insertInto('model_registration').values({
      subject_id: subject.id, model_type: c.model_type, year: c.year, unit_id: c.unit_id, status: 'submitted', channel: 'self_service', campaign_id: c.id,
      submission_key: body.submissionKey, submitted_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAssessment(tx, reg.id, 'self', null, input, scored);
    await addEvent(tx, reg.id, { action: 'register', from: null, to: 'draft', actor: null });
    await addEvent(tx, reg.id, { action: 'submit', from: 'draft', to: 'submitted', actor: null, comment: `Tự đánh giá ${scored.result.total}/${scored.result.maxTotal} điểm` });
    await audit(tx, null, 'model_registration.self_service', 'model_registration', reg.id, null, { campaign: c.code, subject: subject.id, total: scored.result.total });
    return { registrationId: reg.id, replayed: false, total: scored.result.total, maxTotal: scored.result.maxTotal, passed: scored.result.passed, reasons: scored.result.reasons };
  });
}

/** Scores as stored (jsonb) and as sent, compared key by key. */
function sameScores(a: Record<string, number | boolean>, b: Record<string, number | boolean>): boolean {
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => k in b && a[k] === b[k]);
}
