/**
 * `npm run bench -- models`: the learning models' performance budget (issue 5) on an embedded PostgreSQL in a temp dir.
 *
 * Data: a fresh migrated database with the reference data and demo users (seedReference, seedDemoUsers), then
 * 1,000,000 citizens of the real province 80 (Tây Ninh after 01/07/2025), spread evenly over its communes in force on
 * 31/12/2026, each registered for "Công dân học tập" 2026 with a mix of statuses (draft 10 %, submitted 12 %, returned
 * 4 %, proposed 10 %, recognised 52 %, rejected 8 %, revoked 4 %), self-assessed target groups (three groups), review
 * assessments for the reviewed ones (one in ten in another group, one in ten without a group), and recognitions with
 * four levels (one without). Generated in SQL with generate_series, with the triggers off
 * (session_replication_role = replica), then the counters rebuilt once (model_rollup_rebuild()); each step timed.
 *
 * Part 1 — a commune-wide campaign on loopback through the real HTTP API (the app as `serve` builds it, pool of 10):
 * 200 virtual users, each a phone with its own address (a keep-alive http.Agent bound to 127.0.1.x: the public routes
 * limit requests per address, and phones do not share one), open the campaign page (GET) and submit their
 * registration with the self-assessment (POST, a fresh submissionKey). One user in four sends the same submission
 * again afterwards (a retry) and one in ten double-taps (two identical POSTs at once): both must return the first
 * result. Scenarios: "burst" (all 200 at the same instant, no think time: 200 requests in flight), "online" (all 200
 * open the page within 2 s and fill in the form for 2–8 s before sending), and "burst" again with the counter triggers
 * disabled (the same load without model_rollup). Latency per step (p50/p95/max) on the client, server time
 * (Fastify reply.elapsedTime), and afterwards in the database: exactly 200 registrations, 200 self-assessments, 200
 * subjects, all submitted, no key twice, and the counters equal to a recomputation.
 *
 * Part 2 — province statistics over the 1,000,000 citizens: GET /api/v1/learning-models/statistics?unit=80&year=2026
 * as the coordinator (server time and round trip, 5 warm-up + BENCH_MODELS_RUNS (30) runs), the same function called
 * directly, and the live variant (the query before 0012: modelStatistics(…, { source: 'live' })) directly and over
 * HTTP on a copy of the database where model_rollup is a view counting the registrations on each request.
 * What the counters cost each write (BEGIN … ROLLBACK, with and without the counter triggers): one registration, one
 * citizen's self-service submission, one status change, one recognition, the map redrawn.
 * Results: bench/results/models.json. Issue 5 § Performance.
 */
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { sql } from 'kysely';
import { readConfig } from '../src/config.ts';
import { connect, ensureDatabase } from '../src/db/connection.ts';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import type { Db } from '../src/db/schema.ts';
import { buildApp } from '../src/http/app.ts';
import { seedDemoUsers, seedReference } from '../src/cli/seed.ts';
import type { Actor } from '../src/modules/auth/model.ts';
import { unitById, unitByCode } from '../src/modules/indicators/analytics.ts';
import { modelStatistics } from '../src/modules/learning-models/statistics.ts';
import { prng } from './generate.ts';

const TODAY = '2026-11-23';
const YEAR = 2026;
const CITIZENS = Number(process.env.BENCH_MODELS_CITIZENS ?? 1_000_000);
const USERS = Number(process.env.BENCH_MODELS_USERS ?? 200);
const RUNS = Number(process.env.BENCH_MODELS_RUNS ?? 30);
const LIVE_RUNS = Number(process.env.BENCH_MODELS_LIVE_RUNS ?? 10);
const WARM = 5;
const BUDGET = { campaignP95Ms: 100, statisticsMs: 200 };
const PASSWORD = randomBytes(12).toString('hex');
const COMMUNE = '25459'; // Phường Tân Ninh: the demo commune officer's unit
const PROVINCE = '80';
const CDHT = ['CDHT_1_1', 'CDHT_1_2', 'CDHT_1_3', 'CDHT_1_4', 'CDHT_2_1', 'CDHT_2_2', 'CDHT_2_3', 'CDHT_2_4', 'CDHT_3_1', 'CDHT_3_2'];
const GROUPS = ['nong_dan', 'cong_nhan', 'can_bo'];
/** The triggers of 0012_learning_model_rollup.sql, by table. */
const COUNTER_TRIGGERS: Record<string, string[]> = {
  model_registration: ['model_registration_rollup_insert', 'model_registration_rollup_update', 'model_registration_rollup_delete'],
  model_assessment: ['model_assessment_rollup_insert', 'model_assessment_rollup_update', 'model_assessment_rollup_delete'],
  recognition: ['recognition_rollup_insert', 'recognition_rollup_update', 'recognition_rollup_delete'],
  org_unit_cover: ['org_unit_cover_model_rollup'],
};

const ms = (t: number) => Math.round(t * 100) / 100;
const now = () => performance.now();
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const quantile = (xs: number[], f: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? ms(s[Math.min(s.length - 1, Math.floor(f * s.length))]!) : null; };
const stats = (xs: number[]) => ({ n: xs.length, p50Ms: quantile(xs, 0.5), p95Ms: quantile(xs, 0.95), maxMs: quantile(xs, 1) });
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : Math.round((a / b) * 10) / 10);

