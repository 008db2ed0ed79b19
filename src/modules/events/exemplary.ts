import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { forbidden, problem, staleVersion } from '../../http/problem.ts';
import { logAccess } from '../audit/access.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { coversUnit, inScope } from '../auth/scope.ts';
import { formatVnDate } from '../plans/deadlines.ts';
import { EXEMPLARY_LABELS, type ExemplaryBody, type ExemplaryUpdateBody } from './model.ts';

/**
 * Exemplary learners and learning models. They are personal data until the person (or the model's representative)
 * consents: only consented ones reach the public portal, and withdrawing consent takes them off at once.
 */
const futureConsent = (consentOn: string | null | undefined, today: string) =>
  consentOn && consentOn > today
    ? problem(422, 'exemplary.consent_future', 'Ngày đồng ý không thể sau hôm nay', { errors: [{ field: 'body.consentOn', message: `sau ngày ${formatVnDate(today)}` }] })
    : null;

const view = (r: { id: string; unit_id: string; unit_name: string; kind: 'learner' | 'model'; name: string; year: number; story: string; consent: boolean; consent_on: string | null; demo: boolean; version: number }) => ({
  id: r.id, unit: { id: r.unit_id, name: r.unit_name }, kind: r.kind, kindLabel: EXEMPLARY_LABELS[r.kind], name: r.name, year: r.year, story: r.story,
  consent: r.consent, consentOn: r.consent_on, demo: r.demo, version: r.version,
});

const rows = (db: Db) => db.selectFrom('exemplary as x').innerJoin('org_unit as u', 'u.id', 'x.unit_id').selectAll('x').select('u.name as unit_name');

/** Exemplary learners and models of units in scope; a list showing any entry without consent is written to the access log. */
export async function listExemplary(db: Db, actor: Actor, year?: number) {
  const found = await rows(db).where(inScope(actor, 'x.unit_id')).$if(year !== undefined, (q) => q.where('x.year', '=', year!)).orderBy('x.year', 'desc').orderBy('x.id', 'desc').execute();
  // Entries without consent are personal data (names and stories not made public): their reading is logged.
  const privateOnes = found.filter((x) => !x.consent);
  if (privateOnes.length) {
    await logAccess(db, actor, 'exemplary.read', null, { year: year ?? null, ids: privateOnes.map((x) => x.id), units: [...new Set(privateOnes.map((x) => x.unit_id))] });
  }
  return found.map(view);
}

export async function createExemplary(db: Db, actor: Actor, input: ExemplaryBody, today: string) {
  const bad = futureConsent(input.consentOn, today);
  if (bad) throw bad;
  const id = await db.transaction().execute(async (tx) => {
    if (!(await coversUnit(tx, actor, input.unitId))) throw forbidden('org_unit');
    const row = await tx.insertInto('exemplary').values({
      unit_id: input.unitId, kind: input.kind, name: input.name, year: input.year, story: input.story, consent: input.consent, consent_on: input.consent ? input.consentOn! : null, created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'exemplary.create', 'exemplary', row.id, null, row);
    return row.id;
  });
  return view(await rows(db).where('x.id', '=', id).executeTakeFirstOrThrow());
}

export async function updateExemplary(db: Db, actor: Actor, id: string, input: ExemplaryUpdateBody, today: string) {
  const bad = futureConsent(input.consentOn, today);
  if (bad) throw bad;
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('exemplary as x').selectAll().where('x.id', '=', id).where(inScope(actor, 'x.unit_id')).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('exemplary');
    if (before.version !== input.version) throw staleVersion('exemplary', before.version);
    const after = await tx.updateTable('exemplary').set({
      kind: input.kind, name: input.name, year: input.year, story: input.story, consent: input.consent, consent_on: input.consent ? input.consentOn! : null, version: before.version + 1,
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'exemplary.update', 'exemplary', id, before, after);
  });
  return view(await rows(db).where('x.id', '=', id).executeTakeFirstOrThrow());
}

/** The public portal's list: consented entries of units within a province (through succession, as every cover). */
export async function publicExemplary(db: Db, provinceId: string) {
  const province = await db.selectFrom('org_unit').select(['id', 'name']).where('id', '=', provinceId).where('kind', '=', 'province').executeTakeFirst();
  if (!province) throw problem(404, 'public.not_found', 'Không có trang công khai cho đơn vị này');
  const found = await db.selectFrom('exemplary as x').innerJoin('org_unit as u', 'u.id', 'x.unit_id')
    .innerJoin('org_unit_cover as c', (j) => j.onRef('c.unit_id', '=', 'x.unit_id').on('c.ancestor_id', '=', provinceId))
    .select(['x.kind', 'x.name', 'x.year', 'x.story', 'x.demo', 'u.name as unit_name']).where('x.consent', '=', true)
    .orderBy('x.year', 'desc').orderBy('x.id', 'desc').limit(200).execute();
  return {
    province: { id: province.id, name: province.name },
    items: found.map((x) => ({ kind: x.kind, kindLabel: EXEMPLARY_LABELS[x.kind], name: x.name, year: x.year, story: x.story, unitName: x.unit_name, demo: x.demo })),
  };
}

/** Provinces (in force today) with at least one consented entry: the public portal's way in to the lists above. */
export async function publicExemplaryProvinces(db: Db, today: string) {
  const rows = await db.selectFrom('org_unit as p').select(['p.id', 'p.name'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .innerJoin('org_unit_cover as c', 'c.ancestor_id', 'p.id')
    .innerJoin('exemplary as x', (j) => j.onRef('x.unit_id', '=', 'c.unit_id').on('x.consent', '=', true))
    .where('p.kind', '=', 'province').where((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>=', today)]))
    .where((eb) => eb.or([eb('p.valid_from', 'is', null), eb('p.valid_from', '<=', today)]))
    .groupBy(['p.id', 'p.name']).orderBy(sql`p.name COLLATE "vi-VN-x-icu"`).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, entries: Number(r.n) }));
}
