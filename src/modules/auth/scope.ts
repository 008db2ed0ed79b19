import { sql, type RawBuilder } from 'kysely';
import type { Actor } from './model.ts';

/**
 * The ids of the units an actor's scope covers: each scope unit, everything below it, and every unit it
 * took over by succession (with their subtrees), so that a post-2025 province still sees its predecessors'
 * history. Used inside the SQL of every scoped read and write.
 */
export function coveredUnitIds(actor: Pick<Actor, 'id'>): RawBuilder<unknown> {
  return sql`(WITH RECURSIVE covered(id) AS (
      SELECT unit_id FROM user_scope WHERE user_id = ${actor.id}
      UNION
      SELECT e.down_id FROM org_unit_edge e JOIN covered c ON e.up_id = c.id
    ) SELECT id FROM covered)`;
}

/** `column IN (covered units)` as a boolean SQL expression. */
export function inScope(actor: Pick<Actor, 'id'>, column: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} IN ${coveredUnitIds(actor)}`;
}
