import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { forbidden, problem, staleVersion, type FieldError } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { coveredUnitIds, coversUnit, inScope } from '../auth/scope.ts';
import { populationBound } from '../learning-centres/population.ts';
import { checkActivity, STATUS_LABELS } from './activity.ts';
import { nationalEvent, nationalEvents } from './calendar.ts';
import type { ActivityBody, ActivityUpdateBody, EventBody } from './model.ts';

const invalid = (errors: FieldError[]) =>
  problem(422, 'event_activity.invalid', 'Hoạt động chưa hợp lệ; chưa lưu gì', { errors: errors.map((e) => ({ ...e, field: `body.${e.field}` })) });
const notFound = (id: string) => problem(404, 'event.not_found', 'Không có sự kiện này', { id });

/** A local event is seen by units below its organiser and by those above it: `e.unit_id` relates to the actor's scope. */
export const visibleEvent = (actor: Actor) => sql<boolean>`(e.unit_id IN ${coveredUnitIds(actor)} OR EXISTS (
  SELECT 1 FROM user_scope s JOIN org_unit_cover c ON c.unit_id = s.unit_id WHERE s.user_id = ${actor.id} AND c.ancestor_id = e.unit_id))`;

interface EventHead { id: string; kind: 'national' | 'local'; title: string; startsOn: string; endsOn: string; source: string | null; verified: string | null; organiser: { id: string; name: string } | null; description: string | null; demo: boolean; version: number | null }

/** The national event or the visible local event an id names. */
async function eventHead(db: Db | Tx, actor: Actor, id: string): Promise<EventHead> {
  if (!/^\d+$/.test(id)) {
    const n = nationalEvent(id);
    if (!n) throw notFound(id);
    return { id: n.id, kind: 'national', title: n.title, startsOn: n.startsOn, endsOn: n.endsOn, source: n.source, verified: n.verified, organiser: null, description: null, demo: false, version: null };
  }
  const e = await db.selectFrom('event as e').innerJoin('org_unit as u', 'u.id', 'e.unit_id').selectAll('e').select('u.name as unit_name')
    .where('e.id', '=', id).where(visibleEvent(actor)).executeTakeFirst();
  if (!e) throw notFound(id);
  return { id: e.id, kind: 'local', title: e.title, startsOn: e.starts_on, endsOn: e.ends_on, source: null, verified: null, organiser: { id: e.unit_id, name: e.unit_name }, description: e.description, demo: e.demo, version: e.version };
}

/** Which column of event_activity points to an event. */
const eventColumn = (id: string) => (/^\d+$/.test(id) ? { event_id: id, national_event: null } : { event_id: null, national_event: id });

/** Figures of the activities in the actor's scope, per event id (national key or local id). */
async function activityTotals(db: Db, actor: Actor, ids: string[]) {
  if (!ids.length) return new Map<string, ReturnType<typeof emptyTotals>>();
  const rows = await db.selectFrom('event_activity as a')
    .select(sql<string>`coalesce(a.national_event, a.event_id::text)`.as('key'))
    .select(sql<number>`count(*)::int`.as('activities'))
    .select(sql<number>`(count(*) FILTER (WHERE a.status = 'reported'))::int`.as('reported'))
    .select(sql<number>`(coalesce(sum(a.sessions) FILTER (WHERE a.status = 'reported'), 0))::int`.as('sessions'))
    .select(sql<number>`(coalesce(sum(a.participants) FILTER (WHERE a.status = 'reported'), 0))::int`.as('participants'))
    .select(sql<number>`(coalesce(sum(a.media_pieces) FILTER (WHERE a.status = 'reported'), 0))::int`.as('mediaPieces'))
    .where(sql<boolean>`coalesce(a.national_event, a.event_id::text) IN (${sql.join(ids)})`).where(inScope(actor, 'a.unit_id'))
    .groupBy(sql`1`).execute();
  return new Map(rows.map(({ key, ...t }) => [key, t]));
}
const emptyTotals = () => ({ activities: 0, reported: 0, sessions: 0, participants: 0, mediaPieces: 0 });

/** A year's calendar: the national events (generated) and the local events and campaigns visible to the actor. */
export async function listEvents(db: Db, actor: Actor, year: number) {
  const local = await db.selectFrom('event as e').innerJoin('org_unit as u', 'u.id', 'e.unit_id').selectAll('e').select('u.name as unit_name')
    .where('e.starts_on', '<=', `${year}-12-31`).where('e.ends_on', '>=', `${year}-01-01`).where(visibleEvent(actor)).execute();
  const heads: EventHead[] = [
    ...nationalEvents(year).map((n): EventHead => ({ id: n.id, kind: 'national', title: n.title, startsOn: n.startsOn, endsOn: n.endsOn, source: n.source, verified: n.verified, organiser: null, description: null, demo: false, version: null })),
    ...local.map((e): EventHead => ({ id: e.id, kind: 'local', title: e.title, startsOn: e.starts_on, endsOn: e.ends_on, source: null, verified: null, organiser: { id: e.unit_id, name: e.unit_name }, description: e.description, demo: e.demo, version: e.version })),
  ];
  const totals = await activityTotals(db, actor, heads.map((h) => h.id));
  return heads.map((h) => ({ ...h, totals: totals.get(h.id) ?? emptyTotals() }))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.title.localeCompare(b.title, 'vi'));
}
export type EventRow = Awaited<ReturnType<typeof listEvents>>[number];

