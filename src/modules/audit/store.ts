import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../auth/model.ts';

/** Records a write in the caller's transaction: if the write rolls back, so does its audit row. */
export async function audit(tx: Tx, actor: Actor | null, action: string, entity: string, entityId: string | null, before: unknown, after: unknown): Promise<void> {
  await tx.insertInto('audit_log').values({
    actor_id: actor?.id ?? null,
    action,
    entity,
    entity_id: entityId,
    before: before === null || before === undefined ? null : JSON.stringify(before),
    after: after === null || after === undefined ? null : JSON.stringify(after),
  }).execute();
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  before?: string;
}

/** Audit rows, newest first, keyset-paged by id. Only admins reach this (checked by the route's permission). */
export async function listAudit(db: Db, q: AuditQuery) {
  let query = db.selectFrom('audit_log as a').leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.at', 'a.action', 'a.entity', 'a.entity_id', 'a.before', 'a.after', 'u.username as actor'])
    .orderBy('a.id', 'desc').limit(q.limit);
  if (q.entity) query = query.where('a.entity', '=', q.entity);
  if (q.entityId) query = query.where('a.entity_id', '=', q.entityId);
  if (q.actor) query = query.where('u.username', '=', q.actor);
  if (q.action) query = query.where('a.action', 'like', `${q.action.replace(/[%_]/g, '')}%`);
  if (q.from) query = query.where('a.at', '>=', sql<Date>`${q.from}::date`);
  if (q.to) query = query.where('a.at', '<', sql<Date>`${q.to}::date + 1`);
  if (q.before) query = query.where('a.id', '<', q.before);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after }));
}
