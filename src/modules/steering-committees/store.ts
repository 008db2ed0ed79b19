import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { fileType } from '../../http/file-types.ts';
import { forbidden, Problem, problem, staleVersion, type FieldError } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { coveredUnitIds, inScope } from '../auth/scope.ts';
import { inForce } from '../org-units/store.ts';
import { formatVnDate } from '../plans/deadlines.ts';
import { getTask } from '../plans/store.ts';
import {
  checkClosing, checkCommittee, checkDeadline, checkMeeting, checkMember, COMMITTEE_UNIT_KINDS, dayBefore, MEETING_KIND_LABELS, membersAt, MINUTES_FILE_KINDS, nextDay,
  personKey, POSITION_LABELS, type AssignmentBody, type CommitteeBody, type CommitteePatchBody, type EndBody, type MeetingBody, type MeetingKind,
  type MeetingPatchBody, type MemberBody, type MemberFacts, type Position, type ReplaceBody, type Span,
} from './model.ts';

const invalid = (code: string, title: string, errors: FieldError[], prefix = 'body') =>
  problem(422, code, title, { errors: errors.map((e) => ({ ...e, field: `${prefix}.${e.field}` })) });

type CommitteeRow = { id: string; unit_id: string; name: string; valid_from: string; valid_to: string | null; successor_id: string | null; version: number; demo: boolean };

/** A committee in the actor's scope, locked for the rest of the transaction. */
async function lockCommittee(tx: Tx, actor: Actor, id: string): Promise<CommitteeRow> {
  const c = await tx.selectFrom('steering_committee as c')
    .select(['c.id', 'c.unit_id', 'c.name', 'c.valid_from', 'c.valid_to', 'c.successor_id', 'c.version', 'c.demo'])
    .where('c.id', '=', id).where(inScope(actor, 'c.unit_id')).forUpdate().executeTakeFirst();
  if (!c) throw forbidden('steering_committee');
  return c;
}
const spanOf = (r: { valid_from: string; valid_to: string | null }): Span => ({ from: r.valid_from, to: r.valid_to });

/** The unit a `within=` code names on a date, or a 404 naming the field. */
async function unitAt(db: Db, code: string, at: string) {
  const u = await db.selectFrom('org_unit as u').select(['u.id']).where('u.code', '=', code).where(inForce(at)).executeTakeFirst();
  if (!u) throw problem(404, 'org_unit.not_found', `Không có đơn vị mã ${code} hiệu lực ngày ${formatVnDate(at)}`, { errors: [{ field: 'querystring.within', message: 'không có đơn vị này tại ngày tham chiếu' }] });
  return u;
}

// ---------------------------------------------------------------- committees

/** Committees working on `at` in the actor's scope (optionally within a unit as it stood that day), with their head that day. */
export async function listCommittees(db: Db, actor: Actor, f: { at: string; within?: string | undefined }) {
  const within = f.within ? await unitAt(db, f.within, f.at) : null;
  let q = db.selectFrom('steering_committee as c').innerJoin('org_unit as u', 'u.id', 'c.unit_id').leftJoin('org_unit as p', 'p.id', 'u.parent_id')
    .select(['c.id', 'c.name', 'c.decision_number', 'c.decision_date', 'c.valid_from', 'c.valid_to', 'c.demo',
      'u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name', 'u.kind as unit_kind', 'p.name as parent_name'])
    .select(sql<string | null>`(SELECT m.person_name FROM steering_committee_member m WHERE m.committee_id = c.id AND m.position = 'head'
      AND m.valid_from <= ${f.at}::date AND (m.valid_to IS NULL OR m.valid_to >= ${f.at}::date) LIMIT 1)`.as('head'))
    .select(sql<number>`(SELECT count(*)::int FROM steering_committee_member m WHERE m.committee_id = c.id
      AND m.valid_from <= ${f.at}::date AND (m.valid_to IS NULL OR m.valid_to >= ${f.at}::date))`.as('members'))
    .select(sql<number>`(SELECT count(*)::int FROM steering_committee_meeting g WHERE g.committee_id = c.id)`.as('meetings'))
    .select(sql<string | null>`(SELECT max(g.held_on)::text FROM steering_committee_meeting g WHERE g.committee_id = c.id)`.as('last_meeting'))
    .select(sql<number>`(SELECT count(*)::int FROM steering_meeting_task t JOIN steering_committee_meeting g ON g.id = t.meeting_id WHERE g.committee_id = c.id)`.as('tasks'))
    .where(sql<boolean>`c.valid_from <= ${f.at}::date AND (c.valid_to IS NULL OR c.valid_to >= ${f.at}::date)`)
    .where(inScope(actor, 'c.unit_id'));
  if (within) q = q.where('c.unit_id', 'in', db.selectFrom('org_unit_cover').select('unit_id').where('ancestor_id', '=', within.id));
  const kindOrder = sql`array_position(ARRAY['province','district','commune']::text[], u.kind)`;
  const rows = await q.orderBy(kindOrder).orderBy(sql`u.name COLLATE "vi-VN-x-icu"`).execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, decisionNumber: r.decision_number, decisionDate: r.decision_date, validFrom: r.valid_from, validTo: r.valid_to, demo: r.demo,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, kind: r.unit_kind, parentName: r.parent_name },
    head: r.head, members: r.members, meetings: r.meetings, lastMeeting: r.last_meeting, tasks: r.tasks,
  }));
}
export type CommitteeListRow = Awaited<ReturnType<typeof listCommittees>>[number];