// ---------------------------------------------------------------------------------------------------------------
// Data

export async function communesOf(db: Db, provinceId: string): Promise<string[]> {
  return (await sql<{ id: string }>`
    SELECT u.id::text FROM org_unit u JOIN org_unit_cover c ON c.unit_id = u.id AND c.ancestor_id = ${provinceId} AND NOT c.via_succession
    WHERE u.kind = 'commune' AND (u.valid_from IS NULL OR u.valid_from <= ${`${YEAR}-12-31`}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${`${YEAR}-12-31`}::date)
    ORDER BY u.id`.execute(db)).rows.map((r) => r.id);
}

/** 1,000,000 citizens and their dossiers, in SQL, triggers off; then the counters rebuilt once. Each step timed. */
export async function generate(url: string, provinceId: string, communes: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const steps: Record<string, { ms: number; rows: number }> = {};
  const step = async (name: string, q: string, params: unknown[] = []) => {
    const t = now();
    const res = await client.query(q, params);
    steps[name] = { ms: ms(now() - t), rows: res.rowCount ?? 0 };
    console.log(`  ${name.padEnd(34)} ${String(steps[name]!.rows).padStart(9)} rows  ${(steps[name]!.ms / 1000).toFixed(1).padStart(6)} s`);
  };
  try {
    const set = (await client.query(`SELECT id FROM criteria_set WHERE model_type = 'learning_citizen' ORDER BY version DESC LIMIT 1`)).rows[0].id as string;
    const admin = (await client.query(`SELECT id FROM app_user WHERE username = 'admin'`)).rows[0].id as string;
    // 'revoked' exists once certificate revocation is migrated (0013); without it those dossiers stay recognised.
    const revoked = (await client.query(`SELECT 1 FROM pg_constraint WHERE conrelid = 'model_registration'::regclass AND pg_get_constraintdef(oid) LIKE '%revoked%'`)).rowCount ? 'revoked' : 'recognised';
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await step('learning_subject', `
      INSERT INTO learning_subject (kind, name, unit_id, birth_year)
      SELECT 'citizen', 'Công dân mô phỏng ' || g, ($1::bigint[])[1 + g % cardinality($1::bigint[])], 1950 + (g * 7) % 56
      FROM generate_series(1, $2::int) g`, [communes, CITIZENS]);
    const firstId = Number((await client.query('SELECT coalesce(max(id), 0) AS m FROM model_registration')).rows[0].m);
    await step('model_registration', `
      INSERT INTO model_registration (subject_id, model_type, year, unit_id, status, channel, submitted_at)
      SELECT s.id, 'learning_citizen', ${YEAR}, s.unit_id, st.status, CASE WHEN s.id % 3 = 0 THEN 'self_service' ELSE 'officer' END,
             CASE WHEN st.status <> 'draft' THEN timestamptz '${YEAR}-10-01' + (s.id % 50) * interval '1 day' END
      FROM learning_subject s
      CROSS JOIN LATERAL (SELECT CASE WHEN b < 10 THEN 'draft' WHEN b < 22 THEN 'submitted' WHEN b < 26 THEN 'returned' WHEN b < 36 THEN 'proposed'
                                      WHEN b < 88 THEN 'recognised' WHEN b < 96 THEN 'rejected' ELSE '${revoked}' END AS status
                          FROM (SELECT (s.id * 37) % 100 AS b) x) st
      WHERE s.name LIKE 'Công dân mô phỏng %'`);
    await step('model_assessment (self)', `
      INSERT INTO model_assessment (registration_id, role, criteria_set_id, scores, target_group, total, max_total, passed)
      SELECT r.id, 'self', $1, '{}'::jsonb, ($2::text[])[1 + (r.id * 7) % 3], 70 + r.id % 31, 100, r.id % 31 >= 10
      FROM model_registration r WHERE r.id > $3 AND (r.status <> 'draft' OR r.id % 2 = 0)`, [set, GROUPS, firstId]);
    await step('model_assessment (review)', `
      INSERT INTO model_assessment (registration_id, role, criteria_set_id, scores, target_group, total, max_total, passed)
      SELECT r.id, 'review', $1, '{}'::jsonb,
             CASE WHEN r.id % 10 = 0 THEN NULL WHEN r.id % 10 = 1 THEN ($2::text[])[1 + (r.id * 7 + 1) % 3] ELSE ($2::text[])[1 + (r.id * 7) % 3] END,
             70 + r.id % 31, 100, r.status NOT IN ('rejected')
      FROM model_registration r WHERE r.id > $3 AND r.status IN ('proposed', 'recognised', 'rejected', 'revoked')`, [set, GROUPS, firstId]);
    await step('recognition_decision', `
      INSERT INTO recognition_decision (issuer_id, number, decided_on, signer, created_by)
      SELECT u, 'MP' || u || '/QĐ-UBND', date '${YEAR}-11-20', 'Chủ tịch UBND (mô phỏng)', $2 FROM unnest($1::bigint[]) u`, [communes, admin]);
    await step('recognition', `
      INSERT INTO recognition (registration_id, decision_id, level)
      SELECT r.id, d.id, (ARRAY['Xuất sắc', 'Tốt', 'Khá', NULL])[1 + r.id % 4]
      FROM model_registration r JOIN recognition_decision d ON d.issuer_id = r.unit_id AND d.number LIKE 'MP%'
      WHERE r.id > $1 AND r.status IN ('recognised', 'revoked')`, [firstId]);
    await client.query('COMMIT');
    await step('model_rollup_rebuild()', 'SELECT model_rollup_rebuild()');
    const t = now();
    await client.query('VACUUM ANALYZE');
    steps['VACUUM ANALYZE'] = { ms: ms(now() - t), rows: 0 };
    return steps;
  } finally {
    await client.end();
  }
}

