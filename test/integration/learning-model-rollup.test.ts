import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/auth/model.ts';
import { unitById } from '../../src/modules/indicators/analytics.ts';
import { modelStatistics } from '../../src/modules/learning-models/statistics.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

/**
 * The learning-model counters (0012_learning_model_rollup.sql) against a real database: after registrations,
 * assessments, returns, rejections, recognitions, a revocation, citizens' own submissions, direct deletions and
 * updates, and a map change, the counters kept by the triggers equal a recomputation from the registrations; writers
 * racing on one commune (or on one registration) lose nothing; and the statistics read from the counters are exactly
 * those summed on request.
 */
let server: TestServer;
let admin: Client, commune: Client;
let tanNinh: string, province: string;

const CDHT = ['CDHT_1_1', 'CDHT_1_2', 'CDHT_1_3', 'CDHT_1_4', 'CDHT_2_1', 'CDHT_2_2', 'CDHT_2_3', 'CDHT_2_4', 'CDHT_3_1', 'CDHT_3_2'];
const scores = Object.fromEntries(CDHT.map((c) => [c, 9]));
const decision = { number: '301/QĐ-UBND', decidedOn: '2026-11-20', signer: 'Trần Văn Bảy' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const unitId = async (code: string, at: string) => (await server.db.selectFrom('org_unit').select('id').where('code', '=', code)
  .where((eb) => eb.and([eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', at)]), eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', at)])]))
  .executeTakeFirstOrThrow()).id;

type Counter = { ancestor: string; year: number; model_type: string; status: string; target_group: string; level: string; n: number; approximate: number };

/** What the triggers keep, stripes summed. */
async function stored(db: Db): Promise<Counter[]> {
  return (await sql<Counter>`
    SELECT ancestor_id::text AS ancestor, year, model_type, status, target_group, level, sum(registrations)::int AS n, sum(approximate)::int AS approximate
    FROM model_rollup GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(registrations) <> 0 OR sum(approximate) <> 0 ORDER BY 1, 2, 3, 4, 5, 6`.execute(db)).rows;
}

/** The same counted from scratch, one registration at a time, over today's cover. */
async function recomputed(db: Db): Promise<Counter[]> {
  return (await sql<Counter>`
    SELECT c.ancestor_id::text AS ancestor, r.year, r.model_type, r.status,
           coalesce((SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'review'),
                    (SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'self'), '') AS target_group,
           coalesce((SELECT g.level FROM recognition g WHERE g.registration_id = r.id), '') AS level,
           count(*)::int AS n, (count(*) FILTER (WHERE c.approximate))::int AS approximate
    FROM model_registration r JOIN org_unit_cover c ON c.unit_id = r.unit_id
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`.execute(db)).rows;
}

async function expectCountersExact() {
  const [s, r] = await Promise.all([stored(server.db), recomputed(server.db)]);
  expect(s).toEqual(r);
  return s;
}

