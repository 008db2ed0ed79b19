import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { readConfig, type Config } from '../../src/config.ts';
import { connect } from '../../src/db/connection.ts';
import type { Db } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { TEMPLATE, TEST_PASSWORD, TEST_TODAY, withDatabase } from './constants.ts';

export interface TestServer {
  url: string;
  db: Db;
  config: Config;
  close(): Promise<void>;
}

/** A real server on a random port over a fresh database cloned from the migrated, seeded template. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const adminUrl = inject('adminUrl');
  const name = `xhht_test_${randomBytes(6).toString('hex')}`;
  const admin = connect(adminUrl, 1);
  await sql.raw(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE}"`).execute(admin);
  const db = connect(withDatabase(adminUrl, name), 5);
  const config: Config = { ...readConfig({}), port: 0, host: '127.0.0.1', today: TEST_TODAY, maxUploadBytes: 256 * 1024, ...overrides };
  const app = await buildApp({ db, config, databaseMode: inject('databaseMode'), version: 'test' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url, db, config,
    async close() {
      await app.close();
      await db.destroy();
      await sql.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).execute(admin);
      await admin.destroy();
    },
  };
}

/** A signed-in HTTP client: keeps the session cookie and sends the anti-CSRF header on writes. */
export class Client {
  cookie = '';
  constructor(readonly base: string) {}

  static async login(base: string, username: string, password = TEST_PASSWORD): Promise<Client> {
    const c = new Client(base);
    const res = await c.post('/api/v1/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return c;
  }

  async request(method: string, path: string, init: { body?: unknown; headers?: Record<string, string>; raw?: BodyInit } = {}) {
    const headers: Record<string, string> = { ...(this.cookie ? { cookie: this.cookie } : {}), ...(method === 'GET' ? {} : { 'x-requested-with': 'xhht' }), ...init.headers };
    let body: BodyInit | undefined = init.raw;
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.body);
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body: parsed as any };
  }

  get(path: string) { return this.request('GET', path); }
  post(path: string, body?: unknown, headers?: Record<string, string>) { return this.request('POST', path, { body, headers }); }
}
