import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { problem } from '../../http/problem.ts';
import type { Actor } from '../auth/model.ts';
import { coversUnit } from '../auth/scope.ts';
import { surveyReferenceDate } from '../universal-education/results.ts';
import { learningModelOf, learningModelSums, type EngineSum } from '../learning-models/statistics.ts';
import { centreSums, type CentreSums } from '../learning-centres/indicators.ts';
import { resourceSums } from '../resources/indicators.ts';
import { fromSums, levelOf, shareOf, type IndicatorRule, type IndicatorValue } from './aggregate.ts';
import { registryMeasure, type Aggregation, type Computed, type StandardName } from './model.ts';
import type { Lineage } from './lineage.ts';
import { parsePeriod, periodsBetween, type Period, type PeriodType } from './periods.ts';

/**
 * Live roll-up of indicators (issue 3 §7): every figure is read from the values and the map as they stood on the
 * period's end date, through the materialised cover of the unit (hierarchy + succession). The totals over a cover are
 * kept current by the writes themselves (data_rollup, 0004_rollup.sql); there is no batch and nothing goes stale.
 */

export interface IndicatorDef extends IndicatorRule {
  id: string;
  code: string;
  name: string;
  unitLabel: string;
  decimals: number;
  verified: 'V' | 'P' | 'I';
  legalSource: string | null;
  numerator: ElementRef | null;
  denominator: ElementRef | null;
}
export interface ElementRef { id: string; code: string; name: string; periodType: PeriodType | null; aboutPeople: boolean }

export interface UnitAt { id: string; code: string; name: string; kind: string; validFrom: string | null; validTo: string | null }

export { LINEAGE_LABELS, type Lineage } from './lineage.ts';

export interface Figure extends IndicatorValue {
  period: string;
  year: number;
  lineage: Lineage;
  approximate: boolean;
  /** Units whose values went in, and how many of them are approved at the last level. */
  approval: { units: number; approved: number } | null;
  demo: boolean;
  note: string | null;
}

export async function loadIndicators(db: Db, codes?: readonly string[]): Promise<IndicatorDef[]> {
  const element = (alias: 'n' | 'd') => sql`CASE WHEN ${sql.ref(`${alias}.id`)} IS NULL THEN NULL ELSE json_build_object(
      'id', ${sql.ref(`${alias}.id`)}::text, 'code', ${sql.ref(`${alias}.code`)}, 'name', ${sql.ref(`${alias}.name`)}, 'aboutPeople', ${sql.ref(`${alias}.about_people`)},
      'periodType', (SELECT ds.period_type FROM data_set_element e JOIN data_set ds ON ds.id = e.data_set_id WHERE e.data_element_id = ${sql.ref(`${alias}.id`)})) END`;
  let q = db.selectFrom('indicator as i')
    .leftJoin('data_element as n', 'n.id', 'i.numerator_id')
    .leftJoin('data_element as d', 'd.id', 'i.denominator_id')
    .select(['i.id', 'i.code', 'i.name', 'i.aggregation', 'i.factor', 'i.computed', 'i.unit_label', 'i.decimals', 'i.verified', 'i.legal_source'])
    .select([element('n').as('numerator'), element('d').as('denominator')])
    .orderBy('i.code');
  if (codes) q = q.where('i.code', 'in', codes.length ? codes : ['']);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id, code: r.code, name: r.name, aggregation: r.aggregation as Aggregation, factor: Number(r.factor), computed: (r.computed as Computed | null) ?? null,
    unitLabel: r.unit_label, decimals: r.decimals, verified: r.verified, legalSource: r.legal_source,
    numerator: r.numerator as ElementRef | null, denominator: r.denominator as ElementRef | null,
  }));
}

/** Whether an indicator counts people (its figures fall under small-count suppression in public). */
export const aboutPeople = (ind: Pick<IndicatorDef, 'numerator' | 'denominator'>) => Boolean(ind.numerator?.aboutPeople || ind.denominator?.aboutPeople);