/** One committee: unit, predecessors and successor, the seats of a day, the whole membership history, the meetings. */
export async function getCommittee(db: Db, actor: Actor, id: string, at: string | undefined, today: string) {
  const c = await db.selectFrom('steering_committee as c').innerJoin('org_unit as u', 'u.id', 'c.unit_id').leftJoin('org_unit as p', 'p.id', 'u.parent_id')
    .selectAll('c').select(['u.code as unit_code', 'u.name as unit_name', 'u.kind as unit_kind', 'u.valid_to as unit_to', 'p.name as parent_name'])
    .where('c.id', '=', id).where(inScope(actor, 'c.unit_id')).executeTakeFirst();
  if (!c) throw forbidden('steering_committee');
  const day = at ?? (c.valid_to !== null && c.valid_to < today ? c.valid_to : today);
  const [links, members, meetings] = await Promise.all([
    db.selectFrom('steering_committee as x').innerJoin('org_unit as u', 'u.id', 'x.unit_id')
      .select(['x.id', 'x.name', 'x.valid_from as validFrom', 'x.valid_to as validTo', 'x.successor_id', 'u.name as unitName'])
      .where((eb) => eb.or([eb('x.id', '=', c.successor_id ?? '0'), eb('x.successor_id', '=', id)])).orderBy('x.valid_from').execute(),
    memberRows(db, id),
    db.selectFrom('steering_committee_meeting as g')
      .select(['g.id', 'g.held_on', 'g.kind', 'g.chair', 'g.attendee_count', 'g.agenda', 'g.conclusions', 'g.minutes_file_name', 'g.demo', 'g.version'])
      .select(sql<number>`(SELECT count(*)::int FROM steering_meeting_task t WHERE t.meeting_id = g.id)`.as('tasks'))
      .where('g.committee_id', '=', id).orderBy('g.held_on', 'desc').orderBy('g.id', 'desc').execute(),
  ]);
  return {
    id: c.id, name: c.name, decisionNumber: c.decision_number, decisionDate: c.decision_date, validFrom: c.valid_from, validTo: c.valid_to, demo: c.demo, version: c.version,
    unit: { id: c.unit_id, code: c.unit_code, name: c.unit_name, kind: c.unit_kind, validTo: c.unit_to, parentName: c.parent_name },
    successor: links.filter((l) => l.id === c.successor_id).map(({ successor_id: _, ...l }) => l)[0] ?? null,
    predecessors: links.filter((l) => l.successor_id === id).map(({ successor_id: _, ...l }) => l),
    at: day,
    members: membersAt(members, day),
    history: members,
    meetings: meetings.map((g) => ({
      id: g.id, heldOn: g.held_on, kind: g.kind, kindLabel: MEETING_KIND_LABELS[g.kind], chair: g.chair, attendeeCount: g.attendee_count, agenda: g.agenda,
      conclusions: g.conclusions, minutesFile: g.minutes_file_name, tasks: g.tasks, demo: g.demo, version: g.version,
    })),
  };
}

async function memberRows(db: Db | Tx, committeeId: string) {
  const rows = await db.selectFrom('steering_committee_member as m').leftJoin('steering_committee_member as r', 'r.id', 'm.replaces_id')
    .selectAll('m').select('r.person_name as replaces_name')
    .where('m.committee_id', '=', committeeId).orderBy('m.valid_from').orderBy('m.id').execute();
  return rows.map((m) => ({
    id: m.id, personName: m.person_name, position: m.position as Position, positionLabel: POSITION_LABELS[m.position as Position], agency: m.agency, jobTitle: m.job_title,
    decisionNumber: m.decision_number, decisionDate: m.decision_date, validFrom: m.valid_from, validTo: m.valid_to, span: spanOf(m),
    replaces: m.replaces_id ? { id: m.replaces_id, personName: m.replaces_name! } : null, endDecision: m.end_decision, demo: m.demo, version: m.version,
  }));
}
export type MemberRow = Awaited<ReturnType<typeof memberRows>>[number];

/** The unit of a new committee: in scope, of a kind that has one, with the dates checked against its life. */
async function checkUnit(tx: Tx, actor: Actor, unitId: string, span: Span, decisionDate: string) {
  const u = await tx.selectFrom('org_unit as u').select(['u.id', 'u.name', 'u.kind', 'u.valid_from', 'u.valid_to'])
    .where('u.id', '=', unitId).where(inScope(actor, 'u.id')).executeTakeFirst();
  if (!u) throw forbidden('org_unit');
  if (!(COMMITTEE_UNIT_KINDS as readonly string[]).includes(u.kind)) {
    throw invalid('steering.unit_kind', 'Ban Chỉ đạo thuộc tỉnh, huyện (trước 01/07/2025) hoặc xã', [{ field: 'unitId', message: `${u.name} không phải đơn vị hành chính` }]);
  }
  const errors = checkCommittee({ span, decisionDate }, { name: u.name, span: { from: u.valid_from, to: u.valid_to } });
  if (errors.length) throw invalid('steering.dates_invalid', 'Thời gian hoạt động của Ban Chỉ đạo chưa hợp lệ; chưa lưu gì', errors);
  return u;
}

