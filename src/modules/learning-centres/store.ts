import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { forbidden, problem, staleVersion, type FieldError } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { coversUnit, inScope } from '../auth/scope.ts';
import { dayBefore } from '../org-units/model.ts';
import { inForce } from '../org-units/store.ts';
import { formatVnDate } from '../plans/deadlines.ts';
import { checkActivities, type Breakdown } from './activity.ts';
import type { CentreBody, CentreUpdateBody, ReorganiseBody, YearBody } from './model.ts';
import { populationBound } from './population.ts';
import { ratingLabel, type Rating } from './rating.ts';
import { checkReorganisation } from './reorganisation.ts';
import { TOPIC_LABELS, TOPICS, type Topic } from './topics.ts';

const invalid = (code: string, title: string, errors: FieldError[]) =>
  problem(422, code, title, { errors: errors.map((e) => ({ ...e, field: `body.${e.field}` })) });

/** The unit a `within=` code names on a date, or a 404 naming the field. */
export async function unitAt(db: Db, code: string, at: string) {
  const u = await db.selectFrom('org_unit as u').select(['u.id', 'u.code', 'u.name', 'u.kind']).where('u.code', '=', code).where(inForce(at)).executeTakeFirst();
  if (!u) throw problem(404, 'org_unit.not_found', `Không có đơn vị mã ${code} hiệu lực ngày ${formatVnDate(at)}`, { errors: [{ field: 'querystring.within', message: 'không có đơn vị này tại ngày tham chiếu' }] });
  return u;
}

export interface CentreFilter { at: string; year: number; within?: string | undefined; q?: string | undefined }

/**
 * Centres in force on `at` (in the actor's scope, optionally within a unit as it stood that day), each with its
 * commune as it stood, whether it still waits to be re-organised, its ratings by year and the figures of `year`.
 */
export async function listCentres(db: Db, actor: Actor, f: CentreFilter) {
  const within = f.within ? await unitAt(db, f.within, f.at) : null;
  let q = db.selectFrom('learning_centre as c')
    .innerJoin('org_unit as u', 'u.id', 'c.commune_id')
    .leftJoin('org_unit as p', 'p.id', 'u.parent_id')
    .leftJoin('learning_centre as s', 's.id', 'c.successor_id')
    .leftJoin('learning_centre_year as y', (j) => j.onRef('y.centre_id', '=', 'c.id').on('y.year', '=', f.year))
    .select(['c.id', 'c.name', 'c.valid_from', 'c.valid_to', 'c.decision', 'c.director', 'c.managers', 'c.teachers', 'c.collaborators', 'c.demo', 'c.version',
      'u.id as commune_id', 'u.code as commune_code', 'u.name as commune_name', 'u.valid_from as commune_from', 'u.valid_to as commune_to',
      'p.code as parent_code', 'p.name as parent_name', 's.id as successor_id', 's.name as successor_name',
      'y.it_management', 'y.it_teaching', 'y.self_rating', 'y.reviewed_rating'])
    .select(sql<number>`(SELECT coalesce(sum(a.participants), 0)::int FROM learning_centre_activity a WHERE a.centre_id = c.id AND a.year = ${f.year})`.as('participants'))
    .select(sql<number>`(SELECT coalesce(sum(a.sessions), 0)::int FROM learning_centre_activity a WHERE a.centre_id = c.id AND a.year = ${f.year})`.as('sessions'))
    .select(sql<{ year: number; self: string | null; reviewed: string | null }[]>`(SELECT coalesce(json_agg(json_build_object('year', r.year, 'self', r.self_rating, 'reviewed', r.reviewed_rating) ORDER BY r.year), '[]') FROM learning_centre_year r WHERE r.centre_id = c.id)`.as('ratings'))
    .where(sql<boolean>`c.valid_from <= ${f.at}::date AND (c.valid_to IS NULL OR c.valid_to >= ${f.at}::date)`)
    .where(inScope(actor, 'c.commune_id'));
  if (within) q = q.where('c.commune_id', 'in', db.selectFrom('org_unit_cover').select('unit_id').where('ancestor_id', '=', within.id));
  if (f.q) q = q.where(sql<boolean>`(f_unaccent(lower(c.name)) LIKE '%' || f_unaccent(lower(${f.q})) || '%' OR f_unaccent(lower(u.name)) LIKE '%' || f_unaccent(lower(${f.q})) || '%')`);
  const rows = await q.orderBy(sql`u.name COLLATE "vi-VN-x-icu"`).orderBy(sql`c.name COLLATE "vi-VN-x-icu"`).execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, validFrom: r.valid_from, validTo: r.valid_to, decision: r.decision, demo: r.demo, version: r.version,
    commune: { id: r.commune_id, code: r.commune_code, name: r.commune_name, validFrom: r.commune_from, validTo: r.commune_to, parent: r.parent_code ? { code: r.parent_code, name: r.parent_name! } : null },
    // Its commune ended while the centre goes on: the commune that took it over has to re-organise it (TT 11/2025).
    needsReorganisation: r.commune_to !== null && r.commune_to < f.at,
    successor: r.successor_id ? { id: r.successor_id, name: r.successor_name! } : null,
    staff: { director: r.director, managers: r.managers, teachers: r.teachers, collaborators: r.collaborators },
    year: f.year,
    reported: r.it_management !== null,
    itManagement: r.it_management ?? false, itTeaching: r.it_teaching ?? false, appliesIt: Boolean(r.it_management || r.it_teaching),
    selfRating: r.self_rating, selfRatingLabel: ratingLabel(r.self_rating), reviewedRating: r.reviewed_rating, reviewedRatingLabel: ratingLabel(r.reviewed_rating),
    participants: r.participants, sessions: r.sessions,
    ratings: r.ratings.map((x) => ({ year: x.year, self: x.self, selfLabel: ratingLabel(x.self), reviewed: x.reviewed, reviewedLabel: ratingLabel(x.reviewed) })),
  }));
}
export type CentreRow = Awaited<ReturnType<typeof listCentres>>[number];

