import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { fileType, storedFile } from '../../http/file-types.ts';
import { forbidden, problem, staleVersion } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import { can, type Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { fold, searchQuery } from './fold.ts';
import { FORMAT_LABELS, type ResourceFormat } from './formats.ts';
import { RESOURCE_FILE_KINDS, searchSource, type ResourceBody, type ResourceDeleteBody, type ResourceUpdateBody } from './model.ts';

/** The unit a resource is published by: the one asked for (within scope) or the first unit of the actor's scope. */
async function publisherOf(db: Db | Tx, actor: Actor, unitId: string | undefined) {
  const q = db.selectFrom('org_unit').select(['id', 'name']);
  const unit = unitId
    ? await q.where('id', '=', unitId).where(inScope(actor, 'org_unit.id')).executeTakeFirst()
    : await q.where('id', '=', (eb) => eb.selectFrom('user_scope').select('unit_id').where('user_id', '=', actor.id).orderBy('unit_id').limit(1)).executeTakeFirst();
  if (!unit) throw problem(403, 'scope.forbidden', 'Đơn vị xuất bản không thuộc phạm vi của bạn', { errors: [{ field: 'publisherUnitId', message: 'Ngoài phạm vi' }] });
  return unit;
}

export async function createResource(db: Db, actor: Actor, input: ResourceBody) {
  const publisher = await publisherOf(db, actor, input.publisherUnitId);
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('learning_resource').values({
      publisher_unit_id: publisher.id, title: input.title, description: input.description, subject: input.subject, audience: input.audience,
      format: input.format, language: input.language, licence: input.licence, url: input.url ?? null, created_by: actor.id,
      search_text: fold(searchSource(input, publisher.name)), title_search: fold(input.title),
    }).returning(['id', 'publisher_unit_id', 'title', 'format', 'url', 'licence', 'status']).executeTakeFirstOrThrow();
    await audit(tx, actor, 'learning_resource.create', 'learning_resource', row.id, null, row);
    return row.id;
  });
  return getResource(db, actor, id);
}

/**
 * New text, links or publisher (a unit in scope) of a resource in scope, against its version; the search text is folded
 * again. A published resource stays published (the audit keeps what it said before).
 */
export async function updateResource(db: Db, actor: Actor, id: string, input: ResourceUpdateBody) {
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('learning_resource as r').innerJoin('org_unit as u', 'u.id', 'r.publisher_unit_id')
      .select(['r.id', 'r.publisher_unit_id', 'r.title', 'r.description', 'r.subject', 'r.audience', 'r.format', 'r.language', 'r.licence', 'r.url', 'r.status', 'r.version', 'u.name as unit_name'])
      .where('r.id', '=', id).where(inScope(actor, 'r.publisher_unit_id')).forUpdate('r').executeTakeFirst();
    if (!before) throw forbidden('learning_resource');
    if (before.version !== input.version) throw staleVersion('learning_resource', before.version);
    const publisher = input.publisherUnitId && input.publisherUnitId !== before.publisher_unit_id
      ? await publisherOf(tx, actor, input.publisherUnitId) : { id: before.publisher_unit_id, name: before.unit_name };
    const after = await tx.updateTable('learning_resource').set({
      publisher_unit_id: publisher.id, title: input.title, description: input.description, subject: input.subject, audience: input.audience,
      format: input.format, language: input.language, licence: input.licence, url: input.url ?? null,
      search_text: fold(searchSource(input, publisher.name)), title_search: fold(input.title), version: before.version + 1,
    }).where('id', '=', id).returning(['id', 'publisher_unit_id', 'title', 'description', 'subject', 'audience', 'format', 'language', 'licence', 'url', 'status', 'version'])
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'learning_resource.update', 'learning_resource', id, before, after);
  });
  return getResource(db, actor, id);
}