/** One event with the activities of the actor's scope. */
export async function getEvent(db: Db, actor: Actor, id: string) {
  const head = await eventHead(db, actor, id);
  const col = eventColumn(id);
  const rows = await db.selectFrom('event_activity as a').innerJoin('org_unit as u', 'u.id', 'a.unit_id').selectAll('a').select(['u.code as unit_code', 'u.name as unit_name'])
    .$call((q) => (col.event_id ? q.where('a.event_id', '=', col.event_id) : q.where('a.national_event', '=', id)))
    .where(inScope(actor, 'a.unit_id')).orderBy('a.starts_on').orderBy('a.id').execute();
  const activities = rows.map((a) => ({
    id: a.id, unit: { id: a.unit_id, code: a.unit_code, name: a.unit_name }, title: a.title, startsOn: a.starts_on, endsOn: a.ends_on,
    status: a.status, statusLabel: STATUS_LABELS[a.status], sessions: a.sessions, participants: a.participants, mediaPieces: a.media_pieces, notes: a.notes, demo: a.demo, version: a.version,
  }));
  return { ...head, totals: (await activityTotals(db, actor, [head.id])).get(head.id) ?? emptyTotals(), activities };
}
export type EventDetail = Awaited<ReturnType<typeof getEvent>>;

export async function createEvent(db: Db, actor: Actor, input: EventBody) {
  const id = await db.transaction().execute(async (tx) => {
    if (!(await coversUnit(tx, actor, input.unitId))) throw forbidden('org_unit');
    const row = await tx.insertInto('event').values({ unit_id: input.unitId, title: input.title, starts_on: input.startsOn, ends_on: input.endsOn, description: input.description ?? null, created_by: actor.id })
      .returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'event.create', 'event', row.id, null, row);
    return row.id;
  });
  return getEvent(db, actor, id);
}

/** Kinds of unit that hold a territory; any other organiser (a department, a school) runs an event over its parent's. */
const TERRITORIAL = ['province', 'district', 'commune', 'hamlet'];

/**
 * A local event belongs to its organiser's area: a unit reports under it only when the organiser's territory (as it
 * stands in the cover, succession included) holds the unit. A department organises over its province.
 */
async function refuseOutsideArea(tx: Tx, organiser: { id: string; name: string }, unitId: string) {
  const r = (await sql<{ inside: boolean; unit_name: string; area_name: string }>`
    SELECT EXISTS (SELECT 1 FROM org_unit_cover c WHERE c.ancestor_id = a.id AND c.unit_id = u.id) AS inside, u.name AS unit_name, a.name AS area_name
    FROM org_unit o
    JOIN org_unit a ON a.id = CASE WHEN o.kind = ANY(${TERRITORIAL}::text[]) OR o.parent_id IS NULL THEN o.id ELSE o.parent_id END
    JOIN org_unit u ON u.id = ${unitId}
    WHERE o.id = ${organiser.id}`.execute(tx)).rows[0];
  if (r && !r.inside) {
    throw problem(422, 'event_activity.unit_outside_area', `${r.unit_name} không thuộc địa bàn của sự kiện (${r.area_name}, do ${organiser.name} tổ chức); chưa lưu gì`, {
      errors: [{ field: 'body.unitId', message: `Ngoài địa bàn ${r.area_name}` }],
    });
  }
}

/** A unit's planned or reported activity under an event: checked against the event's days and the unit's population. */
export async function createActivity(db: Db, actor: Actor, eventId: string, input: ActivityBody, today: string) {
  await db.transaction().execute(async (tx) => {
    const event = await eventHead(tx, actor, eventId);
    if (!(await coversUnit(tx, actor, input.unitId))) throw forbidden('org_unit');
    if (event.organiser) await refuseOutsideArea(tx, event.organiser, input.unitId);
    const errors = checkActivity(event, input, await populationBound(tx, input.unitId, Number(event.startsOn.slice(0, 4))), today);
    if (errors.length) throw invalid(errors);
    const row = await tx.insertInto('event_activity').values({
      ...eventColumn(eventId), unit_id: input.unitId, title: input.title, starts_on: input.startsOn, ends_on: input.endsOn, status: input.status,
      sessions: input.sessions, participants: input.participants, media_pieces: input.mediaPieces, notes: input.notes ?? null, created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'event_activity.create', 'event_activity', row.id, null, row);
  });
  return getEvent(db, actor, eventId);
}

export async function updateActivity(db: Db, actor: Actor, id: string, input: ActivityUpdateBody, today: string) {
  const eventId = await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('event_activity as a').selectAll().where('a.id', '=', id).where(inScope(actor, 'a.unit_id')).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('event_activity');
    if (before.version !== input.version) throw staleVersion('event_activity', before.version);
    const key = before.national_event ?? before.event_id!;
    const event = await eventHead(tx, actor, key);
    const errors = checkActivity(event, input, await populationBound(tx, before.unit_id, Number(event.startsOn.slice(0, 4))), today);
    if (errors.length) throw invalid(errors);
    const after = await tx.updateTable('event_activity').set({
      title: input.title, starts_on: input.startsOn, ends_on: input.endsOn, status: input.status, sessions: input.sessions, participants: input.participants,
      media_pieces: input.mediaPieces, notes: input.notes ?? null, version: before.version + 1,
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'event_activity.update', 'event_activity', id, before, after);
    return key;
  });
  return getEvent(db, actor, eventId);
}
