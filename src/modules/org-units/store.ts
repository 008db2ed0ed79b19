import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { dayBefore, referenceDate, resolveVersion, type UnitVersion } from './model.ts';
import type { ReferenceData } from './reference.ts';

const key = (code: string, validFrom: string | null | undefined) => `${code}@${validFrom ?? ''}`;

/**
 * Loads reference units and succession links. Idempotent: a unit version is identified by (code, valid_from)
 * and updated in place; nothing is deleted, so ids referenced by plans and data stay valid.
 */
export async function loadReference(db: Db, actor: Actor | null, data: ReferenceData): Promise<{ units: number; succession: number }> {
  const versions = new Map<string, UnitVersion[]>();
  for (const u of data.units) versions.set(u.code, [...(versions.get(u.code) ?? []), u]);
  const resolve = (code: string, date: string, what: string) => {
    const v = resolveVersion(versions, code, date);
    if (!v) throw new Error(`Dữ liệu tham chiếu: không có đơn vị mã ${code} hiệu lực ngày ${date} (${what})`);
    return v;
  };
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('org_unit').select(['id', 'code', 'valid_from']).execute();
    const ids = new Map(existing.map((r) => [key(r.code, r.valid_from), r.id]));
    // Parents first: sort by depth of the parent chain.
    const depth = (u: UnitVersion): number => (u.parentCode ? 1 + depth(resolve(u.parentCode, referenceDate(u), `cha của ${u.code}`)) : 0);
    for (const u of [...data.units].sort((a, b) => depth(a) - depth(b))) {
      const parent = u.parentCode ? resolve(u.parentCode, referenceDate(u), `cha của ${u.code}`) : undefined;
      const row = {
        code: u.code, kind: u.kind, name: u.name, short_name: u.shortName ?? null,
        parent_id: parent ? ids.get(key(parent.code, parent.validFrom))! : null,
        valid_from: u.validFrom ?? null, valid_to: u.validTo ?? null, groups: u.groups ?? [], attributes: JSON.stringify(u.attributes ?? {}), source: u.source ?? null,
      };
      const id = ids.get(key(u.code, u.validFrom));
      if (id) await tx.updateTable('org_unit').set(row).where('id', '=', id).execute();
      else ids.set(key(u.code, u.validFrom), (await tx.insertInto('org_unit').values(row).returning('id').executeTakeFirstOrThrow()).id);
    }
    for (const e of data.succession) {
      const from = resolve(e.fromCode, dayBefore(e.effective), `trước khi sắp xếp, ${e.fromCode}→${e.toCode}`);
      const to = resolve(e.toCode, e.effective, `sau khi sắp xếp, ${e.fromCode}→${e.toCode}`);
      await tx.insertInto('org_unit_succession').values({
        from_unit_id: ids.get(key(from.code, from.validFrom))!, to_unit_id: ids.get(key(to.code, to.validFrom))!,
        effective: e.effective, kind: e.kind, share: e.share ?? null, source: e.source ?? null,
      }).onConflict((oc) => oc.columns(['from_unit_id', 'to_unit_id']).doUpdateSet({ effective: e.effective, kind: e.kind, share: e.share ?? null, source: e.source ?? null })).execute();
    }
    await sql`SELECT refresh_org_unit_cover()`.execute(tx);
    const counts = { units: data.units.length, succession: data.succession.length };
    await audit(tx, actor, 'reference.load', 'org_unit', null, null, counts);
    return counts;
  });
}

const unitColumns = ['u.id', 'u.code', 'u.kind', 'u.name', 'u.short_name as shortName', 'p.code as parentCode', 'u.valid_from as validFrom', 'u.valid_to as validTo',
  sql<boolean>`coalesce((u.attributes->>'verified')::boolean, true)`.as('verified')] as const;