/** Another committee working on the same unit in the same time: one committee of a unit at a time. */
async function checkNoOverlap(tx: Tx, unitId: string, span: Span, exceptId?: string) {
  const other = await tx.selectFrom('steering_committee').select(['name', 'valid_from', 'valid_to']).where('unit_id', '=', unitId)
    .$if(exceptId !== undefined, (q) => q.where('id', '<>', exceptId!))
    .where(sql<boolean>`daterange(valid_from, valid_to, '[]') && daterange(${span.from}::date, ${span.to}::date, '[]')`).executeTakeFirst();
  if (other) {
    throw invalid('steering.overlap', 'Đơn vị đã có Ban Chỉ đạo trong thời gian này', [{ field: 'validFrom', message: `${other.name} hoạt động ${formatVnDate(other.valid_from)} – ${other.valid_to ? formatVnDate(other.valid_to) : 'nay'}: kết thúc Ban đó trước` }]);
  }
}

/**
 * Links an ended committee to the one that takes over the next day: the same unit, or a unit that took over (by the
 * 2025 succession) the old unit or a unit below it — a province's successor, or a new commune for a district's committee.
 */
async function linkSuccessor(tx: Tx, actor: Actor, oldId: string, next: { id: string; unit_id: string; valid_from: string }, field: string) {
  const old = await lockCommittee(tx, actor, oldId);
  const errors: FieldError[] = [];
  if (old.id === next.id) errors.push({ field, message: 'Không thể kế tiếp chính mình' });
  else if (old.successor_id !== null && old.successor_id !== next.id) errors.push({ field, message: `${old.name} đã có Ban kế tiếp` });
  else if (old.valid_to === null || next.valid_from !== nextDay(old.valid_to)) {
    errors.push({ field, message: `${old.name} phải kết thúc ngày ${formatVnDate(dayBefore(next.valid_from))}, ngay trước khi Ban kế tiếp bắt đầu` });
  } else {
    const related = await tx.selectFrom('org_unit as n').select('n.id').where('n.id', '=', next.unit_id)
      .where(sql<boolean>`(n.id = ${old.unit_id} OR EXISTS (SELECT 1 FROM org_unit_succession s JOIN org_unit_cover v ON v.unit_id = s.from_unit_id
        WHERE v.ancestor_id = ${old.unit_id} AND s.to_unit_id = n.id))`).executeTakeFirst();
    if (!related) errors.push({ field, message: 'Đơn vị của Ban kế tiếp không kế thừa đơn vị của Ban trước (sắp xếp đơn vị hành chính)' });
  }
  if (errors.length) throw invalid('steering.succession_invalid', 'Chưa nối được Ban Chỉ đạo kế tiếp', errors);
  await tx.updateTable('steering_committee').set({ successor_id: next.id, version: old.version + 1 }).where('id', '=', old.id).execute();
  await audit(tx, actor, 'steering_committee.succession', 'steering_committee', old.id, { successor_id: old.successor_id }, { successor_id: next.id });
}

