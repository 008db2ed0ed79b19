import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/schema.ts';
import { loadCatalogue, readCatalogue, type Catalogue } from '../../src/modules/indicators/catalogue.ts';
import { seedDemoIndicators } from '../../src/modules/indicators/demo.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

/**
 * The shipped catalogue in the seeded template (every test database starts with it, and without demo figures), a
 * reload that changes nothing, versioning, and the demo figures of `serve --demo` in a cloned database.
 */
let server: TestServer;
let catalogue: Catalogue;
beforeAll(async () => {
  server = await startTestServer();
  catalogue = await readCatalogue();
});
afterAll(async () => { await server.close(); });

const count = async (db: Db, table: 'data_element' | 'indicator' | 'data_set' | 'target' | 'audit_log' | 'data_report' | 'data_value') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** Every catalogue row as stored, ordered, so two snapshots compare equal only if nothing was written. */
async function snapshot(db: Db) {
  return {
    elements: await db.selectFrom('data_element').selectAll().orderBy('id').execute(),
    indicators: await db.selectFrom('indicator').selectAll().orderBy('id').execute(),
    dataSets: await db.selectFrom('data_set').selectAll().orderBy('id').execute(),
    members: await db.selectFrom('data_set_element').selectAll().orderBy('data_element_id').execute(),
    targets: await db.selectFrom('target').selectAll().orderBy('id').execute(),
    audit: await count(db, 'audit_log'),
  };
}

describe('the catalogue in the seeded template', () => {
  it('holds every element, data set, indicator and target of data/indicators', async () => {
    const elements = catalogue.dataSets.flatMap((d) => d.elements.map((e) => e.code));
    expect(elements).toHaveLength(17);
    expect(catalogue.indicators).toHaveLength(22);
    expect(catalogue.targets).toHaveLength(59);
    expect(await count(server.db, 'data_element')).toBe(elements.length);
    expect(await count(server.db, 'data_set')).toBe(catalogue.dataSets.length);
    expect(await count(server.db, 'indicator')).toBe(catalogue.indicators.length);
    expect(await count(server.db, 'target')).toBe(catalogue.targets.length);
  });

  it('links the 1144 targets to the plan and to the old Bình Dương, and the national ones to no unit', async () => {
    const rows = await server.db.selectFrom('target as t').leftJoin('org_unit as u', 'u.id', 't.unit_id').leftJoin('plan as p', 'p.id', 't.plan_id')
      .select(['t.document', 'u.code', 'u.valid_to', 'p.slug', sql<number>`count(*)::int`.as('n')]).groupBy(['t.document', 'u.code', 'u.valid_to', 'p.slug']).orderBy('t.document').execute();
    expect(rows).toEqual([
      { document: '1144/KH-UBND', code: '74', valid_to: '2025-06-30', slug: 'binh-duong-1144-2022', n: 33 }, // 31 clauses, two also measured by CLC_IT_SHARE
      { document: '1373/QĐ-TTg', code: null, valid_to: null, slug: null, n: 26 },
    ]);
  });

  it('starts without demo figures', async () => {
    expect(await count(server.db, 'data_report')).toBe(0);
    expect(await count(server.db, 'data_value')).toBe(0);
  });

  it('loads again without writing anything, even an audit row', async () => {
    const before = await snapshot(server.db);
    for (let i = 0; i < 2; i++) {
      const r = await server.db.transaction().execute((tx) => loadCatalogue(tx, null));
      expect(r.changes).toEqual([]);
    }
    expect(await snapshot(server.db)).toEqual(before);
  });

  it('gives a changed definition the next version and audits the change', async () => {
    const renamed = structuredClone(catalogue);
    renamed.indicators.find((i) => i.code === 'CLC_IT_RATE')!.name = 'Tỷ lệ TTHTCĐ ứng dụng CNTT';
    const audits = await count(server.db, 'audit_log');
    const r = await server.db.transaction().execute((tx) => loadCatalogue(tx, null, renamed));
    expect(r.changes).toEqual(['indicator.update CLC_IT_RATE']);
    const back = await server.db.transaction().execute((tx) => loadCatalogue(tx, null));
    expect(back.changes).toEqual(['indicator.update CLC_IT_RATE']);
    expect((await server.db.selectFrom('indicator').select(['name', 'version']).where('code', '=', 'CLC_IT_RATE').executeTakeFirstOrThrow()))
      .toEqual({ name: catalogue.indicators.find((i) => i.code === 'CLC_IT_RATE')!.name, version: 3 });
    expect(await count(server.db, 'audit_log')).toBe(audits + 2);
  });
});

/** A fingerprint of everything the demo writes, by content (ids are equal across clones of one template). */
async function demoDigest(db: Db): Promise<string> {
  const rows = await sql<{ t: string }>`
    SELECT string_agg(x, E'\n' ORDER BY x) AS t FROM (
      SELECT concat_ws('|', 'v', unit_id, data_element_id, period, disaggregation, value) AS x FROM data_value
      UNION ALL SELECT concat_ws('|', 'r', unit_id, data_set_id, period, status, approved_level, final, submitted_at, due_on, demo) FROM data_report
      UNION ALL SELECT concat_ws('|', 's', unit_id, year, levels::text, result::text) FROM standard_result) q`.execute(db);
  return createHash('sha256').update(rows.rows[0]?.t ?? '').digest('hex');
}

