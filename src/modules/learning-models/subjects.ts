import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { forbidden, problem } from '../../http/problem.ts';
import { logAccess } from '../audit/access.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { subjectFitsUnit, type SubjectBody, type SubjectQuery } from './model.ts';
import { SUBJECT_KIND_LABELS, type SubjectKind } from './workflow.ts';

/** Subjects of the learning models: citizens, families, clans, communities, units. Citizens are personal data. */
export interface Subject {
  id: string;
  kind: SubjectKind;
  name: string;
  unit: { id: string; name: string; kind: string };
  birthYear: number | null;
  personKey: string | null;
  familyId: string | null;
  clanId: string | null;
}

const columns = ['s.id', 's.kind', 's.name', 's.birth_year', 's.person_key', 's.family_id', 's.clan_id', 'u.id as unit_id', 'u.name as unit_name', 'u.kind as unit_kind'] as const;
type Row = { id: string; kind: string; name: string; birth_year: number | null; person_key: string | null; family_id: string | null; clan_id: string | null; unit_id: string; unit_name: string; unit_kind: string };
const fromRow = (r: Row): Subject => ({
  id: r.id, kind: r.kind as SubjectKind, name: r.name, unit: { id: r.unit_id, name: r.unit_name, kind: r.unit_kind },
  birthYear: r.birth_year, personKey: r.person_key, familyId: r.family_id, clanId: r.clan_id,
});

export async function createSubject(db: Db, actor: Actor, body: SubjectBody): Promise<Subject> {
  return db.transaction().execute((tx) => insertSubject(tx, actor, body));
}

/** One subject in the caller's transaction: the form, or one row of a bulk import. */
export async function insertSubject(tx: Tx, actor: Actor, body: SubjectBody): Promise<Subject> {
  const unit = await tx.selectFrom('org_unit').select(['id', 'kind', 'name']).where('id', '=', body.unitId).where(inScope(actor, 'org_unit.id')).executeTakeFirst();
  if (!unit) throw forbidden('org_unit');
  if (!subjectFitsUnit(body.kind, unit.kind)) {
    throw problem(400, 'subject.unit_kind', `Đơn vị ${unit.name} không phải nơi ${body.kind === 'learning_unit' ? 'một đơn vị học tập' : 'đối tượng này'} thuộc về`, { errors: [{ field: 'body.unitId', message: unit.kind }] });
  }
  await checkMembership(tx, actor, body);
  if (body.personKey) await checkRegisterPerson(tx, actor, body.personKey);
  const row = await tx.insertInto('learning_subject').values({
    kind: body.kind, name: body.name, unit_id: unit.id, birth_year: body.birthYear ?? null, person_key: body.personKey ?? null,
    family_id: body.familyId ?? null, clan_id: body.clanId ?? null, created_by: actor.id,
  }).onConflict((oc) => oc.column('person_key').where('person_key', 'is not', null).doNothing()).returningAll().executeTakeFirst();
  if (!row) throw problem(409, 'subject.duplicate_person', 'Người này trong sổ PCGD-XMC đã có hồ sơ công dân học tập', { errors: [{ field: 'body.personKey', message: 'đã có' }] });
  await audit(tx, actor, 'learning_subject.create', 'learning_subject', row.id, null, row);
  return fromRow({ ...row, unit_id: unit.id, unit_name: unit.name, unit_kind: unit.kind });
}

/** A family must be a family and a clan a clan, both within the actor's scope (a clan's households span communes). */
async function checkMembership(tx: Tx, actor: Actor, body: SubjectBody) {
  for (const [field, id, kind] of [['familyId', body.familyId, 'family'], ['clanId', body.clanId, 'clan']] as const) {
    if (!id) continue;
    const found = await tx.selectFrom('learning_subject').select('id').where('id', '=', id).where('kind', '=', kind).where(inScope(actor, 'learning_subject.unit_id')).executeTakeFirst();
    if (!found) throw problem(400, 'subject.member_of_invalid', kind === 'family' ? 'Không có gia đình này trong phạm vi của bạn' : 'Không có dòng họ này trong phạm vi của bạn', { errors: [{ field: `body.${field}`, message: id }] });
  }
}