async function volumeOf(db: Db, provinceId: string) {
  const one = async (q: ReturnType<typeof sql>) => Number(((await q.execute(db)).rows[0] as { n: string }).n);
  const size = async (rel: string) => Math.round(Number((await sql<{ b: string }>`SELECT pg_total_relation_size(${rel}::regclass) AS b`.execute(db)).rows[0]!.b) / 2 ** 20);
  const by = async (q: ReturnType<typeof sql>) => Object.fromEntries(((await q.execute(db)).rows as { k: string | null; n: number }[]).map((r) => [r.k ?? '(none)', r.n]));
  return {
    registrationsInProvince: await one(sql`SELECT count(*) AS n FROM model_registration r JOIN org_unit_cover c ON c.unit_id = r.unit_id AND c.ancestor_id = ${provinceId} WHERE r.year = ${YEAR}`),
    registrationsAll: await one(sql`SELECT count(*) AS n FROM model_registration`),
    byStatus: await by(sql`SELECT status AS k, count(*)::int AS n FROM model_registration WHERE year = ${YEAR} GROUP BY 1 ORDER BY 1`),
    byTargetGroup: await by(sql`SELECT coalesce(rv.target_group, sa.target_group) AS k, count(*)::int AS n FROM model_registration r
      LEFT JOIN model_assessment sa ON sa.registration_id = r.id AND sa.role = 'self' LEFT JOIN model_assessment rv ON rv.registration_id = r.id AND rv.role = 'review'
      WHERE r.year = ${YEAR} GROUP BY 1 ORDER BY 1`),
    byLevel: await by(sql`SELECT level AS k, count(*)::int AS n FROM recognition GROUP BY 1 ORDER BY 1`),
    assessments: await one(sql`SELECT count(*) AS n FROM model_assessment`),
    recognitions: await one(sql`SELECT count(*) AS n FROM recognition`),
    counterRows: await one(sql`SELECT count(*) AS n FROM model_rollup`),
    counterRowsOfProvince: await one(sql`SELECT count(*) AS n FROM model_rollup WHERE ancestor_id = ${provinceId} AND year = ${YEAR}`),
    unitsInProvinceCover: await one(sql`SELECT count(*) AS n FROM org_unit_cover WHERE ancestor_id = ${provinceId}`),
    sizesMB: {
      learningSubject: await size('learning_subject'), modelRegistration: await size('model_registration'), modelAssessment: await size('model_assessment'),
      recognition: await size('recognition'), modelRollup: await size('model_rollup'),
    },
  };
}

/** The counters of a unit and year against the registrations counted from scratch (stripes summed). */
export async function countersExact(db: Db): Promise<{ exact: boolean; keys: number; mismatches: number }> {
  const r = (await sql<{ keys: number; bad: number }>`
    WITH kept AS (SELECT ancestor_id, year, model_type, status, target_group, level, sum(registrations)::int AS n, sum(approximate)::int AS a
                  FROM model_rollup GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(registrations) <> 0 OR sum(approximate) <> 0),
    counted AS (SELECT c.ancestor_id, r.year, r.model_type, r.status, coalesce(rv.target_group, sa.target_group, '') AS target_group, coalesce(g.level, '') AS level,
                       count(*)::int AS n, (count(*) FILTER (WHERE c.approximate))::int AS a
                FROM model_registration r JOIN org_unit_cover c ON c.unit_id = r.unit_id
                LEFT JOIN model_assessment sa ON sa.registration_id = r.id AND sa.role = 'self' LEFT JOIN model_assessment rv ON rv.registration_id = r.id AND rv.role = 'review'
                LEFT JOIN recognition g ON g.registration_id = r.id GROUP BY 1, 2, 3, 4, 5, 6)
    SELECT count(*)::int AS keys, (count(*) FILTER (WHERE k.n IS DISTINCT FROM c.n OR k.a IS DISTINCT FROM c.a))::int AS bad
    FROM kept k FULL JOIN counted c USING (ancestor_id, year, model_type, status, target_group, level)`.execute(db)).rows[0]!;
  return { exact: r.bad === 0, keys: r.keys, mismatches: r.bad };
}

// ---------------------------------------------------------------------------------------------------------------
// Part 1: the campaign

interface Reply { status: number; body: any; ms: number; headers: http.IncomingHttpHeaders }