export async function indicatorByCode(db: Db, code: string): Promise<IndicatorDef> {
  const [ind] = await loadIndicators(db, [code]);
  if (!ind) throw problem(404, 'indicator.not_found', `Không có chỉ số ${code}`, { errors: [{ field: 'indicator', message: 'Không tìm thấy' }] });
  return ind;
}

export async function unitById(db: Db, id: string): Promise<UnitAt | undefined> {
  const u = await db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind', 'valid_from', 'valid_to']).where('id', '=', id).executeTakeFirst();
  return u && { id: u.id, code: u.code, name: u.name, kind: u.kind, validFrom: u.valid_from, validTo: u.valid_to };
}

/** A code names one unit at a time: the one in force on the date, else the latest one that carried it. */
export async function unitByCode(db: Db, code: string, at: string): Promise<UnitAt | undefined> {
  const u = await db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind', 'valid_from', 'valid_to']).where('code', '=', code)
    .orderBy(sql`(valid_from IS NULL OR valid_from <= ${at}::date) AND (valid_to IS NULL OR valid_to >= ${at}::date)`, 'desc')
    .orderBy(sql`valid_to DESC NULLS FIRST`).limit(1).executeTakeFirst();
  return u && { id: u.id, code: u.code, name: u.name, kind: u.kind, validFrom: u.valid_from, validTo: u.valid_to };
}

/** A unit the actor may read figures of: by id, or by code as it stood on the date. The scope check is SQL. */
export async function readableUnit(db: Db, actor: Actor, ref: { unitId?: string | undefined; unit?: string | undefined }, at: string): Promise<UnitAt> {
  const unit = ref.unitId ? await unitById(db, ref.unitId) : ref.unit ? await unitByCode(db, ref.unit, at) : undefined;
  if (!unit) throw problem(404, 'unit.not_found', 'Không có đơn vị này', { errors: [{ field: ref.unitId ? 'unitId' : 'unit', message: 'Không tìm thấy' }] });
  if (!(await coversUnit(db, actor, unit.id))) throw problem(403, 'scope.forbidden', 'Đơn vị ngoài phạm vi của bạn');
  return unit;
}

const endedBefore = (u: UnitAt, date: string) => u.validTo !== null && u.validTo < date;
const startedAfter = (u: UnitAt, date: string) => u.validFrom !== null && u.validFrom > date;

/**
 * The units whose values make up a unit's figure on a date. While the unit exists (or before it was formed) that is
 * its cover: its subtree and what it took over. After it ended, its territory is held by the successors of the units
 * it covered; their values are re-aggregated, approximately when a successor also took over land from elsewhere.
 */
export function contributors(unit: UnitAt, date: string) {
  if (!endedBefore(unit, date)) {
    return sql`SELECT unit_id, via_succession, approximate FROM org_unit_cover WHERE ancestor_id = ${unit.id}`;
  }
  return sql`SELECT DISTINCT ON (vc.unit_id) vc.unit_id, true AS via_succession,
      EXISTS (SELECT 1 FROM org_unit_cover o WHERE o.ancestor_id = v.id AND o.via_succession
              AND o.unit_id NOT IN (SELECT unit_id FROM org_unit_cover WHERE ancestor_id = ${unit.id})) AS approximate
    FROM org_unit_cover mine
    JOIN org_unit_cover succ ON succ.unit_id = mine.unit_id AND succ.via_succession
    JOIN org_unit v ON v.id = succ.ancestor_id AND v.kind NOT IN ('province', 'district')
      AND (v.valid_from IS NULL OR v.valid_from <= ${date}::date) AND (v.valid_to IS NULL OR v.valid_to >= ${date}::date)
    JOIN org_unit_cover vc ON vc.ancestor_id = v.id AND NOT vc.via_succession
    WHERE mine.ancestor_id = ${unit.id}`;
}