/**
 * What the centres of a unit give the indicators for a year (QĐ 1373: share of centres applying IT; participants):
 * the centres in force on the last day of the year, or today for the current year.
 */
export async function centreSummary(db: Db, actor: Actor, f: { within?: string | undefined; year: number; today: string }) {
  const end = `${f.year}-12-31`;
  const at = end < f.today ? end : f.today;
  const centres = await listCentres(db, actor, { at, year: f.year, within: f.within });
  const applyingIt = centres.filter((c) => c.appliesIt).length;
  return {
    at, year: f.year, centres: centres.length, reported: centres.filter((c) => c.reported).length, applyingIt,
    itShare: centres.length ? Math.round((1000 * applyingIt) / centres.length) / 10 : null,
    participants: centres.reduce((s, c) => s + c.participants, 0),
  };
}

async function lockCentre(tx: Tx, actor: Actor, id: string) {
  const c = await tx.selectFrom('learning_centre as c').innerJoin('org_unit as u', 'u.id', 'c.commune_id')
    .select(['c.id', 'c.commune_id', 'c.name', 'c.valid_from', 'c.valid_to', 'c.successor_id', 'c.version', 'c.demo', 'u.name as commune_name', 'u.valid_to as commune_to'])
    .where('c.id', '=', id).where(inScope(actor, 'c.commune_id')).forUpdate('c').executeTakeFirst();
  if (!c) throw forbidden('learning_centre');
  return c;
}

