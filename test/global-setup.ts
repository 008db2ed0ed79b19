import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { connect, ensureDatabase } from '../src/db/connection.ts';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemoUsers, seedReference } from '../src/cli/seed.ts';
import { sql } from 'kysely';
import { TEMPLATE, TEST_PASSWORD, withDatabase } from './support/constants.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    databaseMode: 'embedded' | 'external';
  }
}

let server: EmbeddedServer | undefined;
let dataDir: string | undefined;

/**
 * Once per run: a PostgreSQL server (embedded in a world-traversable temp dir, or DATABASE_URL) and a template
 * database with the schema, the reference data and the demo users. Each test file clones the template.
 */
export async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xhht-test-'));
    server = await startEmbedded(dataDir, 20000 + Math.floor(Math.random() * 20000));
    adminUrl = server.url('postgres');
  }
  const templateUrl = withDatabase(adminUrl, TEMPLATE);
  const admin = connect(adminUrl, 1);
  await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname LIKE 'xhht_test_%' OR datname = ${TEMPLATE}`.execute(admin);
  for (const { datname } of (await sql<{ datname: string }>`SELECT datname FROM pg_database WHERE datname LIKE 'xhht_test_%' OR datname = ${TEMPLATE}`.execute(admin)).rows) {
    await sql.raw(`DROP DATABASE "${datname}"`).execute(admin);
  }
  await admin.destroy();
  await ensureDatabase(adminUrl, TEMPLATE);
  const db = connect(templateUrl, 2);
  await migrate(db);
  await seedReference(db);
  await seedDemoUsers(db, TEST_PASSWORD);
  await db.destroy();
  project.provide('adminUrl', adminUrl);
  project.provide('databaseMode', server ? 'embedded' : 'external');
}

export async function teardown() {
  await server?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
}