/** The period of an element's collection type that answers for a requested period: the last one ending inside it. */
export function collectionPeriod(type: PeriodType | null, requested: Period): Period {
  if (!type || type === requested.type) return requested;
  const inside = periodsBetween(type, requested.start, requested.end).filter((p) => p.end <= requested.end && p.end >= requested.start);
  return inside[inside.length - 1] ?? requested;
}

interface SumRow { element: string; period: string; total: number; units: number; approved: number; via: boolean; approximate: boolean; demo: boolean }

/** Sums of elements over the contributors, per element and period. */
async function elementSums(db: Db, unit: UnitAt, wanted: { element: string; period: Period }[], approvedOnly: boolean, disaggregation = ''): Promise<Map<string, SumRow>> {
  const out = new Map<string, SumRow>();
  // Periods after the unit ended read a different contributor set per end date; all others share the cover.
  const groups = new Map<string, typeof wanted>();
  for (const w of wanted) {
    const key = endedBefore(unit, w.period.end) ? w.period.end : 'cover';
    const list = groups.get(key);
    if (list) list.push(w); else groups.set(key, [w]);
  }
  for (const [key, items] of groups) {
    const elements = [...new Set(items.map((i) => i.element))];
    const periods = [...new Set(items.map((i) => i.period.id))];
    const rows = key === 'cover' && disaggregation === ''
      ? await rolledUp(db, [unit.id], elements, periods, approvedOnly)
      : await summedLive(db, contributors(unit, key === 'cover' ? items[0]!.period.end : key), elements, periods, approvedOnly, disaggregation);
    for (const r of rows) out.set(`${r.element}|${r.period}`, r);
  }
  return out;
}

/** Totals over the covers of some units, as kept by the roll-up triggers (0004_rollup.sql). */
async function rolledUp(db: Db, unitIds: string[], elements: string[], periods: string[], approvedOnly: boolean): Promise<(SumRow & { unit: string })[]> {
  const col = (name: string) => sql.ref(approvedOnly ? `approved_${name}` : name);
  const rows = await sql<{ unit: string; element: string; period: string; total: string; units: number; approved: number; via: boolean; approximate: boolean; demo: boolean }>`
    SELECT ancestor_id::text AS unit, data_element_id::text AS element, period, ${col('total')} AS total, ${col('units')} AS units,
           approved_units AS approved, ${col('via_units')} > 0 AS via, ${col('approximate_units')} > 0 AS approximate, ${col('demo_units')} > 0 AS demo
    FROM data_rollup
    WHERE ancestor_id = ANY(${unitIds}::bigint[]) AND data_element_id = ANY(${elements}::bigint[]) AND period = ANY(${periods}::text[])
      AND ${col('units')} > 0`.execute(db);
  return rows.rows.map((r) => ({ ...r, total: Number(r.total) }));
}

/** Totals summed on request: a disaggregation, or the successors of a unit that no longer exists. */
async function summedLive(db: Db, contributorSet: ReturnType<typeof contributors>, elements: string[], periods: string[], approvedOnly: boolean, disaggregation: string): Promise<SumRow[]> {
  const rows = await sql<{ element: string; period: string; total: string; units: string; approved: string; via: boolean; approximate: boolean; demo: boolean }>`
    WITH k AS (${contributorSet})
    -- One value per unit, element, period and disaggregation, and one contributor row per unit: count(*) counts
    -- units (and lets PostgreSQL hash-aggregate instead of sorting for DISTINCT).
    SELECT v.data_element_id::text AS element, v.period, sum(v.value) AS total, count(*) AS units,
           count(*) FILTER (WHERE r.final) AS approved, bool_or(k.via_succession) AS via,
           bool_or(k.approximate) AS approximate, coalesce(bool_or(r.demo), false) AS demo
    FROM k JOIN data_value v ON v.unit_id = k.unit_id
    LEFT JOIN data_set_element e ON e.data_element_id = v.data_element_id
    LEFT JOIN data_report r ON r.unit_id = v.unit_id AND r.data_set_id = e.data_set_id AND r.period = v.period
    WHERE v.data_element_id = ANY(${elements}::bigint[]) AND v.period = ANY(${periods}::text[]) AND v.disaggregation = ${disaggregation}
      AND (${!approvedOnly} OR r.final)
    GROUP BY v.data_element_id, v.period`.execute(db);
  return rows.rows.map((r) => ({ ...r, total: Number(r.total), units: Number(r.units), approved: Number(r.approved) }));
}

