/**
 * `npm run bench -- api`: the plan tracker's main read paths under concurrent load on loopback.
 * Volume: both seed plans (114 tasks, 392 assignments) with the demo progress history (~400 reports),
 * 505 units; the coordinator's scope (both post-2025 provinces and, by succession, their predecessors).
 * Budget (architecture.md): p95 ≤ 50 ms at 200 concurrent users. Results: bench/results/api.json.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { readConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { seedDemoUsers, seedReference } from '../src/cli/seed.ts';
import { seedDemoProgress } from '../src/cli/demo-progress.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const TODAY = '2026-11-23';

export async function benchApi(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xhht-bench-'));
  const config = { ...readConfig({}), dataDir, embeddedPgPort: 47000 + Math.floor(Math.random() * 1000), today: TODAY };
  const database = await openDatabase(config);
  try {
    await migrate(database.db);
    await seedReference(database.db);
    await seedDemoUsers(database.db, 'bench-password');
    await seedDemoProgress(database.db, TODAY);
    const app = await buildApp({ db: database.db, config, databaseMode: database.mode, version: 'bench' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'coordinator', password: 'bench-password' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const plans = (await (await fetch(`${base}/api/v1/plans`, { headers: { cookie } })).json()) as { id: string }[];
    const paths = { plans: '/api/v1/plans', 'plan tasks': `/api/v1/plans/${plans[0]!.id}/tasks`, overdue: '/api/v1/overdue', 'org units (communes)': '/api/v1/org-units?kind=commune' };

    const results: Record<string, unknown> = {};
    for (const [name, p] of Object.entries(paths)) {
      const times: number[] = [];
      let next = 0, errors = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          next++;
          const t = performance.now();
          const res = await fetch(base + p, { headers: { cookie } });
          await res.arrayBuffer();
          if (res.status !== 200) errors++;
          times.push(performance.now() - t);
        }
      }));
      const seconds = (performance.now() - started) / 1000;
      times.sort((a, b) => a - b);
      const q = (f: number) => Math.round(times[Math.min(times.length - 1, Math.floor(f * times.length))]! * 10) / 10;
      results[name] = { path: p, requests: times.length, errors, concurrency: CONCURRENCY, p50_ms: q(0.5), p95_ms: q(0.95), p99_ms: q(0.99), rps: Math.round(times.length / seconds), p95_vs_budget_50ms: Math.round((q(0.95) / 50) * 100) / 100 };
      console.log(name.padEnd(22), JSON.stringify(results[name]));
    }
    await app.close();
    const postgres = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.db)).rows[0]!.v;
    const out = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version, postgres }, volume: { plans: 2, tasks: 114, assignments: 392, units: 505 }, results };
    await fs.mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await fs.writeFile(new URL('./results/api.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
  } finally {
    await database.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
