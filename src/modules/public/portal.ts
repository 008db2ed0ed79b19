import type { Db } from '../../db/schema.ts';
import { problem } from '../../http/problem.ts';
import { aboutPeople, childFigures, type IndicatorDef, type UnitAt, unitById } from '../indicators/analytics.ts';
import { dashboard, outlookSummary, rangeOf, suppressSmallCounts } from '../indicators/dashboard.ts';
import type { Period } from '../indicators/periods.ts';
import { OUTLOOK_LABELS, project } from '../indicators/projection.ts';

/**
 * The public portal (issue 3 §9): anonymous and read-only, approved figures only, aggregates only, small counts of
 * people suppressed. Provinces are those in force today whose territory carries targets.
 */
export function publicProvinces(db: Db, today: string) {
  return db.selectFrom('org_unit as u').select(['u.id', 'u.code', 'u.name'])
    .where('u.kind', '=', 'province')
    .where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>=', today)]))
    .where((eb) => eb.exists(eb.selectFrom('org_unit_cover as c').innerJoin('target as t', 't.unit_id', 'c.unit_id').select('t.id').whereRef('c.ancestor_id', '=', 'u.id')))
    .orderBy('u.name').execute();
}

export async function publicProvince(db: Db, id: string, today: string): Promise<UnitAt> {
  const unit = await unitById(db, id);
  if (!unit || !(await publicProvinces(db, today)).some((p) => p.id === id)) throw problem(404, 'public.not_found', 'Không có trang công khai cho đơn vị này');
  return unit;
}

/**
 * The province's targets with approved figures. Everything derived from a figure (projection, progress, outlook)
 * is recomputed from the suppressed series, so that no hidden count can be read back from it.
 */
export async function publicDashboard(db: Db, unit: UnitAt, today: string) {
  const d = await dashboard(db, { unit, today, approvedOnly: true });
  const items = d.items.map((item) => {
    const series = item.series.map((f) => suppressSmallCounts(f, item.indicator.aboutPeople));
    const points = series.filter((f) => f.value !== null).map((f) => ({ year: f.year, value: f.value! }));
    const outlook = project(points, { year: item.target.year, value: item.target.value, comparator: item.target.comparator }, rangeOf(item.indicator));
    return { ...item, series, current: item.current && suppressSmallCounts(item.current, item.indicator.aboutPeople), ...outlook, outlookLabel: OUTLOOK_LABELS[outlook.outlook] };
  });
  return { ...d, items, summary: outlookSummary(items) };
}

/** Approved figures of the province's children (the map), suppressed like the rest. */
export async function publicChildren(db: Db, unit: UnitAt, ind: IndicatorDef, period: Period) {
  const rows = await childFigures(db, unit, ind, period, true);
  return rows.map((r) => ({
    unit: { id: r.unit.id, code: r.unit.code, name: r.unit.name },
    ...suppressSmallCounts({ value: r.figure?.value ?? null, numerator: r.figure?.numerator ?? null, denominator: r.figure?.denominator ?? null }, aboutPeople(ind)),
  }));
}
