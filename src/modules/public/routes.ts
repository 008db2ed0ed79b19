import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../http/app.ts';
import { problem } from '../../http/problem.ts';
import { indicatorByCode } from '../indicators/analytics.ts';
import { boundaryOf } from '../indicators/boundaries.ts';
import { PeriodId } from '../indicators/model.ts';
import { parsePeriod } from '../indicators/periods.ts';
import { publicChildren, publicDashboard, publicProvince, publicProvinces } from './portal.ts';

/** The public portal's API: anonymous and read-only (see portal.ts). */
const UnitId = z.object({ id: z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ') });

export async function publicRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/public/v1/provinces', { schema: { tags: ['public'], summary: 'Tỉnh, thành phố có chỉ tiêu công khai' } },
    async () => publicProvinces(deps.db, deps.today()));

  app.get('/api/public/v1/provinces/:id', { schema: { tags: ['public'], summary: 'Chỉ tiêu và số liệu đã duyệt của một tỉnh', params: UnitId } },
    async (req) => publicDashboard(deps.db, await publicProvince(deps.db, req.params.id, deps.today()), deps.today()));

  app.get('/api/public/v1/provinces/:id/children', {
    schema: { tags: ['public'], summary: 'Chỉ số đã duyệt theo đơn vị trực thuộc (bản đồ)', params: UnitId, querystring: z.strictObject({ indicator: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/), period: PeriodId }) },
  }, async (req) => publicChildren(deps.db, await publicProvince(deps.db, req.params.id, deps.today()), await indicatorByCode(deps.db, req.query.indicator), parsePeriod(req.query.period)!));

  app.get('/api/public/v1/boundaries/:id', { schema: { tags: ['public'], summary: 'Tệp ranh giới (GeoJSON) do đơn vị vận hành tải lên', params: UnitId } }, async (req) => {
    const b = await boundaryOf(deps.db, req.params.id);
    if (!b) throw problem(404, 'boundary.not_found', 'Chưa có tệp ranh giới; bản đồ dùng dạng lưới ô');
    return b;
  });
}
