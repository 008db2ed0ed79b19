import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, SESSION_COOKIE, type RouteDeps } from '../../http/app.ts';
import { problem } from '../../http/problem.ts';
import { LoginBody, NewUserBody, ROLE_LABELS, UserPatchBody } from './model.ts';
import { createUser, listUsers, updateUser } from './users.ts';
import { login, logout, scopeUnits } from './store.ts';

const Me = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), role: z.string(), roleLabel: z.string(), csrfToken: z.string(),
  scope: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() })),
});

export async function authRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/auth/login', {
    schema: { tags: ['auth'], summary: 'Đăng nhập', body: LoginBody, response: { 200: Me } },
    config: {
      // Per account and address: slows password guessing without locking out the whole office behind one NAT.
      rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: unknown })?.username ?? '').toLowerCase()}` },
    },
  }, async (req, reply) => {
    const session = await login(deps.db, req.body.username, req.body.password);
    if (!session) throw problem(401, 'auth.invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true, sameSite: 'lax', path: '/', secure: deps.config.secureCookies, expires: session.expiresAt,
    });
    return { ...actorView(session.actor), csrfToken: session.csrfToken, scope: await scopeUnits(deps.db, session.actor) };
  });

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'Đăng xuất' } }, async (req, reply) => {
    await logout(deps.db, req.actor, req.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'Người dùng hiện tại', response: { 200: Me } } }, async (req) => ({
    ...actorView(req.actor), csrfToken: req.csrfToken, scope: await scopeUnits(deps.db, req.actor),
  }));

  const manage = { preHandler: requirePermission('user.manage') };
  app.get('/api/v1/users', { ...manage, schema: { tags: ['auth'], summary: 'Người dùng (quản trị)' } }, async (req) => listUsers(deps.db, req.actor));
  app.post('/api/v1/users', { ...manage, schema: { tags: ['auth'], summary: 'Tạo người dùng', body: NewUserBody } },
    async (req, reply) => reply.code(201).send(await createUser(deps.db, req.actor, req.body)));
  app.patch('/api/v1/users/:id', { ...manage, schema: { tags: ['auth'], summary: 'Sửa người dùng, phạm vi, khóa, đặt lại mật khẩu', params: z.object({ id: z.string().regex(/^\d{1,18}$/) }), body: UserPatchBody } },
    async (req) => updateUser(deps.db, req.actor, req.params.id, req.body));
}

function actorView(a: { id: string; username: string; displayName: string; role: keyof typeof ROLE_LABELS }) {
  return { id: a.id, username: a.username, displayName: a.displayName, role: a.role, roleLabel: ROLE_LABELS[a.role] };

}