/** Removes a resource (and its file) of a unit in scope, against its version and with a reason kept in the audit log. */
export async function deleteResource(db: Db, actor: Actor, id: string, input: ResourceDeleteBody) {
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('learning_resource as r')
      .select(['r.id', 'r.publisher_unit_id', 'r.title', 'r.subject', 'r.format', 'r.url', 'r.licence', 'r.status', 'r.published_at', 'r.file_name', 'r.sha256', 'r.version'])
      .where('r.id', '=', id).where(inScope(actor, 'r.publisher_unit_id')).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('learning_resource');
    if (before.version !== input.version) throw staleVersion('learning_resource', before.version);
    await tx.deleteFrom('learning_resource').where('id', '=', id).execute();
    await audit(tx, actor, 'learning_resource.delete', 'learning_resource', id, before, { reason: input.reason });
  });
}

/** Publishing makes a resource visible to everyone, the public portal included. */
export async function publishResource(db: Db, actor: Actor, id: string) {
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('learning_resource').select(['id', 'status', 'version']).where('id', '=', id)
      .where(inScope(actor, 'learning_resource.publisher_unit_id')).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('learning_resource');
    if (before.status === 'published') return;
    const after = await tx.updateTable('learning_resource').set({ status: 'published', published_at: new Date(), version: before.version + 1 })
      .where('id', '=', id).returning(['id', 'status', 'published_at', 'version']).executeTakeFirstOrThrow();
    await audit(tx, actor, 'learning_resource.publish', 'learning_resource', id, before, after);
  });
  return getResource(db, actor, id);
}

export async function attachResourceFile(db: Db, actor: Actor, id: string, file: { fileName: string; content: Buffer }) {
  const mediaType = fileType(file.fileName, file.content, RESOURCE_FILE_KINDS);
  if (!mediaType) throw problem(415, 'resource.bad_file_type', 'Chỉ nhận tệp PDF, DOCX, XLSX, PPTX, MP4, JPG hoặc PNG', { errors: [{ field: 'file', message: file.fileName }] });
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('learning_resource').select(['id', 'file_name', 'sha256', 'version']).where('id', '=', id)
      .where(inScope(actor, 'learning_resource.publisher_unit_id')).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('learning_resource');
    const after = await tx.updateTable('learning_resource').set({
      ...storedFile(file.fileName, mediaType, file.content), version: before.version + 1,
    }).where('id', '=', id).returning(['id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'version']).executeTakeFirstOrThrow();
    await audit(tx, actor, 'learning_resource.file', 'learning_resource', id, before, after);
  });
  return getResource(db, actor, id);
}

/**
 * `editable`: whether the actor may edit, upload to or delete the resource — a role that writes resources and the
 * publisher unit within the actor's scope (the rule the writes enforce), so the page shows those buttons only then.
 * Always false on the public portal (`actor` null).
 */