export async function createCommittee(db: Db, actor: Actor, input: CommitteeBody, today: string) {
  const id = await db.transaction().execute(async (tx) => {
    const span = { from: input.validFrom, to: input.validTo ?? null };
    await checkUnit(tx, actor, input.unitId, span, input.decisionDate);
    await checkNoOverlap(tx, input.unitId, span);
    const row = await tx.insertInto('steering_committee').values({
      unit_id: input.unitId, name: input.name, decision_number: input.decisionNumber, decision_date: input.decisionDate, valid_from: span.from, valid_to: span.to,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'steering_committee.create', 'steering_committee', row.id, null, row);
    if (input.predecessorId) await linkSuccessor(tx, actor, input.predecessorId, row, 'predecessorId');
    return row.id;
  });
  return getCommittee(db, actor, id, undefined, today);
}

/**
 * Edits the name or the establishing decision, or ends the committee (`validTo`): the seats still held end the same
 * day, and a successor committee (starting the next day) may be linked.
 */
export async function updateCommittee(db: Db, actor: Actor, id: string, input: CommitteePatchBody, today: string) {
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('steering_committee').selectAll().where('id', '=', id).where(inScope(actor, 'unit_id')).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('steering_committee');
    if (before.version !== input.version) throw staleVersion('steering_committee', before.version);
    const decisionDate = input.decisionDate ?? before.decision_date;
    if (decisionDate > before.valid_from) {
      throw invalid('steering.dates_invalid', 'Thời gian hoạt động của Ban Chỉ đạo chưa hợp lệ; chưa lưu gì', [{ field: 'decisionDate', message: `Quyết định thành lập phải có trước hoặc cùng ngày bắt đầu (${formatVnDate(before.valid_from)})` }]);
    }
    let validTo = before.valid_to;
    let successor: { id: string; unit_id: string; valid_from: string; name: string } | undefined;
    if (input.validTo !== undefined) {
      if (input.successorId) {
        successor = await tx.selectFrom('steering_committee').select(['id', 'unit_id', 'valid_from', 'name']).where('id', '=', input.successorId).where(inScope(actor, 'unit_id')).executeTakeFirst();
        if (!successor) throw forbidden('steering_committee');
      }
      const facts = await tx.selectFrom('steering_committee as c')
        .select(sql<string | null>`(SELECT max(held_on)::text FROM steering_committee_meeting WHERE committee_id = c.id)`.as('last_meeting'))
        .select(sql<string | null>`(SELECT max(valid_from)::text FROM steering_committee_member WHERE committee_id = c.id)`.as('latest_member'))
        .where('c.id', '=', id).executeTakeFirstOrThrow();
      const unit = await tx.selectFrom('org_unit').select(['name', 'valid_from', 'valid_to']).where('id', '=', before.unit_id).executeTakeFirstOrThrow();
      const errors = [
        ...checkClosing({ span: spanOf(before) }, input.validTo, { lastMeeting: facts.last_meeting, latestMemberStart: facts.latest_member, successor: successor && { name: successor.name, from: successor.valid_from } }),
        ...checkCommittee({ span: { from: before.valid_from, to: input.validTo }, decisionDate }, { name: unit.name, span: { from: unit.valid_from, to: unit.valid_to } }).filter((e) => e.field === 'validTo'),
      ];
      if (errors.length) throw invalid('steering.closing_invalid', 'Chưa kết thúc được Ban Chỉ đạo; chưa lưu gì', errors);
      validTo = input.validTo;
      const closed = await tx.updateTable('steering_committee_member').set((eb) => ({ valid_to: validTo, version: eb('version', '+', 1) }))
        .where('committee_id', '=', id).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', validTo!)])).returning(['id', 'person_name']).execute();
      if (closed.length) await audit(tx, actor, 'steering_committee_member.end', 'steering_committee', id, null, { validTo, members: closed });
    }
    const after = await tx.updateTable('steering_committee').set({
      name: input.name ?? before.name, decision_number: input.decisionNumber ?? before.decision_number, decision_date: decisionDate, valid_to: validTo, version: before.version + 1,
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'steering_committee.update', 'steering_committee', id, before, after);
    if (successor) await linkSuccessor(tx, actor, id, successor, 'successorId');
  });
  return getCommittee(db, actor, id, undefined, today);
}

// ---------------------------------------------------------------- members

async function othersOf(tx: Tx, committeeId: string): Promise<(MemberFacts & { id: string })[]> {
  const rows = await tx.selectFrom('steering_committee_member').select(['id', 'person_name', 'position', 'valid_from', 'valid_to'])
    .where('committee_id', '=', committeeId).forUpdate().execute();
  return rows.map((r) => ({ id: r.id, personName: r.person_name, position: r.position as Position, span: spanOf(r) }));
}

function decisionBefore(decisionDate: string, from: string, field = 'decisionDate'): FieldError[] {
  return decisionDate > from ? [{ field, message: `Quyết định phân công phải có trước hoặc cùng ngày bắt đầu (${formatVnDate(from)})` }] : [];
}

const memberValues = (committeeId: string, m: { personName: string; position: Position; agency: string; jobTitle?: string | null | undefined; decisionNumber: string; decisionDate: string }, span: Span, demo: boolean) => ({
  committee_id: committeeId, person_name: m.personName, person_key: personKey(m.personName), position: m.position, agency: m.agency, job_title: m.jobTitle ?? null,
  decision_number: m.decisionNumber, decision_date: m.decisionDate, valid_from: span.from, valid_to: span.to, demo,
});

export async function addMember(db: Db, actor: Actor, committeeId: string, input: MemberBody, today: string) {
  await db.transaction().execute(async (tx) => {
    const c = await lockCommittee(tx, actor, committeeId);
    // A seat of an ended committee without its own end date ends with the committee.
    const span = { from: input.validFrom, to: input.validTo ?? c.valid_to };
    const errors = [...checkMember({ span: spanOf(c) }, await othersOf(tx, committeeId), { personName: input.personName, position: input.position, span }), ...decisionBefore(input.decisionDate, span.from)];
    if (errors.length) throw invalid('steering.member_invalid', 'Thành viên chưa hợp lệ; chưa lưu gì', errors);
    const row = await tx.insertInto('steering_committee_member').values(memberValues(committeeId, input, span, false)).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'steering_committee_member.create', 'steering_committee', committeeId, null, row);
  });
  return getCommittee(db, actor, committeeId, input.validFrom, today);
}

async function lockMember(tx: Tx, actor: Actor, memberId: string, version: number) {
  const m = await tx.selectFrom('steering_committee_member as m').innerJoin('steering_committee as c', 'c.id', 'm.committee_id')
    .selectAll('m').where('m.id', '=', memberId).where(inScope(actor, 'c.unit_id')).forUpdate('m').executeTakeFirst();
  if (!m) throw forbidden('steering_committee_member');
  const c = await lockCommittee(tx, actor, m.committee_id);
  if (m.version !== version) throw staleVersion('steering_committee_member', m.version);
  return { m, c };
}

