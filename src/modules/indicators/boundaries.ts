import { z } from 'zod';
import type { Db } from '../../db/schema.ts';
import { problem } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';

/**
 * Boundary files for the choropleth. No boundary data ships with the product (no source with a licence that allows
 * it was found): the operator uploads the province's GeoJSON and states its licence. Features are matched to units
 * by a code property; without a file the map falls back to a tile grid.
 */
const Feature = z.object({
  type: z.literal('Feature'),
  properties: z.record(z.string(), z.unknown()).nullable(),
  geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
});
export const BoundaryBody = z.strictObject({
  licence: z.string().trim().min(3, 'Ghi rõ giấy phép / nguồn của tệp ranh giới').max(300),
  codeProperty: z.string().trim().min(1).max(40).default('code'),
  geojson: z.object({ type: z.literal('FeatureCollection'), features: z.array(Feature).min(1, 'Tệp không có vùng nào').max(5000) }),
});
export type BoundaryBody = z.infer<typeof BoundaryBody>;

export async function saveBoundary(db: Db, actor: Actor, unitId: string, body: BoundaryBody) {
  return db.transaction().execute(async (tx) => {
    const codes = body.geojson.features.map((f) => String(f.properties?.[body.codeProperty] ?? ''));
    const missing = codes.map((c, i) => [c, i] as const).filter(([c]) => !c);
    if (missing.length) {
      throw problem(422, 'boundary.missing_code', `Có ${missing.length} vùng thiếu thuộc tính mã "${body.codeProperty}"`, { errors: missing.slice(0, 50).map(([, i]) => ({ field: `geojson.features[${i}].properties.${body.codeProperty}`, message: 'Thiếu mã đơn vị' })) });
    }
    const known = await tx.selectFrom('org_unit_cover as c').innerJoin('org_unit as u', 'u.id', 'c.unit_id').select('u.code')
      .where('c.ancestor_id', '=', unitId).where('u.code', 'in', codes).execute();
    const matched = new Set(known.map((k) => k.code));
    // Normalise: every feature carries `code`, whatever the source file called it.
    const geojson = { type: 'FeatureCollection', features: body.geojson.features.map((f) => ({ ...f, properties: { ...f.properties, code: String(f.properties?.[body.codeProperty]) } })) };
    await tx.insertInto('boundary_file').values({ unit_id: unitId, geojson: JSON.stringify(geojson), licence: body.licence, uploaded_by: actor.id })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet({ geojson: JSON.stringify(geojson), licence: body.licence, uploaded_by: actor.id, uploaded_at: new Date() })).execute();
    await audit(tx, actor, 'boundary_file.save', 'org_unit', unitId, null, { licence: body.licence, features: codes.length, matched: matched.size });
    return { features: codes.length, matched: matched.size, unmatched: codes.filter((c) => !matched.has(c)) };
  });
}

export async function boundaryOf(db: Db, unitId: string) {
  const row = await db.selectFrom('boundary_file').select(['geojson', 'licence', 'uploaded_at']).where('unit_id', '=', unitId).executeTakeFirst();
  return row ? { geojson: row.geojson, licence: row.licence, uploadedAt: row.uploaded_at } : null;
}
