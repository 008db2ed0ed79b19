import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { connect, ensureDatabase } from '../db/connection.ts';
import { startEmbedded } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/schema.ts';
import type { Actor } from '../modules/auth/model.ts';
import { upsertUser } from '../modules/auth/store.ts';
import { inForce } from '../modules/org-units/store.ts';
import { parseCommunes, parseResidents, type CommuneRow, type ImportError } from '../modules/universal-education/register-file.ts';
import { importRegister, rebuildAll } from '../modules/universal-education/register.ts';
import { readResult, surveyReferenceDate } from '../modules/universal-education/results.ts';

/** `xhht pcgd evaluate|rebuild`: the server's own import and computation, from the command line. */
export async function pcgdCommand(config: Config, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'evaluate') return evaluateCommand(config, rest);
  if (sub === 'rebuild') return rebuildCommand(config);
  throw new Error('Cách dùng: xhht pcgd evaluate --communes TỆP --residents TỆP --year NĂM [--json] | xhht pcgd rebuild');
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function evaluateCommand(config: Config, args: string[]): Promise<void> {
  const communesFile = option(args, 'communes');
  const residentsFile = option(args, 'residents');
  const year = Number(option(args, 'year'));
  if (!communesFile || !residentsFile || !Number.isInteger(year)) throw new Error('Cần --communes TỆP --residents TỆP --year NĂM');
  const read = async (f: string) => ({ name: path.basename(f), bytes: new Uint8Array(await fs.readFile(f)) });
  const communes = await parseCommunes(await read(communesFile));
  const residents = communes.ok
    ? await parseResidents(await read(residentsFile), { year, knownCommunes: new Set(communes.rows.map((c) => c.communeCode)) })
    : undefined;
  const errors: ImportError[] = [...(communes.ok ? [] : communes.errors), ...(residents && !residents.ok ? residents.errors : [])];
  if (!communes.ok || !residents?.ok) return fail(args, errors);

  await withScratchDatabase(config, async (db) => {
    await migrate(db);
    const actor = await ensureUnitsFromFile(db, year, communes.rows);
    await importRegister(db, actor, year, communes.rows, residents.rows);
    const out = await summarise(db, year, communes.rows);
    console.log(args.includes('--json') ? JSON.stringify(out) : JSON.stringify(out, null, 2));
  });
}

function fail(args: string[], errors: ImportError[]): never {
  if (args.includes('--json')) console.log(JSON.stringify({ errors }));
  else for (const e of errors) console.error(`${e.file}${e.row ? ` dòng ${e.row}` : ''}${e.column ? ` cột ${e.column}` : ''}: ${e.message}`);
  process.exit(1);
}

/** A database of its own (a throwaway embedded server) unless DATABASE_URL is given; nothing is left running. */
async function withScratchDatabase(config: Config, work: (db: Db) => Promise<void>): Promise<void> {
  if (config.databaseUrl) {
    const db = connect(config.databaseUrl, 4);
    try { return await work(db); } finally { await db.destroy(); }
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xhht-pcgd-'));
  const server = await startEmbedded(dir, 42000 + Math.floor(Math.random() * 8000));
  try {
    await ensureDatabase(server.url(), 'xhht');
    const db = connect(server.url('xhht'), 4);
    try { await work(db); } finally { await db.destroy(); }
  } finally {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * The files name their own province, districts and communes; those not already in the database (a scratch one
 * has none) are added as units in force on the survey's reference date, and a CLI user is scoped to the provinces.
 */
async function ensureUnitsFromFile(db: Db, year: number, communes: readonly CommuneRow[]): Promise<Actor> {
  const at = surveyReferenceDate(year);
  const provinceIds: string[] = [];
  await db.transaction().execute(async (tx) => {
    const unit = async (code: string, name: string, kind: 'province' | 'district' | 'commune', parentId: string | null) => {
      const found = await tx.selectFrom('org_unit as u').select('u.id').where('u.code', '=', code).where(inForce(at)).executeTakeFirst();
      if (found) return found.id;
      return (await tx.insertInto('org_unit').values({ code, name, kind, parent_id: parentId, source: 'tệp communes của lệnh pcgd' }).returning('id').executeTakeFirstOrThrow()).id;
    };
    for (const c of communes) {
      const province = await unit(c.provinceCode, c.provinceName, 'province', null);
      if (!provinceIds.includes(province)) provinceIds.push(province);
      const district = c.districtCode ? await unit(c.districtCode, c.districtName ?? c.districtCode, 'district', province) : null;
      await unit(c.communeCode, c.communeName, 'commune', district ?? province);
    }
    await sql`SELECT refresh_org_unit_cover()`.execute(tx);
  });
  const id = await upsertUser(db, null, { username: 'pcgd-cli', displayName: 'Lệnh pcgd', role: 'coordinator', password: randomBytes(16).toString('hex'), scopeUnitIds: provinceIds });
  return { id, username: 'pcgd-cli', displayName: 'Lệnh pcgd', role: 'coordinator' };
}

async function summarise(db: Db, year: number, communes: readonly CommuneRow[]) {
  const results = await Promise.all(communes.map((c) => readResult(db, c.communeCode, year)));
  const districtCodes = [...new Set(communes.map((c) => c.districtCode).filter((d): d is string => !!d))];
  const districts = await Promise.all(districtCodes.map((d) => readResult(db, d, year)));
  const province = await readResult(db, communes[0]!.provinceCode, year);
  return {
    year,
    communes: results.map((r) => ({ code: r!.unit.code, levels: r!.levels, rates: (r!.result as { rates: unknown }).rates })),
    districts: districts.map((d) => ({ code: d!.unit.code, levels: d!.levels })),
    province: province ? { code: province.unit.code, levels: province.levels } : null,
  };
}

async function rebuildCommand(config: Config): Promise<void> {
  const { openDatabase } = await import('../db/connection.ts');
  const database = await openDatabase(config);
  try {
    await migrate(database.db);
    const n = await rebuildAll(database.db);
    console.log(`Đã dựng lại bảng tổng hợp và kết quả của ${n.toLocaleString('vi-VN')} sổ điều tra.`);
  } finally {
    await database.close();
  }
}