/** A new person takes the seat from `validFrom`; the previous holder's seat closes the day before. */
export async function replaceMember(db: Db, actor: Actor, memberId: string, input: ReplaceBody, today: string) {
  const committeeId = await db.transaction().execute(async (tx) => {
    const { m, c } = await lockMember(tx, actor, memberId, input.version);
    const closeOn = dayBefore(input.validFrom);
    if (input.validFrom <= m.valid_from) {
      throw invalid('steering.member_invalid', 'Thành viên chưa hợp lệ; chưa lưu gì', [{ field: 'validFrom', message: `Phải sau ngày ${m.person_name} bắt đầu (${formatVnDate(m.valid_from)})` }]);
    }
    if (m.valid_to !== null && m.valid_to < closeOn) {
      throw invalid('steering.member_invalid', 'Thành viên chưa hợp lệ; chưa lưu gì', [{ field: 'validFrom', message: `${m.person_name} đã thôi từ ngày ${formatVnDate(m.valid_to)}: thêm thành viên mới thay vì thay thế` }]);
    }
    const position = input.position ?? (m.position as Position);
    const span = { from: input.validFrom, to: m.valid_to ?? c.valid_to };
    const others = (await othersOf(tx, c.id)).map((o) => (o.id === m.id ? { ...o, span: { from: o.span.from, to: closeOn } } : o));
    const errors = [...checkMember({ span: spanOf(c) }, others, { personName: input.personName, position, span }), ...decisionBefore(input.decisionDate, span.from)];
    if (errors.length) throw invalid('steering.member_invalid', 'Thành viên chưa hợp lệ; chưa lưu gì', errors);
    const closed = await tx.updateTable('steering_committee_member').set({ valid_to: closeOn, end_decision: input.decisionNumber, version: m.version + 1 })
      .where('id', '=', m.id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'steering_committee_member.end', 'steering_committee', c.id, m, closed);
    const row = await tx.insertInto('steering_committee_member').values({ ...memberValues(c.id, { ...input, position }, span, false), replaces_id: m.id }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'steering_committee_member.replace', 'steering_committee', c.id, null, row);
    return c.id;
  });
  return getCommittee(db, actor, committeeId, input.validFrom, today);
}

/** The seat ends on `validTo` (resignation, retirement, transfer). */
export async function endMember(db: Db, actor: Actor, memberId: string, input: EndBody, today: string) {
  const committeeId = await db.transaction().execute(async (tx) => {
    const { m, c } = await lockMember(tx, actor, memberId, input.version);
    if (m.valid_to !== null && (c.valid_to === null || m.valid_to < c.valid_to)) {
      throw invalid('steering.member_invalid', 'Thành viên chưa hợp lệ; chưa lưu gì', [{ field: 'validTo', message: `${m.person_name} đã thôi từ ngày ${formatVnDate(m.valid_to)}` }]);
    }
    const others = await othersOf(tx, c.id);
    const errors = checkMember({ span: spanOf(c) }, others, { id: m.id, personName: m.person_name, position: m.position as Position, span: { from: m.valid_from, to: input.validTo } });
    if (errors.length) throw invalid('steering.member_invalid', 'Thành viên chưa hợp lệ; chưa lưu gì', errors);
    const after = await tx.updateTable('steering_committee_member').set({ valid_to: input.validTo, end_decision: input.endDecision ?? null, version: m.version + 1 })
      .where('id', '=', m.id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'steering_committee_member.end', 'steering_committee', c.id, m, after);
    return c.id;
  });
  return getCommittee(db, actor, committeeId, input.validTo, today);
}

export async function committeeMembers(db: Db, actor: Actor, committeeId: string) {
  const c = await db.selectFrom('steering_committee').select(['id', 'name']).where('id', '=', committeeId).where(inScope(actor, 'unit_id')).executeTakeFirst();
  if (!c) throw forbidden('steering_committee');
  return { committee: c, members: await memberRows(db, committeeId) };
}

// ---------------------------------------------------------------- meetings

const meetingValues = (m: MeetingBody) => ({
  held_on: m.heldOn, kind: m.kind, chair: m.chair, attendee_count: m.attendeeCount ?? null, attendees: m.attendees || null, agenda: m.agenda,
  minutes: m.minutes || null, conclusions: m.conclusions || null,
});

export async function createMeeting(db: Db, actor: Actor, committeeId: string, input: MeetingBody, today: string) {
  const id = await db.transaction().execute(async (tx) => {
    const c = await lockCommittee(tx, actor, committeeId);
    const errors = checkMeeting({ span: spanOf(c) }, input.heldOn, today);
    if (errors.length) throw invalid('steering.meeting_invalid', 'Cuộc họp chưa hợp lệ; chưa lưu gì', errors);
    const row = await tx.insertInto('steering_committee_meeting').values({ committee_id: c.id, ...meetingValues(input), created_by: actor.id })
      .returning(['id', 'committee_id', 'held_on', 'kind', 'chair', 'agenda', 'conclusions']).executeTakeFirstOrThrow();
    await audit(tx, actor, 'steering_committee_meeting.create', 'steering_committee_meeting', row.id, null, row);
    return row.id;
  });
  return getMeeting(db, actor, id, today);
}

