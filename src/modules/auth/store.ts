import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { audit } from '../audit/store.ts';
import type { Actor, Role } from './model.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';

const SESSION_DAYS = 7;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Session {
  token: string;
  csrfToken: string;
  actor: Actor;
  expiresAt: Date;
}

export async function login(db: Db, username: string, password: string): Promise<Session | null> {
  const user = await db.selectFrom('app_user').selectAll().where('username', '=', username.toLowerCase()).where('active', '=', true).executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? (await decoyHash));
  if (!user || !ok) return null;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  const actor = toActor(user);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('user_session').where('expires_at', '<', new Date()).execute();
    await tx.insertInto('user_session').values({ token_hash: tokenHash(token), user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt }).execute();
    await audit(tx, actor, 'auth.login', 'app_user', user.id, null, { username: user.username });
  });
  return { token, csrfToken, actor, expiresAt };
}

export async function sessionActor(db: Db, token: string): Promise<{ actor: Actor; csrfToken: string } | null> {
  const row = await db.selectFrom('user_session as s').innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 's.csrf_token'])
    .where('s.token_hash', '=', tokenHash(token)).where('s.expires_at', '>', sql<Date>`now()`).where('u.active', '=', true)
    .executeTakeFirst();
  return row ? { actor: toActor(row), csrfToken: row.csrf_token } : null;
}

export async function logout(db: Db, actor: Actor, token: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('user_session').where('token_hash', '=', tokenHash(token)).execute();
    await audit(tx, actor, 'auth.logout', 'app_user', actor.id, null, null);
  });
}

/** The actor's scope units with names, for the UI ("you work for …"). */
export async function scopeUnits(db: Db, actor: Actor) {
  return db.selectFrom('user_scope as s').innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select(['u.id', 'u.code', 'u.name', 'u.kind']).where('s.user_id', '=', actor.id).orderBy('u.code').execute();
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  scopeUnitIds: string[];
}

/** Creates or resets a user (seeding and the CLI); audited as a system write when no actor is given. */
export async function upsertUser(db: Db, actor: Actor | null, input: NewUser): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('app_user')
      .values({ username: input.username, display_name: input.displayName, role: input.role, password_hash: passwordHash })
      .onConflict((oc) => oc.column('username').doUpdateSet({ display_name: input.displayName, role: input.role, password_hash: passwordHash }))
      .returning(['id']).executeTakeFirstOrThrow();
    await tx.deleteFrom('user_scope').where('user_id', '=', row.id).execute();
    if (input.scopeUnitIds.length) {
      await tx.insertInto('user_scope').values(input.scopeUnitIds.map((unit_id) => ({ user_id: row.id, unit_id }))).execute();
    }
    await audit(tx, actor, 'user.upsert', 'app_user', row.id, null, { username: input.username, role: input.role, scopeUnitIds: input.scopeUnitIds });
    return row.id;
  });
}

function toActor(u: { id: string; username: string; display_name: string; role: string }): Actor {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role };
}
