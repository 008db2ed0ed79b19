import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { problem } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import type { DataElementBody, DataSetBody, IndicatorBody } from './model.ts';

/** Definitions (data elements, indicators, data sets) and first-class targets. Writes are admin-only (route permission). */

export async function listDataElements(db: Db) {
  const rows = await db.selectFrom('data_element as d').leftJoin('data_set_element as e', 'e.data_element_id', 'd.id').leftJoin('data_set as s', 's.id', 'e.data_set_id')
    .select(['d.code', 'd.name', 'd.description', 'd.value_type', 'd.categories', 'd.about_people', 'd.max_value', 'd.source', 'd.version', 's.code as data_set'])
    .orderBy('d.code').execute();
  return rows.map((r) => ({
    code: r.code, name: r.name, description: r.description, valueType: r.value_type, categories: r.categories, aboutPeople: r.about_people,
    maxValue: r.max_value === null ? null : Number(r.max_value), source: r.source, version: r.version, dataSet: r.data_set,
  }));
}

const duplicate = (entity: string, code: string) => problem(409, `${entity}.duplicate`, `Mã ${code} đã được dùng`, { errors: [{ field: 'code', message: 'Mã đã tồn tại' }] });
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export async function createDataElement(db: Db, actor: Actor, body: DataElementBody) {
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('data_element').values({
      code: body.code, name: body.name, description: body.description ?? null, value_type: body.valueType, categories: body.categories,
      about_people: body.aboutPeople, max_value: body.valueType === 'boolean' ? 1 : body.maxValue ?? null, source: body.source ?? null,
    }).returning(['id', 'code']).executeTakeFirstOrThrow().catch((err) => { throw isUniqueViolation(err) ? duplicate('data_element', body.code) : err; });
    await audit(tx, actor, 'data_element.create', 'data_element', row.id, null, body);
    return { code: row.code };
  });
}

async function elementIds(db: Db, codes: (string | undefined)[]) {
  const wanted = codes.filter((c): c is string => Boolean(c));
  const rows = wanted.length ? await db.selectFrom('data_element').select(['id', 'code']).where('code', 'in', wanted).execute() : [];
  const missing = wanted.filter((c) => !rows.some((r) => r.code === c));
  return { ids: new Map(rows.map((r) => [r.code, r.id])), missing };
}

function indicatorRow(body: IndicatorBody, ids: Map<string, string>) {
  return {
    name: body.name, description: body.description ?? null, aggregation: body.aggregation,
    numerator_id: body.numerator ? ids.get(body.numerator)! : null, denominator_id: body.denominator ? ids.get(body.denominator)! : null,
    factor: body.factor, computed: body.computed ? JSON.stringify(body.computed) : null, unit_label: body.unitLabel, decimals: body.decimals,
    legal_source: body.legalSource ?? null, verified: body.verified,
  };
}

async function checkElements(db: Db, body: IndicatorBody) {
  const { ids, missing } = await elementIds(db, [body.numerator, body.denominator]);
  if (missing.length) {
    throw problem(422, 'indicator.unknown_element', 'Phần tử dữ liệu không tồn tại', {
      errors: missing.map((c) => ({ field: c === body.numerator ? 'numerator' : 'denominator', message: `Không có phần tử dữ liệu ${c}` })),
    });
  }
  return ids;
}

export async function createIndicator(db: Db, actor: Actor, body: IndicatorBody) {
  const ids = await checkElements(db, body);
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('indicator').values({ code: body.code, ...indicatorRow(body, ids) }).returning(['id', 'code']).executeTakeFirstOrThrow()
      .catch((err) => { throw isUniqueViolation(err) ? duplicate('indicator', body.code) : err; });
    await audit(tx, actor, 'indicator.create', 'indicator', row.id, null, body);
    return { code: row.code, version: 1 };
  });
}

/** Edits a definition (optimistic); past figures are recomputed live, so the definition's version is shown with them. */
export async function updateIndicator(db: Db, actor: Actor, code: string, body: IndicatorBody, version: number) {
  if (body.code !== code) throw problem(422, 'indicator.code_change', 'Không đổi được mã của chỉ số', { errors: [{ field: 'code', message: 'Mã cố định' }] });
  const ids = await checkElements(db, body);
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('indicator').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!before) throw problem(404, 'indicator.not_found', `Không có chỉ số ${code}`);
    if (before.version !== version) throw problem(409, 'indicator.stale_version', 'Chỉ số đã được người khác sửa; hãy tải lại', { currentVersion: before.version });
    await tx.updateTable('indicator').set({ ...indicatorRow(body, ids), version: before.version + 1 }).where('id', '=', before.id).execute();
    await audit(tx, actor, 'indicator.update', 'indicator', before.id, before, body);
    return { code, version: before.version + 1 };
  });
}

