import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../http/app.ts';
import { problem } from '../../http/problem.ts';
import { childFigures, loadIndicators, unitById } from '../indicators/analytics.ts';
import { boundaryOf } from '../indicators/boundaries.ts';
import { dashboard, outlookSummary, suppressSmallCounts } from '../indicators/dashboard.ts';
import { PeriodId } from '../indicators/model.ts';
import { OUTLOOK_LABELS, project } from '../indicators/projection.ts';
import { parsePeriod } from '../indicators/periods.ts';

/**
 * The public portal's API (issue 3 §9): anonymous and read-only, approved figures only, aggregates only, small
 * counts of people suppressed. Provinces are those in force today whose territory carries targets.
 */
const UnitId = z.object({ id: z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ') });

export async function publicRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  const provinces = async () => deps.db.selectFrom('org_unit as u').select(['u.id', 'u.code', 'u.name'])
    .where('u.kind', '=', 'province')
    .where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>=', deps.today())]))
    .where((eb) => eb.exists(eb.selectFrom('org_unit_cover as c').innerJoin('target as t', 't.unit_id', 'c.unit_id').select('t.id').whereRef('c.ancestor_id', '=', 'u.id')))
    .orderBy('u.name').execute();

  app.get('/api/public/v1/provinces', { schema: { tags: ['public'], summary: 'Tỉnh, thành phố có chỉ tiêu công khai' } }, provinces);

  const publicProvince = async (id: string) => {
    const unit = await unitById(deps.db, id);
    if (!unit || !(await provinces()).some((p) => p.id === id)) throw problem(404, 'public.not_found', 'Không có trang công khai cho đơn vị này');
    return unit;
  };

  app.get('/api/public/v1/provinces/:id', { schema: { tags: ['public'], summary: 'Chỉ tiêu và số liệu đã duyệt của một tỉnh', params: UnitId } }, async (req) => {
    const unit = await publicProvince(req.params.id);
    const covered = await deps.db.selectFrom('org_unit_cover').select('unit_id').where('ancestor_id', '=', unit.id).execute();
    const d = await dashboard(deps.db, { unit, coveredIds: covered.map((c) => c.unit_id), today: deps.today(), approvedOnly: true });
    // Everything derived from a figure (latest value, projection, progress, outlook) is recomputed from the
    // suppressed series, so that no hidden count can be read back from it.
    const items = d.items.map((item) => {
      const series = item.series.map((f) => suppressSmallCounts(f, item.indicator.aboutPeople));
      const points = series.filter((f) => f.value !== null).map((f) => ({ year: f.year, value: f.value! }));
      const outlook = project(points, { year: item.target.year, value: item.target.value, comparator: item.target.comparator });
      return { ...item, series, current: item.current && suppressSmallCounts(item.current, item.indicator.aboutPeople), ...outlook, outlookLabel: OUTLOOK_LABELS[outlook.outlook] };
    });
    return { ...d, items, summary: outlookSummary(items) };
  });

  app.get('/api/public/v1/provinces/:id/children', {
    schema: { tags: ['public'], summary: 'Chỉ số đã duyệt theo đơn vị trực thuộc (bản đồ)', params: UnitId, querystring: z.strictObject({ indicator: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/), period: PeriodId }) },
  }, async (req) => {
    const unit = await publicProvince(req.params.id);
    const [ind] = await loadIndicators(deps.db, [req.query.indicator]);
    if (!ind) throw problem(404, 'indicator.not_found', 'Không có chỉ số này');
    const aboutPeople = Boolean(ind.numerator?.aboutPeople || ind.denominator?.aboutPeople);
    const rows = await childFigures(deps.db, unit, ind, parsePeriod(req.query.period)!, true);
    return rows.map((r) => ({ unit: { id: r.unit.id, code: r.unit.code, name: r.unit.name }, ...suppressSmallCounts({ value: r.figure?.value ?? null, numerator: r.figure?.numerator ?? null, denominator: r.figure?.denominator ?? null }, aboutPeople) }));
  });

  app.get('/api/public/v1/boundaries/:id', { schema: { tags: ['public'], summary: 'Tệp ranh giới (GeoJSON) do đơn vị vận hành tải lên', params: UnitId } }, async (req) => {
    const b = await boundaryOf(deps.db, req.params.id);
    if (!b) throw problem(404, 'boundary.not_found', 'Chưa có tệp ranh giới; bản đồ dùng dạng lưới ô');
    return b;
  });
}
