import type { Db } from '../../db/schema.ts';
import { aboutPeople, figures, loadIndicators, unitById, yearPeriods, type Figure, type UnitAt } from './analytics.ts';
import { project, OUTLOOK_LABELS, PROJECTION_METHOD, type Outlook } from './projection.ts';
import { listTargets } from './store.ts';

/** The values an indicator can take: a percentage stays within 0–100, anything else is at least 0. */
export const rangeOf = (ind: { unitLabel: string }) => ({ min: 0, max: ind.unitLabel === '%' ? 100 : Infinity });

/** How many targets stand in each outlook. */
export const outlookSummary = (items: readonly { outlook: Outlook }[]) =>
  Object.fromEntries(Object.keys(OUTLOOK_LABELS).map((k) => [k, items.filter((i) => i.outlook === k).length]));

/** Counts of people below this are not published (issue 3 §9): a share of 2 of 3 people identifies them. */
export const PUBLIC_MIN_COUNT = 5;

export interface DashboardInput {
  unit: UnitAt;
  plan?: string | undefined;
  today: string;
  approvedOnly?: boolean;
  fromYear?: number;
}

/**
 * Every target that applies to a unit (its own and its predecessors', e.g. Bình Dương's 1144/KH-UBND for the new
 * Hồ Chí Minh City) with the series of its indicator for the target's unit, the latest value, progress and outlook.
 * National targets of the same indicator and year are shown beside them as benchmarks.
 */
export async function dashboard(db: Db, input: DashboardInput) {
  // The unit's own targets and those of everything it covers (its predecessors).
  const covered = await db.selectFrom('org_unit_cover').select('unit_id').where('ancestor_id', '=', input.unit.id).execute();
  const all = await listTargets(db, { plan: input.plan, unitIds: covered.map((c) => c.unit_id) });
  const own = all.filter((t) => t.unit !== null);
  const national = (await listTargets(db, { plan: '1373/QĐ-TTg' })).filter((t) => t.unit === null);
  const indicators = await loadIndicators(db, [...new Set(own.map((t) => t.indicator))]);
  const thisYear = Number(input.today.slice(0, 4));
  const fromYear = input.fromYear ?? 2020;
  const lastYear = Math.max(thisYear, ...own.map((t) => t.year));
  const periods = yearPeriods(fromYear, Math.min(thisYear, lastYear));

  // One roll-up per target unit, for all its indicators and years at once.
  const byUnit = new Map<string, Map<string, Figure>>();
  const units = new Map<string, UnitAt>();
  for (const unitId of new Set(own.map((t) => t.unit!.id))) {
    const unit = await unitById(db, unitId);
    if (!unit) continue;
    units.set(unitId, unit);
    const mine = indicators.filter((i) => own.some((t) => t.unit!.id === unitId && t.indicator === i.code));
    byUnit.set(unitId, await figures(db, unit, mine, periods, { approvedOnly: input.approvedOnly ?? false }));
  }

  const items = own.map((t) => {
    const ind = indicators.find((i) => i.code === t.indicator)!;
    const figs = byUnit.get(t.unit!.id);
    const series = periods.map((p) => figs?.get(`${ind.code}|${p.id}`) ?? null).filter((f): f is Figure => f !== null);
    const points = series.filter((f) => f.value !== null).map((f) => ({ year: f.year, value: f.value! }));
    const outlook = project(points, { year: t.year, value: t.value, comparator: t.comparator }, rangeOf(ind));
    const benchmark = national.find((n) => n.indicator === t.indicator && n.year === t.year) ?? null;
    return {
      target: t,
      indicator: { code: ind.code, name: ind.name, unitLabel: ind.unitLabel, decimals: ind.decimals, aggregation: ind.aggregation, verified: ind.verified, legalSource: ind.legalSource,
        aboutPeople: aboutPeople(ind) },
      unit: units.get(t.unit!.id) ?? null,
      series,
      current: series.filter((f) => f.value !== null).at(-1) ?? null,
      ...outlook, outlookLabel: OUTLOOK_LABELS[outlook.outlook],
      benchmark: benchmark && { value: benchmark.value, document: benchmark.document, text: benchmark.text, verified: benchmark.verified },
    };
  });
  return {
    unit: input.unit, today: input.today, method: PROJECTION_METHOD,
    summary: outlookSummary(items),
    items,
  };
}

/**
 * The public view of a figure: counts of people under PUBLIC_MIN_COUNT (and ratios built on them) are suppressed;
 * the value stays only when no small count can be read back from it.
 */
export function suppressSmallCounts<F extends Pick<Figure, 'value' | 'numerator' | 'denominator'>>(f: F, aboutPeople: boolean): F & { suppressed: boolean } {
  const small = (n: number | null) => n !== null && n > 0 && n < PUBLIC_MIN_COUNT;
  if (!aboutPeople || !(small(f.numerator) || small(f.denominator) || (f.denominator !== null && small(f.denominator - (f.numerator ?? 0))))) {
    return { ...f, suppressed: false };
  }
  return { ...f, value: null, numerator: null, denominator: null, suppressed: true };
}
