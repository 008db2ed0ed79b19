import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/schema.ts';
import type { Actor, Permission } from '../modules/auth/model.ts';
import { can } from '../modules/auth/model.ts';
import { sessionActor } from '../modules/auth/store.ts';
import { authRoutes } from '../modules/auth/routes.ts';
import { auditRoutes } from '../modules/audit/routes.ts';
import { orgUnitRoutes } from '../modules/org-units/routes.ts';
import { indicatorRoutes } from '../modules/indicators/routes.ts';
import { criteriaRoutes } from '../modules/learning-models/criteria-routes.ts';
import { learningModelRoutes } from '../modules/learning-models/workflow-routes.ts';
import { learningModelStatisticsRoutes } from '../modules/learning-models/statistics-routes.ts';
import { planRoutes } from '../modules/plans/routes.ts';
import { planImportRoutes } from '../modules/plans/import-routes.ts';
import { publicRoutes } from '../modules/public/routes.ts';
import { notificationRoutes } from '../modules/notifications/routes.ts';
import { reportRoutes } from '../modules/reports/routes.ts';
import { learningCentreRoutes } from '../modules/learning-centres/routes.ts';
import { eventRoutes } from '../modules/events/routes.ts';
import { resourceRoutes } from '../modules/resources/routes.ts';
import { budgetRoutes } from '../modules/budget/routes.ts';
import { commendationRoutes } from '../modules/commendations/routes.ts';
import { steeringCommitteeRoutes } from '../modules/steering-committees/routes.ts';
import { learningCityRoutes } from '../modules/learning-city/routes.ts';
import { universalEducationRoutes } from '../modules/universal-education/routes.ts';
import { notAllowed, Problem, problem } from './problem.ts';
import { vietnamToday } from './clock.ts';

z.config(z.locales.vi());

export const SESSION_COOKIE = 'xhht_session';
const PUBLIC_API = new Set(['/api/health', '/api/v1/auth/login']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    sessionToken: string;
    csrfToken: string;
  }
}

export interface AppDeps {
  db: Db;
  config: Config;
  databaseMode: 'embedded' | 'external';
  version: string;
}

export interface RouteDeps extends AppDeps {
  today(): string;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, trustProxy: false });
  const routeDeps: RouteDeps = { ...deps, today: () => vietnamToday(deps.config.today) };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('sessionToken', '');
  app.decorateRequest('csrfToken', '');

  await app.register(swagger, {
    openapi: { info: { title: 'xhht API', description: 'API của nền tảng xây dựng xã hội học tập', version: deps.version } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, hook: 'preHandler' }); // after body parsing: the key includes the user name
  // preservePath: we see the name as sent and refuse paths, instead of busboy silently cutting them.
  await app.register(multipart, { preservePath: true, limits: { fileSize: deps.config.maxUploadBytes, files: 5, fields: 20 } });

  app.setErrorHandler((err, req, reply) => sendProblem(reply, req, toProblem(err)));
  app.addHook('onRequest', async (req) => {
    const url = req.url.split('?')[0]!;
    if (!url.startsWith('/api/v1/') || PUBLIC_API.has(url)) return;
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await sessionActor(deps.db, token) : null;
    if (!session) throw problem(401, 'auth.required', 'Bạn cần đăng nhập');
    req.actor = session.actor;
    req.sessionToken = token!;
    req.csrfToken = session.csrfToken;
    // A cross-site form cannot set custom headers: requiring one on every write defeats CSRF.
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      const header = req.headers['x-requested-with'];
      const csrf = req.headers['x-csrf-token'];
      if (header !== 'xhht' && csrf !== session.csrfToken) {
        throw problem(403, 'auth.csrf', 'Yêu cầu ghi thiếu tiêu đề chống giả mạo (X-Requested-With: xhht)');
      }
    }
  });

  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: deps.databaseMode, version: deps.version }));
  await app.register(async (api) => {
    await authRoutes(api, routeDeps);
    await auditRoutes(api, routeDeps);
    await orgUnitRoutes(api, routeDeps);
    await planRoutes(api, routeDeps);
    await planImportRoutes(api, routeDeps);
    await universalEducationRoutes(api, routeDeps);
    await indicatorRoutes(api, routeDeps);
    await publicRoutes(api, routeDeps);
    await reportRoutes(api, routeDeps);
    await notificationRoutes(api, routeDeps);
    await learningModelRoutes(api, routeDeps);
    await learningModelStatisticsRoutes(api, routeDeps);
    await criteriaRoutes(api, routeDeps);
    await learningCentreRoutes(api, routeDeps);
    await eventRoutes(api, routeDeps);
    await resourceRoutes(api, routeDeps);
    await budgetRoutes(api, routeDeps);
    await commendationRoutes(api, routeDeps);
    await steeringCommitteeRoutes(api, routeDeps);
    await learningCityRoutes(api, routeDeps);
  });

  const webDir = fileURLToPath(new URL('../../web/dist', import.meta.url));
  const hasWeb = () => fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb()) {
    // wildcard: files are looked up per request, so a rebuild is served without a restart.
    await app.register(fastifyStatic, {
      root: webDir, wildcard: true, index: false,
      setHeaders: (reply, file) => reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    // The address printed at start-up: the static wildcard would answer its directory with 403.
    app.get('/', { schema: { hide: true } }, (req, reply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', webDir));
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') {
      return sendProblem(reply, req, problem(404, 'route.not_found', 'Không tìm thấy địa chỉ này'));
    }
    if (!hasWeb()) return sendProblem(reply, req, problem(503, 'web.not_built', 'Giao diện web chưa được dựng: chạy npm run build'));
    // Client-side routes of the single-page app all load index.html.
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', webDir);
  });
  return app;
}

/** Route guard for a role permission (the unit scope is checked in each query). */
export function requirePermission(permission: Permission) {
  return async (req: FastifyRequest) => {
    if (!can(req.actor.role, permission)) throw notAllowed(permission);
  };
}

function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    return problem(400, 'request.invalid', 'Dữ liệu gửi lên không hợp lệ', {
      errors: err.validation.map((v) => ({
        field: [where, ...fieldPath(v.instancePath, v.params)].join('.'),
        message: v.message ?? 'không hợp lệ',
      })),
    });
  }
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (e.statusCode === 400 && /JSON/i.test(e.message ?? ''))) {
    return problem(400, 'request.malformed_json', 'Nội dung JSON không đọc được', { detail: e.message });
  }
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return problem(415, 'request.media_type', 'Kiểu nội dung không được hỗ trợ; hãy gửi application/json');
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.code === 'FST_REQ_FILE_TOO_LARGE') return problem(413, 'request.too_large', 'Dữ liệu gửi lên quá lớn');
  if (e.statusCode === 429) return problem(429, 'auth.rate_limited', 'Quá nhiều lần thử; hãy đợi một phút rồi thử lại');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return problem(e.statusCode, 'request.invalid', 'Yêu cầu không hợp lệ', { detail: e.message });
  console.error(err);
  return problem(500, 'server.error', 'Lỗi máy chủ; thao tác chưa được thực hiện');
}

function fieldPath(instancePath: string, params: unknown): string[] {
  const parts = instancePath.split('/').filter(Boolean);
  const keys = (params as { keys?: string[] } | undefined)?.keys;
  return keys?.length ? [...parts, keys.join(',')] : parts;
}

function sendProblem(reply: FastifyReply, req: FastifyRequest, p: Problem) {
  return reply.code(p.status).type('application/problem+json; charset=utf-8').send(p.toJSON(req.url.split('?')[0]));
}