type Levels = Partial<Record<StandardName, number>>;

/** The unit's children as the map stood on each date: the units directly below the top of its cover then. */
function childrenOn(unitId: string, dates: { year: number; date: string }[]) {
  const years = dates.map((d) => d.year), days = dates.map((d) => d.date);
  return sql`
    ref AS (SELECT * FROM unnest(${years}::int[], ${days}::date[]) AS t(year, d)),
    cov AS (SELECT unit_id FROM org_unit_cover WHERE ancestor_id = ${unitId}),
    top AS (
      SELECT ref.year, ref.d, u.id FROM ref JOIN org_unit u ON u.id IN (SELECT unit_id FROM cov)
        AND (u.valid_from IS NULL OR u.valid_from <= ref.d) AND (u.valid_to IS NULL OR u.valid_to >= ref.d)
      WHERE NOT EXISTS (SELECT 1 FROM org_unit p WHERE p.id = u.parent_id AND p.id IN (SELECT unit_id FROM cov)
        AND (p.valid_from IS NULL OR p.valid_from <= ref.d) AND (p.valid_to IS NULL OR p.valid_to >= ref.d))),
    kids AS (
      SELECT top.year, top.d, ch.id, ch.code, ch.name, ch.kind FROM top JOIN org_unit ch ON ch.parent_id = top.id
        AND ch.kind IN ('district', 'commune')
        AND (ch.valid_from IS NULL OR ch.valid_from <= top.d) AND (ch.valid_to IS NULL OR ch.valid_to >= top.d))`;
}

interface Kid { year: number; id: string; code: string; name: string; kind: string; levels: Levels | null }

async function kidsWithLevels(db: Db, unitId: string, years: number[]): Promise<Kid[]> {
  if (years.length === 0) return [];
  const rows = await sql<{ year: number; id: string; code: string; name: string; kind: string; levels: Levels | null }>`
    WITH ${childrenOn(unitId, years.map((year) => ({ year, date: surveyReferenceDate(year) })))}
    SELECT kids.year, kids.id::text, kids.code, kids.name, kids.kind, sr.levels FROM kids
    LEFT JOIN standard_result sr ON sr.unit_id = kids.id AND sr.year = kids.year`.execute(db);
  return rows.rows;
}

/** Per child and element, the child's total of the element in the period matching each year (approved values only on request). */
async function kidsWithSums(db: Db, unitId: string, wanted: { year: number; period: Period; element: string }[], approvedOnly: boolean): Promise<(Kid & { element: string; total: number | null })[]> {
  if (wanted.length === 0) return [];
  const years = [...new Set(wanted.map((w) => w.year))];
  const dates = years.map((year) => ({ year, date: wanted.find((w) => w.year === year)!.period.end }));
  const rows = await sql<{ year: number; id: string; code: string; name: string; kind: string; element: string; total: string | null }>`
    WITH ${childrenOn(unitId, dates)},
    w AS (SELECT * FROM unnest(${wanted.map((w) => w.year)}::int[], ${wanted.map((w) => w.period.id)}::text[], ${wanted.map((w) => w.element)}::bigint[]) AS t(year, period, element))
    SELECT kids.year, kids.id::text, kids.code, kids.name, kids.kind, w.element::text AS element,
           ${sql.ref(approvedOnly ? 'dr.approved_total' : 'dr.total')} AS total
    FROM kids JOIN w ON w.year = kids.year
    LEFT JOIN data_rollup dr ON dr.ancestor_id = kids.id AND dr.data_element_id = w.element AND dr.period = w.period
      AND ${sql.ref(approvedOnly ? 'dr.approved_units' : 'dr.units')} > 0`.execute(db);
  return rows.rows.map((r) => ({ ...r, levels: null, total: r.total === null ? null : Number(r.total) }));
}

