/**
 * `npm run bench -- pcgd`: the universal-education register of a synthetic province (bench/generate.ts) on an
 * embedded PostgreSQL in a temp dir, at each size of BENCH_PCGD_SIZES (default 300,000 and 3,000,000 residents):
 *   - import: the server's importRegister (residents written by COPY, copy.ts); rows/s end to end (≥ 100,000 rows/s)
 *   - full rebuild of every cube and result, rebuildAll (≤ 1 s)
 *   - one resident changed → the commune's results fresh, updateResident, p50/p95 over 50 edits (≤ 50 ms)
 *   - province results read, readResult (≤ 10 ms)
 *   - the same computation from raw rows in DuckDB and in a single-pass typed-array scan; all three must give the same
 *     commune rates; ratios against the scan
 *   - peak RSS of this process
 * Results: bench/results/pcgd.json. Issue 4 § Performance; architecture.md § Performance budget.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'kysely';
import { connect, ensureDatabase } from '../src/db/connection.ts';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import type { Db } from '../src/db/schema.ts';
import type { Actor } from '../src/modules/auth/model.ts';
import { upsertUser } from '../src/modules/auth/store.ts';
import { hasProperty } from '../src/modules/universal-education/rates.ts';
import type { CommuneRow, ResidentRow } from '../src/modules/universal-education/register-file.ts';
import { importRegister, rebuildAll, updateResident } from '../src/modules/universal-education/register.ts';
import { readResult, ruleSet } from '../src/modules/universal-education/results.ts';
import { ENROLLED, RATE_NAMES, type RateName } from '../src/modules/universal-education/rule-set.ts';
import { evaluateCommune, type CohortCell, type CommuneResult, type Enrolled } from '../src/modules/universal-education/standards.ts';
import { generateProvince, PROVINCE, type Columns, type Province } from './generate.ts';

const SIZES = (process.env.BENCH_PCGD_SIZES ?? '300000,3000000').split(',').map(Number);
const EDITS = 50;
const READS = 50;
const TARGET = { importRowsPerSecond: 100_000, rebuildMs: 1000, editP95Ms: 50, readP95Ms: 10 };

type Rates = Record<RateName | 'remaining11', { num: number; den: number }>;

const ms = (t: number) => Math.round(t * 10) / 10;
const now = () => performance.now();
async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = now();
  const v = await f();
  return [v, now() - t];
}
const quantile = (xs: number[], f: number) => { const s = [...xs].sort((a, b) => a - b); return ms(s[Math.min(s.length - 1, Math.floor(f * s.length))]!); };
const median = (xs: number[]) => quantile(xs, 0.5);

// ---------------------------------------------------------------------------------------------------------------

/** The units of the synthetic province (as `xhht pcgd evaluate` adds them from a file) and a coordinator scoped to it. */
export async function setUpUnits(db: Db, province: Province): Promise<Actor> {
  await db.transaction().execute(async (tx) => {
    const provinceId = (await tx.insertInto('org_unit').values({ code: PROVINCE.code, name: PROVINCE.name, kind: 'province', source: 'bench' }).returning('id').executeTakeFirstOrThrow()).id;
    const districts = new Map<string, string>();
    for (const c of province.communes) {
      let d = districts.get(c.districtCode!);
      if (!d) {
        d = (await tx.insertInto('org_unit').values({ code: c.districtCode!, name: c.districtName!, kind: 'district', parent_id: provinceId, source: 'bench' }).returning('id').executeTakeFirstOrThrow()).id;
        districts.set(c.districtCode!, d);
      }
      await tx.insertInto('org_unit').values({ code: c.communeCode, name: c.communeName, kind: 'commune', parent_id: d, source: 'bench' }).execute();
    }
    await sql`SELECT refresh_org_unit_cover()`.execute(tx);
  });
  const provinceId = (await db.selectFrom('org_unit').select('id').where('code', '=', PROVINCE.code).executeTakeFirstOrThrow()).id;
  const id = await upsertUser(db, null, { username: 'bench', displayName: 'Bench', role: 'coordinator', password: randomBytes(16).toString('hex'), scopeUnitIds: [provinceId] });
  return { id, username: 'bench', displayName: 'Bench', role: 'coordinator' };
}

// ---------------------------------------------------------------------------------------------------------------
// Rates of every commune, three ways