async function lockMeeting(tx: Tx, actor: Actor, meetingId: string) {
  const g = await tx.selectFrom('steering_committee_meeting as g').innerJoin('steering_committee as c', 'c.id', 'g.committee_id')
    .select(['g.id', 'g.committee_id', 'g.held_on', 'g.kind', 'g.chair', 'g.agenda', 'g.minutes', 'g.conclusions', 'g.attendee_count', 'g.attendees',
      'g.minutes_file_name', 'g.minutes_sha256', 'g.version', 'g.demo', 'c.unit_id', 'c.valid_from', 'c.valid_to', 'c.name as committee_name'])
    .where('g.id', '=', meetingId).where(inScope(actor, 'c.unit_id')).forUpdate('g').executeTakeFirst();
  if (!g) throw forbidden('steering_committee_meeting');
  return g;
}

export async function updateMeeting(db: Db, actor: Actor, meetingId: string, input: MeetingPatchBody, today: string) {
  await db.transaction().execute(async (tx) => {
    const before = await lockMeeting(tx, actor, meetingId);
    if (before.version !== input.version) throw staleVersion('steering_committee_meeting', before.version);
    const errors = checkMeeting({ span: spanOf(before) }, input.heldOn, today);
    if (input.heldOn !== before.held_on) {
      const earliest = await tx.selectFrom('steering_meeting_task as l').innerJoin('task as t', 't.id', 'l.task_id')
        .select(sql<string | null>`min(t.due_rule->>'date')`.as('d')).where('l.meeting_id', '=', meetingId).executeTakeFirstOrThrow();
      if (earliest.d !== null && earliest.d < input.heldOn) errors.push({ field: 'heldOn', message: `Cuộc họp đã giao nhiệm vụ hạn ${formatVnDate(earliest.d)}, trước ngày này` });
    }
    if (errors.length) throw invalid('steering.meeting_invalid', 'Cuộc họp chưa hợp lệ; chưa lưu gì', errors);
    const after = await tx.updateTable('steering_committee_meeting').set({ ...meetingValues(input), version: before.version + 1 }).where('id', '=', meetingId)
      .returning(['id', 'held_on', 'kind', 'chair', 'agenda', 'conclusions', 'version']).executeTakeFirstOrThrow();
    await audit(tx, actor, 'steering_committee_meeting.update', 'steering_committee_meeting', meetingId, before, after);
  });
  return getMeeting(db, actor, meetingId, today);
}

/** A meeting recorded by mistake; one that assigned tasks stays (the tasks are tracked and reported on). */
export async function deleteMeeting(db: Db, actor: Actor, meetingId: string, version: number) {
  await db.transaction().execute(async (tx) => {
    const before = await lockMeeting(tx, actor, meetingId);
    if (before.version !== version) throw staleVersion('steering_committee_meeting', before.version);
    const tasks = await tx.selectFrom('steering_meeting_task').select('task_id').where('meeting_id', '=', meetingId).execute();
    if (tasks.length) throw problem(409, 'steering.meeting_has_tasks', `Cuộc họp đã giao ${tasks.length} nhiệm vụ đang được theo dõi: không xóa được`);
    await tx.deleteFrom('steering_committee_meeting').where('id', '=', meetingId).execute();
    await audit(tx, actor, 'steering_committee_meeting.delete', 'steering_committee_meeting', meetingId, before, null);
  });
}

/** Stores the minutes file (PDF or DOCX, checked by its first bytes and its extension). */
export async function attachMinutes(db: Db, actor: Actor, meetingId: string, file: { fileName: string; content: Buffer }, today: string) {
  const mediaType = fileType(file.fileName, file.content, MINUTES_FILE_KINDS);
  if (!mediaType) throw problem(415, 'minutes.bad_file_type', 'Biên bản chỉ nhận tệp PDF hoặc Word (DOCX)', { errors: [{ field: 'file', message: file.fileName }] });
  await db.transaction().execute(async (tx) => {
    const before = await lockMeeting(tx, actor, meetingId);
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const after = await tx.updateTable('steering_committee_meeting').set({
      minutes_file_name: file.fileName, minutes_media_type: mediaType, minutes_size: file.content.length, minutes_sha256: sha256, minutes_content: file.content, version: before.version + 1,
    }).where('id', '=', meetingId).returning(['id', 'minutes_file_name', 'minutes_media_type', 'minutes_size', 'minutes_sha256', 'version']).executeTakeFirstOrThrow();
    await audit(tx, actor, 'steering_committee_meeting.minutes', 'steering_committee_meeting', meetingId, { minutes_file_name: before.minutes_file_name, minutes_sha256: before.minutes_sha256 }, after);
  });
  return getMeeting(db, actor, meetingId, today);
}

export async function getMinutes(db: Db, actor: Actor, meetingId: string) {
  const f = await db.selectFrom('steering_committee_meeting as g').innerJoin('steering_committee as c', 'c.id', 'g.committee_id')
    .select(['g.minutes_file_name', 'g.minutes_media_type', 'g.minutes_content', 'g.minutes_sha256'])
    .where('g.id', '=', meetingId).where(inScope(actor, 'c.unit_id')).executeTakeFirst();
  if (!f) throw forbidden('steering_committee_meeting');
  if (!f.minutes_content) throw problem(404, 'minutes.missing', 'Cuộc họp chưa có tệp biên bản');
  return { file_name: f.minutes_file_name!, media_type: f.minutes_media_type!, content: f.minutes_content, sha256: f.minutes_sha256! };
}

