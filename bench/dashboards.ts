/**
 * `npm run bench -- dashboards`: indicator roll-ups of a synthetic province on an embedded PostgreSQL in a temp dir.
 *
 * Data: a fresh migrated database with the reference data (seedReference: 505 real units and both plans), plus a
 * synthetic province in force over the whole series (1 province + 9 districts + 90 communes, valid from 2008, not
 * ended), 50 indicators (40 ratios over two elements, 6 sums, 3 shares of districts at a universal-education level
 * over standard_result rows, 1 share of districts whose element total reaches a threshold), 67 data elements (10
 * disaggregated by sex) in 4 yearly data sets, a target per indicator for the province in 2025 and 2030, and 10 years
 * (2016–2025) of values for every commune and element, with a data_report per commune, data set and year (older
 * years approved at the last level, recent ones in every state). Values are inserted directly (the reads are measured,
 * not entry validation).
 *
 * Measured (server code as shipped, src/modules/indicators):
 *   - dashboard(db, …) for the province: all 100 targets of the 50 indicators over 2016–2025 (budget ≤ 100 ms), and over
 *     2020–2025 (what GET /api/v1/dashboard asks for: the route has no fromYear), and that request on a listening server
 *     (server time from Fastify's reply.elapsedTime after the body is sent, and the round trip on loopback)
 *   - figures(db, province, [one indicator], [2025]): the roll-up of one indicator across the tree (budget ≤ 20 ms),
 *     for a ratio and for a share; childFigures(province, …) (ranking of its 9 districts); the analytics routes
 *   - SQL statements per call, and EXPLAIN (ANALYZE, BUFFERS) of each of them
 * The same on two copies of the database (CREATE DATABASE … TEMPLATE): "live" — data_rollup replaced by a view that
 * sums the values over the cover on each request (nothing kept, as before 0004_rollup.sql) — and "seqScan" — without
 * data_value_element_period and with enable_indexscan/indexonlyscan/bitmapscan off for every session of the copy
 * (ALTER DATABASE … SET), so that every table is read by sequential scans and joined by hash/merge joins.
 * What keeping the roll-up costs the writers: one value, one approval, a province's year, the map redrawn, each
 * timed with and without the triggers.
 * Then again with the province inside a whole installation's table (BENCH_DASHBOARDS_INSTALLATION=0 skips it): every
 * real seeded commune (449) reports the same elements and years, so the province holds a sixth of data_value.
 * BENCH_DASHBOARD_RUNS (50) and BENCH_ROLLUP_RUNS (100) set the timed runs after 5 warm-up runs.
 * Results: bench/results/dashboards.json. Issue 3 § Performance; architecture.md § Performance budget.
 */
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import { readConfig } from '../src/config.ts';
import { connect, ensureDatabase } from '../src/db/connection.ts';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import type { Database, Db } from '../src/db/schema.ts';
import { buildApp } from '../src/http/app.ts';
import { seedReference } from '../src/cli/seed.ts';
import { upsertUser } from '../src/modules/auth/store.ts';
import { childFigures, figures, loadIndicators, unitById, type IndicatorDef } from '../src/modules/indicators/analytics.ts';
import { dashboard } from '../src/modules/indicators/dashboard.ts';
import { parsePeriod } from '../src/modules/indicators/periods.ts';
import { prng } from './generate.ts';

const TODAY = '2025-12-31';
const YEARS = Array.from({ length: 10 }, (_, i) => 2016 + i);
const DISTRICTS = 9, COMMUNES_PER_DISTRICT = 10, DISAGGREGATED = 10;
const WARM = 5;
const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 50);
const ROLLUP_RUNS = Number(process.env.BENCH_ROLLUP_RUNS ?? 100);
const BUDGET = { dashboardMs: 100, rollupMs: 20 };
const PROVINCE = { code: '99', name: 'Tỉnh Mô Phỏng (chỉ số)' };
const VALID_FROM = '2008-01-01';
const PASSWORD = randomBytes(12).toString('hex');
const USERNAME = 'bench.dashboards';

const ms = (t: number) => Math.round(t * 100) / 100;
const now = () => performance.now();
const quantile = (xs: number[], f: number) => { const s = [...xs].sort((a, b) => a - b); return ms(s[Math.min(s.length - 1, Math.floor(f * s.length))]!); };
const stats = (xs: number[]) => ({ n: xs.length, p50Ms: quantile(xs, 0.5), p95Ms: quantile(xs, 0.95), maxMs: quantile(xs, 1) });
type Stats = ReturnType<typeof stats>;

// ---------------------------------------------------------------------------------------------------------------
// Data

interface Catalogue { numerators: string[]; denominators: string[]; sums: string[]; threshold: string; dataSets: string[][] }

function catalogue(): Catalogue {
  const code = (p: string, i: number) => `${p}${String(i).padStart(2, '0')}`;
  const numerators = Array.from({ length: 40 }, (_, i) => code('BX_N', i + 1));
  const denominators = Array.from({ length: 20 }, (_, i) => code('BX_D', i + 1));
  const sums = Array.from({ length: 6 }, (_, i) => code('BX_S', i + 1));
  const threshold = 'BX_T01';
  // Four yearly data sets; each carries its ratios' numerators and denominators together (as the real forms do).
  const dataSets: string[][] = [[], [], [], []];
  denominators.forEach((d, j) => dataSets[j % 4]!.push(d, numerators[2 * j]!, numerators[2 * j + 1]!));
  sums.forEach((s, k) => dataSets[k % 4]!.push(s));
  dataSets[3]!.push(threshold);
  return { numerators, denominators, sums, threshold, dataSets };
}

