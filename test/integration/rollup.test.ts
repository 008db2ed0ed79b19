import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/schema.ts';
import { seedDemoIndicators } from '../../src/modules/indicators/demo.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * The roll-up table (0004_rollup.sql) is what dashboards read: after any sequence of writes it must equal the sums
 * computed from the values, and two writers below the same unit must not lose each other's values.
 */
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

/** Keys where the stored roll-up differs from the values summed over the cover now (independent of the triggers). */
async function mismatches(db: Db) {
  const rows = await sql<{ ancestor_id: string; data_element_id: string; period: string }>`
    WITH expected AS (
      SELECT c.ancestor_id, v.data_element_id, v.period, sum(v.value) AS total, count(*)::int AS units,
             coalesce(sum(v.value) FILTER (WHERE r.final), 0) AS approved_total, (count(*) FILTER (WHERE r.final))::int AS approved_units,
             (count(*) FILTER (WHERE r.demo))::int AS demo_units
      FROM data_value v JOIN org_unit_cover c ON c.unit_id = v.unit_id
      LEFT JOIN data_set_element e ON e.data_element_id = v.data_element_id
      LEFT JOIN data_report r ON r.unit_id = v.unit_id AND r.data_set_id = e.data_set_id AND r.period = v.period
      WHERE v.disaggregation = '' GROUP BY c.ancestor_id, v.data_element_id, v.period),
    stored AS (SELECT ancestor_id, data_element_id, period, total, units, approved_total, approved_units, demo_units FROM data_rollup WHERE units > 0)
    SELECT ancestor_id::text, data_element_id::text, period FROM ((TABLE expected EXCEPT TABLE stored) UNION ALL (TABLE stored EXCEPT TABLE expected)) d
    LIMIT 5`.execute(db);
  return rows.rows;
}

const rollupOf = async (db: Db, unitId: string, elementId: string, period: string) =>
  db.selectFrom('data_rollup').select(['total', 'units', 'approved_total', 'approved_units']).where('ancestor_id', '=', unitId)
    .where('data_element_id', '=', elementId).where('period', '=', period).executeTakeFirst();

const unitAt = async (db: Db, code: string, at: string) => (await db.selectFrom('org_unit').select('id').where('code', '=', code)
  .where((eb) => eb.and([eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', at)]), eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', at)])]))
  .executeTakeFirstOrThrow()).id;

describe('data_rollup', () => {
  it('equals the sums of the values after the demo data, approvals, returns, deletions and a redrawn map', { timeout: 120_000 }, async () => {
    const db = server.db;
    await db.transaction().execute((tx) => seedDemoIndicators(tx));
    expect(Number((await db.selectFrom('data_rollup').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(1000);
    expect(await mismatches(db)).toEqual([]);

    // A final report loses its approval, another gains it, values change and disappear.
    const final = await db.selectFrom('data_report').select(['unit_id', 'data_set_id', 'period']).where('final', '=', true).limit(3).execute();
    const open = await db.selectFrom('data_report').select(['unit_id', 'data_set_id', 'period']).where('final', '=', false).limit(3).execute();
    expect(final.length).toBe(3);
    expect(open.length).toBe(3);
    for (const r of final) await db.updateTable('data_report').set({ final: false, status: 'returned' }).where('unit_id', '=', r.unit_id).where('data_set_id', '=', r.data_set_id).where('period', '=', r.period).execute();
    for (const r of open) await db.updateTable('data_report').set({ final: true, status: 'approved' }).where('unit_id', '=', r.unit_id).where('data_set_id', '=', r.data_set_id).where('period', '=', r.period).execute();
    await sql`UPDATE data_value SET value = value + 7 WHERE unit_id = ${open[0]!.unit_id} AND disaggregation = ''`.execute(db);
    await sql`DELETE FROM data_value WHERE unit_id = ${final[0]!.unit_id} AND period = ${final[0]!.period}`.execute(db);
    expect(await mismatches(db)).toEqual([]);

    // The map is redrawn: a commune with values is split (share unknown) into another province's commune, which
    // changes the cover of that province and its ancestors; the roll-up follows in the same statement.
    const moved = await sql<{ unit_id: string }>`SELECT v.unit_id::text FROM data_value v JOIN org_unit u ON u.id = v.unit_id WHERE u.kind = 'commune' LIMIT 1`.execute(db);
    const target = await sql<{ id: string }>`SELECT u.id::text FROM org_unit u WHERE u.kind = 'commune' AND u.id NOT IN (
      SELECT unit_id FROM org_unit_cover WHERE ancestor_id IN (SELECT ancestor_id FROM org_unit_cover WHERE unit_id = ${moved.rows[0]!.unit_id})) LIMIT 1`.execute(db);
    const coverBefore = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM org_unit_cover`.execute(db)).rows[0]!.n);
    await sql`INSERT INTO org_unit_succession (from_unit_id, to_unit_id, effective, kind) VALUES (${moved.rows[0]!.unit_id}, ${target.rows[0]!.id}, '2025-07-01', 'split')`.execute(db);
    await sql`SELECT refresh_org_unit_cover()`.execute(db);
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM org_unit_cover`.execute(db)).rows[0]!.n)).toBeGreaterThan(coverBefore);
    expect(await mismatches(db)).toEqual([]);
    // A data set loses an element: its values no longer belong to a report, so none of them counts as approved.
    const member = await db.selectFrom('data_set_element').select(['data_set_id', 'data_element_id']).limit(1).executeTakeFirstOrThrow();
    await db.deleteFrom('data_set_element').where('data_element_id', '=', member.data_element_id).execute();
    expect(await mismatches(db)).toEqual([]);
  });

  it('keeps both values when two transactions write below the same district at once', async () => {
    const db = server.db;
    const [a, b, district] = await Promise.all(['25741', '25744', '718'].map((c) => unitAt(db, c, '2024-12-31')));
    const element = await db.selectFrom('data_set_element').select('data_element_id as id').limit(1).executeTakeFirstOrThrow();
    const period = '2019';
    const write = (unit: string, value: number) => sql`INSERT INTO data_value (unit_id, data_element_id, period, value) VALUES (${unit}, ${element.id}, ${period}, ${value})`;

    await db.connection().execute(async (first) => {
      await sql`BEGIN`.execute(first);
      await write(a!, 100).execute(first);
      // The second writer waits for the first (the district's roll-up is locked) instead of missing its value.
      const second = db.connection().execute(async (conn) => {
        await sql`BEGIN`.execute(conn);
        await write(b!, 23).execute(conn);
        await sql`COMMIT`.execute(conn);
      });
      await new Promise((r) => setTimeout(r, 200));
      await sql`COMMIT`.execute(first);
      await second;
    });
    expect(await rollupOf(db, district!, element.id, period)).toMatchObject({ units: 2, approved_units: 0 });
    expect(Number((await rollupOf(db, district!, element.id, period))!.total)).toBe(123);
    expect(await mismatches(db)).toEqual([]);
  });
});
