import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, startCli } from '../support/cli.ts';

// The embedded PostgreSQL as an operator meets it: `xhht serve` with no DATABASE_URL.
let dataDir: string;
const port = () => String(30000 + Math.floor(Math.random() * 10000));
const pgPort = String(41000 + Math.floor(Math.random() * 5000));
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xhht-embedded-'));
  env = { DATABASE_URL: '', XHHT_DATA_DIR: dataDir, XHHT_PG_PORT: pgPort, HOST: '127.0.0.1' };
});
afterAll(async () => { await fs.rm(dataDir, { recursive: true, force: true }); });

const lockFile = () => path.join(dataDir, 'pg', 'postmaster.pid');
const exists = (p: string) => fs.access(p).then(() => true, () => false);

async function health(p: string) {
  const res = await fetch(`http://127.0.0.1:${p}/api/health`);
  return res.json() as Promise<{ status: string; database: string }>;
}

describe('embedded PostgreSQL', () => {
  it('starts (as root too), serves, and stops cleanly on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const p = port();
      const { child } = await startCli(['serve'], { ...env, PORT: p });
      expect(await health(p)).toMatchObject({ status: 'ok', database: 'embedded' });
      expect(await exists(lockFile())).toBe(true);
      child.kill(signal);
      expect(await exited(child)).toBe(0);
      expect(await exists(lockFile())).toBe(false); // the server shut down, not just our process
    }
  });

  it('recovers after a crash that left the database server running', async () => {
    const p = port();
    const first = await startCli(['serve'], { ...env, PORT: p });
    const orphanPid = Number((await fs.readFile(lockFile(), 'utf8')).split('\n')[0]);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(() => process.kill(orphanPid, 0)).not.toThrow(); // still holds the data directory

    const p2 = port();
    const second = await startCli(['serve'], { ...env, PORT: p2 });
    expect(await health(p2)).toMatchObject({ status: 'ok' });
    expect(() => process.kill(orphanPid, 0)).toThrow();
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  });

  it('recovers from a stale lock file whose process is gone', async () => {
    await fs.writeFile(lockFile(), '999999\n/nonexistent\n');
    const p = port();
    const { child } = await startCli(['serve'], { ...env, PORT: p });
    expect(await health(p)).toMatchObject({ status: 'ok' });
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });
});