function ratesOf(r: CommuneResult): Rates {
  return { ...r.rates, remaining11: { num: r.rates.primaryCompleted11.den - r.unmet11, den: r.rates.primaryCompleted11.den } } as Rates;
}

async function postgresRates(db: Db, province: Province): Promise<Map<string, Rates>> {
  const rows = await db.selectFrom('standard_result as r').innerJoin('org_unit as u', 'u.id', 'r.unit_id').select(['u.code', 'r.result']).where('u.kind', '=', 'commune').execute();
  const byCode = new Map(rows.map((r) => [r.code, ratesOf(r.result as CommuneResult)]));
  return new Map(province.communes.map((c) => [c.communeCode, byCode.get(c.communeCode)!]));
}

/** DuckDB: load the raw rows (from a CSV of the typed columns), build the cube with GROUP BY, feed the same engine. */
async function duckdbRates(province: Province, dir: string) {
  const c = province.columns;
  const file = path.join(dir, `residents-${c.commune.length}.csv`);
  const [, writeMs] = await timed(async () => {
    const handle = await fs.open(file, 'w');
    let chunk = 'commune,birth_year,status,disability,enrolled,grade,diploma,preschool,literacy\n';
    for (let i = 0; i < c.commune.length; i++) {
      chunk += `${c.commune[i]},${c.birthYear[i]},${c.status[i]},${c.disability[i]},${c.enrolled[i]},${c.grade[i]},${c.diploma[i]},${c.preschool[i]},${c.literacy[i]}\n`;
      if (chunk.length > 1 << 20) { await handle.write(chunk); chunk = ''; }
    }
    await handle.write(chunk);
    await handle.close();
  });
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const version = String((await conn.runAndReadAll('SELECT version()')).getRows()[0]![0]);
  const [, loadMs] = await timed(() => conn.run(`CREATE TABLE resident AS SELECT * FROM read_csv('${file}', header = true, columns = {
    'commune': 'UTINYINT', 'birth_year': 'USMALLINT', 'status': 'UTINYINT', 'disability': 'UTINYINT', 'enrolled': 'UTINYINT',
    'grade': 'UTINYINT', 'diploma': 'BOOLEAN', 'preschool': 'BOOLEAN', 'literacy': 'UTINYINT'})`));
  await fs.rm(file, { force: true });
  const rules = ruleSet();
  const compute = async () => {
    const t = now();
    const rows = (await conn.runAndReadAll(`SELECT commune::INTEGER, birth_year::INTEGER, grade::INTEGER, literacy::INTEGER, enrolled::INTEGER, diploma, preschool, count(*)::INTEGER
      FROM resident WHERE status = 0 AND disability <> 2 GROUP BY ALL`)).getRows();
    const sqlMs = now() - t;
    const cells: CohortCell[][] = province.communes.map(() => []);
    for (const [commune, birthYear, grade, literacy, enrolled, diploma, preschool, count] of rows) {
      cells[commune as number]!.push({ birthYear: birthYear as number, highestGrade: grade as number, literacyStage: literacy as 0 | 1 | 2, enrolled: ENROLLED[enrolled as number]!, diploma: diploma as boolean, preschoolCompleted: preschool as boolean, count: count as number });
    }
    const rates = new Map(province.communes.map((c, i) => [c.communeCode, ratesOf(evaluateCommune({ code: c.communeCode, especiallyDifficult: c.especiallyDifficult, cells: cells[i]! }, province.year, rules))]));
    return { rates, sqlMs, totalMs: now() - t, cells: rows.length };
  };
  const runs = [];
  for (let k = 0; k < 3; k++) runs.push(await compute());
  conn.closeSync();
  instance.closeSync();
  const last = runs[runs.length - 1]!;
  return { version, rates: last.rates, cells: last.cells, writeCsvMs: ms(writeMs), loadMs: ms(loadMs), cubeSqlMs: median(runs.map((r) => r.sqlMs)), computeMs: median(runs.map((r) => r.totalMs)) };
}

/**
 * The practical speed limit: one pass over typed columns. The rule set is compiled first into two small tables, so
 * nothing about the rules is hard-coded here: for each combination of the attributes the rules read, which
 * definitions hold (a bit mask); for each age and commune kind, which rates' bands contain it.
 */