/** One meeting with its minutes and the tasks it assigned, each with its live state from the plan tracker. */
export async function getMeeting(db: Db, actor: Actor, meetingId: string, today: string) {
  const g = await db.selectFrom('steering_committee_meeting as g').innerJoin('steering_committee as c', 'c.id', 'g.committee_id').innerJoin('org_unit as u', 'u.id', 'c.unit_id')
    .select(['g.id', 'g.committee_id', 'g.held_on', 'g.kind', 'g.chair', 'g.attendee_count', 'g.attendees', 'g.agenda', 'g.minutes', 'g.conclusions',
      'g.minutes_file_name', 'g.minutes_size', 'g.demo', 'g.version', 'c.name as committee_name', 'c.unit_id', 'u.code as unit_code', 'u.name as unit_name'])
    .where('g.id', '=', meetingId).where(inScope(actor, 'c.unit_id')).executeTakeFirst();
  if (!g) throw forbidden('steering_committee_meeting');
  const links = await db.selectFrom('steering_meeting_task as l').innerJoin('task as t', 't.id', 'l.task_id')
    .select(['l.task_id']).where('l.meeting_id', '=', meetingId).orderBy('t.position').execute();
  const tasks = [];
  for (const l of links) {
    try {
      const t = await getTask(db, actor, l.task_id, today);
      tasks.push({
        id: t.id, code: t.code, text: t.text, plan: t.plan, leadAgency: t.leadAgency, coordinatingAgencies: t.coordinatingAgencies, coordinatingText: t.coordinatingText,
        dueRuleText: t.dueRuleText, nextDueDate: t.nextDueDate, status: t.status, statusLabel: t.statusLabel,
        percent: t.assignments.length ? Math.round(t.assignments.reduce((s, a) => s + a.percent, 0) / t.assignments.length) : 0,
        lastReportedAt: t.assignments.map((a) => a.lastReportedAt).filter((x): x is string => x !== null).sort().pop() ?? null,
      });
    } catch (e) {
      // A task whose plan the reader may not see is left out rather than failing the whole meeting.
      if (!(e instanceof Problem && e.status === 403)) throw e;
    }
  }
  return {
    id: g.id, committee: { id: g.committee_id, name: g.committee_name, unitId: g.unit_id, unitCode: g.unit_code, unitName: g.unit_name },
    heldOn: g.held_on, kind: g.kind as MeetingKind, kindLabel: MEETING_KIND_LABELS[g.kind as MeetingKind], chair: g.chair, attendeeCount: g.attendee_count, attendees: g.attendees,
    agenda: g.agenda, minutes: g.minutes, conclusions: g.conclusions,
    minutesFile: g.minutes_file_name ? { name: g.minutes_file_name, sizeBytes: g.minutes_size } : null, demo: g.demo, version: g.version, tasks,
  };
}

export async function committeeMeetings(db: Db, actor: Actor, committeeId: string) {
  const c = await db.selectFrom('steering_committee').select(['id', 'name']).where('id', '=', committeeId).where(inScope(actor, 'unit_id')).executeTakeFirst();
  if (!c) throw forbidden('steering_committee');
  const rows = await db.selectFrom('steering_committee_meeting as g')
    .select(['g.id', 'g.held_on', 'g.kind', 'g.chair', 'g.attendee_count', 'g.agenda', 'g.conclusions', 'g.minutes_file_name'])
    .select(sql<number>`(SELECT count(*)::int FROM steering_meeting_task t WHERE t.meeting_id = g.id)`.as('tasks'))
    .where('g.committee_id', '=', committeeId).orderBy('g.held_on', 'desc').execute();
  return { committee: c, meetings: rows.map((g) => ({ ...g, kindLabel: MEETING_KIND_LABELS[g.kind] })) };
}

// ---------------------------------------------------------------- tasks assigned at a meeting

/**
 * Turns the tasks decided at a meeting into plan tasks of a plan the actor sees: one section per meeting
 * ("BCĐ.<meeting>"), one task per decision with its lead agency (below the committee's unit, in force on the meeting
 * day) answerable through a task assignment, coordinating agencies and a dated deadline. They then appear in
 * "Nhiệm vụ của tôi" of the lead agency and in the overdue list like any plan task.
 */