function baseQuery(db: Db, actor: Actor | null) {
  const editable = actor && can(actor.role, 'resource.write') ? inScope(actor, 'r.publisher_unit_id') : sql<boolean>`false`;
  return db.selectFrom('learning_resource as r').innerJoin('org_unit as u', 'u.id', 'r.publisher_unit_id')
    .select(['r.id', 'r.title', 'r.description', 'r.subject', 'r.audience', 'r.format', 'r.language', 'r.licence', 'r.url', 'r.file_name', 'r.media_type',
      'r.size_bytes', 'r.status', 'r.published_at', 'r.created_at', 'r.version', 'u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name'])
    .select(editable.as('editable'));
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function view(r: Row & { rank?: number | string | null }) {
  return {
    id: r.id, title: r.title, description: r.description, subject: r.subject, audience: r.audience, format: r.format,
    formatLabel: FORMAT_LABELS[r.format as ResourceFormat] ?? r.format, language: r.language, licence: r.licence, url: r.url,
    file: r.file_name ? { name: r.file_name, mediaType: r.media_type, sizeBytes: r.size_bytes } : null,
    publisher: { id: r.unit_id, code: r.unit_code, name: r.unit_name }, status: r.status,
    publishedAt: r.published_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(), version: r.version, editable: r.editable === true,
    ...(r.rank != null ? { rank: Number(r.rank) } : {}),
  };
}
export type ResourceView = ReturnType<typeof view>;

/** A resource the actor may see: any published one, or a draft of a unit in scope. */
export async function getResource(db: Db, actor: Actor, id: string) {
  const r = await baseQuery(db, actor).where('r.id', '=', id)
    .where((eb) => eb.or([eb('r.status', '=', 'published'), inScope(actor, 'r.publisher_unit_id')])).executeTakeFirst();
  if (!r) throw forbidden('learning_resource');
  return view(r);
}

/**
 * The catalogue, searched and ranked: folded words matched through the GIN-indexed tsvector, ranked by ts_rank plus
 * a bonus when the whole folded query occurs in the title; without a query, in Vietnamese alphabetical order.
 * `actor` null is the public portal: published resources only.
 */
export async function searchResources(db: Db, actor: Actor | null, q: string | undefined, limit: number): Promise<ResourceView[]> {
  let query = baseQuery(db, actor).where((eb) => (actor ? eb.or([eb('r.status', '=', 'published'), inScope(actor, 'r.publisher_unit_id')]) : eb('r.status', '=', 'published')));
  const tsquery = q ? searchQuery(q) : null;
  if (tsquery) {
    const phrase = fold(q!);
    const rank = sql<number>`ts_rank(r.search_vector, to_tsquery('simple', ${tsquery})) + CASE WHEN r.title_search LIKE ${`%${phrase}%`} THEN 1 ELSE 0 END`;
    const rows = await query.select(rank.as('rank')).where(sql<boolean>`r.search_vector @@ to_tsquery('simple', ${tsquery})`)
      .orderBy('rank', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
    return rows.map(view);
  }
  // Ordered by the server (ICU Vietnamese collation, as every list of the app) before the limit: a page is always the
  // next slice of one alphabetical order.
  const rows = await query.orderBy(sql`r.title COLLATE "vi-VN-x-icu"`).orderBy('r.id').limit(limit).execute();
  return rows.map(view);
}

/**
 * Published resources by publisher unit and format in one year (Vietnam time): the "digital learning materials"
 * indicators count them. Publishers within the actor's scope.
 */
export async function resourceCounts(db: Db, actor: Actor, year: number) {
  const publishedYear = sql<number>`extract(year FROM r.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
  const rows = await db.selectFrom('learning_resource as r').innerJoin('org_unit as u', 'u.id', 'r.publisher_unit_id')
    .select(['u.id', 'u.code', 'u.name', 'r.format']).select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.status', '=', 'published').where(publishedYear, '=', year).where(inScope(actor, 'r.publisher_unit_id'))
    .groupBy(['u.id', 'u.code', 'u.name', 'r.format']).orderBy(sql`u.name COLLATE "vi-VN-x-icu"`).orderBy('u.id').execute();
  const units = new Map<string, { unit: { id: string; code: string; name: string }; byFormat: Record<string, number>; total: number }>();
  for (const r of rows) {
    const u = units.get(r.id) ?? { unit: { id: r.id, code: r.code, name: r.name }, byFormat: {}, total: 0 };
    u.byFormat[r.format] = Number(r.n);
    u.total += Number(r.n);
    units.set(r.id, u);
  }
  const list = [...units.values()]; // in the order of the query: unit names in Vietnamese collation
  return { year, units: list, total: list.reduce((s, u) => s + u.total, 0) };
}

/** A resource's file: published ones for anyone, drafts only within scope. */
export async function resourceFile(db: Db, actor: Actor | null, id: string) {
  const f = await db.selectFrom('learning_resource as r').select(['r.file_name', 'r.media_type', 'r.content', 'r.sha256'])
    .where('r.id', '=', id).where('r.content', 'is not', null)
    .where((eb) => (actor ? eb.or([eb('r.status', '=', 'published'), inScope(actor, 'r.publisher_unit_id')]) : eb('r.status', '=', 'published'))).executeTakeFirst();
  if (!f) throw forbidden('learning_resource');
  return f as { file_name: string; media_type: string; content: Buffer; sha256: string };
}
