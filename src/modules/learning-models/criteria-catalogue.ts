import fs from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Db } from '../../db/schema.ts';
import { CriteriaSetDefinition } from './criteria.ts';
import { loadShippedCriteriaSet } from './criteria-store.ts';

/** The criteria sets shipped in data/criteria/*.yaml, one set per file, loaded at seed. */

const DIR = new URL('../../../data/criteria/', import.meta.url);

/** Every shipped definition, parsed strictly; throws listing every problem of every file. */
export async function readCriteriaFiles(dir: URL = DIR): Promise<{ file: string; definition: CriteriaSetDefinition }[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const problems: string[] = [];
  const sets: { file: string; definition: CriteriaSetDefinition }[] = [];
  for (const file of files) {
    const raw = parseYaml(await fs.readFile(new URL(file, dir), 'utf8'), { schema: 'core' }) as unknown;
    const parsed = CriteriaSetDefinition.safeParse(raw, { error: z.locales.vi().localeError });
    if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(gốc)'}: ${i.message}`));
    else if (`${parsed.data.code}.yaml` !== file) problems.push(`${file}: tên tệp phải là mã bộ tiêu chí (${parsed.data.code}.yaml)`);
    else sets.push({ file, definition: parsed.data });
  }
  if (problems.length) throw new Error(`Bộ tiêu chí (data/criteria) không hợp lệ:\n- ${problems.join('\n- ')}`);
  return sets;
}

/** Loads the shipped sets, each in its own transaction: unchanged files write nothing, changed files add a version. */
export async function loadCriteriaCatalogue(db: Db): Promise<{ sets: number; changes: string[] }> {
  const sets = await readCriteriaFiles();
  const changes: string[] = [];
  for (const { definition } of sets) {
    const r = await db.transaction().execute((tx) => loadShippedCriteriaSet(tx, definition));
    if (r.changed) changes.push(`${r.set.code} v${r.set.version}`);
  }
  return { sets: sets.length, changes };
}