export async function assignTasks(db: Db, actor: Actor, meetingId: string, input: AssignmentBody, today: string) {
  await db.transaction().execute(async (tx) => {
    const g = await lockMeeting(tx, actor, meetingId);
    const plan = await tx.selectFrom('plan as p').select(['p.id', 'p.number'])
      .where('p.id', '=', input.planId)
      .where(sql<boolean>`(p.issuer_id IN ${coveredUnitIds(actor)} OR EXISTS (SELECT 1 FROM task_assignment a JOIN task t ON t.id = a.task_id
        WHERE t.plan_id = p.id AND a.unit_id IN ${coveredUnitIds(actor)}))`).executeTakeFirst();
    if (!plan) throw invalid('steering.plan_invalid', 'Không có kế hoạch này trong phạm vi của bạn', [{ field: 'planId', message: 'kế hoạch không hợp lệ' }]);
    const ids = [...new Set(input.tasks.flatMap((t) => [t.leadUnitId, ...t.coordinatingUnitIds]))];
    const units = await tx.selectFrom('org_unit as u').select(['u.id', 'u.code', 'u.name'])
      .select(sql<boolean>`EXISTS (SELECT 1 FROM org_unit_cover v WHERE v.ancestor_id = ${g.unit_id} AND v.unit_id = u.id)`.as('below'))
      .where('u.id', 'in', ids).where(inForce(g.held_on)).execute();
    const byId = new Map(units.map((u) => [u.id, u]));
    const errors: FieldError[] = [];
    input.tasks.forEach((t, i) => {
      const lead = byId.get(t.leadUnitId);
      if (!lead) errors.push({ field: `tasks.${i}.leadUnitId`, message: `Không có đơn vị này hiệu lực ngày họp ${formatVnDate(g.held_on)}` });
      else if (!lead.below) errors.push({ field: `tasks.${i}.leadUnitId`, message: `${lead.name} không thuộc phạm vi của ${g.committee_name}` });
      t.coordinatingUnitIds.forEach((c, j) => {
        if (!byId.has(c)) errors.push({ field: `tasks.${i}.coordinatingUnitIds.${j}`, message: `Không có đơn vị này hiệu lực ngày họp ${formatVnDate(g.held_on)}` });
        else if (c === t.leadUnitId) errors.push({ field: `tasks.${i}.coordinatingUnitIds.${j}`, message: 'Cơ quan chủ trì không đồng thời là cơ quan phối hợp' });
      });
      errors.push(...checkDeadline(g.held_on, t.deadline).map((e) => ({ ...e, field: `tasks.${i}.${e.field}` })));
    });
    if (errors.length) throw invalid('steering.assignment_invalid', 'Chưa giao được nhiệm vụ; chưa lưu gì', errors);

    await insertMeetingTasks(tx, actor, { id: g.id, heldOn: g.held_on, committeeName: g.committee_name, conclusions: g.conclusions }, plan, input.tasks.map((t) => ({
      text: t.text, lead: byId.get(t.leadUnitId)!, coordinating: t.coordinatingUnitIds.map((c) => byId.get(c)!), coordinatingText: t.coordinatingText ?? null, deadline: t.deadline,
    })));
    await audit(tx, actor, 'steering_committee_meeting.assign', 'steering_committee_meeting', g.id, null, { planId: plan.id, tasks: input.tasks.length });
  });
  return getMeeting(db, actor, meetingId, today);
}

interface Party { id: string; code: string; name: string }
export interface MeetingTask { text: string; lead: Party; coordinating: Party[]; coordinatingText: string | null; deadline: string }

/** Writes checked meeting tasks into a plan: the meeting's section (made once), the tasks, their lead assignment, the link. */
export async function insertMeetingTasks(tx: Tx, actor: Actor | null, g: { id: string; heldOn: string; committeeName: string; conclusions: string | null }, plan: { id: string; number: string }, tasks: MeetingTask[]) {
  const code = `BCĐ.${g.id}`;
  const next = await tx.selectFrom('plan as p')
    .select(sql<number>`greatest((SELECT max(position) FROM plan_section WHERE plan_id = p.id), (SELECT max(position) FROM task WHERE plan_id = p.id), -1) + 1`.as('position'))
    .where('p.id', '=', plan.id).executeTakeFirstOrThrow();
  let position = Number(next.position);
  let section = await tx.selectFrom('plan_section').select('id').where('plan_id', '=', plan.id).where('code', '=', code).executeTakeFirst();
  if (!section) {
    section = await tx.insertInto('plan_section').values({
      plan_id: plan.id, parent_id: null, code, title: `Nhiệm vụ ${g.committeeName} giao tại cuộc họp ngày ${formatVnDate(g.heldOn)}`,
      text: g.conclusions ? g.conclusions.slice(0, 2000) : null, position: position++,
    }).returning('id').executeTakeFirstOrThrow();
  }
  const existing = await tx.selectFrom('task').select(sql<number>`count(*)::int`.as('n')).where('section_id', '=', section.id).executeTakeFirstOrThrow();
  let n = existing.n;
  for (const t of tasks) {
    const row = await tx.insertInto('task').values({
      plan_id: plan.id, section_id: section.id, code: `${code}.${++n}`, text: t.text, lead_code: t.lead.code, lead_label: t.lead.name,
      coordinating: JSON.stringify(t.coordinating.map((c) => ({ code: c.code, name: c.name }))), coordinating_text: t.coordinatingText || null,
      due_rule: JSON.stringify({ kind: 'date', date: t.deadline, phrase: `trước ngày ${formatVnDate(t.deadline)}` }), position: position++,
    }).returningAll().executeTakeFirstOrThrow();
    await tx.insertInto('task_assignment').values({ task_id: row.id, unit_id: t.lead.id }).execute();
    await tx.insertInto('steering_meeting_task').values({ meeting_id: g.id, task_id: row.id, created_by: actor?.id ?? null }).execute();
    await audit(tx, actor, 'task.create', 'task', row.id, null, { ...row, sourceMeetingId: g.id, planNumber: plan.number });
  }
}