describe('demo figures (serve --demo)', () => {
  let demo: Awaited<ReturnType<typeof seedDemoIndicators>>;
  beforeAll(async () => {
    const started = Date.now();
    demo = await server.db.transaction().execute((tx) => seedDemoIndicators(tx));
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('fills every data set for 2020–2025 in old units up to 2024 and in their successors for 2025, labelled demo', async () => {
    expect(demo.reports).toBeGreaterThan(1000);
    const perYear = await sql<{ data_set: string; period: string; kind: string; era: string; n: number; demo: boolean }>`
      SELECT s.code AS data_set, r.period, u.kind, CASE WHEN u.valid_to IS NULL THEN 'new' ELSE 'old' END AS era, count(*)::int AS n, bool_and(r.demo) AS demo
      FROM data_report r JOIN data_set s ON s.id = r.data_set_id JOIN org_unit u ON u.id = r.unit_id
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`.execute(server.db);
    const find = (ds: string, period: string) => perYear.rows.filter((r) => r.data_set === ds && r.period === period).map((r) => [r.kind, r.era, r.n]);
    expect(perYear.rows.every((r) => r.demo)).toBe(true);
    expect(find('LS_COMMUNE_YEAR', '2024')).toEqual([['commune', 'old', 91 + 94]]);
    expect(find('LS_COMMUNE_YEAR', '2025')).toEqual([['commune', 'new', 36 + 36]]);
    expect(find('LS_DISTRICT_YEAR', '2024')).toEqual([['district', 'old', 18]]);
    expect(find('LS_DISTRICT_YEAR', '2025')).toEqual([]);
    expect(find('LS_PROVINCE_YEAR', '2025')).toEqual([['province', 'new', 2]]);
    expect(find('LS_INSTITUTIONS', '2023-2024')).toEqual([['agency', 'old', 2]]);
    expect(find('LS_INSTITUTIONS', '2024-2025')).toEqual([['agency', 'new', 2]]);
    const settled = await sql<{ period: string; statuses: string }>`
      SELECT period, string_agg(DISTINCT status, ',' ORDER BY status) AS statuses FROM data_report WHERE period IN ('2021', '2024', '2025') GROUP BY period ORDER BY period`.execute(server.db);
    expect(settled.rows).toEqual([
      { period: '2021', statuses: 'approved' },
      { period: '2024', statuses: 'approved,open,submitted' },
      { period: '2025', statuses: 'approved,open,submitted' },
    ]);
  });

  it('never puts a numerator above its denominator, in any disaggregation, and keeps totals as the sum of their parts', async () => {
    const above = await sql<{ indicator: string; unit_id: string; period: string; disaggregation: string }>`
      SELECT i.code AS indicator, n.unit_id, n.period, n.disaggregation FROM indicator i
      JOIN data_value n ON n.data_element_id = i.numerator_id
      JOIN data_value d ON d.data_element_id = i.denominator_id AND d.unit_id = n.unit_id AND d.period = n.period AND d.disaggregation = n.disaggregation
      WHERE i.aggregation = 'ratio' AND n.value > d.value`.execute(server.db);
    expect(above.rows).toEqual([]);
    const compared = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM indicator i JOIN data_value n ON n.data_element_id = i.numerator_id
      JOIN data_value d ON d.data_element_id = i.denominator_id AND d.unit_id = n.unit_id AND d.period = n.period AND d.disaggregation = n.disaggregation
      WHERE i.aggregation = 'ratio'`.execute(server.db);
    expect(compared.rows[0]!.n).toBeGreaterThan(10_000);
    const badTotals = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT v.unit_id, v.data_element_id, v.period FROM data_value v JOIN data_element e ON e.id = v.data_element_id AND cardinality(e.categories) > 0
        GROUP BY 1, 2, 3
        HAVING sum(v.value) FILTER (WHERE v.disaggregation = '') IS DISTINCT FROM sum(v.value) FILTER (WHERE v.disaggregation <> '')) bad`.execute(server.db);
    expect(badTotals.rows[0]!.n).toBe(0);
    const sizes = await sql<{ lo: number; hi: number }>`
      SELECT min(v.value)::int AS lo, max(v.value)::int AS hi FROM data_value v JOIN data_element e ON e.id = v.data_element_id
      JOIN org_unit u ON u.id = v.unit_id WHERE e.code = 'POP15' AND v.disaggregation = '' AND u.valid_to IS NOT NULL`.execute(server.db);
    expect(sizes.rows[0]!.lo).toBeGreaterThanOrEqual(10_000 * 0.74);
    expect(sizes.rows[0]!.hi).toBeLessThanOrEqual(60_000 * 0.8 * 1.03 ** 4 + 1);
  });

  it('shows through analytics: figures for Bình Dương, one target on track and one at risk', async () => {
    const admin = await Client.login(server.url, 'admin');
    const value = async (indicator: string, period: string) => (await admin.get(`/api/v1/analytics?indicator=${indicator}&unit=74&period=${period}`)).body;
    const info = await value('INFO_LITERACY_RATE', '2024');
    expect(info).toMatchObject({ demo: true });
    expect(info.value).toBeGreaterThan(45); // 50 % wanted by 2025
    expect((await value('LIFE_SKILLS_RATE', '2024')).value).toBeLessThan(47);
    expect((await value('LEARNING_DISTRICT_SHARE', '2024')).value).toBeCloseTo(100 / 3, 1);
    expect((await value('LITERACY_LEVEL', '2023')).value).toBe(2);
    expect((await value('LITERACY_LEVEL', '2021')).value).toBe(1);
  });

  it('writes nothing the second time, and the same figures into another database', async () => {
    const digest = await demoDigest(server.db);
    expect(await server.db.transaction().execute((tx) => seedDemoIndicators(tx))).toEqual({ reports: 0, values: 0, results: 0 });
    expect(await demoDigest(server.db)).toBe(digest);
    const other = await startTestServer();
    try {
      await other.db.transaction().execute((tx) => seedDemoIndicators(tx));
      expect(await demoDigest(other.db)).toBe(digest);
    } finally {
      await other.close();
    }
  });
});
