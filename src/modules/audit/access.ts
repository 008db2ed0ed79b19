import type { Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../auth/model.ts';

/** Records a read of personal data (a resident list, a name list, an export): who, when, which unit, what. */
export async function logAccess(db: Db | Tx, actor: Actor, action: string, unitId: string | null, detail: Record<string, unknown>): Promise<void> {
  await db.insertInto('access_log').values({ actor_id: actor.id, action, unit_id: unitId, detail: JSON.stringify(detail) }).execute();
}
