import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { forbidden, problem } from '../../http/problem.ts';
import { logAccess } from '../audit/access.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { subjectFitsUnit, type SubjectBody } from './model.ts';
import type { SubjectKind } from './workflow.ts';

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

export async function listSubjects(db: Db, actor: Actor, q: { kind?: SubjectKind | undefined; unitId?: string | undefined; q?: string | undefined }): Promise<Subject[]> {
  let query = db.selectFrom('learning_subject as s').innerJoin('org_unit as u', 'u.id', 's.unit_id').select(columns)
    .where(inScope(actor, 's.unit_id')).orderBy(sql`s.name COLLATE "vi-VN-x-icu"`).limit(200);
  if (q.kind) query = query.where('s.kind', '=', q.kind);
  if (q.unitId) query = query.where('s.unit_id', '=', q.unitId);
  if (q.q) query = query.where(sql<boolean>`f_unaccent(lower(s.name)) LIKE '%' || f_unaccent(lower(${q.q.replace(/[%_\\]/g, '')})) || '%'`);
  const rows = (await query.execute()).map(fromRow);
  const citizens = rows.filter((s) => s.kind === 'citizen');
  if (citizens.length) await logAccess(db, actor, 'learning_subject.list', q.unitId ?? null, { kind: q.kind ?? null, q: q.q ?? null, citizens: citizens.length });
  return rows;
}

export async function subjectInScope(db: Db | Tx, actor: Actor, id: string): Promise<Subject> {
  const row = await db.selectFrom('learning_subject as s').innerJoin('org_unit as u', 'u.id', 's.unit_id').select(columns)
    .where('s.id', '=', id).where(inScope(actor, 's.unit_id')).executeTakeFirst();
  if (!row) throw forbidden('learning_subject');
  return fromRow(row);
}
