import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { fileType, storedFile } from '../../http/file-types.ts';
import { forbidden, notAllowed, problem, staleVersion, type FieldError } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { coveredUnitIds } from '../auth/scope.ts';
import { figures, LINEAGE_LABELS, loadIndicators, unitById } from '../indicators/analytics.ts';
import { parsePeriod } from '../indicators/periods.ts';
import { sanitiseText } from '../reports/narrative.ts';
import { Mark } from '../verification.ts';
import { allFeatures, FrameworkDefinition, readFrameworkFile, weakestMark } from './framework.ts';
import {
  areaProgress, checkEntries, overall, ratingLabel, ROLES, scorePercent, STATUS_LABELS, submitProblems, transition,
  type AssessmentAction, type AssessmentStatus, type CityBody, type FeatureEntry, type ReviewBody, type SaveBody,
} from './model.ts';

/**
 * SQL of learning cities and their yearly self-assessments. Scope: a city is seen by users whose scope covers any unit
 * it covers (at any time); it is assessed (drafted, submitted) and reviewed only by users whose scope covers every unit
 * it covers during the year — the city's own officers before 01/07/2025, the province after. Checked inside the SQL.
 */

const invalid = (code: string, title: string, errors: FieldError[], prefix = 'body') =>
  problem(422, code, title, { errors: errors.map((e) => ({ ...e, field: `${prefix}.${e.field}` })) });

const hasRole = (actor: Actor, what: keyof typeof ROLES) => (ROLES[what] as readonly string[]).includes(actor.role);
export function requireRole(actor: Actor, what: keyof typeof ROLES) {
  if (!hasRole(actor, what)) throw notAllowed(`learning_city.${what}`);
}

/** The city is visible to the actor: its scope covers one of the city's units. */
const seesCity = (actor: Actor, cityRef: string): RawBuilder<boolean> =>
  sql<boolean>`EXISTS (SELECT 1 FROM learning_city_unit cu WHERE cu.city_id = ${sql.ref(cityRef)} AND cu.unit_id IN ${coveredUnitIds(actor)})`;

/** The actor's scope covers every unit the city covers during `year`. */
const coversCityIn = (actor: Actor, cityRef: string, year: number): RawBuilder<boolean> => sql<boolean>`NOT EXISTS (
  SELECT 1 FROM learning_city_unit cu WHERE cu.city_id = ${sql.ref(cityRef)}
    AND (cu.valid_from IS NULL OR cu.valid_from <= make_date(${year}, 12, 31)) AND (cu.valid_to IS NULL OR cu.valid_to >= make_date(${year}, 1, 1))
    AND cu.unit_id NOT IN ${coveredUnitIds(actor)})`;

// ------------------------------------------------------------------------------------------------- framework

const FRAMEWORK_CODE = 'unesco-gnlc-key-features';

export interface Framework { id: string; code: string; version: number; name: string; verification: Mark; definition: FrameworkDefinition; createdAt: string }

type FrameworkRow = { id: string; code: string; version: number; name: string; verification: Mark; definition: unknown; created_at: Date };
const frameworkOf = (r: FrameworkRow): Framework => ({
  id: r.id, code: r.code, version: r.version, name: r.name, verification: r.verification, definition: r.definition as FrameworkDefinition, createdAt: r.created_at.toISOString(),
});

