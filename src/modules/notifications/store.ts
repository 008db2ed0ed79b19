import { sql } from 'kysely';
import { audit } from '../audit/store.ts';
import type { Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../auth/model.ts';

export interface NewNotification {
  userIds: readonly string[];
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** What it is about: a user gets one notification per key, however often it is asked for. */
  key: string;
}

/**
 * In-app notifications for some users, and an e-mail in the outbox for those with an address, in the caller's
 * transaction. Returns how many were new (a key already notified to a user is skipped).
 */
export async function notify(tx: Tx, n: NewNotification): Promise<number> {
  if (n.userIds.length === 0) return 0;
  const rows = await sql<{ id: string }>`
    WITH created AS (
      INSERT INTO notification (user_id, kind, title, body, link, dedupe_key)
      SELECT u, ${n.kind}, ${n.title}, ${n.body}, ${n.link}, ${n.key} FROM unnest(${[...new Set(n.userIds)]}::bigint[]) AS u
      ON CONFLICT (user_id, dedupe_key) DO NOTHING
      RETURNING id, user_id),
    mailed AS (
      INSERT INTO outbound_email (notification_id, to_address, subject, body)
      SELECT c.id, a.email, ${n.title}, ${n.body} FROM created c JOIN app_user a ON a.id = c.user_id WHERE a.email IS NOT NULL AND a.active
      RETURNING 1)
    SELECT id::text FROM created`.execute(tx);
  return rows.rows.length;
}

/** The actor's latest notifications and how many are unread. */
export async function listNotifications(db: Db, actor: Actor, limit = 30) {
  const items = await db.selectFrom('notification').select(['id', 'kind', 'title', 'body', 'link', 'created_at as createdAt', 'read_at as readAt'])
    .where('user_id', '=', actor.id).orderBy('id', 'desc').limit(limit).execute();
  const unread = await db.selectFrom('notification').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', actor.id).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return { unread: Number(unread.n), items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), readAt: i.readAt?.toISOString() ?? null })) };
}

/** Marks the actor's own notifications read (some, or all); another user's ids are ignored by the query. */
export async function markRead(db: Db, actor: Actor, ids: readonly string[] | 'all'): Promise<number> {
  return db.transaction().execute(async (tx) => {
    let q = tx.updateTable('notification').set({ read_at: new Date() }).where('user_id', '=', actor.id).where('read_at', 'is', null);
    if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : ['0']);
    const read = (await q.returning('id').execute()).map((r) => r.id);
    if (read.length) await audit(tx, actor, 'notification.read', 'notification', read.length === 1 ? read[0]! : null, null, { ids: read });
    return read.length;
  });
}