/** Citizens of a unit and year counted by status in the counters. */
async function counted(unit: string, year = 2026): Promise<Record<string, number>> {
  const rows = (await sql<{ status: string; n: number }>`
    SELECT status, sum(registrations)::int AS n FROM model_rollup WHERE ancestor_id = ${unit} AND year = ${year} AND model_type = 'learning_citizen'
    GROUP BY status HAVING sum(registrations) <> 0`.execute(server.db)).rows;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

const detail = async (id: string) => (await commune.get(`/api/v1/model-registrations/${id}`)).body;
async function act(id: string, action: string, comment?: string) {
  const res = await commune.post(`/api/v1/model-registrations/${id}/actions`, { action, version: (await detail(id)).version, ...(comment ? { comment } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
async function assess(id: string, role: 'self-assessment' | 'review', targetGroup: string) {
  const res = await commune.request('PUT', `/api/v1/model-registrations/${id}/${role}`, { body: { scores, targetGroup, version: (await detail(id)).version } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
async function register(name: string, unit = tanNinh) {
  const s = await commune.post('/api/v1/learning-subjects', { kind: 'citizen', name, unitId: unit, birthYear: 1980 });
  expect(s.status).toBe(201);
  const reg = await commune.post('/api/v1/model-registrations', { subjectId: s.body.id, modelType: 'learning_citizen', year: 2026 });
  expect(reg.status).toBe(201);
  return reg.body.id as string;
}
async function recognise(id: string) {
  const res = await commune.post(`/api/v1/model-registrations/${id}/recognition`, { decision, version: (await detail(id)).version });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

let recognisedId: string, rejectedId: string, draftId: string, revokedId: string;

beforeAll(async () => {
  server = await startTestServer({ selfServicePerMinute: 1000 });
  admin = await Client.login(server.url, 'admin');
  commune = await Client.login(server.url, 'commune');
  tanNinh = await unitId('25459', '2026-01-01');
  province = await unitId('80', '2026-01-01');
});
afterAll(async () => { await server.close(); });

describe('counters kept by the writes', () => {
  it('start equal to a recomputation (the migration rebuilt them)', async () => {
    await expectCountersExact();
  });

  it('follow registration, self-assessment, review, return, resubmission, rejection, recognition and revocation through the API', async () => {
    const before = await counted(province);
    // Registered, self-assessed as a farmer, submitted; the reviewer puts them in another group and returns the dossier.
    recognisedId = await register('Lê Văn Thành');
    expect(await counted(tanNinh)).toMatchObject({ draft: 1 });
    await assess(recognisedId, 'self-assessment', 'nong_dan');
    await act(recognisedId, 'submit');
    await assess(recognisedId, 'review', 'cong_nhan');
    await act(recognisedId, 'return', 'Thiếu minh chứng');
    await assess(recognisedId, 'self-assessment', 'can_bo'); // the reviewer's group still wins
    await act(recognisedId, 'submit');
    for (const a of (await detail(recognisedId)).actions.includes('propose') ? ['propose'] : []) await act(recognisedId, a);
    await recognise(recognisedId);

    rejectedId = await register('Phạm Thị Hoa');
    await assess(rejectedId, 'self-assessment', 'nong_dan');
    await act(rejectedId, 'submit');
    await act(rejectedId, 'reject', 'Chưa đạt tiêu chí');

    draftId = await register('Võ Minh Tâm');

    revokedId = await register('Ngô Thị Lan');
    await assess(revokedId, 'self-assessment', 'cong_nhan');
    await act(revokedId, 'submit');
    if ((await detail(revokedId)).actions.includes('propose')) await act(revokedId, 'propose');
    await recognise(revokedId);
    const revoke = await commune.post(`/api/v1/model-registrations/${revokedId}/revocation`, {
      decision: { number: '302/QĐ-UBND', decidedOn: '2026-11-22' }, reason: 'Khai không đúng sự thật', version: (await detail(revokedId)).version,
    });
    expect(revoke.status, JSON.stringify(revoke.body)).toBe(200);

    const rows = await expectCountersExact();
    const mine = rows.filter((r) => r.ancestor === tanNinh && r.year === 2026 && r.model_type === 'learning_citizen');
    expect(mine).toEqual(expect.arrayContaining([
      expect.objectContaining({ status: 'recognised', target_group: 'cong_nhan', n: 1 }),
      expect.objectContaining({ status: 'rejected', target_group: 'nong_dan', level: '', n: 1 }),
      expect.objectContaining({ status: 'draft', target_group: '', level: '', n: 1 }),
      expect.objectContaining({ status: 'revoked', target_group: 'cong_nhan', n: 1 }),
    ]));
    expect(await counted(province)).toEqual({ ...before, recognised: (before.recognised ?? 0) + 1, rejected: (before.rejected ?? 0) + 1, draft: (before.draft ?? 0) + 1, revoked: (before.revoked ?? 0) + 1 });
  });

  it('count citizens submitting concurrently on the public page once each, retries included', async () => {
    const campaign = await commune.post('/api/v1/model-campaigns', { unitId: tanNinh, modelType: 'learning_citizen', year: 2026, title: 'Đợt kiểm thử bộ đếm' });
    expect(campaign.status).toBe(201);
    const before = (await counted(tanNinh)).submitted ?? 0;
    const groups = ['nong_dan', 'cong_nhan', 'can_bo'];
    const bodies = Array.from({ length: 24 }, (_, i) => ({ name: `Người Dân Số ${i + 1}`, birthYear: 1970 + i, scores, targetGroup: groups[i % 3], submissionKey: randomUUID() }));
    const send = (b: (typeof bodies)[number]) => fetch(`${server.url}/api/public/v1/model-campaigns/${campaign.body.code}/submissions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b),
    }).then((r) => r.status);
    // Everyone at once, and six of them sending twice (a phone retrying) at the same moment.
    const statuses = await Promise.all([...bodies, ...bodies.slice(0, 6)].map(send));
    expect(statuses.filter((s) => s === 201)).toHaveLength(24);
    expect(statuses.filter((s) => s !== 201 && s !== 200)).toEqual([]);
    expect((await counted(tanNinh)).submitted).toBe(before + 24);
    const rows = await expectCountersExact();
    expect(rows.find((r) => r.ancestor === province && r.status === 'submitted' && r.target_group === 'can_bo')?.n).toBeGreaterThanOrEqual(8);
  });

  it('follow direct deletions and updates: a draft, a dossier with its assessments, a review, a level, a move to another commune', async () => {
    const other = (await sql<{ id: string }>`
      SELECT u.id::text FROM org_unit u JOIN org_unit_cover c ON c.unit_id = u.id AND c.ancestor_id = ${province} AND NOT c.via_succession
      WHERE u.kind = 'commune' AND u.id <> ${tanNinh} AND u.valid_to IS NULL ORDER BY u.id LIMIT 1`.execute(server.db)).rows[0]!.id;
    const moved = (await sql<{ id: string }>`SELECT id::text FROM model_registration WHERE unit_id = ${tanNinh} AND channel = 'self_service' ORDER BY id LIMIT 1`.execute(server.db)).rows[0]!.id;
    await server.db.deleteFrom('model_registration').where('id', '=', draftId).execute();
    await server.db.deleteFrom('model_registration').where('id', '=', rejectedId).execute(); // its self-assessment goes by cascade
    await server.db.deleteFrom('model_assessment').where('registration_id', '=', recognisedId).where('role', '=', 'review').execute(); // back to the self-assessed group
    await server.db.updateTable('recognition').set({ level: 'Tốt' }).where('registration_id', '=', recognisedId).execute();
    await server.db.updateTable('model_registration').set({ unit_id: other }).where('id', '=', moved).execute();
    // One statement changing many rows at once (a bulk correction): every self-assessed group of the commune's campaign.
    await sql`UPDATE model_assessment a SET target_group = CASE a.target_group WHEN 'nong_dan' THEN 'can_bo' ELSE 'nong_dan' END
      FROM model_registration r WHERE r.id = a.registration_id AND r.channel = 'self_service' AND a.role = 'self'`.execute(server.db);
    const rows = await expectCountersExact();
    const mine = rows.filter((r) => r.ancestor === tanNinh && r.year === 2026);
    expect(mine.some((r) => r.status === 'draft' || r.status === 'rejected')).toBe(false);
    expect(mine).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'recognised', target_group: 'can_bo', level: 'Tốt', n: 1 })]));
    expect((await counted(other)).submitted).toBe(1);
  });

  it('are rebuilt when the map changes: a commune split into a new one (share unknown) adds its history, approximately', async () => {
    const unit = await server.db.insertInto('org_unit').values({ code: '99901', kind: 'commune', name: 'Phường Mới Kiểm Thử', parent_id: province, valid_from: '2026-07-01', source: 'test' } as never)
      .returning('id').executeTakeFirstOrThrow();
    await server.db.transaction().execute(async (tx) => {
      await tx.insertInto('org_unit_succession').values({ from_unit_id: tanNinh, to_unit_id: unit.id, effective: '2026-07-01', kind: 'split', share: null } as never).execute();
      await sql`SELECT refresh_org_unit_cover()`.execute(tx);
    });
    const rows = await expectCountersExact();
    const taken = rows.filter((r) => r.ancestor === unit.id && r.year === 2026);
    expect(taken.reduce((s, r) => s + r.n, 0)).toBeGreaterThan(20);
    expect(taken.every((r) => r.approximate === r.n)).toBe(true);
  });
});

describe('concurrent writers', () => {
  /** A transaction that does its work, then waits to be told to commit. */
  function held(work: (tx: Db) => Promise<unknown>) {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let worked = false;
    const done = server.db.transaction().execute(async (tx) => { await work(tx as unknown as Db); worked = true; await gate; });
    return { done, release, worked: () => worked };
  }
  const subject = async (name: string) => (await server.db.insertInto('learning_subject').values({ kind: 'citizen', name, unit_id: tanNinh } as never).returning('id').executeTakeFirstOrThrow()).id;
  const insertRegistration = (subjectId: string) => async (tx: Db) =>
    tx.insertInto('model_registration').values({ subject_id: subjectId, model_type: 'learning_citizen', year: 2026, unit_id: tanNinh, status: 'submitted', channel: 'officer' } as never).execute();

  it('two open transactions registering under one commune both count', async () => {
    const before = await counted(province);
    const [a, b] = [await subject('Song Song Một'), await subject('Song Song Hai')];
    const t1 = held(insertRegistration(a));
    while (!t1.worked()) await sleep(5);
    const t2 = held(insertRegistration(b)); // may wait on the first one's counter rows: then it goes on after its commit
    await sleep(100);
    t1.release();
    await t1.done;
    t2.release();
    await t2.done;
    expect((await counted(province)).submitted).toBe((before.submitted ?? 0) + 2);
    await expectCountersExact();
  });

  it('a group change and a status change racing on one registration, in either order, end in the right key', async () => {
    const reg = (await sql<{ id: string }>`SELECT r.id::text FROM model_registration r JOIN model_assessment a ON a.registration_id = r.id AND a.role = 'self'
      WHERE r.unit_id = ${tanNinh} AND r.status = 'submitted' AND NOT EXISTS (SELECT 1 FROM model_assessment v WHERE v.registration_id = r.id AND v.role = 'review')
      ORDER BY r.id LIMIT 2`.execute(server.db)).rows.map((r) => r.id);
    expect(reg).toHaveLength(2);
    const status = (id: string, to: string) => async (tx: Db) => sql`UPDATE model_registration SET status = ${to} WHERE id = ${id}`.execute(tx);
    const group = (id: string, to: string) => async (tx: Db) => sql`UPDATE model_assessment SET target_group = ${to} WHERE registration_id = ${id} AND role = 'self'`.execute(tx);
    const waited: boolean[] = [];
    for (const [first, second] of [[status(reg[0]!, 'proposed'), group(reg[0]!, 'cong_nhan')], [group(reg[1]!, 'cong_nhan'), status(reg[1]!, 'proposed')]] as const) {
      const t1 = held(first);
      while (!t1.worked()) await sleep(5);
      const t2 = held(second); // waits for the registration's row lock
      await sleep(100);
      waited.push(!t2.worked());
      t1.release();
      await t1.done;
      t2.release();
      await t2.done;
    }
    const rows = await expectCountersExact();
    expect(rows.filter((r) => r.ancestor === tanNinh && r.status === 'proposed' && r.target_group === 'cong_nhan').reduce((s, r) => s + r.n, 0)).toBeGreaterThanOrEqual(2);
    expect(waited).toEqual([true, true]);
  });
});

describe('statistics from the counters', () => {
  const actorOf = async (username: string): Promise<Actor> => {
    const u = await server.db.selectFrom('app_user').select(['id', 'username', 'display_name', 'role']).where('username', '=', username).executeTakeFirstOrThrow();
    return { id: u.id, username: u.username, displayName: u.display_name, role: u.role as Actor['role'] };
  };

  it('are exactly those summed on request, for the province, the commune, the new unit, another year and an ended unit', async () => {
    const pop = await server.db.selectFrom('data_element').select('id').where('code', '=', 'POP15').executeTakeFirstOrThrow();
    await server.db.insertInto('data_value').values({ unit_id: tanNinh, data_element_id: pop.id, period: '2026', disaggregation: '', value: 250 } as never).execute();
    const newUnit = await unitId('99901', '2026-12-31');
    const oldProvince = (await server.db.selectFrom('org_unit').select('id').where('code', '=', '72').where('kind', '=', 'province').executeTakeFirstOrThrow()).id;
    const cases: [Client, string, string, number][] = [
      [admin, 'admin', province, 2026], [commune, 'commune', tanNinh, 2026], [admin, 'admin', newUnit, 2026], [admin, 'admin', province, 2025],
      [admin, 'admin', oldProvince, 2026], // ended on 30/06/2025: read through its successors, on request
    ];
    for (const [client, username, unit, year] of cases) {
      const res = await client.get(`/api/v1/learning-models/statistics?unitId=${unit}&year=${year}`);
      expect(res.status).toBe(200);
      const live = await modelStatistics(server.db, await actorOf(username), (await unitById(server.db, unit))!, year, { source: 'live' });
      expect(res.body).toEqual(JSON.parse(JSON.stringify(live)));
    }
    const communeStats = (await commune.get(`/api/v1/learning-models/statistics?unitId=${tanNinh}&year=2026`)).body;
    expect(communeStats.byModel[0]).toMatchObject({ modelType: 'learning_citizen', share: { denominator: 250, denominatorKind: 'dataElement' } });
    expect(communeStats.byModel[0].registered).toBeGreaterThan(25);
    expect((await admin.get(`/api/v1/learning-models/statistics?unitId=${newUnit}&year=2026`)).body.approximate).toBe(true);
  });

  it('read the counters (a counter changed by hand shows), not the registrations', async () => {
    const read = async () => (await commune.get(`/api/v1/learning-models/statistics?unitId=${tanNinh}&year=2026`)).body.byModel[0].recognised as number;
    const before = await read();
    await sql`INSERT INTO model_rollup VALUES (${tanNinh}, 2026, 'learning_citizen', 'recognised', '', '', 99, 1000, 0)`.execute(server.db);
    try {
      expect(await read()).toBe(before + 1000);
    } finally {
      await sql`DELETE FROM model_rollup WHERE slot = 99`.execute(server.db);
    }
    expect(await read()).toBe(before);
  });
});