/** A JSON value as text regardless of key order (jsonb reorders keys). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** Loads the shipped framework: version 1 when new, the next version when the file changed, nothing when unchanged. */
export async function loadFramework(db: Db, definition?: FrameworkDefinition): Promise<{ framework: Framework; changed: boolean }> {
  const def = definition ?? (await readFrameworkFile());
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('learning_city_framework'), hashtext(${def.code}))`.execute(tx);
    const last = await tx.selectFrom('learning_city_framework').selectAll().where('code', '=', def.code).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (last && canonical(last.definition) === canonical(def)) return { framework: frameworkOf(last), changed: false };
    const row = await tx.insertInto('learning_city_framework').values({
      code: def.code, version: (last?.version ?? 0) + 1, name: def.name, verification: weakestMark(def), definition: JSON.stringify(def),
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, null, 'learning_city_framework.load', 'learning_city_framework', row.id, last ? { id: last.id, version: last.version } : null, { code: row.code, version: row.version });
    return { framework: frameworkOf(row), changed: true };
  });
}

export async function currentFramework(db: Db | Tx): Promise<Framework> {
  const row = await db.selectFrom('learning_city_framework').selectAll().where('code', '=', FRAMEWORK_CODE).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) throw problem(503, 'learning_city.no_framework', 'Chưa nạp khung đánh giá thành phố học tập (chạy xhht seed)');
  return frameworkOf(row);
}

async function frameworkById(db: Db | Tx, id: string): Promise<Framework> {
  return frameworkOf(await db.selectFrom('learning_city_framework').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

// ------------------------------------------------------------------------------------------------- cities

/**
 * Creates a city over a unit (a district-level city). When that unit has ended, the city goes on covering the units that
 * succeeded the communes below it, from the succession date: the identity stays, the cover follows the map.
 */
export async function createCity(db: Db, actor: Actor, input: CityBody & { demo?: boolean }): Promise<string> {
  requireRole(actor, 'manage');
  return db.transaction().execute(async (tx) => {
    const unit = await tx.selectFrom('org_unit as u').select(['u.id', 'u.name', 'u.kind', 'u.parent_id', 'u.valid_from', 'u.valid_to'])
      .where('u.id', '=', input.unitId).where(sql<boolean>`u.id IN ${coveredUnitIds(actor)}`).executeTakeFirst();
    if (!unit) throw forbidden('org_unit');
    if (!unit.parent_id || !['district', 'commune'].includes(unit.kind)) {
      throw invalid('learning_city.unit_kind', 'Thành phố học tập gắn với một đơn vị cấp huyện hoặc cấp xã', [{ field: 'unitId', message: `${unit.name} không phải cấp huyện, cấp xã` }]);
    }
    if (await tx.selectFrom('learning_city').select('id').where('name', '=', input.name).executeTakeFirst()) {
      throw invalid('learning_city.duplicate', 'Đã có thành phố học tập cùng tên', [{ field: 'name', message: `Đã có “${input.name}”; chọn tên khác` }]);
    }
    return insertCity(tx, actor, unit, input);
  });
}

/** Inserts a city over `unit` with its dated cover (the unit, then the successors of its communes), audited. */
export async function insertCity(tx: Tx, actor: Actor | null, unit: { id: string; parent_id: string | null; valid_from: string | null; valid_to: string | null }, input: CityBody & { demo?: boolean }): Promise<string> {
  const city = await tx.insertInto('learning_city').values({
    name: input.name, province_id: unit.parent_id!, gnlc_year: input.gnlcYear ?? null, note: input.note ?? null, demo: input.demo ?? false, created_by: actor?.id ?? null,
  }).returningAll().executeTakeFirstOrThrow();
  await tx.insertInto('learning_city_unit').values({ city_id: city.id, unit_id: unit.id, valid_from: unit.valid_from, valid_to: unit.valid_to, anchor: true }).execute();
  // The successors of the communes the unit covered (never the province or a district that took them over).
  await sql`INSERT INTO learning_city_unit (city_id, unit_id, valid_from, valid_to)
    SELECT ${city.id}, s.to_unit_id, min(s.effective), max(n.valid_to)
    FROM org_unit_cover c JOIN org_unit o ON o.id = c.unit_id AND o.kind = 'commune'
    JOIN org_unit_succession s ON s.from_unit_id = o.id JOIN org_unit n ON n.id = s.to_unit_id AND n.kind = 'commune'
    WHERE c.ancestor_id = ${unit.id} AND NOT c.via_succession
    GROUP BY s.to_unit_id
    ON CONFLICT DO NOTHING`.execute(tx);
  const units = await tx.selectFrom('learning_city_unit').selectAll().where('city_id', '=', city.id).execute();
  await audit(tx, actor, 'learning_city.create', 'learning_city', city.id, null, { ...city, units });
  return city.id;
}

export async function updateCity(db: Db, actor: Actor, id: string, input: { gnlcYear: number | null; note?: string | null | undefined; version: number }) {
  requireRole(actor, 'manage');
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('learning_city as c').selectAll('c').where('c.id', '=', id).where(seesCity(actor, 'c.id')).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('learning_city');
    if (before.version !== input.version) throw staleVersion('learning_city', before.version);
    const after = await tx.updateTable('learning_city').set({ gnlc_year: input.gnlcYear, note: input.note ?? before.note, version: before.version + 1 }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'learning_city.update', 'learning_city', id, before, after);
  });
}

interface CityUnit { id: string; code: string; name: string; kind: string; validFrom: string | null; validTo: string | null; anchor: boolean }

async function cityUnits(db: Db | Tx, cityIds: string[]): Promise<Map<string, CityUnit[]>> {
  const rows = cityIds.length ? await db.selectFrom('learning_city_unit as cu').innerJoin('org_unit as u', 'u.id', 'cu.unit_id')
    .select(['cu.city_id', 'cu.anchor', 'cu.valid_from', 'cu.valid_to', 'u.id', 'u.code', 'u.name', 'u.kind'])
    .where('cu.city_id', 'in', cityIds).orderBy('cu.anchor', 'desc').orderBy(sql`u.name COLLATE "vi-VN-x-icu"`).execute() : [];
  const out = new Map<string, CityUnit[]>();
  for (const r of rows) {
    const list = out.get(r.city_id) ?? [];
    list.push({ id: r.id, code: r.code, name: r.name, kind: r.kind, validFrom: r.valid_from, validTo: r.valid_to, anchor: r.anchor });
    out.set(r.city_id, list);
  }
  return out;
}

/** The units of a city on a date. */
export const unitsOn = (units: readonly CityUnit[], date: string) => units.filter((u) => (!u.validFrom || u.validFrom <= date) && (!u.validTo || u.validTo >= date));

/** The units of a city at any time during a year (2025: the district until 30/06 and the wards from 01/07). */
export const unitsDuring = (units: readonly CityUnit[], year: number) => units.filter((u) => (!u.validFrom || u.validFrom <= `${year}-12-31`) && (!u.validTo || u.validTo >= `${year}-01-01`));

/** Summary of assessments (scores and completeness computed with each one's framework version). */
async function assessmentSummaries(db: Db | Tx, where: { cityIds: string[] }) {
  if (!where.cityIds.length) return [];
  const rows = await db.selectFrom('learning_city_assessment as a')
    .select(['a.id', 'a.city_id', 'a.year', 'a.status', 'a.framework_id', 'a.submitted_at', 'a.reviewed_at', 'a.version', 'a.demo'])
    .select(sql<{ code: string; rating: number | null; narrative: string | null }[]>`(SELECT coalesce(json_agg(json_build_object('code', r.feature_code, 'rating', r.rating, 'narrative', r.narrative)), '[]') FROM learning_city_rating r WHERE r.assessment_id = a.id)`.as('ratings'))
    .select(sql<{ code: string; n: number }[]>`(SELECT coalesce(json_agg(json_build_object('code', e.feature_code, 'n', e.n)), '[]') FROM (SELECT feature_code, count(*)::int AS n FROM learning_city_evidence WHERE assessment_id = a.id GROUP BY feature_code) e)`.as('evidence'))
    .where('a.city_id', 'in', where.cityIds).orderBy('a.year', 'desc').execute();
  const frameworks = new Map<string, Framework>();
  for (const id of new Set(rows.map((r) => r.framework_id))) frameworks.set(id, await frameworkById(db, id));
  return rows.map((r) => {
    const fw = frameworks.get(r.framework_id)!;
    const entries = new Map(r.ratings.map((x) => [x.code, { code: x.code, rating: x.rating, narrative: x.narrative }]));
    const areas = areaProgress(fw.definition, entries, new Map(r.evidence.map((e) => [e.code, e.n])));
    const all = overall(areas);
    return {
      id: r.id, cityId: r.city_id, year: r.year, status: r.status as AssessmentStatus, statusLabel: STATUS_LABELS[r.status as AssessmentStatus],
      submittedAt: r.submitted_at?.toISOString() ?? null, reviewedAt: r.reviewed_at?.toISOString() ?? null, version: r.version, demo: r.demo,
      frameworkVersion: fw.version, score: all.score, scoreMax: Math.max(...fw.definition.ratingScale.levels.map((l) => l.value)), percent: all.percent, rated: all.rated, features: all.features,
      areas: areas.map((a) => ({ code: a.code, score: a.score, percent: a.percent })),
    };
  });
}

/** Cities the actor sees, with the units they cover today and their latest self-assessment. */
export async function listCities(db: Db, actor: Actor, today: string) {
  const cities = await db.selectFrom('learning_city as c').innerJoin('org_unit as p', 'p.id', 'c.province_id')
    .select(['c.id', 'c.name', 'c.gnlc_year', 'c.note', 'c.demo', 'c.version', 'p.name as province_name', 'p.valid_to as province_to'])
    .where(seesCity(actor, 'c.id')).orderBy(sql`c.name COLLATE "vi-VN-x-icu"`).execute();
  const ids = cities.map((c) => c.id);
  const [units, summaries, provincesNow] = await Promise.all([cityUnits(db, ids), assessmentSummaries(db, { cityIds: ids }), currentProvinces(db, ids, today)]);
  return cities.map((c) => {
    const all = units.get(c.id) ?? [];
    const now = unitsOn(all, today);
    const latest = summaries.find((s) => s.cityId === c.id) ?? null;
    return {
      id: c.id, name: c.name, gnlcYear: c.gnlc_year, note: c.note, demo: c.demo, version: c.version,
      province: { name: c.province_name, ended: c.province_to !== null && c.province_to < today }, provinceNow: provincesNow.get(c.id) ?? null,
      anchor: all.find((u) => u.anchor) ?? null, unitsNow: now.length,
      latest, years: summaries.filter((s) => s.cityId === c.id).map((s) => s.year),
    };
  });
}

/** The province each city's units belong to today (Thủ Dầu Một's wards: Thành phố Hồ Chí Minh). */
async function currentProvinces(db: Db, cityIds: string[], today: string): Promise<Map<string, string>> {
  if (!cityIds.length) return new Map();
  const rows = await sql<{ city_id: string; name: string }>`
    SELECT DISTINCT ON (cu.city_id) cu.city_id::text, p.name FROM learning_city_unit cu JOIN org_unit u ON u.id = cu.unit_id JOIN org_unit p ON p.id = u.parent_id
    WHERE cu.city_id = ANY(${cityIds}::bigint[]) AND (cu.valid_from IS NULL OR cu.valid_from <= ${today}::date) AND (cu.valid_to IS NULL OR cu.valid_to >= ${today}::date)
      AND p.kind = 'province' ORDER BY cu.city_id, p.name`.execute(db);
  return new Map(rows.rows.map((r) => [r.city_id, r.name]));
}

export async function getCity(db: Db, actor: Actor, id: string, today: string) {
  const c = (await listCities(db, actor, today)).find((x) => x.id === id);
  if (!c) throw forbidden('learning_city');
  const units = (await cityUnits(db, [id])).get(id) ?? [];
  const assessments = await assessmentSummaries(db, { cityIds: [id] });
  return { ...c, units, assessments };
}

// ------------------------------------------------------------------------------------------------- assessment

interface LockedCity { id: string; name: string; province_id: string; demo: boolean }

/** The city, provided the actor covers all of it during the year (the SQL check), locked for the transaction. */
async function lockCityFor(tx: Tx, actor: Actor, id: string, year: number): Promise<LockedCity> {
  const c = await tx.selectFrom('learning_city as c').select(['c.id', 'c.name', 'c.province_id', 'c.demo'])
    .where('c.id', '=', id).where(seesCity(actor, 'c.id')).where(coversCityIn(actor, 'c.id', year)).forUpdate().executeTakeFirst();
  if (!c) throw forbidden('learning_city');
  return c;
}

async function lockAssessment(tx: Tx, cityId: string, year: number) {
  return tx.selectFrom('learning_city_assessment').selectAll().where('city_id', '=', cityId).where('year', '=', year).forUpdate().executeTakeFirst();
}

/** A year's assessment that must exist, locked and at the version the client read. */
async function lockExistingAssessment(tx: Tx, cityId: string, year: number, version: number) {
  const a = await lockAssessment(tx, cityId, year);
  if (!a) throw problem(404, 'learning_city.no_assessment', `Chưa có bản tự đánh giá năm ${year}`, { errors: [{ field: 'params.year', message: 'chưa có bản tự đánh giá' }] });
  if (a.version !== version) throw staleVersion('learning_city_assessment', a.version);
  return a;
}

async function addEvent(tx: Tx, assessmentId: string, e: { action: string; from: string | null; to: string; version: number; actor: Actor; comment?: string | null }) {
  await tx.insertInto('learning_city_event').values({ assessment_id: assessmentId, action: e.action, from_status: e.from, to_status: e.to, version: e.version, actor_id: e.actor.id, comment: e.comment ?? null }).execute();
}

function refuse(t: { ok: false; code: string; message: string }) {
  return problem(409, t.code, t.message);
}

/** Saves ratings and narratives of some features (a draft, or one returned by the department); creates the year's draft on the first save. */
export async function saveAssessment(db: Db, actor: Actor, cityId: string, year: number, input: SaveBody) {
  requireRole(actor, 'write');
  await db.transaction().execute(async (tx) => {
    const city = await lockCityFor(tx, actor, cityId, year);
    let a = await lockAssessment(tx, cityId, year);
    if ((a?.version ?? null) !== input.version) throw staleVersion('learning_city_assessment', a?.version ?? 0);
    if (a) {
      const t = transition(a.status, 'save');
      if (!t.ok) throw refuse(t);
    }
    const fw = a ? await frameworkById(tx, a.framework_id) : await currentFramework(tx);
    const errors = checkEntries(fw.definition, input.features);
    if (errors.length) throw invalid('learning_city.features_invalid', 'Nội dung tự đánh giá chưa hợp lệ; chưa lưu gì', errors);
    const before = a ? { ...a, ratings: await tx.selectFrom('learning_city_rating').selectAll().where('assessment_id', '=', a.id).execute() } : null;
    if (!a) {
      a = await tx.insertInto('learning_city_assessment').values({ city_id: cityId, year, framework_id: fw.id, demo: city.demo, created_by: actor.id }).returningAll().executeTakeFirstOrThrow();
      await addEvent(tx, a.id, { action: 'create', from: null, to: 'draft', version: 1, actor });
    } else {
      a = await tx.updateTable('learning_city_assessment').set({ version: a.version + 1, updated_at: new Date() }).where('id', '=', a.id).returningAll().executeTakeFirstOrThrow();
    }
    for (const f of input.features) {
      const narrative = f.narrative === undefined ? undefined : f.narrative === null ? null : sanitiseText(f.narrative) || null;
      const values = { rating: f.rating === undefined ? undefined : f.rating, narrative };
      const set = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as { rating?: number | null; narrative?: string | null };
      await tx.insertInto('learning_city_rating').values({ assessment_id: a.id, feature_code: f.code, rating: set.rating ?? null, narrative: set.narrative ?? null })
        .onConflict((oc) => (Object.keys(set).length ? oc.columns(['assessment_id', 'feature_code']).doUpdateSet(set) : oc.columns(['assessment_id', 'feature_code']).doNothing())).execute();
    }
    await audit(tx, actor, 'learning_city_assessment.save', 'learning_city_assessment', a.id, before, { ...a, features: input.features });
  });
}

/** The city submits its year to the department: every feature must be rated. */
export async function submitAssessment(db: Db, actor: Actor, cityId: string, year: number, input: { version: number; comment?: string | undefined }) {
  requireRole(actor, 'write');
  await db.transaction().execute(async (tx) => {
    await lockCityFor(tx, actor, cityId, year);
    const a = await lockExistingAssessment(tx, cityId, year, input.version);
    const t = transition(a.status, 'submit');
    if (!t.ok) throw refuse(t);
    const fw = await frameworkById(tx, a.framework_id);
    const ratings = await tx.selectFrom('learning_city_rating').select(['feature_code as code', 'rating', 'narrative']).where('assessment_id', '=', a.id).execute();
    const missing = submitProblems(fw.definition, new Map(ratings.map((r) => [r.code, r])));
    if (missing.length) throw invalid('learning_city.incomplete', `Còn ${missing.length} đặc trưng chưa chấm; chưa gửi`, missing);
    const after = await tx.updateTable('learning_city_assessment').set({ status: t.to, submitted_at: new Date(), submitted_by: actor.id, version: a.version + 1, updated_at: new Date() })
      .where('id', '=', a.id).returningAll().executeTakeFirstOrThrow();
    await addEvent(tx, a.id, { action: 'submit', from: a.status, to: t.to, version: after.version, actor, comment: input.comment ? sanitiseText(input.comment) : null });
    await audit(tx, actor, 'learning_city_assessment.submit', 'learning_city_assessment', a.id, a, after);
  });
}

/** The provincial department accepts a submitted year or returns it with comments (overall and per feature). */
export async function reviewAssessment(db: Db, actor: Actor, cityId: string, year: number, input: ReviewBody) {
  requireRole(actor, 'review');
  await db.transaction().execute(async (tx) => {
    await lockCityFor(tx, actor, cityId, year);
    const a = await lockExistingAssessment(tx, cityId, year, input.version);
    const comment = input.comment ? sanitiseText(input.comment) : '';
    const t = transition(a.status, input.decision as AssessmentAction, comment);
    if (!t.ok) throw problem(t.code === 'learning_city.comment_required' ? 422 : 409, t.code, t.message, t.code === 'learning_city.comment_required' ? { errors: [{ field: 'body.comment', message: t.message }] } : {});
    const fw = await frameworkById(tx, a.framework_id);
    const codes = input.featureComments ? Object.keys(input.featureComments) : [];
    const unknown = checkEntries(fw.definition, codes.map((code) => ({ code }))).map((e, i) => ({ field: `featureComments.${codes[i]}`, message: e.message }));
    if (unknown.length) throw invalid('learning_city.features_invalid', 'Ý kiến gắn với đặc trưng không có trong khung', unknown);
    for (const code of codes) {
      const text = sanitiseText(input.featureComments![code]!) || null;
      await tx.insertInto('learning_city_rating').values({ assessment_id: a.id, feature_code: code, review_comment: text })
        .onConflict((oc) => oc.columns(['assessment_id', 'feature_code']).doUpdateSet({ review_comment: text })).execute();
    }
    const after = await tx.updateTable('learning_city_assessment').set({ status: t.to, reviewed_at: new Date(), reviewed_by: actor.id, review_comment: comment || null, version: a.version + 1, updated_at: new Date() })
      .where('id', '=', a.id).returningAll().executeTakeFirstOrThrow();
    await addEvent(tx, a.id, { action: input.decision, from: a.status, to: t.to, version: after.version, actor, comment: comment || null });
    await audit(tx, actor, `learning_city_assessment.${input.decision}`, 'learning_city_assessment', a.id, a, { ...after, featureComments: input.featureComments ?? {} });
  });
}

export const evidenceType = (fileName: string, content: Buffer) => fileType(fileName, content, ['pdf', 'png', 'jpg', 'docx', 'xlsx']);

/** Evidence of a feature: a link (http/https only, checked by the body schema) or a file checked by its first bytes. */
export async function addEvidence(db: Db, actor: Actor, cityId: string, year: number, item: { featureCode: string; url: string; note?: string | undefined } | { featureCode: string; fileName: string; content: Buffer }) {
  requireRole(actor, 'write');
  const mediaType = 'content' in item ? evidenceType(item.fileName, item.content) : null;
  if ('content' in item && !mediaType) throw problem(400, 'evidence.bad_type', 'Chỉ nhận tệp PDF, JPG, PNG, DOCX hoặc XLSX', { errors: [{ field: 'file', message: item.fileName }] });
  return db.transaction().execute(async (tx) => {
    await lockCityFor(tx, actor, cityId, year);
    const a = await lockAssessment(tx, cityId, year);
    if (!a) throw problem(404, 'learning_city.no_assessment', `Chưa có bản tự đánh giá năm ${year}; hãy lưu bản nháp trước`, { errors: [{ field: 'params.year', message: 'chưa có bản tự đánh giá' }] });
    const t = transition(a.status, 'save');
    if (!t.ok) throw refuse(t);
    const fw = await frameworkById(tx, a.framework_id);
    const field = 'content' in item ? 'query' : 'body';
    const errors = checkEntries(fw.definition, [{ code: item.featureCode }]).map((e) => ({ ...e, field: 'featureCode' }));
    if (errors.length) throw invalid('learning_city.features_invalid', 'Minh chứng gắn với đặc trưng không có trong khung', errors, field);
    const values = 'content' in item
      ? storedFile(item.fileName, mediaType!, item.content)
      : { url: item.url, note: item.note ? sanitiseText(item.note) || null : null };
    const row = await tx.insertInto('learning_city_evidence').values({ assessment_id: a.id, feature_code: item.featureCode, uploaded_by: actor.id, ...values })
      .returning(['id', 'feature_code as featureCode', 'file_name as fileName', 'media_type as mediaType', 'size_bytes as sizeBytes', 'url', 'note']).executeTakeFirstOrThrow();
    const after = await tx.updateTable('learning_city_assessment').set({ version: a.version + 1, updated_at: new Date() }).where('id', '=', a.id).returning(['version']).executeTakeFirstOrThrow();
    await audit(tx, actor, 'learning_city_evidence.create', 'learning_city_assessment', a.id, null, row);
    return { ...row, assessmentVersion: after.version };
  });
}

/**
 * Removes one evidence item (a link or a file) of a draft or returned year — same scope, roles and workflow rule as
 * adding evidence, at the version the client read. The row goes; the audit log keeps what it was (without the bytes).
 */
export async function removeEvidence(db: Db, actor: Actor, cityId: string, year: number, evidenceId: string, input: { version: number }) {
  requireRole(actor, 'write');
  return db.transaction().execute(async (tx) => {
    await lockCityFor(tx, actor, cityId, year);
    const a = await lockExistingAssessment(tx, cityId, year, input.version);
    const t = transition(a.status, 'save');
    if (!t.ok) throw refuse(t);
    const row = await tx.deleteFrom('learning_city_evidence').where('id', '=', evidenceId).where('assessment_id', '=', a.id)
      .returning(['id', 'feature_code as featureCode', 'file_name as fileName', 'media_type as mediaType', 'size_bytes as sizeBytes', 'sha256', 'url', 'note', 'uploaded_by as uploadedBy', 'uploaded_at as uploadedAt'])
      .executeTakeFirst();
    if (!row) throw problem(404, 'learning_city.no_evidence', 'Không có minh chứng này trong bản tự đánh giá', { errors: [{ field: 'params.evidenceId', message: 'không tìm thấy' }] });
    const after = await tx.updateTable('learning_city_assessment').set({ version: a.version + 1, updated_at: new Date() }).where('id', '=', a.id).returning(['version']).executeTakeFirstOrThrow();
    await audit(tx, actor, 'learning_city_evidence.delete', 'learning_city_assessment', a.id, row, null);
    return { id: row.id, featureCode: row.featureCode, assessmentVersion: after.version };
  });
}

export async function getEvidenceFile(db: Db, actor: Actor, id: string) {
  const f = await db.selectFrom('learning_city_evidence as e').innerJoin('learning_city_assessment as a', 'a.id', 'e.assessment_id')
    .select(['e.file_name', 'e.media_type', 'e.content', 'e.sha256']).where('e.id', '=', id).where('e.content', 'is not', null).where(seesCity(actor, 'a.city_id')).executeTakeFirst();
  if (!f) throw forbidden('learning_city_evidence');
  return f as { file_name: string; media_type: string; content: Buffer; sha256: string };
}

const fmt = (v: number | null, decimals: number) => (v === null ? null : Number(v.toFixed(decimals)));

/**
 * One city's year: the framework (the assessment's version, or the current one for a year not started), each feature
 * with its rating, narrative, evidence, department comment and the figures of its mapped indicators — read from the
 * indicators engine for the city's own unit and the year (the engine follows the successors after 01/07/2025) — plus
 * completeness and scores by area, the history, and what the actor may do.
 */
export async function getAssessment(db: Db, actor: Actor, cityId: string, year: number, today: string) {
  const city = await getCity(db, actor, cityId, today);
  const a = await db.selectFrom('learning_city_assessment as a').leftJoin('app_user as s', 's.id', 'a.submitted_by').leftJoin('app_user as r', 'r.id', 'a.reviewed_by')
    .selectAll('a').select(['s.display_name as submitter', 'r.display_name as reviewer']).where('a.city_id', '=', cityId).where('a.year', '=', year).executeTakeFirst();
  const fw = a ? await frameworkById(db, a.framework_id) : await currentFramework(db);
  const def = fw.definition;
  const [ratings, evidence, events, covers] = await Promise.all([
    a ? db.selectFrom('learning_city_rating').selectAll().where('assessment_id', '=', a.id).execute() : [],
    a ? db.selectFrom('learning_city_evidence').select(['id', 'feature_code', 'url', 'note', 'file_name', 'media_type', 'size_bytes', 'uploaded_at']).where('assessment_id', '=', a.id).orderBy('id').execute() : [],
    a ? db.selectFrom('learning_city_event as e').leftJoin('app_user as u', 'u.id', 'e.actor_id').select(['e.action', 'e.from_status', 'e.to_status', 'e.version', 'e.comment', 'e.at', 'u.display_name as actor'])
      .where('e.assessment_id', '=', a.id).orderBy('e.id').execute() : [],
    db.selectFrom('learning_city as c').select(coversCityIn(actor, 'c.id', year).as('covers')).where('c.id', '=', cityId).executeTakeFirstOrThrow(),
  ]);
  const entries = new Map<string, FeatureEntry>(ratings.map((r) => [r.feature_code, { code: r.feature_code, rating: r.rating, narrative: r.narrative }]));
  const evidenceCount = new Map<string, number>();
  for (const e of evidence) evidenceCount.set(e.feature_code, (evidenceCount.get(e.feature_code) ?? 0) + 1);
  const progress = areaProgress(def, entries, evidenceCount);
  const all = overall(progress);

  // Indicator figures of the city for the year, through the same engine as analytics and dashboards.
  const anchor = city.units.find((u) => u.anchor);
  const codes = [...new Set(allFeatures(def).flatMap((f) => f.indicators.map((i) => i.code)))];
  const period = parsePeriod(String(year))!;
  const inds = await loadIndicators(db, codes);
  const unit = anchor && covers.covers ? await unitById(db, anchor.id) : undefined;
  const figs = unit ? await figures(db, unit, inds, [period]) : new Map();
  const indicatorOf = (code: string, mark: Mark, note: string | undefined) => {
    const ind = inds.find((i) => i.code === code);
    if (!ind) return { code, mark, mappingNote: note ?? null, name: null, missing: true as const };
    const f = figs.get(`${code}|${period.id}`);
    return {
      code, mark, mappingNote: note ?? null, name: ind.name, missing: false as const, unitLabel: ind.unitLabel, decimals: ind.decimals, indicatorVerified: ind.verified,
      figure: f ? {
        value: fmt(f.value, ind.decimals + 2), numerator: f.numerator, denominator: f.denominator, lineage: f.lineage, lineageLabel: LINEAGE_LABELS[f.lineage as keyof typeof LINEAGE_LABELS],
        approximate: f.approximate, approval: f.approval, demo: f.demo, note: f.note,
      } : null,
    };
  };
  const status = (a?.status ?? null) as AssessmentStatus | null;
  const mayEdit = Boolean(covers.covers) && hasRole(actor, 'write') && (status === null || transition(status, 'save').ok);
  return {
    city: { id: city.id, name: city.name, gnlcYear: city.gnlcYear, province: city.province, provinceNow: city.provinceNow, units: unitsDuring(city.units, year), anchor: anchor ?? null, demo: city.demo },
    year, years: city.years,
    framework: {
      id: fw.id, code: fw.code, version: fw.version, name: fw.name, verification: fw.verification, source: def.source, scoring: def.scoring, groups: def.groups,
      ratingScale: { ...def.ratingScale, levels: def.ratingScale.levels.map((l) => ({ ...l, label: ratingLabel(def.ratingScale, l.value)! })) },
    },
    assessment: a ? {
      id: a.id, status: a.status, statusLabel: STATUS_LABELS[a.status], version: a.version, demo: a.demo,
      submittedAt: a.submitted_at?.toISOString() ?? null, submitter: a.submitter, reviewedAt: a.reviewed_at?.toISOString() ?? null, reviewer: a.reviewer, reviewComment: a.review_comment,
    } : null,
    figuresShown: Boolean(unit), figuresNote: unit ? null : 'Số liệu chỉ số chỉ hiện với người có phạm vi bao trùm cả thành phố trong năm',
    areas: def.areas.map((ar) => {
      const p = progress.find((x) => x.code === ar.code)!;
      return {
        group: ar.group, name: ar.name, nameEn: ar.nameEn, mark: ar.mark, note: ar.note ?? null, ...p, featureCount: p.features, scorePercent: scorePercent(def.ratingScale, p.score),
        features: ar.features.map((f) => {
          const r = ratings.find((x) => x.feature_code === f.code);
          return {
            code: f.code, name: f.name, mark: f.mark, note: f.note ?? null, measurements: f.measurements, evidenceHint: f.evidence, basis: f.indicators.length ? 'indicators' : 'evidence',
            rating: r?.rating ?? null, ratingLabel: ratingLabel(def.ratingScale, r?.rating ?? null), narrative: r?.narrative ?? null, reviewComment: r?.review_comment ?? null,
            indicators: f.indicators.map((i) => indicatorOf(i.code, i.mark, i.note)),
            evidence: evidence.filter((e) => e.feature_code === f.code).map((e) => ({ id: e.id, url: e.url, note: e.note, fileName: e.file_name, mediaType: e.media_type, sizeBytes: e.size_bytes, uploadedAt: e.uploaded_at.toISOString() })),
          };
        }),
      };
    }),
    overall: { ...all, scorePercent: scorePercent(def.ratingScale, all.score) },
    events: events.map((e) => ({ action: e.action, from: e.from_status, to: e.to_status, version: e.version, comment: e.comment, at: e.at.toISOString(), actor: e.actor })),
    can: {
      edit: mayEdit,
      submit: mayEdit && status !== null,
      review: Boolean(covers.covers) && hasRole(actor, 'review') && status === 'submitted',
    },
  };
}
export type AssessmentView = Awaited<ReturnType<typeof getAssessment>>;
