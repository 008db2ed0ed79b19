import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { problem } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { MODEL_TYPE_LABELS, MODEL_TYPES, sourceText, weakestMark, type CriteriaSet, type CriteriaSetDefinition, type ModelType } from './criteria.ts';

/**
 * SQL for criteria sets. A set is never updated in place: every edit inserts the next version of the same code, so an
 * assessment that references a criteria_set row keeps the exact rules it was scored against.
 */

type Row = {
  id: string; model_type: string; code: string; version: number; name: string; source: string; verification: 'V' | 'P' | 'I';
  effective_from: string; effective_to: string | null; definition: unknown; created_at: Date; created_by: string | null;
};

function fromRow(r: Row): CriteriaSet {
  return {
    id: r.id, modelType: r.model_type as ModelType, code: r.code, version: r.version, name: r.name, source: r.source, verification: r.verification,
    effectiveFrom: r.effective_from, effectiveTo: r.effective_to, definition: r.definition as CriteriaSetDefinition, // validated when written
    createdAt: r.created_at.toISOString(), createdBy: r.created_by,
  };
}

export interface CriteriaSetSummary extends Omit<CriteriaSet, 'definition'> {
  modelTypeLabel: string;
  /** Versions of this code in the database; the list shows the newest one of each code unless asked for all. */
  versions: number;
  latest: boolean;
}

export async function listCriteriaSets(db: Db, filter: { modelType?: ModelType | undefined; code?: string | undefined; allVersions?: boolean | undefined } = {}): Promise<CriteriaSetSummary[]> {
  let q = db.selectFrom('criteria_set as c')
    .select(['c.id', 'c.model_type', 'c.code', 'c.version', 'c.name', 'c.source', 'c.verification', 'c.effective_from', 'c.effective_to', 'c.created_at', 'c.created_by'])
    .select([
      sql<number>`count(*) OVER (PARTITION BY c.code)::int`.as('versions'),
      sql<boolean>`c.version = max(c.version) OVER (PARTITION BY c.code)`.as('latest'),
    ])
    .orderBy('c.effective_from', 'desc').orderBy('c.code').orderBy('c.version', 'desc');
  if (filter.modelType) q = q.where('c.model_type', '=', filter.modelType);
  if (filter.code) q = q.where('c.code', '=', filter.code);
  // Model types in the order of the programme (citizen → commune community), not alphabetically.
  const rows = (await q.execute()).sort((a, b) => MODEL_TYPES.indexOf(a.model_type as ModelType) - MODEL_TYPES.indexOf(b.model_type as ModelType));
  return rows.filter((r) => filter.allVersions || r.latest).map(({ versions, latest, ...r }) => {
    const { definition: _, ...set } = fromRow({ ...r, definition: null });
    return { ...set, modelTypeLabel: MODEL_TYPE_LABELS[set.modelType], versions, latest };
  });
}

export async function loadCriteriaSet(db: Db | Tx, id: string): Promise<CriteriaSet | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const row = await db.selectFrom('criteria_set').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/**
 * The criteria set in force for a model type on a date (yyyy-mm-dd): among the sets whose effective period contains the
 * date (effective_to inclusive), the one in force most recently, in its newest version.
 */
export async function currentCriteriaSet(db: Db | Tx, modelType: ModelType, onDate: string): Promise<CriteriaSet | null> {
  const row = await db.selectFrom('criteria_set').selectAll()
    .where('model_type', '=', modelType)
    .where('effective_from', '<=', onDate)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', onDate)]))
    .orderBy('effective_from', 'desc').orderBy('version', 'desc')
    .limit(1).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** Serialises writers of one code, so that "newest version + 1" is computed once per version. */
async function lockCode(tx: Tx, code: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext('criteria_set'), hashtext(${code}))`.execute(tx);
}

async function newestVersion(tx: Tx, code: string): Promise<number> {
  const r = await tx.selectFrom('criteria_set').select((eb) => eb.fn.max('version').as('v')).where('code', '=', code).executeTakeFirst();
  return r?.v ?? 0;
}

/** Inserts `definition` as the next version of its code, audited; the caller holds the code's lock. */
async function insertVersion(tx: Tx, actor: Actor | null, definition: CriteriaSetDefinition, version: number, action: string, before: unknown): Promise<CriteriaSet> {
  const row = await tx.insertInto('criteria_set').values({
    model_type: definition.modelType, code: definition.code, version, name: definition.name, source: sourceText(definition),
    verification: weakestMark(definition), effective_from: definition.effectiveFrom, effective_to: definition.effectiveTo,
    definition: JSON.stringify(definition), created_by: actor?.id ?? null,
  }).returningAll().executeTakeFirstOrThrow();
  await audit(tx, actor, action, 'criteria_set', row.id, before, { code: row.code, version: row.version, definition });
  return fromRow(row);
}

/**
 * An admin's edit of the set `baseId` (any version of a code): saved as the newest version + 1 when `baseVersion` is still
 * the newest version of the code; otherwise someone else saved first (409). The code and model type cannot change.
 */
export async function createCriteriaSetVersion(db: Db, actor: Actor, baseId: string, input: { baseVersion: number; definition: CriteriaSetDefinition }): Promise<CriteriaSet> {
  return db.transaction().execute(async (tx) => {
    const base = await loadCriteriaSet(tx, baseId);
    if (!base) throw problem(404, 'criteria_set.not_found', `Không có bộ tiêu chí ${baseId}`);
    const fixed = (['code', 'modelType'] as const).filter((f) => input.definition[f] !== base.definition[f]);
    if (fixed.length) {
      throw problem(400, 'criteria_set.identity_change', 'Không đổi được mã và loại mô hình của bộ tiêu chí; hãy tạo bộ mới', {
        errors: fixed.map((f) => ({ field: `definition.${f}`, message: `Phải giữ ${base.definition[f]}` })),
      });
    }
    await lockCode(tx, base.code);
    const newest = await newestVersion(tx, base.code);
    if (newest !== input.baseVersion) {
      throw problem(409, 'criteria_set.stale_version', `Bộ tiêu chí đã có phiên bản ${newest}; hãy tải lại trước khi lưu`, { currentVersion: newest });
    }
    return insertVersion(tx, actor, input.definition, newest + 1, 'criteria_set.version', { id: base.id, version: base.version });
  });
}

/**
 * Loads a shipped definition (data/criteria) in the caller's transaction: inserted as version 1 when the code is new, as
 * the next version when it differs from the last version loaded from the files, and not written when it is unchanged.
 * Comparing with the last *loaded* version (created_by NULL) keeps an admin's later edit from being re-added every seed.
 */
export async function loadShippedCriteriaSet(tx: Tx, definition: CriteriaSetDefinition): Promise<{ set: CriteriaSet; changed: boolean }> {
  await lockCode(tx, definition.code);
  const shipped = await tx.selectFrom('criteria_set').selectAll().where('code', '=', definition.code).where('created_by', 'is', null)
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (shipped && canonical(shipped.definition) === canonical(definition)) return { set: fromRow(shipped), changed: false };
  const set = await insertVersion(tx, null, definition, (await newestVersion(tx, definition.code)) + 1, 'criteria_set.load', shipped ? { id: shipped.id, version: shipped.version } : null);
  return { set, changed: true };
}

/** A JSON value as text regardless of key order (jsonb returns keys reordered). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}
