import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../http/app.ts';
import { problem } from '../../http/problem.ts';
import { OrgUnit, OrgUnitQuery } from './model.ts';
import { lineage, listUnits } from './store.ts';

// Administrative units and agencies are public reference data: any signed-in user reads them.
export async function orgUnitRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/org-units', {
    schema: { tags: ['org-units'], summary: 'Đơn vị còn hiệu lực tại một ngày', querystring: OrgUnitQuery, response: { 200: z.array(OrgUnit) } },
  }, async (req) => listUnits(deps.db, { ...req.query, at: req.query.at ?? deps.today() }));

  app.get('/api/v1/org-units/:code/lineage', {
    schema: {
      tags: ['org-units'], summary: 'Đơn vị đến từ đâu và đi về đâu qua các lần sắp xếp',
      params: z.object({ code: z.string().max(32) }), querystring: z.strictObject({ at: z.iso.date().optional() }),
    },
  }, async (req) => {
    const found = await lineage(deps.db, req.params.code, req.query.at);
    if (!found) throw problem(404, 'org_unit.not_found', 'Không có đơn vị với mã này tại ngày đã chọn', { code: req.params.code });
    return found;
  });
}