/** Inserts rows column-wise through unnest, in chunks. */
async function insertColumns(db: Db, table: string, columns: Record<string, { type: string; values: unknown[] }>) {
  const names = Object.keys(columns);
  const n = columns[names[0]!]!.values.length;
  for (let from = 0; from < n; from += 20_000) {
    const to = Math.min(n, from + 20_000);
    const arrays = names.map((c) => sql`${columns[c]!.values.slice(from, to)}::${sql.raw(columns[c]!.type)}[]`);
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(names.map((c) => sql.ref(c)))}) SELECT * FROM unnest(${sql.join(arrays)})`.execute(db);
  }
}

interface Setup { provinceId: string; districtIds: string[]; communeIds: string[]; volume: Record<string, unknown> }

export async function generate(db: Db): Promise<Setup> {
  const rnd = prng(20251231);
  const cat = catalogue();
  return db.transaction().execute(async (tx) => {
    // Units: in force over the whole series.
    const unit = async (code: string, name: string, kind: string, parent: string | null) =>
      (await tx.insertInto('org_unit').values({ code, name, kind, parent_id: parent, valid_from: VALID_FROM, source: 'bench' }).returning('id').executeTakeFirstOrThrow()).id;
    const provinceId = await unit(PROVINCE.code, PROVINCE.name, 'province', null);
    const districtIds: string[] = [], communeIds: string[] = [];
    for (let d = 1; d <= DISTRICTS; d++) {
      const did = await unit(`99${d}`, `Huyện Mô Phỏng ${d}`, 'district', provinceId);
      districtIds.push(did);
      for (let c = 1; c <= COMMUNES_PER_DISTRICT; c++) communeIds.push(await unit(`99${d}${String(c).padStart(2, '0')}`, `Xã Mô Phỏng ${d}.${c}`, 'commune', did));
    }
    await sql`SELECT refresh_org_unit_cover()`.execute(tx);

    // Data elements and data sets.
    const disaggregated = new Set(cat.numerators.slice(0, DISAGGREGATED));
    const elementId = new Map<string, string>();
    for (const code of [...cat.denominators, ...cat.numerators, ...cat.sums, cat.threshold]) {
      const row = await tx.insertInto('data_element').values({
        code, name: `Phần tử mô phỏng ${code}`, value_type: 'count', categories: disaggregated.has(code) ? ['sex'] : [],
        about_people: !cat.sums.includes(code) && code !== cat.threshold, source: 'bench',
      }).returning('id').executeTakeFirstOrThrow();
      elementId.set(code, row.id);
    }
    const dataSetIds: string[] = [];
    for (const [k, elements] of cat.dataSets.entries()) {
      const ds = await tx.insertInto('data_set').values({ code: `BX_DS${k + 1}`, name: `Báo cáo năm mô phỏng ${k + 1}`, period_type: 'year', unit_kinds: ['commune'], deadline_days: -30 })
        .returning('id').executeTakeFirstOrThrow();
      dataSetIds.push(ds.id);
      await tx.insertInto('data_set_element').values(elements.map((e, position) => ({ data_set_id: ds.id, data_element_id: elementId.get(e)!, position }))).execute();
    }

    // Indicators: 40 ratios (two numerators per denominator), 6 sums, 3 shares over standard levels, 1 share over an element.
    const indicators: { code: string; aggregation: string; numerator: string | null; denominator: string | null; factor: number; computed: object | null; unitLabel: string; target: [number, number] }[] = [];
    cat.numerators.forEach((n, i) => indicators.push({ code: `BX_R${String(i + 1).padStart(2, '0')}`, aggregation: 'ratio', numerator: n, denominator: cat.denominators[Math.floor(i / 2)]!, factor: 100, computed: null, unitLabel: '%', target: [80 + (i % 10), 90 + (i % 8)] }));
    cat.sums.forEach((s, k) => indicators.push({ code: `BX_C${k + 1}`, aggregation: 'sum', numerator: s, denominator: null, factor: 1, computed: null, unitLabel: 'đơn vị', target: [9000 + 100 * k, 11000 + 100 * k] }));
    (['primary', 'lowerSecondary', 'literacy'] as const).forEach((standard, k) => indicators.push({ code: `BX_P${k + 1}`, aggregation: 'share', numerator: null, denominator: null, factor: 1, computed: { kind: 'standard', standard, level: 2 }, unitLabel: '%', target: [80, 100] }));
    indicators.push({ code: 'BX_P4', aggregation: 'share', numerator: cat.threshold, denominator: null, factor: 1, computed: { kind: 'dataElement', threshold: 12 }, unitLabel: '%', target: [70, 100] });
    for (const ind of indicators) {
      const row = await tx.insertInto('indicator').values({
        code: ind.code, name: `Chỉ số mô phỏng ${ind.code}`, aggregation: ind.aggregation, numerator_id: ind.numerator && elementId.get(ind.numerator)!,
        denominator_id: ind.denominator && elementId.get(ind.denominator)!, factor: ind.factor, computed: ind.computed ? JSON.stringify(ind.computed) : null,
        unit_label: ind.unitLabel, decimals: 1, verified: 'V',
      } as never).returning('id').executeTakeFirstOrThrow();
      for (const [k, year] of [2025, 2030].entries()) {
        await tx.insertInto('target').values({
          indicator_id: row.id, unit_id: provinceId, year, value: ind.target[k]!, comparator: '>=', document: '99/KH-UBND (mô phỏng)', clause: `II.${indicators.indexOf(ind) + 1}`,
          text: `Chỉ số ${ind.code} đạt ${ind.target[k]} ${ind.unitLabel} vào năm ${year}`, verified: 'V',
        } as never).execute();
      }
    }

    await valuesAndReports(tx, communeIds, rnd);

    // Universal-education levels of every unit and year (what the share indicators read for the districts).
    const s = { unit_id: [] as string[], year: [] as number[], levels: [] as string[] };
    for (const u of [provinceId, ...districtIds, ...communeIds]) for (const [y, year] of YEARS.entries()) {
      const lvl = (max: number) => Math.min(max, 1 + Math.floor(rnd() * (1.6 + y * 0.15)));
      s.unit_id.push(u); s.year.push(year);
      s.levels.push(JSON.stringify({ preschool5: lvl(1), primary: lvl(3), lowerSecondary: lvl(3), literacy: lvl(2) }));
    }
    await sql`INSERT INTO standard_result (unit_id, year, rule_set, levels, result)
      SELECT u, y, 'bench', l::jsonb, '{}'::jsonb FROM unnest(${s.unit_id}::bigint[], ${s.year}::int[], ${s.levels}::text[]) AS t(u, y, l)`.execute(tx);

    return { provinceId, districtIds, communeIds, volume: { ratioIndicators: 40, sumIndicators: 6, shareIndicators: 4, disaggregatedElements: disaggregated.size } };
  });
}

/**
 * Values of every commune, element and year (denominators grow with the population, numerators are rates of them;
 * the disaggregated numerators also get their sex breakdown beside the '' total), and a report per commune, data set
 * and year: ≤ 2022 approved at the last level, then a mix, 2025 mostly open.
 */
async function valuesAndReports(tx: Db, communeIds: readonly string[], rnd: () => number) {
  const cat = catalogue();
  const elementId = new Map((await tx.selectFrom('data_element').select(['id', 'code']).where('code', 'like', 'BX\\_%').execute()).map((e) => [e.code, e.id]));
  const dataSetIds = (await tx.selectFrom('data_set').select('id').where('code', 'like', 'BX\\_DS%').orderBy('code').execute()).map((d) => d.id);
  const disaggregated = new Set(cat.numerators.slice(0, DISAGGREGATED));
    const v = { unit_id: [] as string[], data_element_id: [] as string[], period: [] as string[], disaggregation: [] as string[], value: [] as number[] };
    const push = (u: string, e: string, p: string, dis: string, value: number) => { v.unit_id.push(u); v.data_element_id.push(elementId.get(e)!); v.period.push(p); v.disaggregation.push(dis); v.value.push(value); };
    for (const u of communeIds) {
      const population = 3000 + Math.floor(rnd() * 22000);
      const shares = cat.denominators.map(() => 0.05 + rnd() * 0.55);
      const start = cat.numerators.map(() => 0.35 + rnd() * 0.5);
      const slope = cat.numerators.map(() => rnd() * 0.03);
      const sumBase = cat.sums.map(() => 20 + rnd() * 150);
      for (const [y, year] of YEARS.entries()) {
        const p = String(year);
        const grown = population * Math.pow(1.012, y);
        const den = shares.map((s) => Math.round(grown * s));
        cat.denominators.forEach((d, j) => push(u, d, p, '', den[j]!));
        cat.numerators.forEach((n, i) => {
          const rate = Math.min(1, Math.max(0, start[i]! + slope[i]! * y + (rnd() - 0.5) * 0.04));
          const total = Math.round(den[Math.floor(i / 2)]! * rate);
          push(u, n, p, '', total);
          if (disaggregated.has(n)) {
            const male = Math.round(total * (0.46 + rnd() * 0.08));
            push(u, n, p, 'sex:male', male);
            push(u, n, p, 'sex:female', total - male);
          }
        });
        cat.sums.forEach((s, k) => push(u, s, p, '', Math.round(sumBase[k]! * (1 + 0.03 * y) + rnd() * 10)));
        push(u, cat.threshold, p, '', Math.floor(rnd() * (1 + y / 3)));
      }
    }
    await insertColumns(tx, 'data_value', {
      unit_id: { type: 'bigint', values: v.unit_id }, data_element_id: { type: 'bigint', values: v.data_element_id }, period: { type: 'text', values: v.period },
      disaggregation: { type: 'text', values: v.disaggregation }, value: { type: 'numeric', values: v.value },
    });

    const r = { data_set_id: [] as string[], unit_id: [] as string[], period: [] as string[], status: [] as string[], approved_level: [] as (string | null)[], final: [] as boolean[], due_on: [] as string[], submitted_at: [] as (string | null)[] };
    for (const u of communeIds) for (const ds of dataSetIds) for (const year of YEARS) {
      const x = rnd();
      const [status, level, final] = year <= 2022 ? ['approved', 'province', true]
        : year === 2023 ? (x < 0.9 ? ['approved', 'province', true] : ['approved', 'district', false])
          : year === 2024 ? (x < 0.6 ? ['approved', 'province', true] : x < 0.8 ? ['approved', 'district', false] : ['submitted', null, false])
            : (x < 0.2 ? ['approved', 'district', false] : x < 0.5 ? ['submitted', null, false] : ['open', null, false]);
      r.data_set_id.push(ds); r.unit_id.push(u); r.period.push(String(year)); r.status.push(status as string); r.approved_level.push(level as string | null);
      r.final.push(final as boolean); r.due_on.push(`${year}-12-01`); r.submitted_at.push(status === 'open' ? null : `${year}-11-20T08:00:00+07:00`);
    }
    await insertColumns(tx, 'data_report', {
      data_set_id: { type: 'bigint', values: r.data_set_id }, unit_id: { type: 'bigint', values: r.unit_id }, period: { type: 'text', values: r.period }, status: { type: 'text', values: r.status },
      approved_level: { type: 'text', values: r.approved_level }, final: { type: 'boolean', values: r.final }, due_on: { type: 'date', values: r.due_on }, submitted_at: { type: 'timestamptz', values: r.submitted_at },
    });
}

async function volumeOf(db: Db, provinceId: string) {
  const one = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await q.execute(db)).rows[0]!.n);
  const inProvince = sql`unit_id IN (SELECT unit_id FROM org_unit_cover WHERE ancestor_id = ${provinceId})`;
  const size = async (rel: string) => Math.round(Number((await sql<{ b: string }>`SELECT pg_total_relation_size(${rel}::regclass) AS b`.execute(db)).rows[0]!.b) / 1024);
  return {
    provinceUnits: await one(sql`SELECT count(*) AS n FROM org_unit_cover WHERE ancestor_id = ${provinceId}`),
    allUnits: await one(sql`SELECT count(*) AS n FROM org_unit`),
    orgUnitCoverRows: await one(sql`SELECT count(*) AS n FROM org_unit_cover`),
    dataElements: await one(sql`SELECT count(*) AS n FROM data_element WHERE code LIKE 'BX\\_%'`),
    indicators: await one(sql`SELECT count(*) AS n FROM indicator WHERE code LIKE 'BX\\_%'`),
    dataSets: await one(sql`SELECT count(*) AS n FROM data_set WHERE code LIKE 'BX\\_%'`),
    targets: await one(sql`SELECT count(*) AS n FROM target WHERE unit_id = ${provinceId}`),
    /** the shipped catalogue (data/indicators, loaded by seedReference) in the same database: definitions and targets, no values */
    referenceCatalogue: {
      dataElements: await one(sql`SELECT count(*) AS n FROM data_element WHERE code NOT LIKE 'BX\\_%'`),
      indicators: await one(sql`SELECT count(*) AS n FROM indicator WHERE code NOT LIKE 'BX\\_%'`),
      targets: await one(sql`SELECT count(*) AS n FROM target WHERE unit_id IS DISTINCT FROM ${provinceId}`),
    },
    years: `${YEARS[0]}–${YEARS[YEARS.length - 1]}`,
    dataValueRows: await one(sql`SELECT count(*) AS n FROM data_value`),
    dataValueRowsInProvince: await one(sql`SELECT count(*) AS n FROM data_value WHERE ${inProvince}`),
    dataValueTotalsRows: await one(sql`SELECT count(*) AS n FROM data_value WHERE disaggregation = ''`),
    dataReportRows: await one(sql`SELECT count(*) AS n FROM data_report`),
    dataReportFinal: await one(sql`SELECT count(*) AS n FROM data_report WHERE final`),
    standardResultRows: await one(sql`SELECT count(*) AS n FROM standard_result`),
    sizesKB: {
      dataValueTable: Math.round(Number((await sql<{ b: string }>`SELECT pg_relation_size('data_value') AS b`.execute(db)).rows[0]!.b) / 1024),
      dataValueWithIndexes: await size('data_value'), dataValuePkey: await size('data_value_pkey'), dataValueElementPeriod: await size('data_value_element_period'),
      dataReport: await size('data_report'), orgUnitCover: await size('org_unit_cover'),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Measurement

/** A Kysely on its own pool that counts statements and can record them (with parameters) for EXPLAIN. */
function instrumented(url: string, max = 4) {
  const pool = new pg.Pool({ connectionString: url, max });
  const state = { count: 0, capture: null as null | { sql: string; parameters: readonly unknown[]; ms: number }[] };
  const log = (e: LogEvent) => {
    state.count++;
    state.capture?.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
  };
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log }), state };
}


/** The statement a query comes from in analytics.ts / dashboard.ts / store.ts, by its text. */
function label(q: string): string {
  if (/from "target"/.test(q)) return /"p"\."number" =/.test(q) ? 'listTargets(national plan)' : 'listTargets(unit ids)';
  if (/from "indicator"/.test(q)) return 'loadIndicators';
  if (/from "org_unit" where "id" =/.test(q)) return 'unitById';
  if (/FROM data_rollup\s+WHERE ancestor_id = ANY/.test(q)) return 'rolledUp (totals of ratio/sum elements)';
  if (/WITH k AS/.test(q)) return 'summedLive (ratio/sum summed on request)';
  if (/sr\.levels FROM kids\s+LEFT JOIN standard_result/.test(q)) return 'kidsWithLevels (share over standard)';
  if (/w\.element::text AS element/.test(q)) return 'kidsWithSums (share over element)';
  if (/u\.valid_from::text/.test(q)) return 'childFigures: children';
  if (/from "standard_result"/.test(q)) return 'levels (level indicators)';
  return q.replace(/\s+/g, ' ').slice(0, 60);
}

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Actual Total Time'?: number; 'Actual Loops'?: number; 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number; Plans?: PlanNode[] }

function planSummary(plan: { Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }) {
  const scans = new Map<string, number>();
  const walk = (n: PlanNode) => {
    if (n['Relation Name']) {
      const key = `${n['Node Type']} on ${n['Relation Name']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}`;
      scans.set(key, (scans.get(key) ?? 0) + (n['Actual Loops'] ?? 1));
    }
    n.Plans?.forEach(walk);
  };
  walk(plan.Plan);
  return {
    topNode: plan.Plan['Node Type'], planningMs: ms(plan['Planning Time']), executionMs: ms(plan['Execution Time']),
    sharedHitBlocks: plan.Plan['Shared Hit Blocks'] ?? 0, sharedReadBlocks: plan.Plan['Shared Read Blocks'] ?? 0,
    scans: [...scans].map(([k, loops]) => (loops > 1 ? `${k} (×${loops})` : k)),
  };
}

async function explain(db: Db, q: { sql: string; parameters: readonly unknown[] }) {
  for (let k = 0; k < 2; k++) await db.executeQuery(CompiledQuery.raw(q.sql, [...q.parameters])); // warm
  const res = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }] }>(
    CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, [...q.parameters]));
  return planSummary(res.rows[0]!['QUERY PLAN'][0]);
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement; repeats of one statement (a share child by child) are grouped. */
async function explainAll(db: Db, statements: readonly { sql: string; parameters: readonly unknown[] }[]) {
  const groups = new Map<string, ReturnType<typeof planSummary>[]>();
  for (const q of statements) {
    const l = label(q.sql);
    groups.set(l, [...(groups.get(l) ?? []), await explain(db, q)]);
  }
  return [...groups].map(([statement, plans]) => {
    const mean = (f: (p: (typeof plans)[number]) => number) => ms(plans.reduce((a, p) => a + f(p), 0) / plans.length);
    return { statement, ...(plans.length > 1 ? { count: plans.length, note: 'times are the mean of the repeats; plan of the first' } : {}), ...plans[0]!, planningMs: mean((p) => p.planningMs), executionMs: mean((p) => p.executionMs) };
  });
}

type Operation = 'dashboard10y' | 'dashboard6y' | 'rollupRatio' | 'rollupShare' | 'childrenRatio' | 'childrenShareStandard' | 'childrenShareElement';
const RATIO = 'BX_R01', SHARE = 'BX_P1', ELEMENT_SHARE = 'BX_P4';
type Captured = Map<Operation, { sql: string; parameters: readonly unknown[] }[]>;

interface Runs { warm: number; dashboard: number; rollup: number }
interface Variant { name: 'indexed' | 'live' | 'seqScan'; database: string; description: string; runs: Runs }

async function timeRuns(f: () => Promise<unknown>, warm: number, runs: number): Promise<Stats> {
  for (let k = 0; k < warm; k++) await f();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) { const t = now(); await f(); times.push(now() - t); }
  return stats(times);
}

async function measureVariant(server: EmbeddedServer, variant: Variant, provinceId: string, captured?: Captured) {
  const url = server.url(variant.database);
  const { db, state } = instrumented(url);
  const { db: appDb, state: appState } = instrumented(url, 10);
  const out: Record<string, any> = { description: variant.description, runs: variant.runs, loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100) };
  try {
    const settings = (await sql<{ name: string; setting: string }>`SELECT name, setting FROM pg_settings WHERE name IN ('enable_indexscan', 'enable_indexonlyscan', 'enable_bitmapscan')`.execute(db)).rows;
    const indexes = (await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE tablename = 'data_value' ORDER BY 1`.execute(db)).rows.map((r) => r.indexname);
    out.settings = { ...Object.fromEntries(settings.map((s) => [s.name, s.setting])), dataValueIndexes: indexes };

    const unit = (await unitById(db, provinceId))!;
    const [ratio, share, elementShare] = (await Promise.all([RATIO, SHARE, ELEMENT_SHARE].map(async (c) => (await loadIndicators(db, [c]))[0]!))) as [IndicatorDef, IndicatorDef, IndicatorDef];
    const p2025 = parsePeriod('2025')!;

    const ops: Record<Operation, () => Promise<unknown>> = {
      dashboard10y: () => dashboard(db, { unit, today: TODAY, fromYear: YEARS[0]! }),
      dashboard6y: () => dashboard(db, { unit, today: TODAY }),
      rollupRatio: () => figures(db, unit, [ratio], [p2025]),
      rollupShare: () => figures(db, unit, [share], [p2025]),
      childrenRatio: () => childFigures(db, unit, ratio, p2025),
      childrenShareStandard: () => childFigures(db, unit, share, p2025),
      childrenShareElement: () => childFigures(db, unit, elementShare, p2025),
    };
    const direct: Record<string, any> = {};
    for (const [name, f] of Object.entries(ops) as [Operation, () => Promise<unknown>][]) {
      const s = await timeRuns(f, variant.runs.warm, name.startsWith('dashboard') ? variant.runs.dashboard : variant.runs.rollup);
      // One more run, counted and recorded statement by statement.
      state.count = 0;
      state.capture = [];
      const t = now();
      const result = await f();
      const wall = now() - t;
      const statements = state.capture;
      state.capture = null;
      const byLabel = new Map<string, { n: number; ms: number }>();
      for (const q of statements) { const l = label(q.sql); const e = byLabel.get(l) ?? { n: 0, ms: 0 }; e.n++; e.ms += q.ms; byLabel.set(l, e); }
      const sqlMs = statements.reduce((a, q) => a + q.ms, 0);
      const check = name.startsWith('dashboard')
        ? (() => { const items = (result as { items: { current: unknown; series: unknown[] }[] }).items; return { items: items.length, itemsWithCurrentValue: items.filter((i) => i.current !== null).length, seriesPoints: items.reduce((a, i) => a + i.series.length, 0) }; })()
        : name.startsWith('rollup') ? { value: [...(result as Map<string, { value: number | null }>).values()][0]?.value ?? null }
          : { children: (result as unknown[]).length, withFigure: (result as { figure: unknown }[]).filter((r) => r.figure !== null).length };
      direct[name] = {
        ...s, statements: state.count, statementMs: ms(sqlMs), wallMsOfCountedRun: ms(wall),
        byStatement: Object.fromEntries([...byLabel].map(([l, e]) => [l, e.n === 1 ? ms(e.ms) : `${e.n} × ${ms(e.ms / e.n)} ms`])), check,
      };
      if (captured && !captured.has(name)) captured.set(name, statements.map((q) => ({ sql: q.sql, parameters: q.parameters })));
      console.log(`  ${variant.name.padEnd(13)} ${name.padEnd(22)} p50 ${String(s.p50Ms).padStart(8)} ms  p95 ${String(s.p95Ms).padStart(8)} ms  max ${String(s.maxMs).padStart(8)} ms  (${state.count} statements, ${ms(sqlMs)} ms in SQL)`);
    }
    out.direct = direct;

    // Through HTTP on a listening server: server time after the body is sent (reply.elapsedTime), and the round trip.
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xhht-bench-dash-app-'));
    const app = await buildApp({ db: appDb, config: { ...readConfig({}), dataDir, today: TODAY }, databaseMode: 'embedded', version: 'bench' });
    const serverMs = new Map<string, number[]>();
    app.addHook('onResponse', async (req, reply) => {
      const key = req.url.split('?')[0]!;
      serverMs.set(key, [...(serverMs.get(key) ?? []), reply.elapsedTime]);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: USERNAME, password: PASSWORD }) });
      if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const paths: Record<string, string> = {
        dashboard: `/api/v1/dashboard?unitId=${provinceId}`,
        analyticsRatio: `/api/v1/analytics?indicator=${RATIO}&unitId=${provinceId}&period=2025`,
        analyticsChildrenRatio: `/api/v1/analytics/children?indicator=${RATIO}&unitId=${provinceId}&period=2025`,
      };
      const http: Record<string, unknown> = {};
      for (const [name, p] of Object.entries(paths)) {
        const key = p.split('?')[0]!;
        const runs = name === 'dashboard' ? variant.runs.dashboard : variant.runs.rollup;
        const roundTrip: number[] = [];
        let bytes = 0;
        for (let k = 0; k < variant.runs.warm + runs; k++) {
          const t = now();
          const res = await fetch(base + p, { headers: { cookie } });
          const body = await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${p}: ${res.status} ${Buffer.from(body).toString()}`);
          if (k >= variant.runs.warm) roundTrip.push(now() - t);
          bytes = body.byteLength;
        }
        await new Promise((r) => setTimeout(r, 20)); // the last onResponse hook
        const server = stats(serverMs.get(key)!.slice(-runs));
        // One more request, its statements counted (session, scope and the route's own).
        appState.count = 0;
        appState.capture = [];
        const t = now();
        await (await fetch(base + p, { headers: { cookie } })).arrayBuffer();
        const wall = now() - t;
        const statements = appState.capture;
        appState.capture = null;
        const byStatement = statements.map((q) => `${label(q.sql)}: ${ms(q.ms)} ms`);
        http[name] = { path: p, responseBytes: bytes, statements: appState.count, server, roundTrip: stats(roundTrip), countedRequest: { wallMs: ms(wall), statementMs: ms(statements.reduce((a, q) => a + q.ms, 0)), byStatement } };
        console.log(`  ${variant.name.padEnd(13)} GET ${name.padEnd(18)} server p50 ${String(server.p50Ms).padStart(8)} ms  p95 ${String(server.p95Ms).padStart(8)} ms  (round trip p50 ${quantile(roundTrip, 0.5)} ms, ${bytes} bytes)`);
      }
      out.http = http;
    } finally {
      await app.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
    return out;
  } finally {
    await db.destroy();
    await appDb.destroy();
  }
}

/**
 * What the roll-up costs the writers (0004_rollup.sql): each statement timed inside BEGIN … ROLLBACK on a copy of
 * the database, with the triggers (as shipped) and without them (session_replication_role = replica disables
 * ordinary triggers for the session), so the difference is the maintenance of data_rollup.
 */
async function writeCosts(server: EmbeddedServer, admin: pg.Client, provinceId: string) {
  console.log('-- what keeping the roll-up costs the writes (BEGIN … ROLLBACK on a copy, with and without the triggers)');
  await admin.query('DROP DATABASE IF EXISTS dash_writes');
  await admin.query('CREATE DATABASE dash_writes TEMPLATE dash');
  const client = new pg.Client({ connectionString: server.url('dash_writes') });
  await client.connect();
  try {
    const one = async (q: string, params: unknown[] = []) => (await client.query(q, params)).rows[0];
    const commune = (await one(`SELECT c.unit_id AS id FROM org_unit_cover c JOIN org_unit u ON u.id = c.unit_id WHERE c.ancestor_id = $1 AND u.kind = 'commune' ORDER BY 1 LIMIT 1`, [provinceId])).id as string;
    const report = await one(`SELECT data_set_id, unit_id, period FROM data_report WHERE unit_id = $1 AND period = '2025' LIMIT 1`, [commune]);
    const element = (await one(`SELECT data_element_id AS id FROM data_set_element WHERE data_set_id = $1 LIMIT 1`, [report.data_set_id])).id as string;
    const statements: Record<string, { sql: string; params: unknown[]; runs: number; rows: string }> = {
      oneValue: { sql: `UPDATE data_value SET value = value + 1 WHERE unit_id = $1 AND data_element_id = $2 AND period = '2025' AND disaggregation = ''`, params: [commune, element], runs: 50, rows: 'one value of one commune (a cell saved in the entry form)' },
      oneReportApproval: { sql: `UPDATE data_report SET final = NOT final WHERE data_set_id = $1 AND unit_id = $2 AND period = $3`, params: [report.data_set_id, report.unit_id, report.period], runs: 50, rows: 'one report approved at the last level (or unapproved): its values move between the approved columns' },
      provinceYear: { sql: `UPDATE data_value SET value = value + 1 WHERE period = '2025' AND unit_id IN (SELECT unit_id FROM org_unit_cover WHERE ancestor_id = $1)`, params: [provinceId], runs: 5, rows: "a year's values of the whole province rewritten (an import of every commune's template)" },
      mapRedrawn: { sql: `SELECT refresh_org_unit_cover()`, params: [], runs: 3, rows: 'the cover rebuilt after a change of the map: the whole roll-up is rebuilt' },
    };
    const out: Record<string, unknown> = {};
    for (const [name, st] of Object.entries(statements)) {
      const time = async (triggers: boolean) => {
        const xs: number[] = [];
        let affected = 0;
        for (let k = 0; k < st.runs + 1; k++) {
          await client.query('BEGIN');
          if (!triggers) await client.query('SET LOCAL session_replication_role = replica');
          const t = now();
          affected = (await client.query(st.sql, st.params)).rowCount ?? 0;
          if (k > 0) xs.push(now() - t); // the first run warms the caches
          await client.query('ROLLBACK');
        }
        return { ...stats(xs), affectedRows: affected };
      };
      const withTriggers = await time(true), without = await time(false);
      out[name] = { what: st.rows, withRollup: withTriggers, withoutRollup: without, extraP50Ms: ms(withTriggers.p50Ms - without.p50Ms) };
      console.log(`  ${name.padEnd(18)} with roll-up p50 ${String(withTriggers.p50Ms).padStart(8)} ms, without ${String(without.p50Ms).padStart(8)} ms  (${withTriggers.affectedRows} rows)`);
    }
    return out;
  } finally {
    await client.end();
    await admin.query('DROP DATABASE IF EXISTS dash_writes');
  }
}

/** The three variants of the database as it stands now in `dash`: measured, explained, compared. */
async function scenario(server: EmbeddedServer, admin: pg.Client, provinceId: string, runs: Record<Variant['name'], Runs>) {
  for (const name of ['dash_live', 'dash_seqscan']) {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE dash`);
  }
  {
    // Nothing kept: the same code reads a view that sums the values over the cover on every request (what the
    // roll-up was before 0004), its conditions on ancestor, element and period pushed into the grouping.
    const db = connect(server.url('dash_live'), 1);
    await sql`DROP TABLE data_rollup`.execute(db);
    await sql`CREATE VIEW data_rollup AS
      SELECT c.ancestor_id, v.data_element_id, v.period, sum(v.value) AS total, count(*)::int AS units,
             (count(*) FILTER (WHERE c.via_succession))::int AS via_units, (count(*) FILTER (WHERE c.approximate))::int AS approximate_units,
             (count(*) FILTER (WHERE r.demo))::int AS demo_units,
             coalesce(sum(v.value) FILTER (WHERE r.final), 0) AS approved_total, (count(*) FILTER (WHERE r.final))::int AS approved_units,
             (count(*) FILTER (WHERE r.final AND c.via_succession))::int AS approved_via_units,
             (count(*) FILTER (WHERE r.final AND c.approximate))::int AS approved_approximate_units,
             (count(*) FILTER (WHERE r.final AND r.demo))::int AS approved_demo_units
      FROM org_unit_cover c JOIN data_value v ON v.unit_id = c.unit_id AND v.disaggregation = ''
      LEFT JOIN data_value_report r ON r.unit_id = v.unit_id AND r.data_element_id = v.data_element_id AND r.period = v.period
      GROUP BY c.ancestor_id, v.data_element_id, v.period`.execute(db);
    await db.destroy();
  }
  {
    const db = connect(server.url('dash_seqscan'), 1);
    await sql`DROP INDEX data_value_element_period`.execute(db);
    await db.destroy();
    for (const s of ['enable_indexscan', 'enable_indexonlyscan', 'enable_bitmapscan']) await admin.query(`ALTER DATABASE dash_seqscan SET ${s} = off`);
  }

  const variants: Variant[] = [
    { name: 'indexed', database: 'dash', runs: runs.indexed, description: 'schema as migrated: totals read from data_rollup by its primary key (ancestor, element, period); data_value primary key and data_value_element_period for what is summed on request; org_unit_cover, data_report, standard_result primary keys' },
    { name: 'live', database: 'dash_live', runs: runs.live, description: 'copy (CREATE DATABASE … TEMPLATE) where data_rollup is a view summing the values over the cover on each request: every index kept, nothing precomputed (the roll-up before 0004_rollup.sql)' },
    { name: 'seqScan', database: 'dash_seqscan', runs: runs.seqScan, description: 'naive plan: copy without data_value_element_period and with enable_indexscan, enable_indexonlyscan and enable_bitmapscan off for every session (ALTER DATABASE … SET): every table (data_rollup too) read by sequential scan, joined by hash, merge or nested-loop joins' },
  ];
  const captured: Captured = new Map();
  const results: Record<string, Record<string, any>> = {};
  for (const v of variants) {
    console.log(`-- ${v.name}: ${v.description}`);
    results[v.name] = await measureVariant(server, v, provinceId, v.name === 'indexed' ? captured : undefined);
  }

  // EXPLAIN (ANALYZE, BUFFERS) of the statements of each operation: the same text and parameters on every variant.
  const plans: Record<string, Record<string, unknown>> = {};
  for (const op of ['dashboard10y', 'rollupRatio', 'rollupShare', 'childrenRatio', 'childrenShareElement'] as Operation[]) {
    plans[op] = {};
    for (const v of variants) {
      const vdb = connect(server.url(v.database), 1);
      try { plans[op]![v.name] = await explainAll(vdb, captured.get(op)!); } finally { await vdb.destroy(); }
    }
  }
  const p = (v: string, op: string) => results[v]!.direct[op] as Stats;
  const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
  const naive: Record<string, Record<string, number>> = {};
  for (const v of ['live', 'seqScan']) {
    naive[v] = Object.fromEntries(Object.keys(results.indexed!.direct).map((op) => [op, ratio(p(v, op).p50Ms, p('indexed', op).p50Ms)]));
    for (const h of ['dashboard', 'analyticsRatio', 'analyticsChildrenRatio']) naive[v]![`http ${h}`] = ratio((results[v]!.http[h].server as Stats).p50Ms, (results.indexed!.http[h].server as Stats).p50Ms);
  }

  const ops = Object.keys(results.indexed!.direct);
  const rows: string[][] = [['p50 / p95 ms', ...variants.map((v) => v.name), 'live ÷ indexed', 'seqScan ÷ indexed (p50)']];
  for (const op of ops) rows.push([op, ...variants.map((v) => `${p(v.name, op).p50Ms} / ${p(v.name, op).p95Ms}`), `${naive.live![op]}×`, `${naive.seqScan![op]}×`]);
  for (const h of ['dashboard', 'analyticsRatio', 'analyticsChildrenRatio']) {
    rows.push([`GET ${h} (server)`, ...variants.map((v) => { const s = results[v.name]!.http[h].server as Stats; return `${s.p50Ms} / ${s.p95Ms}`; }), `${naive.live![`http ${h}`]}×`, `${naive.seqScan![`http ${h}`]}×`]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log('\n' + rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n') + '\n');
  return { results, naiveRatios: naive, explain: plans };
}

function codeVersion() {
  const root = new URL('../', import.meta.url);
  const git = (...args: string[]) => { try { return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim(); } catch { return null; } };
  const files = ['src/modules/indicators/analytics.ts', 'src/modules/indicators/dashboard.ts', 'src/modules/indicators/store.ts', 'src/db/migrations/0003_indicators.sql', 'src/db/migrations/0004_rollup.sql'];
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    files: Object.fromEntries(files.map((f) => [f, { changedSinceCommit: git('diff', '--quiet', 'HEAD', '--', f) === null, sha256: createHash('sha256').update(readFileSync(new URL(f, root))).digest('hex').slice(0, 12) }])),
  };
}

// ---------------------------------------------------------------------------------------------------------------

export async function benchDashboards(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xhht-bench-dashboards-'));
  const server = await startEmbedded(dir, 47000 + Math.floor(Math.random() * 1000));
  const loadBefore = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const admin = new pg.Client({ connectionString: server.url() });
  try {
    await admin.connect();
    const postgres = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
    const pgSettings = Object.fromEntries((await admin.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit', 'max_parallel_workers_per_gather')`)).rows
      .map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting]));

    // The indexed database: migrated, reference data, the synthetic province, vacuumed and analysed.
    await ensureDatabase(server.url(), 'dash');
    let db = connect(server.url('dash'), 4);
    let t0 = now();
    await migrate(db);
    await seedReference(db);
    const setup = await generate(db);
    await upsertUser(db, null, { username: USERNAME, displayName: 'Bench dashboards', role: 'coordinator', password: PASSWORD, scopeUnitIds: [setup.provinceId] });
    await sql`VACUUM ANALYZE`.execute(db); // what autovacuum does after a bulk load; index-only scans need the visibility map
    const volume = { ...(await volumeOf(db, setup.provinceId)), ...setup.volume, setUpMs: ms(now() - t0) };
    await db.destroy();
    console.log(`data: ${volume.provinceUnits} units in the province, ${volume.indicators} indicators, ${volume.targets} targets, ${volume.dataValueRows.toLocaleString('en')} data_value rows (${volume.dataValueTotalsRows.toLocaleString('en')} totals), ${volume.dataReportRows.toLocaleString('en')} data_report rows, ${volume.standardResultRows} standard_result rows; ${volume.setUpMs} ms to set up\n`);

    const full: Runs = { warm: WARM, dashboard: RUNS, rollup: ROLLUP_RUNS };
    // The variants without the roll-up take seconds per call: fewer runs there.
    const few: Runs = { warm: 2, dashboard: Math.min(RUNS, 10), rollup: Math.min(ROLLUP_RUNS, 20) };
    const province = await scenario(server, admin, setup.provinceId, { indexed: full, live: few, seqScan: few });
    const writes = await writeCosts(server, admin, setup.provinceId);
    console.log('');

    // The same province in a whole installation's table: every real seeded commune (old and new, 449) reports the
    // same elements over the same years, so the province holds a fifth of data_value.
    let installation: Record<string, unknown> | undefined;
    if (process.env.BENCH_DASHBOARDS_INSTALLATION !== '0') {
      db = connect(server.url('dash'), 4);
      t0 = now();
      const others = (await db.selectFrom('org_unit').select('id').where('kind', '=', 'commune').where((eb) => eb.or([eb('source', 'is', null), eb('source', '<>', 'bench')])).orderBy('id').execute()).map((r) => r.id);
      await db.transaction().execute((tx) => valuesAndReports(tx, others, prng(7)));
      await sql`VACUUM ANALYZE`.execute(db);
      const bigVolume = { ...(await volumeOf(db, setup.provinceId)), otherCommunesReporting: others.length, setUpMs: ms(now() - t0) };
      await db.destroy();
      console.log(`\n== installation: + ${others.length} real communes reporting the same elements: ${bigVolume.dataValueRows.toLocaleString('en')} data_value rows (${bigVolume.dataValueRowsInProvince.toLocaleString('en')} of the province)\n`);
      const big = await scenario(server, admin, setup.provinceId, { indexed: full, live: few, seqScan: few });
      const bigWrites = await writeCosts(server, admin, setup.provinceId);
      installation = {
        description: `the province as above, in a data_value table that also holds the values of every other commune of the seeded reference data (${others.length} units, old and new) for the same elements and years, as one installation's table would`,
        volume: bigVolume, naiveRatios: big.naiveRatios, results: big.results, writeCosts: bigWrites, explain: big.explain,
      };
    }

    // Verdicts against the budget.
    const r = province.results;
    const dash = r.indexed!.direct.dashboard10y as Stats, dash6 = r.indexed!.direct.dashboard6y as Stats, roll = r.indexed!.direct.rollupRatio as Stats;
    const httpDash = r.indexed!.http.dashboard.server as Stats;
    const vs = (x: number, b: number) => Math.round((x / b) * 100) / 100;
    const budget = {
      ...BUDGET,
      ratios: {
        dashboard10yP50: vs(dash.p50Ms, BUDGET.dashboardMs), dashboard10yP95: vs(dash.p95Ms, BUDGET.dashboardMs),
        dashboard6yP50: vs(dash6.p50Ms, BUDGET.dashboardMs), dashboard6yP95: vs(dash6.p95Ms, BUDGET.dashboardMs),
        httpDashboardServerP50: vs(httpDash.p50Ms, BUDGET.dashboardMs), httpDashboardServerP95: vs(httpDash.p95Ms, BUDGET.dashboardMs),
        rollupRatioP50: vs(roll.p50Ms, BUDGET.rollupMs), rollupRatioP95: vs(roll.p95Ms, BUDGET.rollupMs),
        rollupShareP95: vs((r.indexed!.direct.rollupShare as Stats).p95Ms, BUDGET.rollupMs),
        childrenRatioP95: vs((r.indexed!.direct.childrenRatio as Stats).p95Ms, BUDGET.rollupMs),
      },
      verdicts: {
        dashboard: `${dash.p95Ms <= BUDGET.dashboardMs ? 'met' : 'MISSED'} (10 years: p50 ${dash.p50Ms} / p95 ${dash.p95Ms} ms; GET /api/v1/dashboard (6 years) server time p50 ${httpDash.p50Ms} / p95 ${httpDash.p95Ms} ms; vs ≤ ${BUDGET.dashboardMs} ms)`,
        rollup: `${roll.p95Ms <= BUDGET.rollupMs ? 'met' : 'MISSED'} (one ratio across the tree: p50 ${roll.p50Ms} / p95 ${roll.p95Ms} ms vs ≤ ${BUDGET.rollupMs} ms)`,
      },
    };
    console.log(`budget: dashboard ${budget.verdicts.dashboard}\n        one roll-up ${budget.verdicts.rollup}`);

    const out = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres, embedded: true, pgSettings,
        /** 1/5/15-minute load averages before and after: other work on the machine shares its cores */
        loadAverage: { before: loadBefore, after: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      },
      /** the code measured: the commit, and the files of the roll-up as they were on disk (others edit them meanwhile) */
      code: codeVersion(),
      setup: {
        today: TODAY, province: `synthetic, code ${PROVINCE.code}: 1 province + ${DISTRICTS} districts + ${DISTRICTS * COMMUNES_PER_DISTRICT} communes, valid from ${VALID_FROM}, not ended (every year is read through the hierarchy; no succession)`,
        referenceData: 'seedReference: the real units (505: two post-2025 provinces and their predecessors) and both plans, in the same database; in the main scenario they hold no values',
        sequential: 'one call at a time; direct calls on a pool of 4 connections, the app on its own pool of 10',
        operations: {
          dashboard10y: `dashboard(db, { unit: province, today: ${TODAY}, fromYear: 2016 }): 100 targets of 50 indicators, 10 years`,
          dashboard6y: 'the same with the default fromYear (2020): what GET /api/v1/dashboard computes (the route has no fromYear)',
          rollupRatio: `figures(db, province, [${RATIO}], [2025]): one ratio over the 100 units`, rollupShare: `figures(db, province, [${SHARE}], [2025]): share of the 9 districts at primary level ≥ 2`,
          childrenRatio: `childFigures(db, province, ${RATIO}, 2025): the 9 districts (ranking)`, childrenShareStandard: `childFigures(db, province, ${SHARE}, 2025): for each district, the share of its communes`,
          childrenShareElement: `childFigures(db, province, ${ELEMENT_SHARE}, 2025): for each district, the share of its communes whose element total ≥ 12`,
          http: 'GET /api/v1/dashboard?unitId=, /api/v1/analytics?indicator=&unitId=&period=2025, /api/v1/analytics/children?…: server time = Fastify reply.elapsedTime in an onResponse hook (body sent), round trip = fetch on loopback',
        },
        naivePlanMethod: 'CREATE DATABASE … TEMPLATE dash (an identical physical copy, same statistics and visibility map). live: data_rollup replaced by a view that sums the values over the cover (nothing precomputed). seqScan: DROP INDEX data_value_element_period and ALTER DATABASE … SET enable_indexscan/enable_indexonlyscan/enable_bitmapscan = off, so that every session of the copy plans sequential scans only. The same code runs against each copy; EXPLAIN (ANALYZE, BUFFERS) runs the statements captured from the indexed run, with their parameters, on each copy.',
      },
      volume,
      budget,
      naiveRatios: province.naiveRatios,
      results: province.results,
      writeCosts: writes,
      explain: province.explain,
      installation,
    };
    await fs.mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await fs.writeFile(new URL('./results/dashboards.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
    console.log('written bench/results/dashboards.json');
  } finally {
    await admin.end().catch(() => {});
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
