import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { listAudit } from './store.ts';

const AuditQuery = z.strictObject({
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  before: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export async function auditRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/audit', {
    schema: { tags: ['audit'], summary: 'Nhật ký thay đổi (quản trị)', querystring: AuditQuery },
    preHandler: requirePermission('audit.read'),
  }, async (req) => listAudit(deps.db, req.query));
}