/** One request on a phone's own keep-alive connection. */
function request(agent: http.Agent, base: URL, method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const t = now();
    const req = http.request({
      agent, host: base.hostname, port: base.port, method, path: p,
      headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try { parsed = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, body: parsed, ms: now() - t, headers: res.headers });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

interface Scenario { name: string; description: string; arrivalMs: number; thinkMs: [number, number] }

async function campaignRun(db: Db, base: URL, officerCookie: string, communeId: string, sc: Scenario, serverMs: Map<string, number[]>, seed: number) {
  const created = await request(new http.Agent(), base, 'POST', '/api/v1/model-campaigns',
    { unitId: communeId, modelType: 'learning_citizen', year: YEAR, title: `Đợt đăng ký Công dân học tập ${YEAR} (bench: ${sc.name})` },
    { cookie: officerCookie, 'x-requested-with': 'xhht' });
  if (created.status !== 201) throw new Error(`campaign: ${created.status} ${JSON.stringify(created.body)}`);
  const { id: campaignId, code } = created.body as { id: string; code: string };
  const rnd = prng(seed);
  const plan = Array.from({ length: USERS }, (_, i) => ({
    i, arrive: rnd() * sc.arrivalMs, think: sc.thinkMs[0] + rnd() * (sc.thinkMs[1] - sc.thinkMs[0]),
    body: { name: `Người dân ${sc.name} ${i + 1}`, birthYear: 1950 + (i % 55), scores: Object.fromEntries(CDHT.map((c) => [c, 5 + Math.floor(rnd() * 6)])), targetGroup: GROUPS[i % 3], submissionKey: randomUUID() },
  }));
  const lat = { page: [] as number[], submit: [] as number[], doubleTap: [] as number[], retry: [] as number[] };
  const errors: string[] = [];
  const answered = new Map<string, string>(); // submissionKey → registrationId of the first answer
  let replays = 0, replaysSame = 0;
  for (const k of serverMs.keys()) serverMs.set(k, []);
  const started = now();
  const loadAtStart = load();
  await Promise.all(plan.map(async (u) => {
    // Each phone has its own address on the loopback network and one keep-alive connection.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2, localAddress: `127.0.${1 + Math.floor(u.i / 250)}.${1 + (u.i % 250)}` });
    try {
      if (u.arrive) await sleep(u.arrive);
      const page = await request(agent, base, 'GET', `/api/public/v1/model-campaigns/${code}`);
      lat.page.push(page.ms);
      if (page.status !== 200) errors.push(`page ${page.status}`);
      if (u.think) await sleep(u.think);
      const path = `/api/public/v1/model-campaigns/${code}/submissions`;
      const tap = u.i % 10 === 1;
      const sent = tap ? await Promise.all([request(agent, base, 'POST', path, u.body), request(agent, base, 'POST', path, u.body)]) : [await request(agent, base, 'POST', path, u.body)];
      for (const r of sent) (tap ? lat.doubleTap : lat.submit).push(r.ms);
      const first = sent.find((r) => r.status === 201);
      if (!first || sent.filter((r) => r.status === 201).length !== 1) errors.push(`submit ${sent.map((r) => `${r.status} ${r.status >= 400 ? JSON.stringify(r.body) : ''}`).join(', ')}`);
      else answered.set(u.body.submissionKey, first.body.registrationId);
      for (const r of sent.filter((x) => x !== first)) { replays++; if (r.status === 200 && r.body.replayed && r.body.registrationId === first?.body.registrationId) replaysSame++; }
      if (u.i % 4 === 0) {
        // The phone lost the answer and sends again a moment later.
        await sleep(50 + rnd() * 200);
        const again = await request(agent, base, 'POST', path, u.body);
        lat.retry.push(again.ms);
        replays++;
        if (again.status === 200 && again.body.replayed && again.body.registrationId === first?.body.registrationId) replaysSame++;
        else errors.push(`retry ${again.status} ${JSON.stringify(again.body)}`);
      }
    } catch (e) {
      errors.push(String(e));
    } finally {
      agent.destroy();
    }
  }));
  const seconds = (now() - started) / 1000;
  await sleep(50); // the last onResponse hooks
  const server = Object.fromEntries([...serverMs].filter(([, xs]) => xs.length).map(([k, xs]) => [k, stats(xs)]));

  // In the database: exactly one registration, one self-assessment and one subject per user; nothing twice.
  const check = (await sql<{ registrations: number; keys: number; subjects: number; submitted: number; self_assessments: number; events: number; subjects_named: number }>`
    SELECT count(*)::int AS registrations, count(DISTINCT r.submission_key)::int AS keys, count(DISTINCT r.subject_id)::int AS subjects,
           (count(*) FILTER (WHERE r.status = 'submitted'))::int AS submitted,
           (SELECT count(*)::int FROM model_assessment a JOIN model_registration x ON x.id = a.registration_id WHERE x.campaign_id = ${campaignId} AND a.role = 'self') AS self_assessments,
           (SELECT count(*)::int FROM model_registration_event e JOIN model_registration x ON x.id = e.registration_id WHERE x.campaign_id = ${campaignId}) AS events,
           (SELECT count(*)::int FROM learning_subject s WHERE s.name LIKE ${`Người dân ${sc.name} %`}) AS subjects_named
    FROM model_registration r WHERE r.campaign_id = ${campaignId}`.execute(db)).rows[0]!;
  const ids = new Set((await sql<{ id: string; key: string }>`SELECT id::text, submission_key::text AS key FROM model_registration WHERE campaign_id = ${campaignId}`.execute(db)).rows.map((r) => `${r.key}|${r.id}`));
  const answersMatch = answered.size === USERS && [...answered].every(([k, id]) => ids.has(`${k}|${id}`));
  const verified = check.registrations === USERS && check.keys === USERS && check.subjects === USERS && check.submitted === USERS && check.self_assessments === USERS
    && check.subjects_named === USERS && check.events === 2 * USERS && answersMatch && errors.length === 0 && replaysSame === replays;
  const out = {
    description: sc.description, users: USERS, seconds: ms(seconds), submissionsPerSecond: Math.round(USERS / seconds), loadAverageAtStart: loadAtStart,
    client: { page: stats(lat.page), submit: stats(lat.submit), submitDoubleTap: stats(lat.doubleTap), retry: stats(lat.retry), allSubmissions: stats([...lat.submit, ...lat.doubleTap]) },
    server,
    idempotency: { resent: replays, answeredWithTheFirstResult: replaysSame, doubleTaps: plan.filter((u) => u.i % 10 === 1).length, retries: plan.filter((u) => u.i % 4 === 0).length },
    database: { ...check, answersMatchRegistrations: answersMatch, verified },
    errors: errors.slice(0, 10), errorCount: errors.length,
  };
  const a = out.client.allSubmissions;
  console.log(`  ${sc.name.padEnd(22)} page p50 ${out.client.page.p50Ms} / p95 ${out.client.page.p95Ms} ms; submit p50 ${a.p50Ms} / p95 ${a.p95Ms} / max ${a.maxMs} ms; ${out.submissionsPerSecond}/s; ${replaysSame}/${replays} replays same; DB ${verified ? 'verified' : 'NOT VERIFIED'} (${JSON.stringify(check)})${errors.length ? `; ${errors.length} errors: ${errors[0]}` : ''}`);
  return out;
}

async function setCounterTriggers(db: Db, on: boolean) {
  for (const [table, triggers] of Object.entries(COUNTER_TRIGGERS)) {
    for (const t of triggers) await sql.raw(`ALTER TABLE ${table} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${t}`).execute(db);
  }
}

async function partCampaign(db: Db, url: string, dataDir: string) {
  const appDb = connect(url, 10);
  const app = await buildApp({ db: appDb, config: { ...readConfig({}), dataDir, today: TODAY, selfServicePerMinute: 1_000_000 }, databaseMode: 'embedded', version: 'bench' });
  const serverMs = new Map<string, number[]>();
  app.addHook('onResponse', async (req, reply) => {
    const key = `${req.method} ${req.routeOptions.url ?? req.url}`;
    serverMs.set(key, [...(serverMs.get(key) ?? []), reply.elapsedTime]);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const base = new URL(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    const login = await request(new http.Agent(), base, 'POST', '/api/v1/auth/login', { username: 'commune', password: PASSWORD });
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    const communeId = (await unitByCode(db, COMMUNE, `${YEAR}-12-31`))!.id;
    const scenarios: Scenario[] = [
      { name: 'burst', description: `all ${USERS} users at the same instant: page, then the submission at once (${USERS} requests in flight)`, arrivalMs: 0, thinkMs: [0, 0] },
      { name: 'online', description: `${USERS} users online together: each opens the page within 2 s, fills in the form for 2–8 s, then submits`, arrivalMs: 2000, thinkMs: [2000, 8000] },
    ];
    const results: Record<string, unknown> = {};
    for (const [k, sc] of scenarios.entries()) results[sc.name] = await campaignRun(db, base, cookie, communeId, sc, serverMs, 100 + k);
    // The same burst with the counter triggers disabled: what keeping model_rollup costs under this load.
    await setCounterTriggers(db, false);
    try {
      results.burstWithoutCounters = await campaignRun(db, base, cookie, communeId,
        { name: 'burst-nocounters', description: `as "burst", with the model_rollup triggers disabled (ALTER TABLE … DISABLE TRIGGER)`, arrivalMs: 0, thinkMs: [0, 0] }, serverMs, 200);
    } finally {
      await setCounterTriggers(db, true);
    }
    const t = now();
    await sql`SELECT model_rollup_rebuild()`.execute(db);
    const rebuildMs = ms(now() - t);
    const counters = await countersExact(db);
    console.log(`  counters rebuilt after the run without triggers in ${rebuildMs} ms; equal to a recomputation: ${counters.exact}`);
    return { results, rebuildAfterDisabledRunMs: rebuildMs, countersAfterwards: counters };
  } finally {
    await app.close();
    await appDb.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Part 2: province statistics

async function timeRuns(f: () => Promise<unknown>, warm: number, runs: number) {
  for (let k = 0; k < warm; k++) await f();
  const xs: number[] = [];
  for (let k = 0; k < runs; k++) { const t = now(); await f(); xs.push(now() - t); }
  return stats(xs);
}

async function httpStatistics(url: string, dataDir: string, runs: number, warm: number) {
  const appDb = connect(url, 10);
  const app = await buildApp({ db: appDb, config: { ...readConfig({}), dataDir, today: TODAY }, databaseMode: 'embedded', version: 'bench' });
  const serverMs: number[] = [];
  app.addHook('onResponse', async (req, reply) => { if (req.url.startsWith('/api/v1/learning-models/statistics')) serverMs.push(reply.elapsedTime); });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'coordinator', password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`login ${login.status}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const roundTrip: number[] = [];
    let body: any;
    for (let k = 0; k < warm + runs; k++) {
      const t = now();
      const res = await fetch(`${base}/api/v1/learning-models/statistics?unit=${PROVINCE}&year=${YEAR}`, { headers: { cookie } });
      body = await res.json();
      if (res.status !== 200) throw new Error(`statistics ${res.status} ${JSON.stringify(body)}`);
      if (k >= warm) roundTrip.push(now() - t);
    }
    await sleep(20);
    return { server: stats(serverMs.slice(-runs)), roundTrip: stats(roundTrip), body };
  } finally {
    await app.close();
    await appDb.destroy();
  }
}

async function partStatistics(server: EmbeddedServer, admin: pg.Client, dataDir: string) {
  const url = server.url('models');
  const db = connect(url, 4);
  const province = (await unitByCode(db, PROVINCE, `${YEAR}-12-31`))!;
  const u = await db.selectFrom('app_user').select(['id', 'username', 'display_name', 'role']).where('username', '=', 'coordinator').executeTakeFirstOrThrow();
  const actor: Actor = { id: u.id, username: u.username, displayName: u.display_name, role: u.role as Actor['role'] };

  const countersDirect = await timeRuns(() => modelStatistics(db, actor, province, YEAR), WARM, RUNS);
  console.log(`  counters, direct call          p50 ${countersDirect.p50Ms} ms  p95 ${countersDirect.p95Ms} ms`);
  const liveDirect = await timeRuns(() => modelStatistics(db, actor, province, YEAR, { source: 'live' }), 2, LIVE_RUNS);
  console.log(`  live (old query), direct call  p50 ${liveDirect.p50Ms} ms  p95 ${liveDirect.p95Ms} ms`);
  const same = JSON.stringify(await modelStatistics(db, actor, province, YEAR)) === JSON.stringify(await modelStatistics(db, actor, province, YEAR, { source: 'live' }));
  const countersHttp = await httpStatistics(url, dataDir, RUNS, WARM);
  await db.destroy(); // CREATE DATABASE … TEMPLATE needs the source without connections
  console.log(`  counters, GET (server)         p50 ${countersHttp.server.p50Ms} ms  p95 ${countersHttp.server.p95Ms} ms  (round trip p50 ${countersHttp.roundTrip.p50Ms} / p95 ${countersHttp.roundTrip.p95Ms} ms)`);

  // The live variant over HTTP: a copy of the database whose model_rollup is a view counting on each request.
  await admin.query('DROP DATABASE IF EXISTS models_live');
  await admin.query('CREATE DATABASE models_live TEMPLATE models');
  const liveDb = connect(server.url('models_live'), 1);
  await sql`DROP TABLE model_rollup CASCADE`.execute(liveDb);
  await sql`CREATE VIEW model_rollup AS
    SELECT c.ancestor_id, r.year, r.model_type, r.status, coalesce(rv.target_group, sa.target_group, '') AS target_group, coalesce(g.level, '') AS level,
           0::smallint AS slot, count(*)::int AS registrations, (count(*) FILTER (WHERE c.approximate))::int AS approximate
    FROM org_unit_cover c JOIN model_registration r ON r.unit_id = c.unit_id
    LEFT JOIN model_assessment sa ON sa.registration_id = r.id AND sa.role = 'self' LEFT JOIN model_assessment rv ON rv.registration_id = r.id AND rv.role = 'review'
    LEFT JOIN recognition g ON g.registration_id = r.id
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(liveDb);
  await sql`ANALYZE`.execute(liveDb);
  await liveDb.destroy();
  const liveHttp = await httpStatistics(server.url('models_live'), dataDir, LIVE_RUNS, 2);
  console.log(`  live, GET (server)             p50 ${liveHttp.server.p50Ms} ms  p95 ${liveHttp.server.p95Ms} ms  (round trip p50 ${liveHttp.roundTrip.p50Ms} ms)`);
  await admin.query('DROP DATABASE IF EXISTS models_live');
  const citizens = (countersHttp.body.byModel as { modelType: string; registered: number; recognised: number; share: unknown }[]).find((m) => m.modelType === 'learning_citizen');
  return {
    operation: `GET /api/v1/learning-models/statistics?unit=${PROVINCE}&year=${YEAR} as the coordinator (scope: provinces 79 and 80); direct: modelStatistics(db, coordinator, province ${PROVINCE}, ${YEAR})`,
    resultsIdentical: same,
    answer: { learningCitizen: citizens, byLevel: countersHttp.body.byLevel, byTargetGroup: countersHttp.body.byTargetGroup },
    counters: { direct: countersDirect, httpServer: countersHttp.server, httpRoundTrip: countersHttp.roundTrip },
    live: { direct: liveDirect, httpServer: liveHttp.server, httpRoundTrip: liveHttp.roundTrip, note: 'direct: the query before 0012 (modelStatistics source: live); HTTP: the same route on a copy of the database where model_rollup is a view counting the registrations on each request' },
    ratios: {
      liveOverCountersDirectP50: ratio(liveDirect.p50Ms, countersDirect.p50Ms), liveOverCountersHttpServerP50: ratio(liveHttp.server.p50Ms, countersHttp.server.p50Ms),
      countersHttpServerP95VsBudget: ratio(countersHttp.server.p95Ms, BUDGET.statisticsMs), countersRoundTripP95VsBudget: ratio(countersHttp.roundTrip.p95Ms, BUDGET.statisticsMs),
      liveDirectP50VsBudget: ratio(liveDirect.p50Ms, BUDGET.statisticsMs),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What the counters cost the writers

export async function writeCosts(url: string, provinceId: string) {
  console.log('-- what keeping the counters costs the writes (BEGIN … ROLLBACK, with and without the counter triggers)');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (q: string, params: unknown[] = []) => (await client.query(q, params)).rows[0];
    const commune = (await one(`SELECT id FROM org_unit WHERE code = $1 AND valid_to IS NULL`, [COMMUNE])).id as string;
    const set = (await one(`SELECT id FROM criteria_set WHERE model_type = 'learning_citizen' ORDER BY version DESC LIMIT 1`)).id as string;
    const subject = (await one(`SELECT id FROM learning_subject WHERE unit_id = $1 AND kind = 'citizen' ORDER BY id LIMIT 1`, [commune])).id as string;
    const submitted = (await one(`SELECT r.id FROM model_registration r WHERE r.unit_id = $1 AND r.status = 'submitted' ORDER BY r.id LIMIT 1`, [commune])).id as string;
    const proposed = (await one(`SELECT r.id FROM model_registration r WHERE r.unit_id = $1 AND r.status = 'proposed' AND NOT EXISTS (SELECT 1 FROM recognition g WHERE g.registration_id = r.id) ORDER BY r.id LIMIT 1`, [commune])).id as string;
    const decision = (await one(`SELECT id FROM recognition_decision WHERE issuer_id = $1 LIMIT 1`, [commune])).id as string;
    const scores = JSON.stringify(Object.fromEntries(CDHT.map((c) => [c, 9])));
    const ops: Record<string, { what: string; runs: number; run: () => Promise<unknown> }> = {
      oneRegistration: {
        what: 'one registration (an officer registers a citizen for 2025: INSERT model_registration)', runs: 50,
        run: () => client.query(`INSERT INTO model_registration (subject_id, model_type, year, unit_id, channel) VALUES ($1, 'learning_citizen', 2025, $2, 'officer')`, [subject, commune]),
      },
      selfServiceSubmission: {
        what: "a citizen's submission as selfServiceSubmit writes it: subject, registration (submitted), self-assessment", runs: 50,
        run: async () => {
          const s = (await client.query(`INSERT INTO learning_subject (kind, name, unit_id) VALUES ('citizen', 'Người đo chi phí', $1) RETURNING id`, [commune])).rows[0].id;
          const r = (await client.query(`INSERT INTO model_registration (subject_id, model_type, year, unit_id, status, channel, submission_key, submitted_at) VALUES ($1, 'learning_citizen', ${YEAR}, $2, 'submitted', 'self_service', $3, now()) RETURNING id`, [s, commune, randomUUID()])).rows[0].id;
          await client.query(`INSERT INTO model_assessment (registration_id, role, criteria_set_id, scores, target_group, total, max_total, passed) VALUES ($1, 'self', $2, $3, 'nong_dan', 90, 100, true)`, [r, set, scores]);
        },
      },
      oneStatusChange: {
        what: 'one status change (submitted → proposed: UPDATE model_registration)', runs: 50,
        run: () => client.query(`UPDATE model_registration SET status = 'proposed', version = version + 1 WHERE id = $1`, [submitted]),
      },
      oneRecognition: {
        what: 'one recognition as recognise() writes it: INSERT recognition (with a level), UPDATE the status to recognised', runs: 50,
        run: async () => {
          await client.query(`INSERT INTO recognition (registration_id, decision_id, level) VALUES ($1, $2, 'Tốt')`, [proposed, decision]);
          await client.query(`UPDATE model_registration SET status = 'recognised', version = version + 1 WHERE id = $1`, [proposed]);
        },
      },
      versionBump: {
        what: 'a write that changes no counted key (a version bump after a rewritten score): the triggers touch no counter', runs: 50,
        run: () => client.query(`UPDATE model_registration SET version = version + 1 WHERE id = $1`, [submitted]),
      },
      mapRedrawn: {
        what: `the cover rebuilt after a change of the map (refresh_org_unit_cover(); data_rollup is rebuilt in both cases): model_rollup rebuilt over ${CITIZENS.toLocaleString('en')} + registrations`, runs: 3,
        run: () => client.query('SELECT refresh_org_unit_cover()'),
      },
    };
    const out: Record<string, unknown> = {};
    for (const [name, op] of Object.entries(ops)) {
      const time = async (counters: boolean) => {
        const xs: number[] = [];
        for (let k = 0; k < op.runs + 1; k++) {
          await client.query('BEGIN');
          if (!counters) for (const [table, triggers] of Object.entries(COUNTER_TRIGGERS)) for (const t of triggers) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${t}`);
          const t = now();
          await op.run();
          if (k > 0) xs.push(now() - t); // the first run warms the caches
          await client.query('ROLLBACK');
        }
        return stats(xs);
      };
      const withCounters = await time(true), without = await time(false);
      out[name] = { what: op.what, withCounters, withoutCounters: without, extraP50Ms: ms((withCounters.p50Ms ?? 0) - (without.p50Ms ?? 0)) };
      console.log(`  ${name.padEnd(22)} with counters p50 ${String(withCounters.p50Ms).padStart(8)} ms, without ${String(without.p50Ms).padStart(8)} ms`);
    }
    void provinceId;
    return out;
  } finally {
    await client.end();
  }
}

function codeVersion() {
  const root = new URL('../', import.meta.url);
  const git = (...args: string[]) => { try { return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim(); } catch { return null; } };
  const files = ['src/modules/learning-models/statistics.ts', 'src/modules/learning-models/campaign.ts', 'src/db/migrations/0012_learning_model_rollup.sql', 'bench/models.ts'];
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    files: Object.fromEntries(files.map((f) => [f, { changedSinceCommit: git('diff', '--quiet', 'HEAD', '--', f) === null, sha256: createHash('sha256').update(readFileSync(new URL(f, root))).digest('hex').slice(0, 12) }])),
  };
}

// ---------------------------------------------------------------------------------------------------------------

export async function benchModels(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xhht-bench-models-'));
  const server = await startEmbedded(dir, 47000 + Math.floor(Math.random() * 1000));
  const loadBefore = load();
  const admin = new pg.Client({ connectionString: server.url() });
  try {
    await admin.connect();
    const postgres = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
    await ensureDatabase(server.url(), 'models');
    const url = server.url('models');
    const db = connect(url, 4);
    let t0 = now();
    await migrate(db);
    await seedReference(db);
    await seedDemoUsers(db, PASSWORD);
    const seedMs = ms(now() - t0);
    const province = (await unitByCode(db, PROVINCE, `${YEAR}-12-31`))!;
    const communes = await communesOf(db, province.id);
    console.log(`reference data in ${(seedMs / 1000).toFixed(1)} s; generating ${CITIZENS.toLocaleString('en')} citizens over the ${communes.length} communes of province ${PROVINCE} (${province.name})`);
    t0 = now();
    const generation = await generate(url, province.id, communes);
    const generationMs = ms(now() - t0);
    const volume = await volumeOf(db, province.id);
    const exactAfterGeneration = await countersExact(db);
    console.log(`data: ${JSON.stringify(volume)}\n  counters equal to a recomputation: ${exactAfterGeneration.exact} (${exactAfterGeneration.keys} keys)`);

    console.log('\n-- part 1: a commune-wide campaign through the public HTTP API');
    const campaign = await partCampaign(db, url, dir);

    console.log('\n-- part 2: province statistics');
    await db.destroy();
    const statistics = await partStatistics(server, admin, dir);
    const writes = await writeCosts(url, province.id);

    const burst = (campaign.results.burst as any), online = (campaign.results.online as any), noCounters = (campaign.results.burstWithoutCounters as any);
    const verdict = (x: number | null, b: number) => (x !== null && x <= b ? 'met' : 'MISSED');
    const budget = {
      ...BUDGET,
      campaign: {
        burstSubmitP95: `${verdict(burst.client.allSubmissions.p95Ms, BUDGET.campaignP95Ms)} (p95 ${burst.client.allSubmissions.p95Ms} ms, ${ratio(burst.client.allSubmissions.p95Ms, BUDGET.campaignP95Ms)}× the budget)`,
        onlineSubmitP95: `${verdict(online.client.allSubmissions.p95Ms, BUDGET.campaignP95Ms)} (p95 ${online.client.allSubmissions.p95Ms} ms, ${ratio(online.client.allSubmissions.p95Ms, BUDGET.campaignP95Ms)}× the budget)`,
        nothingLostOrDuplicated: burst.database.verified && online.database.verified && noCounters.database.verified ? 'met (every run verified in the database)' : 'MISSED',
        burstCountersCostP95: ratio(burst.client.allSubmissions.p95Ms, noCounters.client.allSubmissions.p95Ms),
      },
      statistics: `${verdict(statistics.counters.httpServer.p95Ms, BUDGET.statisticsMs)} (server p50 ${statistics.counters.httpServer.p50Ms} / p95 ${statistics.counters.httpServer.p95Ms} ms; round trip p95 ${statistics.counters.httpRoundTrip.p95Ms} ms; live query p50 ${statistics.live.direct.p50Ms} ms)`,
    };
    console.log(`\nbudget: ${JSON.stringify(budget, null, 2)}`);
    const out = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres, embedded: true,
        /** 1/5/15-minute load averages before and after: other work on the machine shares its cores */
        loadAverage: { before: loadBefore, after: load() },
      },
      code: codeVersion(),
      setup: {
        today: TODAY, year: YEAR, province: `${PROVINCE} (${province.name}), ${communes.length} communes in force on 31/12/${YEAR}`, commune: `${COMMUNE} (the demo commune officer's)`,
        http: 'the app as `serve` builds it (buildApp) on its own pool of 10 connections, listening on 127.0.0.1; campaign clients: node:http, one keep-alive Agent per virtual user bound to its own loopback address (127.0.1.x), XHHT_SELF_SERVICE_PER_MINUTE raised to 1,000,000; statistics client: fetch (undici keep-alive pool), one request at a time',
        generationMethod: 'INSERT … SELECT over generate_series in one transaction with session_replication_role = replica (no triggers, no foreign-key checks), then model_rollup_rebuild() and VACUUM ANALYZE',
      },
      volume: { ...volume, seedReferenceMs: seedMs, generationMs, generationSteps: generation, countersAfterGeneration: exactAfterGeneration },
      budget,
      campaign,
      statistics,
      writeCosts: writes,
    };
    await fs.mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await fs.writeFile(new URL('./results/models.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
    console.log('written bench/results/models.json');
  } finally {
    await admin.end().catch(() => {});
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