/** A link to the universal-education register must name a person registered in a commune within the actor's scope. */
async function checkRegisterPerson(tx: Tx, actor: Actor, personKey: string) {
  const found = await tx.selectFrom('resident as p').innerJoin('survey as v', 'v.id', 'p.survey_id').select('v.commune_id')
    .where('p.person_key', '=', personKey).where(inScope(actor, 'v.commune_id')).limit(1).executeTakeFirst();
  if (!found) throw problem(400, 'subject.person_unknown', 'Không có người này trong sổ PCGD-XMC thuộc phạm vi của bạn', { errors: [{ field: 'body.personKey', message: personKey }] });
  await logAccess(tx, actor, 'learning_subject.link_person', found.commune_id, { personKey });
}

export interface SubjectRow extends Subject {
  /** The family of a citizen, the clan of a family. */
  memberOf: { id: string; name: string } | null;
  /** Citizens of a family, member households of a clan; null for other kinds. */
  members: number | null;
}

/**
 * One page of the subjects in scope (accent-insensitive name search), with the total of the whole filtered list.
 * Listing citizens or households is a read of personal data: logged, an export under its own action.
 */
export async function listSubjects(db: Db, actor: Actor, q: Pick<SubjectQuery, 'kind' | 'unitId' | 'q'>, pageOf: { offset: number; limit: number }, purpose: 'list' | 'export' = 'list') {
  let filtered = db.selectFrom('learning_subject as s').where(inScope(actor, 's.unit_id'));
  if (q.kind) filtered = filtered.where('s.kind', '=', q.kind);
  if (q.unitId) filtered = filtered.where('s.unit_id', '=', q.unitId);
  if (q.q) filtered = filtered.where(sql<boolean>`f_unaccent(lower(s.name)) LIKE '%' || f_unaccent(lower(${q.q.replace(/[%_\\]/g, '')})) || '%'`);
  const { total } = await filtered.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  const rows = await filtered.innerJoin('org_unit as u', 'u.id', 's.unit_id').leftJoin('learning_subject as p', (j) => j.on(sql<boolean>`p.id = coalesce(s.family_id, s.clan_id)`))
    .select(columns).select(['p.id as parent_id', 'p.name as parent_name'])
    .select(sql<number | null>`CASE s.kind WHEN 'family' THEN (SELECT count(*) FROM learning_subject m WHERE m.family_id = s.id)
                                          WHEN 'clan' THEN (SELECT count(*) FROM learning_subject m WHERE m.clan_id = s.id) END::int`.as('members'))
    .orderBy(sql`s.name COLLATE "vi-VN-x-icu"`).orderBy('s.id').offset(pageOf.offset).limit(pageOf.limit).execute();
  const items: SubjectRow[] = rows.map((r) => ({ ...fromRow(r), memberOf: r.parent_id ? { id: r.parent_id, name: r.parent_name! } : null, members: r.members }));
  const people = items.filter((x) => x.kind === 'citizen' || x.kind === 'family').length;
  if (people) await logAccess(db, actor, `learning_subject.${purpose}`, q.unitId ?? null, { kind: q.kind ?? null, q: q.q ?? null, ...pageOf, people });
  return { items, total: Number(total) };
}

export async function subjectInScope(db: Db | Tx, actor: Actor, id: string): Promise<Subject> {
  const row = await db.selectFrom('learning_subject as s').innerJoin('org_unit as u', 'u.id', 's.unit_id').select(columns)
    .where('s.id', '=', id).where(inScope(actor, 's.unit_id')).executeTakeFirst();
  if (!row) throw forbidden('learning_subject');
  return fromRow(row);
}

/** A family groups citizens (a household); a clan groups families, which may live in several communes. */
const MEMBERSHIP = { family: { member: 'citizen', column: 'family_id' }, clan: { member: 'family', column: 'clan_id' } } as const;
type GroupKind = keyof typeof MEMBERSHIP;

async function groupInScope(db: Db | Tx, actor: Actor, id: string): Promise<Subject & { kind: GroupKind }> {
  const group = await subjectInScope(db, actor, id);
  if (group.kind !== 'family' && group.kind !== 'clan') {
    throw problem(400, 'subject.not_a_group', `${SUBJECT_KIND_LABELS[group.kind]} không có thành viên; chỉ gia đình và dòng họ có`, { errors: [{ field: 'params.id', message: group.kind }] });
  }
  return group as Subject & { kind: GroupKind };
}

