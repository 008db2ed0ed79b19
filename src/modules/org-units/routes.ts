import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../http/app.ts';
import { problem } from '../../http/problem.ts';
import { excelDate, sendXlsx, xlsxBuffer } from '../../http/xlsx.ts';
import { formatVnDate } from '../plans/deadlines.ts';
import { OrgUnit, OrgUnitQuery } from './model.ts';
import { lineage, listUnits } from './store.ts';

// Administrative units and agencies are public reference data: any signed-in user reads them.
export async function orgUnitRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/org-units', {
    schema: { tags: ['org-units'], summary: 'Đơn vị còn hiệu lực tại một ngày (format=xlsx: tệp Excel)', querystring: OrgUnitQuery, response: { 200: z.array(OrgUnit) } },
  }, async (req, reply) => {
    const { format, ...filter } = req.query;
    const at = filter.at ?? deps.today();
    const units = await listUnits(deps.db, { ...filter, at });
    if (format === 'json') return units;
    const body = await xlsxBuffer<(typeof units)[number]>('Đơn vị', `Đơn vị còn hiệu lực ngày ${formatVnDate(at)}`, [
      { header: 'Mã', value: (u) => u.code, width: 12 },
      { header: 'Tên', value: (u) => u.name, width: 44 },
      { header: 'Loại', value: (u) => u.kind, width: 14 },
      { header: 'Mã đơn vị cha', value: (u) => u.parentCode, width: 14 },
      { header: 'Hiệu lực từ', value: (u) => excelDate(u.validFrom), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Hiệu lực đến', value: (u) => excelDate(u.validTo), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Đã đối chiếu', value: (u) => (u.verified ? 'có' : 'suy luận [I]'), width: 14 },
    ], units);
    return sendXlsx(reply, `don-vi-${at}.xlsx`, body);
  });

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
