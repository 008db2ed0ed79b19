import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { contributors, type UnitAt } from '../indicators/analytics.ts';
import type { RegistrySum } from '../learning-centres/indicators.ts';
import type { ResourceFormat } from './formats.ts';

/**
 * Open learning resources published in a period (Vietnam time) by the units of a cover, optionally of one format: the
 * "digital learning materials" counts of the indicators engine. Drafts never count. Keyed `format|start|end` ('' for
 * every format). Publication is a coordinator's act, so every publishing unit counts as approved.
 */
export async function resourceSums(db: Db, unit: UnitAt, wanted: readonly { format: ResourceFormat | null; start: string; end: string }[]): Promise<Map<string, RegistrySum>> {
  const out = new Map<string, RegistrySum>();
  for (const w of wanted) {
    const key = `${w.format ?? ''}|${w.start}|${w.end}`;
    if (out.has(key)) continue;
    const r = (await sql<{ n: number; units: number; via: boolean; approximate: boolean }>`
      WITH k AS (${contributors(unit, w.end)})
      SELECT count(*)::int AS n, count(DISTINCT r.publisher_unit_id)::int AS units,
             coalesce(bool_or(k.via_succession), false) AS via, coalesce(bool_or(k.approximate), false) AS approximate
      FROM k JOIN learning_resource r ON r.publisher_unit_id = k.unit_id AND r.status = 'published'
      WHERE (r.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN ${w.start}::date AND ${w.end}::date
        AND (${w.format}::text IS NULL OR r.format = ${w.format})`.execute(db)).rows[0]!;
    out.set(key, { total: r.n, units: r.units, approved: r.units, via: r.via, approximate: r.approximate, demo: false });
  }
  return out;
}