/** `unit in force on date` as SQL over the table alias (default `u`). */
export function inForce(at: string, alias = 'u') {
  return sql<boolean>`(${sql.ref(`${alias}.valid_from`)} IS NULL OR ${sql.ref(`${alias}.valid_from`)} <= ${at}::date) AND (${sql.ref(`${alias}.valid_to`)} IS NULL OR ${sql.ref(`${alias}.valid_to`)} >= ${at}::date)`;
}
const validAt = (at: string) => inForce(at);

export interface UnitFilter {
  at: string;
  kind?: string;
  within?: string;
  q?: string;
  group?: string;
}

/** Units in force on a date, optionally below the unit with code `within` (as the tree stood that day). */
export async function listUnits(db: Db, f: UnitFilter) {
  let q = db.selectFrom('org_unit as u').leftJoin('org_unit as p', 'p.id', 'u.parent_id').select(unitColumns).where(validAt(f.at));
  if (f.kind) q = q.where('u.kind', '=', f.kind);
  if (f.group) q = q.where(sql<boolean>`${f.group} = ANY(u.groups)`);
  if (f.q) q = q.where(sql<boolean>`(f_unaccent(lower(u.name)) LIKE '%' || f_unaccent(lower(${f.q})) || '%' OR u.code = ${f.q.trim()})`);
  if (f.within) {
    q = q.where('u.id', 'in', sql<string>`(WITH RECURSIVE below(id) AS (
        SELECT id FROM org_unit u WHERE code = ${f.within} AND ${validAt(f.at)}
        UNION SELECT c.id FROM org_unit c JOIN below b ON c.parent_id = b.id
      ) SELECT id FROM below)`).where('u.code', '<>', f.within);
  }
  return q.orderBy(sql`u.name COLLATE "vi-VN-x-icu"`).execute();
}

/** A unit's lineage: the version in force at `at` (or the latest) and, transitively, where it came from and went to. */
export async function lineage(db: Db, code: string, at: string | undefined) {
  const unit = await db.selectFrom('org_unit as u').leftJoin('org_unit as p', 'p.id', 'u.parent_id').select(unitColumns)
    .where('u.code', '=', code).$if(at !== undefined, (q) => q.where(validAt(at!)))
    .orderBy(sql`u.valid_from DESC NULLS LAST`).executeTakeFirst();
  if (!unit) return undefined;
  const walk = (direction: 'forward' | 'back') => {
    const [near, far] = direction === 'forward' ? ['from_unit_id', 'to_unit_id'] : ['to_unit_id', 'from_unit_id'];
    return sql<{ id: string; code: string; name: string; kind: string; validFrom: string | null; validTo: string | null; via: string; effective: string; succession: string; share: string | null; depth: number }>`
      WITH RECURSIVE chain(unit_id, via_id, effective, kind, share, depth) AS (
        SELECT ${sql.ref(`s.${far}`)}, ${sql.ref(`s.${near}`)}, s.effective, s.kind, s.share, 1 FROM org_unit_succession s WHERE ${sql.ref(`s.${near}`)} = ${unit.id}
        UNION ALL
        SELECT ${sql.ref(`s.${far}`)}, ${sql.ref(`s.${near}`)}, s.effective, s.kind, s.share, c.depth + 1
        FROM org_unit_succession s JOIN chain c ON ${sql.ref(`s.${near}`)} = c.unit_id WHERE c.depth < 20
      )
      SELECT u.id, u.code, u.name, u.kind, u.valid_from AS "validFrom", u.valid_to AS "validTo",
             v.code AS via, c.effective::text AS effective, c.kind AS succession, c.share::text AS share, c.depth
      FROM chain c JOIN org_unit u ON u.id = c.unit_id JOIN org_unit v ON v.id = c.via_id
      ORDER BY c.depth, u.code`.execute(db);
  };
  const [successors, predecessors] = await Promise.all([walk('forward'), walk('back')]);
  return { unit, successors: successors.rows, predecessors: predecessors.rows };
}
