import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { connect } from '../../src/db/connection.ts';
import type { Db } from '../../src/db/schema.ts';
import { TEMPLATE, withDatabase } from '../support/constants.ts';
import { runCli } from '../support/cli.ts';

let admin: Db, db: Db, url: string, name: string, dir: string;

beforeAll(async () => {
  name = `xhht_test_${randomBytes(6).toString('hex')}`;
  admin = connect(inject('adminUrl'), 1);
  await sql.raw(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE}"`).execute(admin);
  url = withDatabase(inject('adminUrl'), name);
  db = connect(url, 2);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xhht-backup-'));
});
afterAll(async () => {
  await db.destroy();
  await sql.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).execute(admin);
  await admin.destroy();
  await fs.rm(dir, { recursive: true, force: true });
});

const usernames = async () => (await db.selectFrom('app_user').select('username').orderBy('username').execute()).map((u) => u.username);

describe('xhht backup / restore', () => {
  it('round-trips the database', async () => {
    await db.insertInto('app_user').values({ username: 'truoc.sao.luu', display_name: 'Trước sao lưu', role: 'viewer', password_hash: 'x' }).execute();
    const before = await usernames();
    const file = path.join(dir, 'xhht.dump');
    const backup = await runCli(['backup', file], { DATABASE_URL: url });
    expect(backup.code, backup.out).toBe(0);
    expect((await fs.stat(file)).size).toBeGreaterThan(10_000);

    await db.deleteFrom('user_scope').execute();
    await db.deleteFrom('user_session').execute();
    await db.insertInto('app_user').values({ username: 'sau.sao.luu', display_name: 'Sau sao lưu', role: 'viewer', password_hash: 'x' }).execute();
    await db.destroy();

    const restore = await runCli(['restore', file], { DATABASE_URL: url });
    expect(restore.code, restore.out).toBe(0);
    db = connect(url, 2);
    expect(await usernames()).toEqual(before);
    expect(Number((await db.selectFrom('task').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(100);
  });

  it('refuses a missing backup file without touching the database', async () => {
    const res = await runCli(['restore', path.join(dir, 'khong-co.dump')], { DATABASE_URL: url });
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/Cần tệp sao lưu/);
  });
});