/** The year a period stands for on a yearly axis: the calendar year it ends in. */
export const yearOf = (p: Period) => Number(p.end.slice(0, 4));

/** Figures of several indicators for one unit over several periods: the engine behind analytics and dashboards. */
export async function figures(db: Db, unit: UnitAt, indicators: readonly IndicatorDef[], periods: readonly Period[], opts: { approvedOnly?: boolean; disaggregation?: string } = {}): Promise<Map<string, Figure>> {
  const out = new Map<string, Figure>();
  const approvedOnly = opts.approvedOnly ?? false;
  const lineageOf = (p: Period, via: boolean): Lineage => (endedBefore(unit, p.end) ? 'successors' : via || startedAfter(unit, p.end) ? 'predecessors' : 'hierarchy');

  // Ratio and sum indicators: sums of their elements.
  const wanted: { element: string; period: Period }[] = [];
  for (const ind of indicators) {
    if (ind.aggregation !== 'ratio' && ind.aggregation !== 'sum') continue;
    for (const p of periods) {
      for (const el of [ind.numerator, ind.denominator]) if (el) wanted.push({ element: el.id, period: collectionPeriod(el.periodType, p) });
    }
  }
  const sums = wanted.length ? await elementSums(db, unit, wanted, approvedOnly, opts.disaggregation) : new Map<string, SumRow>();
  // Ratios computed from the learning-model tables: recognised subjects over an element or the number registered.
  const modelWanted = indicators.flatMap((ind) => { const m = learningModelOf(ind.computed); return m ? periods.map((p) => ({ modelType: m, year: yearOf(p), date: p.end })) : []; });
  const models = modelWanted.length ? await learningModelSums(db, unit, modelWanted) : new Map<string, { recognised: EngineSum; registered: EngineSum }>();
  // Counts from the registers of centres and resources (decision 0012, 0013): no data element behind them.
  const centreWanted = indicators.some((i) => i.computed?.kind === 'learningCentres') ? periods.map((p) => ({ year: yearOf(p), date: p.end })) : [];
  const centres = centreWanted.length ? await centreSums(db, unit, centreWanted) : new Map<string, CentreSums>();
  const resourceFormat = (c: Computed | null) => (c?.kind === 'openResources' ? c.format ?? null : null);
  const resourceWanted = indicators.filter((i) => i.computed?.kind === 'openResources').flatMap((i) => periods.map((p) => ({ format: resourceFormat(i.computed), start: p.start, end: p.end })));
  const resources = resourceWanted.length ? await resourceSums(db, unit, resourceWanted) : new Map<string, EngineSum>();
  const registry = (ind: IndicatorDef, p: Period): { n: EngineSum | undefined; d: EngineSum | undefined } | null => {
    const measure = registryMeasure(ind.computed);
    if (!measure) return null;
    if (measure === 'openResources') return { n: resources.get(`${resourceFormat(ind.computed) ?? ''}|${p.start}|${p.end}`), d: undefined };
    const c = centres.get(`${yearOf(p)}|${p.end}`);
    if (measure === 'participants') return { n: c && c.participants.units > 0 ? c.participants : undefined, d: undefined };
    return { n: c && c.centres.total > 0 ? c.applyingIt : undefined, d: c && c.centres.total > 0 ? c.centres : undefined };
  };
  for (const ind of indicators) {
    if (ind.aggregation !== 'ratio' && ind.aggregation !== 'sum') continue;
    for (const p of periods) {
      const m = models.get(`${learningModelOf(ind.computed)}|${yearOf(p)}|${p.end}`);
      const reg = registry(ind, p);
      const n = reg ? reg.n : learningModelOf(ind.computed) ? m?.recognised : ind.numerator && sums.get(`${ind.numerator.id}|${collectionPeriod(ind.numerator.periodType, p).id}`);
      const d = reg ? reg.d : ind.denominator ? sums.get(`${ind.denominator.id}|${collectionPeriod(ind.denominator.periodType, p).id}`) : m?.registered;
      const v = fromSums(ind, n ? n.total : null, d ? d.total : null);
      out.set(`${ind.code}|${p.id}`, {
        ...v, period: p.id, year: yearOf(p), lineage: lineageOf(p, Boolean(n?.via || d?.via)), approximate: Boolean(n?.approximate || d?.approximate),
        approval: n || d ? { units: Math.max(n?.units ?? 0, d?.units ?? 0), approved: Math.min(n?.approved ?? Infinity, d?.approved ?? Infinity) } : null,
        demo: Boolean(n?.demo || d?.demo), note: endedBefore(unit, p.end) && !n ? 'Đơn vị đã chấm dứt hoạt động; chưa có số liệu của đơn vị kế thừa' : null,
      });
    }
  }

  // Share and level indicators over the universal-education results (yearly, read on 30/09 of the year).
  const standardShares = indicators.filter((i) => i.computed?.kind === 'standard' && i.aggregation === 'share');
  const levelInds = indicators.filter((i) => i.aggregation === 'level');
  const years = [...new Set(periods.map(yearOf))];
  if (standardShares.length) {
    const kids = await kidsWithLevels(db, unit.id, years);
    for (const ind of standardShares) {
      for (const p of periods) {
        const mine = kids.filter((k) => k.year === yearOf(p));
        const s = shareOf(ind.computed!, mine.map((k) => ({ levels: k.levels, value: null })));
        out.set(`${ind.code}|${p.id}`, {
          value: s.value, numerator: s.numerator, denominator: s.denominator, period: p.id, year: yearOf(p), lineage: lineageOf(p, startedAfter(unit, surveyReferenceDate(yearOf(p)))),
          approximate: false, approval: null, demo: false,
          note: mine.length === 0 ? 'Không có đơn vị trực thuộc tại thời điểm này' : shareNote(mine, s.missing),
        });
      }
    }
  }
  if (levelInds.length) {
    const rows = await db.selectFrom('standard_result').select(['year', 'levels']).where('unit_id', '=', unit.id).where('year', 'in', years).execute();
    for (const ind of levelInds) {
      for (const p of periods) {
        const levels = (rows.find((r) => r.year === yearOf(p))?.levels ?? null) as Levels | null;
        out.set(`${ind.code}|${p.id}`, {
          ...levelOf(ind.computed!, levels), period: p.id, year: yearOf(p), lineage: 'hierarchy', approximate: false, approval: null, demo: false,
          note: levels ? null : 'Chưa có kết quả công nhận chuẩn cho đơn vị và năm này',
        });
      }
    }
  }

  // Share indicators over a data element: children whose own total reaches a threshold (e.g. recognised learning districts).
  const elementShares = indicators.filter((i) => i.computed?.kind === 'dataElement' && i.numerator);
  if (elementShares.length) {
    const kidRows = await kidsWithSums(db, unit.id, elementShares.flatMap((ind) => periods.map((p) => ({ year: yearOf(p), period: collectionPeriod(ind.numerator!.periodType, p), element: ind.numerator!.id }))), approvedOnly);
    for (const ind of elementShares) {
      for (const p of periods) {
        const mine = kidRows.filter((k) => k.year === yearOf(p) && k.element === ind.numerator!.id);
        const s = shareOf(ind.computed!, mine.map((k) => ({ levels: null, value: k.total })));
        out.set(`${ind.code}|${p.id}`, {
          value: s.value, numerator: s.numerator, denominator: s.denominator, period: p.id, year: yearOf(p), lineage: lineageOf(p, startedAfter(unit, p.end)),
          approximate: false, approval: null, demo: false, note: mine.length === 0 ? 'Không có đơn vị trực thuộc tại thời điểm này' : shareNote(mine, s.missing),
        });
      }
    }
  }
  return out;
}

