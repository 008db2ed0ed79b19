import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Database, Db } from './schema.ts';
import { startEmbedded, type EmbeddedServer } from './embedded.ts';

// Dates stay 'YYYY-MM-DD' strings: a calendar date has no time zone to shift it.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface OpenDatabase {
  db: Db;
  mode: 'embedded' | 'external';
  url: string;
  close(): Promise<void>;
}

export function connect(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection closed by the server (restart, admin command) must not crash the process; the pool reconnects.
  // 57P01 (admin shutdown) is the expected end of every connection when the server stops with us.
  const closed = (err: Error) => {
    if ((err as { code?: string }).code !== '57P01') console.error(`PostgreSQL: kết nối bị đóng (${err.message})`);
  };
  pool.on('error', closed);
  // The pool listens on idle clients only: a client being released or ended while the server stops (the scheduler's,
  // at shutdown) would otherwise raise an unhandled 'error' event and kill the process.
  pool.on('connect', (client) => client.on('error', closed));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens the configured database: `DATABASE_URL` when set, else the embedded server under the data directory. */
export async function openDatabase(config: Config, log: (m: string) => void = () => {}): Promise<OpenDatabase> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbedded(config.dataDir, config.embeddedPgPort, log);
    await ensureDatabase(embedded.url(), 'xhht');
    url = embedded.url('xhht');
  }
  const db = connect(url);
  return {
    db,
    mode: embedded ? 'embedded' : 'external',
    url,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
}