function compileScan(province: Province) {
  const rules = ruleSet();
  const names = [...RATE_NAMES, 'remaining11'] as const;
  const definitionOf = (k: number) => (k < RATE_NAMES.length ? rules.rates[RATE_NAMES[k]!].counts : rules.remaining11.counts);
  const band = (k: number, ed: boolean): readonly [number, number] => {
    if (k === RATE_NAMES.length) return rules.remaining11.ages;
    const r = rules.rates[RATE_NAMES[k]!];
    return ed && r.agesEspeciallyDifficult ? r.agesEspeciallyDifficult : r.ages;
  };
  // combo = (((grade * 3 + literacy) * 8 + enrolled) * 2 + diploma) * 2 + preschool
  const holds = new Uint16Array(13 * 3 * 8 * 2 * 2);
  for (let g = 0; g <= 12; g++) for (let l = 0; l <= 2; l++) for (let e = 0; e < 8; e++) for (let d = 0; d <= 1; d++) for (let p = 0; p <= 1; p++) {
    const cell: CohortCell = { birthYear: 0, highestGrade: g, literacyStage: l as 0 | 1 | 2, enrolled: ENROLLED[e]! as Enrolled, diploma: d === 1, preschoolCompleted: p === 1, count: 1 };
    let mask = 0;
    for (let k = 0; k < names.length; k++) if (hasProperty(cell, definitionOf(k), rules)) mask |= 1 << k;
    holds[(((g * 3 + l) * 8 + e) * 2 + d) * 2 + p] = mask;
  }
  const MAX_AGE = 256;
  const bands = [false, true].map((ed) => {
    const t = new Uint16Array(MAX_AGE);
    for (let a = 0; a < MAX_AGE; a++) for (let k = 0; k < names.length; k++) { const [lo, hi] = band(k, ed); if (a >= lo && a <= hi) t[a] = t[a]! | (1 << k); }
    return t;
  });
  const communeBands = province.communes.map((c) => bands[c.especiallyDifficult ? 1 : 0]!);
  return { names, holds, communeBands, MAX_AGE };
}

function scanRates(province: Province, compiled: ReturnType<typeof compileScan>) {
  const { names, holds, communeBands, MAX_AGE } = compiled;
  const R = names.length;
  const c: Columns = province.columns;
  const n = c.commune.length;
  const num = new Uint32Array(province.communes.length * R);
  const den = new Uint32Array(province.communes.length * R);
  const year = province.year;
  const t = now();
  const { commune, birthYear, status, disability, enrolled, grade, diploma, preschool, literacy } = c;
  for (let i = 0; i < n; i++) {
    if (status[i] !== 0 || disability[i] === 2) continue;
    const age = year - birthYear[i]!;
    if (age < 0 || age >= MAX_AGE) continue;
    const cm = commune[i]!;
    let inBand = communeBands[cm]![age]!;
    if (inBand === 0) continue;
    const hold = holds[(((grade[i]! * 3 + literacy[i]!) * 8 + enrolled[i]!) * 2 + diploma[i]!) * 2 + preschool[i]!]!;
    const base = cm * R;
    for (let k = 0; inBand !== 0; k++, inBand >>>= 1) {
      if (inBand & 1) {
        den[base + k]!++;
        if ((hold >>> k) & 1) num[base + k]!++;
      }
    }
  }
  const scanMs = now() - t;
  const rates = new Map(province.communes.map((cm, ci) => [cm.communeCode, Object.fromEntries(names.map((name, k) => [name, { num: num[ci * R + k]!, den: den[ci * R + k]! }])) as Rates]));
  return { rates, scanMs };
}

