import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { sendXlsx, xlsxBuffer } from '../../http/xlsx.ts';
import { listAudit } from './store.ts';

const AuditQuery = z.strictObject({
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  before: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(100),
  format: z.enum(['json', 'xlsx']).default('json'),
});

export async function auditRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/audit', {
    schema: { tags: ['audit'], summary: 'Nhật ký thay đổi (quản trị)', querystring: AuditQuery },
    preHandler: requirePermission('audit.read'),
  }, async (req, reply) => {
    const { format, ...q } = req.query;
    const rows = await listAudit(deps.db, q);
    if (format === 'json') return rows;
    const body = await xlsxBuffer<(typeof rows)[number]>('Nhật ký', 'Nhật ký thay đổi', [
      { header: 'Thời điểm', value: (r) => new Date(r.at), format: 'dd/mm/yyyy hh:mm:ss', width: 20 },
      { header: 'Người thực hiện', value: (r) => r.actor, width: 16 },
      { header: 'Thao tác', value: (r) => r.action, width: 22 },
      { header: 'Đối tượng', value: (r) => r.entity, width: 16 },
      { header: 'Mã', value: (r) => r.entityId, width: 10 },
      { header: 'Trước', value: (r) => (r.before === null ? null : JSON.stringify(r.before)), width: 50 },
      { header: 'Sau', value: (r) => (r.after === null ? null : JSON.stringify(r.after)), width: 50 },
    ], rows);
    return sendXlsx(reply, 'nhat-ky.xlsx', body);
  });
}