/** A commune in scope and in force on a day, or an error naming the field. */
async function communeFor(tx: Tx, actor: Actor, communeId: string, day: string, field: string) {
  if (!(await coversUnit(tx, actor, communeId))) throw forbidden('org_unit');
  const u = await tx.selectFrom('org_unit as u').select(['u.id', 'u.name', 'u.kind', 'u.valid_from', 'u.valid_to']).where('u.id', '=', communeId).executeTakeFirstOrThrow();
  if (u.kind !== 'commune') throw invalid('centre.not_commune', 'Trung tâm học tập cộng đồng thuộc một xã, phường, đặc khu', [{ field, message: `${u.name} không phải cấp xã` }]);
  if ((u.valid_from && u.valid_from > day) || (u.valid_to && u.valid_to < day)) {
    throw invalid('centre.commune_not_in_force', 'Xã không còn hiệu lực vào ngày đã chọn', [{ field, message: `${u.name} không có hiệu lực ngày ${formatVnDate(day)}` }]);
  }
  return u;
}

export async function createCentre(db: Db, actor: Actor, input: CentreBody) {
  const id = await db.transaction().execute(async (tx) => {
    await communeFor(tx, actor, input.communeId, input.validFrom, 'communeId');
    const row = await tx.insertInto('learning_centre').values({
      commune_id: input.communeId, name: input.name, valid_from: input.validFrom, decision: input.decision ?? null, director: input.director ?? null,
      managers: input.managers, teachers: input.teachers, collaborators: input.collaborators,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'learning_centre.create', 'learning_centre', row.id, null, row);
    return row.id;
  });
  return getCentre(db, actor, id);
}

export async function updateCentre(db: Db, actor: Actor, id: string, input: CentreUpdateBody) {
  await db.transaction().execute(async (tx) => {
    const before = await lockCentre(tx, actor, id);
    if (before.version !== input.version) throw staleVersion('learning_centre', before.version);
    const after = await tx.updateTable('learning_centre').set({
      name: input.name, decision: input.decision ?? null, director: input.director ?? null, managers: input.managers, teachers: input.teachers,
      collaborators: input.collaborators, version: before.version + 1,
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'learning_centre.update', 'learning_centre', id, before, after);
  });
  return getCentre(db, actor, id);
}

/**
 * Re-organises a centre whose commune ended into a centre of a successor commune (an existing one, or one created
 * here): the old centre closes the day before `effective` and points to its successor. Both communes must be in the
 * actor's scope; a commune officer of a merged commune covers its predecessors through succession.
 */
export async function reorganiseCentre(db: Db, actor: Actor, id: string, input: ReorganiseBody) {
  const successorId = await db.transaction().execute(async (tx) => {
    const old = await lockCentre(tx, actor, id);
    if (old.version !== input.version) throw staleVersion('learning_centre', old.version);
    const s = input.successor;
    const targetCentre = 'centreId' in s
      ? await tx.selectFrom('learning_centre').select(['id', 'commune_id', 'valid_from', 'valid_to']).where('id', '=', s.centreId).where(inScope(actor, 'commune_id')).forUpdate().executeTakeFirst()
      : undefined;
    if ('centreId' in s && !targetCentre) throw forbidden('learning_centre');
    const targetCommuneId = targetCentre?.commune_id ?? ('communeId' in s ? s.communeId : '');
    const targetField = 'centreId' in s ? 'successor.centreId' : 'successor.communeId';
    if (!(await coversUnit(tx, actor, targetCommuneId))) throw forbidden('org_unit');
    const target = await tx.selectFrom('org_unit as u').select(['u.name', 'u.kind', 'u.valid_from', 'u.valid_to'])
      .select(sql<boolean>`EXISTS (SELECT 1 FROM org_unit_succession x WHERE x.from_unit_id = ${old.commune_id} AND x.to_unit_id = u.id)`.as('is_successor'))
      .where('u.id', '=', targetCommuneId).executeTakeFirstOrThrow();
    const errors = checkReorganisation({
      centre: { validFrom: old.valid_from, validTo: old.valid_to },
      commune: { name: old.commune_name, validTo: old.commune_to },
      target: { name: target.name, validFrom: target.valid_from, validTo: target.valid_to, isSuccessor: target.is_successor && target.kind === 'commune' },
      targetCentre: targetCentre && { validFrom: targetCentre.valid_from, validTo: targetCentre.valid_to },
      effective: input.effective,
    }, targetField);
    if (errors.length) throw invalid('centre.reorganisation_invalid', 'Chưa sắp xếp lại được trung tâm', errors);
    let successor = targetCentre?.id;
    if (!successor && 'communeId' in s) {
      const row = await tx.insertInto('learning_centre').values({ commune_id: s.communeId, name: s.name, valid_from: input.effective, decision: s.decision ?? null, demo: old.demo })
        .returningAll().executeTakeFirstOrThrow();
      await audit(tx, actor, 'learning_centre.create', 'learning_centre', row.id, null, { ...row, reorganisedFrom: id });
      successor = row.id;
    }
    const after = await tx.updateTable('learning_centre').set({ valid_to: dayBefore(input.effective), successor_id: successor!, version: old.version + 1 })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'learning_centre.reorganise', 'learning_centre', id, old, after);
    return successor!;
  });
  return { closed: await getCentre(db, actor, id), successor: await getCentre(db, actor, successorId) };
}

/** One centre: its commune, staff, predecessors and successor, and every reported year with its activities. */
export async function getCentre(db: Db, actor: Actor, id: string) {
  const c = await db.selectFrom('learning_centre as c').innerJoin('org_unit as u', 'u.id', 'c.commune_id').leftJoin('org_unit as p', 'p.id', 'u.parent_id')
    .selectAll('c').select(['u.code as commune_code', 'u.name as commune_name', 'u.valid_from as commune_from', 'u.valid_to as commune_to', 'p.code as parent_code', 'p.name as parent_name'])
    .where('c.id', '=', id).where(inScope(actor, 'c.commune_id')).executeTakeFirst();
  if (!c) throw forbidden('learning_centre');
  const link = (q: 'successor' | 'predecessors') => db.selectFrom('learning_centre as x').innerJoin('org_unit as u', 'u.id', 'x.commune_id')
    .select(['x.id', 'x.name', 'x.valid_from as validFrom', 'x.valid_to as validTo', 'u.name as communeName'])
    .$call((b) => (q === 'successor' ? b.where('x.id', '=', c.successor_id ?? '0') : b.where('x.successor_id', '=', id))).orderBy('x.id').execute();
  const [successor, predecessors, years, activities] = await Promise.all([
    link('successor'), link('predecessors'),
    db.selectFrom('learning_centre_year as y').leftJoin('app_user as a', 'a.id', 'y.reviewed_by').selectAll('y').select('a.display_name as reviewer')
      .where('y.centre_id', '=', id).orderBy('y.year', 'desc').execute(),
    db.selectFrom('learning_centre_activity').selectAll().where('centre_id', '=', id).execute(),
  ]);
  return {
    id: c.id, name: c.name, validFrom: c.valid_from, validTo: c.valid_to, decision: c.decision, demo: c.demo, version: c.version,
    commune: { id: c.commune_id, code: c.commune_code, name: c.commune_name, validFrom: c.commune_from, validTo: c.commune_to, parent: c.parent_code ? { code: c.parent_code, name: c.parent_name! } : null },
    staff: { director: c.director, managers: c.managers, teachers: c.teachers, collaborators: c.collaborators },
    successor: successor[0] ?? null, predecessors,
    years: years.map((y) => ({
      year: y.year, itManagement: y.it_management, itTeaching: y.it_teaching,
      selfRating: y.self_rating, selfRatingLabel: ratingLabel(y.self_rating), reviewedRating: y.reviewed_rating, reviewedRatingLabel: ratingLabel(y.reviewed_rating),
      reviewComment: y.review_comment, reviewer: y.reviewer, reviewedAt: y.reviewed_at?.toISOString() ?? null, demo: y.demo, version: y.version,
      activities: activities.filter((a) => a.year === y.year).sort((a, b) => TOPICS.indexOf(a.topic as Topic) - TOPICS.indexOf(b.topic as Topic)).map((a) => ({
        topic: a.topic as Topic, topicLabel: TOPIC_LABELS[a.topic as Topic], classes: a.classes, sessions: a.sessions, participants: a.participants, breakdown: a.breakdown as Breakdown,
      })),
    })),
  };
}

/**
 * Writes a centre's year (IT use, self-rating, activities by topic) after checking every figure; a year already
 * reviewed loses its review, which has to be given again on the new figures (the audit log keeps the old one).
 */
export async function saveYear(db: Db, actor: Actor, id: string, year: number, input: YearBody) {
  await db.transaction().execute(async (tx) => {
    const c = await lockCentre(tx, actor, id);
    if (c.valid_from > `${year}-12-31` || (c.valid_to !== null && c.valid_to < `${year}-01-01`)) {
      throw problem(422, 'centre.year_outside', `Trung tâm không hoạt động trong năm ${year}`, { errors: [{ field: 'params.year', message: `Trung tâm hoạt động từ ${formatVnDate(c.valid_from)}${c.valid_to ? ` đến ${formatVnDate(c.valid_to)}` : ''}` }] });
    }
    const before = await tx.selectFrom('learning_centre_year').selectAll().where('centre_id', '=', id).where('year', '=', year).forUpdate().executeTakeFirst();
    if ((before?.version ?? null) !== input.version) throw staleVersion('learning_centre_year', before?.version ?? 0);
    const errors = checkActivities(input.activities, await populationBound(tx, c.commune_id, year));
    if (errors.length) throw invalid('centre.activities_invalid', 'Số liệu hoạt động của trung tâm chưa hợp lệ; chưa lưu gì', errors);
    const values = { it_management: input.itManagement, it_teaching: input.itTeaching, self_rating: input.selfRating, reviewed_rating: null, review_comment: null, reviewed_by: null, reviewed_at: null, updated_at: new Date() };
    const after = before
      ? await tx.updateTable('learning_centre_year').set({ ...values, version: before.version + 1 }).where('centre_id', '=', id).where('year', '=', year).returningAll().executeTakeFirstOrThrow()
      : await tx.insertInto('learning_centre_year').values({ centre_id: id, year, demo: c.demo, ...values }).returningAll().executeTakeFirstOrThrow();
    await tx.deleteFrom('learning_centre_activity').where('centre_id', '=', id).where('year', '=', year).execute();
    if (input.activities.length) {
      await tx.insertInto('learning_centre_activity').values(input.activities.map((a) => ({
        centre_id: id, year, topic: a.topic, classes: a.classes, sessions: a.sessions, participants: a.participants, breakdown: JSON.stringify(a.breakdown ?? {}),
      }))).execute();
    }
    await audit(tx, actor, 'learning_centre_year.save', 'learning_centre', id, before ?? null, { ...after, activities: input.activities });
  });
  return getCentre(db, actor, id);
}

export async function reviewYear(db: Db, actor: Actor, id: string, year: number, input: { rating: Rating; comment?: string | undefined; version: number }) {
  await db.transaction().execute(async (tx) => {
    await lockCentre(tx, actor, id);
    const before = await tx.selectFrom('learning_centre_year').selectAll().where('centre_id', '=', id).where('year', '=', year).forUpdate().executeTakeFirst();
    if (!before) throw problem(404, 'centre.year_missing', `Trung tâm chưa báo cáo năm ${year}`, { errors: [{ field: 'params.year', message: 'chưa có báo cáo năm' }] });
    if (before.version !== input.version) throw staleVersion('learning_centre_year', before.version);
    const after = await tx.updateTable('learning_centre_year').set({
      reviewed_rating: input.rating, review_comment: input.comment?.trim() || null, reviewed_by: actor.id, reviewed_at: new Date(), version: before.version + 1,
    }).where('centre_id', '=', id).where('year', '=', year).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'learning_centre_year.review', 'learning_centre', id, before, after);
  });
  return getCentre(db, actor, id);
}