/**
 * The members of a family or clan that the actor's scope covers, and how many others there are: a clan's
 * households in communes outside the scope are counted, not named.
 */
export async function listMembers(db: Db, actor: Actor, groupId: string) {
  const group = await groupInScope(db, actor, groupId);
  const { member, column } = MEMBERSHIP[group.kind];
  const rows = await db.selectFrom('learning_subject as s').innerJoin('org_unit as u', 'u.id', 's.unit_id').select(columns).select('s.version')
    .where(`s.${column}`, '=', groupId).where(inScope(actor, 's.unit_id')).orderBy(sql`s.name COLLATE "vi-VN-x-icu"`).orderBy('s.id').execute();
  const { n } = await db.selectFrom('learning_subject').select((eb) => eb.fn.countAll<string>().as('n')).where(column, '=', groupId).executeTakeFirstOrThrow();
  if (rows.length) await logAccess(db, actor, 'learning_subject.members', group.unit.id, { group: groupId, members: rows.length });
  return {
    group: { id: group.id, kind: group.kind, name: group.name, unit: group.unit }, memberKind: member,
    items: rows.map((r) => ({ ...fromRow(r), version: r.version })), outsideScope: Number(n) - rows.length,
  };
}

/** Adds a citizen to a family or a household to a clan; both in the actor's scope, audited on the member. */
export async function addMember(db: Db, actor: Actor, groupId: string, memberId: string) {
  return db.transaction().execute(async (tx) => {
    const group = await groupInScope(tx, actor, groupId);
    const { member: kind, column } = MEMBERSHIP[group.kind];
    const m = await tx.selectFrom('learning_subject as s').leftJoin('learning_subject as g', (j) => j.on(sql<boolean>`g.id = s.${sql.raw(column)}`))
      .select(['s.id', 's.kind', 's.name', 's.family_id', 's.clan_id', 's.version', 'g.name as current_group']).where('s.id', '=', memberId)
      .where(inScope(actor, 's.unit_id')).forUpdate('s').executeTakeFirst();
    if (!m) throw problem(403, 'scope.forbidden', 'Không có đối tượng này trong phạm vi của bạn', { errors: [{ field: 'body.memberId', message: memberId }] });
    if (m.kind !== kind) {
      throw problem(400, 'subject.member_kind', group.kind === 'family' ? 'Thành viên gia đình phải là một công dân' : 'Thành viên dòng họ phải là một gia đình (hộ)', { errors: [{ field: 'body.memberId', message: m.kind }] });
    }
    const current = m[column];
    if (current === groupId) throw problem(409, 'subject.already_member', `${m.name} đã thuộc ${group.name}`, { errors: [{ field: 'body.memberId', message: 'đã là thành viên' }] });
    if (current) {
      throw problem(409, 'subject.member_elsewhere', `${m.name} đang thuộc ${m.current_group ?? 'một nhóm khác'}; hãy bỏ khỏi đó trước`, { errors: [{ field: 'body.memberId', message: current }] });
    }
    await tx.updateTable('learning_subject').set((eb) => ({ [column]: groupId, version: eb('version', '+', 1) })).where('id', '=', memberId).execute();
    await audit(tx, actor, 'learning_subject.member_add', 'learning_subject', memberId, { [column]: null }, { [column]: groupId, group: group.name });
    return { groupId, memberId, name: m.name };
  });
}

/** Takes a member out of its family or clan; the member row stays (and keeps its registrations). */
export async function removeMember(db: Db, actor: Actor, groupId: string, memberId: string) {
  return db.transaction().execute(async (tx) => {
    const group = await groupInScope(tx, actor, groupId);
    const { column } = MEMBERSHIP[group.kind];
    const row = await tx.updateTable('learning_subject').set((eb) => ({ [column]: null, version: eb('version', '+', 1) }))
      .where('id', '=', memberId).where(column, '=', groupId).where(inScope(actor, 'learning_subject.unit_id')).returning('name').executeTakeFirst();
    if (!row) throw problem(404, 'subject.not_member', `Đối tượng này không phải thành viên (trong phạm vi của bạn) của ${group.name}`, { errors: [{ field: 'params.memberId', message: memberId }] });
    await audit(tx, actor, 'learning_subject.member_remove', 'learning_subject', memberId, { [column]: groupId, group: group.name }, { [column]: null });
    return { groupId, memberId, name: row.name };
  });
}