function mismatches(a: Map<string, Rates>, b: Map<string, Rates>): { count: number; examples: string[] } {
  let count = 0;
  const examples: string[] = [];
  for (const [code, ra] of a) {
    const rb = b.get(code);
    for (const name of Object.keys(ra) as (keyof Rates)[]) {
      const x = ra[name], y = rb?.[name];
      if (!y || x.num !== y.num || x.den !== y.den) {
        count++;
        if (examples.length < 5) examples.push(`${code} ${name}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
      }
    }
  }
  return { count, examples };
}

// ---------------------------------------------------------------------------------------------------------------

async function benchSize(server: EmbeddedServer, size: number, dir: string) {
  const out: Record<string, unknown> = {};
  const [province, genMs] = await timed(async () => generateProvince(size));
  console.log(`\n-- ${size.toLocaleString('en')} residents: generated in ${ms(genMs)} ms (${province.communes.length} communes, ${province.households} households)`);
  const dbName = `pcgd_${size}`;
  await ensureDatabase(server.url(), dbName);
  const db = connect(server.url(dbName), 4);
  try {
    await migrate(db);
    const actor = await setUpUnits(db, province);
    const { communes, residents, year } = province;

    const [summary, importMs] = await timed(() => importRegister(db, actor, year, communes, residents));
    const importRate = Math.round(residents.length / (importMs / 1000));
    out.import = { ms: ms(importMs), endToEndRowsPerSecond: importRate, ...summary };
    console.log(`import (importRegister, residents by COPY): ${ms(importMs)} ms end to end, ${importRate.toLocaleString('en')} rows/s`);
    await sql`ANALYZE`.execute(db); // what autovacuum would do after a bulk load

    const cubeCells = Number((await db.selectFrom('cohort_count').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rebuildRuns: number[] = [];
    for (let k = 0; k < 3; k++) rebuildRuns.push((await timed(() => rebuildAll(db)))[1]);
    out.rebuild = { runsMs: rebuildRuns.map(ms), medianMs: median(rebuildRuns), cubeCells };
    console.log(`rebuildAll: ${rebuildRuns.map(ms).join(' / ')} ms (${cubeCells.toLocaleString('en')} cube cells)`);

    // The same computation from raw rows, three ways.
    const pg = await postgresRates(db, province);
    const duck = await duckdbRates(province, dir);
    const compiled = compileScan(province);
    const scans: number[] = [];
    let scan = scanRates(province, compiled);
    for (let k = 0; k < 7; k++) { scan = scanRates(province, compiled); scans.push(scan.scanMs); }
    const scanMs = median(scans);
    const vsDuck = mismatches(pg, duck.rates);
    const vsScan = mismatches(pg, scan.rates);
    out.compare = {
      postgresRebuildMs: median(rebuildRuns), duckdb: { version: duck.version, writeCsvMs: duck.writeCsvMs, loadMs: duck.loadMs, cubeSqlMs: duck.cubeSqlMs, cubeAndEngineMs: duck.computeMs, cubeCells: duck.cells },
      scanMs, ratioPostgresToScan: Math.round((median(rebuildRuns) / scanMs) * 10) / 10, ratioDuckdbToScan: Math.round((duck.computeMs / scanMs) * 10) / 10,
      mismatches: { postgresVsDuckdb: vsDuck.count, postgresVsScan: vsScan.count, examples: [...vsDuck.examples, ...vsScan.examples] }, ratesCompared: pg.size * (RATE_NAMES.length + 1),
    };
    console.log(`from raw rows: PostgreSQL rebuild ${median(rebuildRuns)} ms, DuckDB cube+engine ${duck.computeMs} ms (load ${duck.loadMs} ms), typed-array scan ${scanMs} ms; mismatches pg/duckdb ${vsDuck.count}, pg/scan ${vsScan.count}`);
    if (vsDuck.count || vsScan.count) console.error('MISMATCH', [...vsDuck.examples, ...vsScan.examples].join('\n'));

    // Province results read.
    const reads: number[] = [];
    for (let k = 0; k < READS + 5; k++) { const [r, t] = await timed(() => readResult(db, PROVINCE.code, year)); if (!r) throw new Error('no province result'); if (k >= 5) reads.push(t); }
    out.readProvince = { n: reads.length, p50Ms: median(reads), p95Ms: quantile(reads, 0.95) };
    console.log(`readResult(province): p50 ${median(reads)} ms, p95 ${quantile(reads, 0.95)} ms`);

    // One resident changed → that commune's results fresh, 50 times; then the incremental results must equal a rebuild.
    const { lo, hi } = (await sql<{ lo: string; hi: string }>`SELECT min(id) lo, max(id) hi FROM resident`.execute(db)).rows[0]!;
    const pickIds: string[] = [];
    for (let k = 0; pickIds.length < EDITS * 3 && k < 10_000; k++) pickIds.push(String(Number(lo) + Math.floor(((k * 2654435761) % 1_000_003) / 1_000_003 * (Number(hi) - Number(lo)))));
    const people = await db.selectFrom('resident as r').innerJoin('household as h', 'h.id', 'r.household_id').selectAll('r').select(['h.code as household_code', 'h.hamlet'])
      .where('r.id', 'in', pickIds).where('r.status', '=', 'present').where('r.disability', '<>', 'cannot_learn').where(sql<boolean>`${year}::int - r.birth_year BETWEEN 15 AND 60`).limit(EDITS).execute();
    const edits: number[] = [];
    for (const p of people) {
      const before = (await db.selectFrom('standard_result as s').innerJoin('survey as v', 'v.commune_id', 's.unit_id').select('s.computed_at').where('v.id', '=', p.survey_id).executeTakeFirstOrThrow()).computed_at;
      const [, t] = await timed(() => updateResident(db, actor, p.id, {
        householdCode: p.household_code, hamlet: p.hamlet, personKey: p.person_key, fullName: p.full_name, sex: p.sex as 'M' | 'F', birthYear: p.birth_year,
        status: p.status as 'present', disability: p.disability as 'none', enrolled: p.enrolled as Enrolled,
        highestGrade: p.highest_grade >= 5 ? 2 : 9, lowerSecondaryDiploma: p.lower_secondary_diploma, preschoolCompleted: p.preschool_completed,
        literacyStage: p.literacy_stage === 0 ? 2 : 0, version: p.version,
      }));
      const after = (await db.selectFrom('standard_result as s').innerJoin('survey as v', 'v.commune_id', 's.unit_id').select('s.computed_at').where('v.id', '=', p.survey_id).executeTakeFirstOrThrow()).computed_at;
      if (!(after > before)) throw new Error('the commune result was not refreshed by the edit');
      edits.push(t);
    }
    const incremental = await postgresRates(db, province);
    await rebuildAll(db);
    const vsRebuild = mismatches(incremental, await postgresRates(db, province));
    out.editOne = { n: edits.length, p50Ms: median(edits), p95Ms: quantile(edits, 0.95), maxMs: quantile(edits, 1), incrementalVsRebuildMismatches: vsRebuild.count };
    console.log(`updateResident → commune fresh: p50 ${median(edits)} ms, p95 ${quantile(edits, 0.95)} ms over ${edits.length} edits; incremental vs rebuild mismatches ${vsRebuild.count}`);

    const counted = Number((await db.selectFrom('cohort_count').select((eb) => eb.fn.sum<string>('count').as('n')).executeTakeFirstOrThrow()).n);
    out.volume = { residents: residents.length, counted, households: province.households, communes: communes.length, districts: new Set(communes.map((c) => c.districtCode)).size, especiallyDifficult: communes.filter((c) => c.especiallyDifficult).length, year, generateMs: ms(genMs) };
    out.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    out.postgresDatabaseMB = Math.round(Number((await sql<{ b: string }>`SELECT pg_database_size(current_database()) b`.execute(db)).rows[0]!.b) / 1e6);
    console.log(`peak RSS (this process, so far): ${out.peakRssMB} MB; database ${out.postgresDatabaseMB} MB`);
  } finally {
    await db.destroy();
  }
  return out;
}

function verdict(value: number, target: number, lowerIsBetter: boolean) {
  const met = lowerIsBetter ? value <= target : value >= target;
  return `${met ? 'met' : 'MISSED'} (${value} vs ${lowerIsBetter ? '≤' : '≥'} ${target})`;
}

export async function benchPcgd(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xhht-bench-pcgd-'));
  const server = await startEmbedded(dir, 47000 + Math.floor(Math.random() * 1000));
  const bySize: Record<string, Record<string, any>> = {};
  const loadBefore = os.loadavg().map((l) => Math.round(l * 100) / 100);
  let postgres = '';
  try {
    const admin = connect(server.url(), 1);
    postgres = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(admin)).rows[0]!.v;
    await admin.destroy();
    for (const size of SIZES) bySize[size] = await benchSize(server, size, dir);
  } finally {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }

  const rows: [string, ...string[]][] = [
    ['', ...SIZES.map((s) => s.toLocaleString('en'))],
    ['import unnest, rows/s (end to end)', ...SIZES.map((s) => String(bySize[s]!.importUnnest?.rowsPerSecond ?? '-'))],
    ['import COPY, rows/s (residents step)', ...SIZES.map((s) => String(bySize[s]!.importCopy.residentsRowsPerSecond))],
    ['import COPY, rows/s (end to end)', ...SIZES.map((s) => String(bySize[s]!.importCopy.endToEndRowsPerSecond))],
    ['import COPY, ms', ...SIZES.map((s) => String(bySize[s]!.importCopy.ms))],
    ['rebuildAll, ms (median of 3)', ...SIZES.map((s) => String(bySize[s]!.rebuild.medianMs))],
    ['edit → commune fresh, p50/p95 ms', ...SIZES.map((s) => `${bySize[s]!.editOne.p50Ms} / ${bySize[s]!.editOne.p95Ms}`)],
    ['read province, p50/p95 ms', ...SIZES.map((s) => `${bySize[s]!.readProvince.p50Ms} / ${bySize[s]!.readProvince.p95Ms}`)],
    ['DuckDB cube + engine, ms', ...SIZES.map((s) => String(bySize[s]!.compare.duckdb.cubeAndEngineMs))],
    ['typed-array scan, ms', ...SIZES.map((s) => String(bySize[s]!.compare.scanMs))],
    ['PostgreSQL rebuild / scan', ...SIZES.map((s) => `${bySize[s]!.compare.ratioPostgresToScan}×`)],
    ['DuckDB / scan', ...SIZES.map((s) => `${bySize[s]!.compare.ratioDuckdbToScan}×`)],
    ['rate mismatches pg-duckdb / pg-scan / incr-rebuild', ...SIZES.map((s) => `${bySize[s]!.compare.mismatches.postgresVsDuckdb} / ${bySize[s]!.compare.mismatches.postgresVsScan} / ${bySize[s]!.editOne.incrementalVsRebuildMismatches}`)],
    ['peak RSS MB (cumulative)', ...SIZES.map((s) => String(bySize[s]!.peakRssMB))],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log('\n' + rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n'));

  const targets: Record<string, Record<string, string>> = {};
  for (const s of SIZES) {
    const b = bySize[s]!;
    targets[s] = {
      importCopyRowsPerSecond: verdict(b.importCopy.residentsRowsPerSecond, TARGET.importRowsPerSecond, false),
      rebuildMs: verdict(b.rebuild.medianMs, TARGET.rebuildMs, true),
      editP95Ms: verdict(b.editOne.p95Ms, TARGET.editP95Ms, true),
      readProvinceP95Ms: verdict(b.readProvince.p95Ms, TARGET.readP95Ms, true),
    };
    console.log(`targets at ${s.toLocaleString('en')}: ${JSON.stringify(targets[s])}`);
  }
  const growth: Record<string, number> = {};
  if (SIZES.length >= 2) {
    const [a, b] = [bySize[SIZES[0]!]!, bySize[SIZES[SIZES.length - 1]!]!];
    const g = (x: number, y: number) => Math.round((y / x) * 10) / 10;
    Object.assign(growth, {
      residents: g(SIZES[0]!, SIZES[SIZES.length - 1]!), importCopyMs: g(a.importCopy.ms, b.importCopy.ms), rebuildMs: g(a.rebuild.medianMs, b.rebuild.medianMs),
      editP50Ms: g(a.editOne.p50Ms, b.editOne.p50Ms), readP50Ms: g(a.readProvince.p50Ms, b.readProvince.p50Ms), duckdbMs: g(a.compare.duckdb.cubeAndEngineMs, b.compare.duckdb.cubeAndEngineMs), scanMs: g(a.compare.scanMs, b.compare.scanMs),
    });
    console.log(`growth ${SIZES[0]} → ${SIZES[SIZES.length - 1]}: ${JSON.stringify(growth)}`);
  }
  const out = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres, duckdb: bySize[SIZES[0]!]?.compare.duckdb.version, embedded: true,
      /** 1/5/15-minute load averages before and after: other work on the machine shares its 2 cores */
      loadAverage: { before: loadBefore, after: os.loadavg().map((l) => Math.round(l * 100) / 100) } },
    volume: Object.fromEntries(SIZES.map((s) => [s, bySize[s]!.volume])),
    targets: { ...TARGET, verdicts: targets },
    results: bySize,
    growth,
  };
  await fs.mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await fs.writeFile(new URL('./results/pcgd.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
  console.log('written bench/results/pcgd.json');
}