export async function listIndicators(db: Db) {
  const rows = await db.selectFrom('indicator as i').leftJoin('data_element as n', 'n.id', 'i.numerator_id').leftJoin('data_element as d', 'd.id', 'i.denominator_id')
    .select(['i.code', 'i.name', 'i.description', 'i.aggregation', 'i.factor', 'i.computed', 'i.unit_label', 'i.decimals', 'i.legal_source', 'i.verified', 'i.version', 'n.code as numerator', 'd.code as denominator'])
    .select(sql<number>`(SELECT count(*)::int FROM target t WHERE t.indicator_id = i.id)`.as('targets'))
    .orderBy('i.code').execute();
  return rows.map((r) => ({
    code: r.code, name: r.name, description: r.description, aggregation: r.aggregation, factor: Number(r.factor), computed: r.computed, unitLabel: r.unit_label,
    decimals: r.decimals, legalSource: r.legal_source, verified: r.verified, version: r.version, numerator: r.numerator, denominator: r.denominator, targets: r.targets,
  }));
}

export async function createDataSet(db: Db, actor: Actor, body: DataSetBody) {
  const { ids, missing } = await elementIds(db, body.elements);
  if (missing.length) throw problem(422, 'data_set.unknown_element', 'Phần tử dữ liệu không tồn tại', { errors: missing.map((c) => ({ field: 'elements', message: `Không có ${c}` })) });
  return db.transaction().execute(async (tx) => {
    const taken = await tx.selectFrom('data_set_element as e').innerJoin('data_element as d', 'd.id', 'e.data_element_id').innerJoin('data_set as s', 's.id', 'e.data_set_id')
      .select(['d.code', 's.code as data_set']).where('d.code', 'in', body.elements).execute();
    if (taken.length) {
      throw problem(409, 'data_set.element_taken', 'Mỗi phần tử dữ liệu chỉ thuộc một bộ dữ liệu', { errors: taken.map((t) => ({ field: 'elements', message: `${t.code} đã thuộc ${t.data_set}` })) });
    }
    const row = await tx.insertInto('data_set').values({
      code: body.code, name: body.name, period_type: body.periodType, unit_kinds: body.unitKinds, deadline_days: body.deadlineDays, jump_warning: body.jumpWarning, description: body.description ?? null,
    }).returning('id').executeTakeFirstOrThrow().catch((err) => { throw isUniqueViolation(err) ? duplicate('data_set', body.code) : err; });
    await tx.insertInto('data_set_element').values(body.elements.map((c, position) => ({ data_set_id: row.id, data_element_id: ids.get(c)!, position }))).execute();
    await audit(tx, actor, 'data_set.create', 'data_set', row.id, null, body);
    return { code: body.code };
  });
}

/** Targets, optionally of one plan (by number, e.g. 1144/KH-UBND, or the document of a national decision). */
export async function listTargets(db: Db, filter: { plan?: string | undefined; unitIds?: readonly string[] | undefined }) {
  let q = db.selectFrom('target as t').innerJoin('indicator as i', 'i.id', 't.indicator_id')
    .leftJoin('org_unit as u', 'u.id', 't.unit_id').leftJoin('plan as p', 'p.id', 't.plan_id')
    .select(['t.id', 't.year', 't.value', 't.comparator', 't.document', 't.clause', 't.text', 't.verified', 't.note', 't.unit_id',
      'i.code as indicator', 'i.name as indicator_name', 'i.unit_label', 'i.decimals', 'u.code as unit_code', 'u.name as unit_name', 'p.id as plan_id', 'p.number as plan_number'])
    .orderBy('t.document').orderBy('t.id'); // file order: the order of the document
  if (filter.plan) q = q.where((eb) => eb.or([eb('p.number', '=', filter.plan!), eb('t.document', '=', filter.plan!)]));
  if (filter.unitIds) q = q.where((eb) => eb.or([eb('t.unit_id', 'in', filter.unitIds!.length ? filter.unitIds! : ['0']), eb('t.unit_id', 'is', null)]));
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id, indicator: r.indicator, indicatorName: r.indicator_name, unitLabel: r.unit_label, decimals: r.decimals,
    unit: r.unit_id ? { id: r.unit_id, code: r.unit_code!, name: r.unit_name! } : null, year: r.year, value: Number(r.value), comparator: r.comparator,
    document: r.document, plan: r.plan_id ? { id: r.plan_id, number: r.plan_number! } : null, clause: r.clause, text: r.text, verified: r.verified, note: r.note,
  }));
}