function shareNote(kids: readonly { kind: string }[], missing: number): string {
  const kind = kids.some((k) => k.kind === 'district') ? 'huyện' : 'xã';
  return `Tính trên ${kids.length} đơn vị cấp ${kind}${missing ? `; ${missing} đơn vị chưa có số liệu (tính là chưa đạt)` : ''}`;
}

/**
 * One indicator for each child of a unit in a period: drill-down, ranking and the map. Sums and levels are read for
 * all children in one query; a share (of the child's own children) is computed child by child.
 */
export async function childFigures(db: Db, unit: UnitAt, ind: IndicatorDef, period: Period, approvedOnly = false): Promise<{ unit: UnitAt; figure: Figure | null }[]> {
  const year = yearOf(period);
  const date = ind.computed?.kind === 'standard' ? surveyReferenceDate(year) : period.end;
  const kids = (await sql<{ id: string; code: string; name: string; kind: string; valid_from: string | null; valid_to: string | null; levels: Levels | null }>`
    WITH ${childrenOn(unit.id, [{ year, date }])}
    SELECT kids.id::text, kids.code, kids.name, kids.kind, u.valid_from::text, u.valid_to::text, sr.levels FROM kids JOIN org_unit u ON u.id = kids.id
    LEFT JOIN standard_result sr ON sr.unit_id = kids.id AND sr.year = kids.year ORDER BY kids.code`.execute(db)).rows;
  const units = kids.map((k) => ({ unit: { id: k.id, code: k.code, name: k.name, kind: k.kind, validFrom: k.valid_from, validTo: k.valid_to }, levels: k.levels }));
  const base = { period: period.id, year, lineage: 'hierarchy' as const, approximate: false, demo: false };
  if (ind.aggregation === 'level') {
    return units.map((k) => ({ unit: k.unit, figure: { ...levelOf(ind.computed!, k.levels), ...base, approval: null, note: k.levels ? null : 'Chưa có kết quả' } }));
  }
  if (ind.aggregation === 'share' || learningModelOf(ind.computed) || registryMeasure(ind.computed)) {
    return Promise.all(units.map(async (k) => ({ unit: k.unit, figure: (await figures(db, k.unit, [ind], [period], { approvedOnly })).get(`${ind.code}|${period.id}`) ?? null })));
  }
  const elements = [ind.numerator, ind.denominator].filter((e): e is ElementRef => Boolean(e));
  const rows = await rolledUp(db, units.map((k) => k.unit.id), elements.map((e) => e.id), elements.map((e) => collectionPeriod(e.periodType, period).id), approvedOnly);
  const sumOf = (kid: string, el: ElementRef | null) => el ? rows.find((r) => r.unit === kid && r.element === el.id && r.period === collectionPeriod(el.periodType, period).id) : undefined;
  return units.map((k) => {
    const n = sumOf(k.unit.id, ind.numerator), d = sumOf(k.unit.id, ind.denominator);
    if (!n && !d) return { unit: k.unit, figure: null };
    return {
      unit: k.unit,
      figure: {
        ...fromSums(ind, n ? n.total : null, d ? d.total : null), ...base, demo: Boolean(n?.demo || d?.demo), note: null,
        approval: { units: Math.max(n?.units ?? 0, d?.units ?? 0), approved: Math.min(n?.approved ?? Infinity, d?.approved ?? Infinity) },
      },
    };
  });
}

/** Periods of a yearly axis, e.g. for a trend chart from 2020 to 2030. */
export function yearPeriods(from: number, to: number): Period[] {
  const out: Period[] = [];
  for (let y = from; y <= to; y++) out.push(parsePeriod(String(y))!);
  return out;
}
