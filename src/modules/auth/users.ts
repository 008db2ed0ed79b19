import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { forbidden, problem, staleVersion } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor, Role, UserPatchBody } from './model.ts';
import { hashPassword } from './passwords.ts';
import { coveredUnitIds, inScope } from './scope.ts';

/**
 * User administration. An administrator manages only users whose scope lies inside their own, and grants only
 * units inside their own scope: both conditions are part of the SQL.
 */
const managedBy = (actor: Actor) => sql<boolean>`NOT EXISTS (
  SELECT 1 FROM user_scope s WHERE s.user_id = app_user.id AND s.unit_id NOT IN ${coveredUnitIds(actor)})`;

export async function listUsers(db: Db, actor: Actor) {
  const users = await db.selectFrom('app_user').select(['id', 'username', 'display_name as displayName', 'email', 'role', 'active', 'version', 'created_at as createdAt'])
    .where(managedBy(actor)).orderBy('username').execute();
  const scopes = users.length ? await db.selectFrom('user_scope as s').innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select(['s.user_id', 'u.id', 'u.code', 'u.name']).where('s.user_id', 'in', users.map((u) => u.id)).execute() : [];
  return users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString(), scope: scopes.filter((s) => s.user_id === u.id).map(({ user_id: _, ...s }) => s) }));
}

async function checkGrantable(tx: Tx, actor: Actor, unitIds: string[]) {
  const ok = await tx.selectFrom('org_unit').select('id').where('id', 'in', unitIds).where(inScope(actor, 'org_unit.id')).execute();
  if (ok.length !== new Set(unitIds).size) {
    throw problem(403, 'user.scope_forbidden', 'Chỉ được giao phạm vi trong các đơn vị bạn quản lý', { errors: [{ field: 'body.scopeUnitIds', message: 'ngoài phạm vi' }] });
  }
}

export async function createUser(db: Db, actor: Actor, input: { username: string; displayName: string; role: Role; password: string; scopeUnitIds: string[]; email?: string | null | undefined }) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (tx) => {
    await checkGrantable(tx, actor, input.scopeUnitIds);
    const row = await tx.insertInto('app_user').values({ username: input.username, display_name: input.displayName, role: input.role, password_hash: passwordHash, email: input.email ?? null })
      .onConflict((oc) => oc.column('username').doNothing()).returning(['id', 'username', 'display_name', 'email', 'role', 'active', 'version']).executeTakeFirst();
    if (!row) throw problem(409, 'user.exists', 'Tên đăng nhập đã được dùng', { errors: [{ field: 'body.username', message: 'đã tồn tại' }] });
    await tx.insertInto('user_scope').values([...new Set(input.scopeUnitIds)].map((unit_id) => ({ user_id: row.id, unit_id }))).execute();
    await audit(tx, actor, 'user.create', 'app_user', row.id, null, { ...row, scopeUnitIds: input.scopeUnitIds });
    return row;
  });
}

export async function updateUser(db: Db, actor: Actor, id: string, patch: UserPatchBody) {
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('app_user').select(['id', 'username', 'display_name', 'email', 'role', 'active', 'version'])
      .where('id', '=', id).where(managedBy(actor)).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('app_user');
    if (before.version !== patch.version) throw staleVersion('user', before.version);
    if (id === actor.id && (patch.active === false || (patch.role && patch.role !== 'admin'))) {
      throw problem(400, 'user.self_lockout', 'Không thể tự khóa hoặc tự bỏ quyền quản trị của mình');
    }
    const after = await tx.updateTable('app_user').set({
      ...(patch.displayName !== undefined && { display_name: patch.displayName }), ...(patch.role && { role: patch.role }),
      ...(patch.email !== undefined && { email: patch.email }),
      ...(patch.active !== undefined && { active: patch.active }), ...(passwordHash && { password_hash: passwordHash }), version: before.version + 1,
    }).where('id', '=', id).returning(['id', 'username', 'display_name', 'email', 'role', 'active', 'version']).executeTakeFirstOrThrow();
    if (patch.scopeUnitIds) {
      await checkGrantable(tx, actor, patch.scopeUnitIds);
      await tx.deleteFrom('user_scope').where('user_id', '=', id).execute();
      await tx.insertInto('user_scope').values([...new Set(patch.scopeUnitIds)].map((unit_id) => ({ user_id: id, unit_id }))).execute();
    }
    // A deactivated user or a new password ends the user's sessions.
    if (patch.active === false || passwordHash) await tx.deleteFrom('user_session').where('user_id', '=', id).execute();
    await audit(tx, actor, 'user.update', 'app_user', id, before, { ...after, scopeUnitIds: patch.scopeUnitIds, passwordChanged: Boolean(passwordHash) });
    return after;
  });
}
