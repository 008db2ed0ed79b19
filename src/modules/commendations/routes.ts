import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { excelDate, sendXlsx, xlsxBuffer } from '../../http/xlsx.ts';
import { z } from 'zod';
import { CommendationBody, CommendationDeleteBody, CommendationQuery, CommendationUpdateBody } from './model.ts';
import { createDecision, deleteDecision, listDecisions, updateDecision, type DecisionView } from './store.ts';

const IdParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ') });

const recipientText = (d: DecisionView) => d.recipients.map((r) => (r.kind === 'person' ? [r.name, r.title].filter(Boolean).join(', ') : r.unit.name)).join('; ');

export async function commendationRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['commendations'];

  app.get('/api/v1/commendations', { preHandler: requirePermission('commendation.read'), schema: { tags, summary: 'Quyết định khen thưởng trong năm (format=xlsx: tệp Excel)', querystring: CommendationQuery } },
    async (req, reply) => {
      const rows = await listDecisions(deps.db, req.actor, req.query.year);
      if (req.query.format === 'json') return rows;
      const body = await xlsxBuffer('Khen thuong', `Quyết định khen thưởng năm ${req.query.year}`, [
        { header: 'Số quyết định', value: (d: DecisionView) => d.number },
        { header: 'Ngày', format: 'dd/mm/yyyy', value: (d) => excelDate(d.decidedOn) },
        { header: 'Cơ quan ban hành', width: 30, value: (d) => d.issuer.name },
        { header: 'Hình thức', width: 24, value: (d) => d.formLabel },
        { header: 'Cá nhân, tập thể được khen', width: 48, value: recipientText },
        { header: 'Thành tích', width: 40, value: (d) => d.reason },
        { header: 'Gắn với', value: (d) => (d.subject ? `${d.subject.kindLabel} #${d.subject.id}` : null) },
      ], rows);
      return sendXlsx(reply, `khen-thuong-${req.query.year}.xlsx`, body);
    });
  app.post('/api/v1/commendations', { preHandler: requirePermission('commendation.write'), schema: { tags, summary: 'Ghi quyết định khen thưởng (cá nhân, tập thể; gắn với nhiệm vụ, mô hình hoặc sự kiện)', body: CommendationBody } },
    async (req, reply) => reply.code(201).send(await createDecision(deps.db, req.actor, req.body)));
  app.put('/api/v1/commendations/:id', { preHandler: requirePermission('commendation.write'), schema: { tags, summary: 'Sửa quyết định khen thưởng (theo phiên bản)', params: IdParams, body: CommendationUpdateBody } },
    async (req) => updateDecision(deps.db, req.actor, req.params.id, req.body));
  app.delete('/api/v1/commendations/:id', { preHandler: requirePermission('commendation.write'), schema: { tags, summary: 'Xóa quyết định ghi nhầm (theo phiên bản, nêu lý do)', params: IdParams, body: CommendationDeleteBody } },
    async (req, reply) => {
      await deleteDecision(deps.db, req.actor, req.params.id, req.body);
      return reply.code(204).send();
    });
}
