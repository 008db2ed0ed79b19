import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import type { Actor } from './model.ts';

/**
 * The ids of the units an actor's scope covers: each scope unit, everything below it, and every unit it
 * took over by succession (with their subtrees), so that a post-2025 province still sees its predecessors'
 * history. Used inside the SQL of every scoped read and write.
 */
export function coveredUnitIds(actor: Pick<Actor, 'id'>): RawBuilder<unknown> {
  return sql`(SELECT c.unit_id FROM user_scope s JOIN org_unit_cover c ON c.ancestor_id = s.unit_id WHERE s.user_id = ${actor.id})`;
}

/** `column IN (covered units)` as a boolean SQL expression. */
export function inScope(actor: Pick<Actor, 'id'>, column: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} IN ${coveredUnitIds(actor)}`;
}

/** Whether the actor's scope covers one unit (e.g. the district or province that approves a report). */
export async function coversUnit(db: Db | Tx, actor: Pick<Actor, 'id'>, unitId: string | null): Promise<boolean> {
  if (!unitId) return false;
  return Boolean(await db.selectFrom('org_unit').select('id').where('id', '=', unitId).where(inScope(actor, 'org_unit.id')).executeTakeFirst());
}
