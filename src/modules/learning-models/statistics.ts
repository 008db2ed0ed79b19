import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { logAccess } from '../audit/access.ts';
import { can, type Actor } from '../auth/model.ts';
import { coveredUnitIds, coversUnit } from '../auth/scope.ts';
import { contributors, type UnitAt } from '../indicators/analytics.ts';
import type { Computed } from '../indicators/model.ts';
import { MODEL_LABELS, MODEL_TYPES, SUBJECT_KIND_OF, type ModelType } from './workflow.ts';

/**
 * Statistics of the learning models (issue 5): registrations and recognitions of a year over a unit's cover as the
 * map stood on 31/12 of that year (the same contributor set as the indicators engine, so a 2024 district and a 2026
 * commune both add up). Every read is limited in SQL to the units of the actor's scope.
 */

/** The data element of the adult population, the denominator of the learning-citizen share when it has a value. */
export const ADULTS_ELEMENT = 'POP15';
/** Titles held by people (a family is named after its head): names only for readers of personal data. */
const PERSONAL_KINDS = ['citizen', 'family'] as const;
/** Titles the public page lists: organisations and communities, never people, families or clans. */
export const PUBLIC_MODEL_TYPES = ['learning_unit', 'learning_community_hamlet', 'learning_community_commune', 'learning_community_district', 'learning_community_province'] as const satisfies readonly ModelType[];

const yearEnd = (year: number) => `${year}-12-31`;

export interface ModelShare {
  value: number | null;
  numerator: number;
  denominator: number | null;
  /** Where the denominator comes from: the adult population (data element) or the number registered. */
  denominatorKind: 'dataElement' | 'registered';
  denominatorLabel: string;
}
export interface ModelRow { modelType: ModelType; modelLabel: string; registered: number; submitted: number; recognised: number; rejected: number; share: ModelShare }
export interface LevelRow { modelType: ModelType; modelLabel: string; level: string; recognised: number }
export interface GroupRow { modelType: ModelType; modelLabel: string; targetGroup: string; targetGroupLabel: string; registered: number; recognised: number }
export interface Statistics {
  unit: { id: string; code: string; name: string; kind: string };
  year: number;
  asOf: string;
  approximate: boolean;
  byModel: ModelRow[];
  byLevel: LevelRow[];
  byTargetGroup: GroupRow[];
}

type CountRow = { model_type: ModelType; status: string; target_group: string | null; level: string | null; n: number; approximate: boolean };

const endedBefore = (unit: UnitAt, date: string) => unit.validTo !== null && unit.validTo < date;

/**
 * Counts per model type, status, target group and recognised level over the unit's contributors in the actor's scope.
 * While the unit exists on 31/12 of the year and the actor's scope covers it (so also its whole cover), the counts are
 * read from model_rollup, kept by the writes (0012_learning_model_rollup.sql); a unit that had ended by then (read
 * through its successors) or a partial scope is counted on request. `source: 'live'` forces the latter (benchmarks,
 * tests comparing the two).
 */
export async function modelStatistics(db: Db, actor: Actor, unit: UnitAt, year: number, opts: { source?: 'auto' | 'live' } = {}): Promise<Statistics> {
  const date = yearEnd(year);
  const counted = opts.source !== 'live' && !endedBefore(unit, date) && (await coversUnit(db, actor, unit.id));
  const [rows, adults, groupNames] = await Promise.all([
    counted ? countedRows(db, unit, year) : liveRows(db, actor, unit, year), adultPopulation(db, unit, year), targetGroupNames(db),
  ]);

  const byModel = MODEL_TYPES.map((modelType): ModelRow => {
    const mine = rows.filter((r) => r.model_type === modelType);
    const count = (pick: (r: (typeof rows)[number]) => boolean) => mine.filter(pick).reduce((s, r) => s + r.n, 0);
    const registered = count(() => true), recognised = count((r) => r.status === 'recognised');
    return {
      modelType, modelLabel: MODEL_LABELS[modelType], registered, submitted: count((r) => r.status !== 'draft'), recognised, rejected: count((r) => r.status === 'rejected'),
      share: shareOf(recognised, registered, modelType === 'learning_citizen' ? adults : null),
    };
  }).filter((m) => m.registered > 0 || m.modelType === 'learning_citizen');

  const byLevel = new Map<string, LevelRow>();
  const byGroup = new Map<string, GroupRow>();
  for (const r of rows) {
    if (r.status === 'recognised') {
      const level = r.level ?? 'Đạt (không phân mức)';
      const key = `${r.model_type}|${level}`;
      const row = byLevel.get(key) ?? { modelType: r.model_type, modelLabel: MODEL_LABELS[r.model_type], level, recognised: 0 };
      row.recognised += r.n;
      byLevel.set(key, row);
    }
    if (r.target_group) {
      const key = `${r.model_type}|${r.target_group}`;
      const row = byGroup.get(key) ?? { modelType: r.model_type, modelLabel: MODEL_LABELS[r.model_type], targetGroup: r.target_group, targetGroupLabel: groupNames.get(r.target_group) ?? r.target_group, registered: 0, recognised: 0 };
      row.registered += r.n;
      if (r.status === 'recognised') row.recognised += r.n;
      byGroup.set(key, row);
    }
  }
  const order = (t: ModelType) => MODEL_TYPES.indexOf(t);
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind }, year, asOf: date,
    approximate: rows.some((r) => r.approximate),
    byModel,
    byLevel: [...byLevel.values()].sort((a, b) => order(a.modelType) - order(b.modelType) || a.level.localeCompare(b.level, 'vi')),
    byTargetGroup: [...byGroup.values()].sort((a, b) => order(a.modelType) - order(b.modelType) || a.targetGroupLabel.localeCompare(b.targetGroupLabel, 'vi')),
  };
}

/** The counts as the triggers keep them: the stripes of each key summed, keys that fell back to nothing skipped. */
async function countedRows(db: Db, unit: UnitAt, year: number): Promise<CountRow[]> {
  return (await sql<CountRow>`
    SELECT model_type, status, nullif(target_group, '') AS target_group, nullif(level, '') AS level, sum(registrations)::int AS n, sum(approximate) > 0 AS approximate
    FROM model_rollup WHERE ancestor_id = ${unit.id} AND year = ${year}
    GROUP BY model_type, status, target_group, level HAVING sum(registrations) > 0`.execute(db)).rows;
}

/** The same counts summed from the registrations on request, over the contributors on 31/12 and the actor's scope. */
async function liveRows(db: Db, actor: Actor, unit: UnitAt, year: number): Promise<CountRow[]> {
  return (await sql<CountRow>`
    WITH k AS (${contributors(unit, yearEnd(year))})
    SELECT r.model_type, r.status, coalesce(rv.target_group, sa.target_group) AS target_group, g.level, count(*)::int AS n, bool_or(k.approximate) AS approximate
    FROM k JOIN model_registration r ON r.unit_id = k.unit_id AND r.year = ${year}
    LEFT JOIN model_assessment sa ON sa.registration_id = r.id AND sa.role = 'self'
    LEFT JOIN model_assessment rv ON rv.registration_id = r.id AND rv.role = 'review'
    LEFT JOIN recognition g ON g.registration_id = r.id
    WHERE r.unit_id IN ${coveredUnitIds(actor)}
    GROUP BY 1, 2, 3, 4`.execute(db)).rows;
}

function shareOf(recognised: number, registered: number, adults: { name: string; total: number } | null): ModelShare {
  if (adults) {
    return { value: adults.total > 0 ? (recognised / adults.total) * 100 : null, numerator: recognised, denominator: adults.total, denominatorKind: 'dataElement', denominatorLabel: `${adults.name} (${ADULTS_ELEMENT})` };
  }
  return { value: registered > 0 ? (recognised / registered) * 100 : null, numerator: recognised, denominator: registered, denominatorKind: 'registered', denominatorLabel: 'Số đăng ký trong năm' };
}

/**
 * The adult population of the year over the same contributors, or null when the element or its values are missing:
 * the total kept in data_rollup (0004_rollup.sql) while the unit exists, else summed over its successors on request.
 */
async function adultPopulation(db: Db, unit: UnitAt, year: number): Promise<{ name: string; total: number } | null> {
  const row = endedBefore(unit, yearEnd(year))
    ? (await sql<{ name: string; total: string; units: number }>`
      WITH k AS (${contributors(unit, yearEnd(year))})
      SELECT e.name, sum(v.value) AS total, count(*)::int AS units
      FROM data_element e JOIN data_value v ON v.data_element_id = e.id AND v.period = ${String(year)} AND v.disaggregation = ''
      JOIN k ON k.unit_id = v.unit_id
      WHERE e.code = ${ADULTS_ELEMENT} GROUP BY e.name`.execute(db)).rows[0]
    : (await sql<{ name: string; total: string; units: number }>`
      SELECT e.name, d.total, d.units FROM data_element e
      JOIN data_rollup d ON d.data_element_id = e.id AND d.ancestor_id = ${unit.id} AND d.period = ${String(year)}
      WHERE e.code = ${ADULTS_ELEMENT}`.execute(db)).rows[0];
  return row && row.units > 0 ? { name: row.name, total: Number(row.total) } : null;
}

/** Target-group names of every criteria set version, newest wins. */
async function targetGroupNames(db: Db): Promise<Map<string, string>> {
  const rows = (await sql<{ code: string; name: string }>`
    SELECT DISTINCT ON (tg->>'code') tg->>'code' AS code, tg->>'name' AS name
    FROM criteria_set s, jsonb_array_elements(coalesce(s.definition->'targetGroups', '[]'::jsonb)) tg
    ORDER BY tg->>'code', s.id DESC`.execute(db)).rows;
  return new Map(rows.map((r) => [r.code, r.name]));
}

export interface RecognisedItem {
  registrationId: string;
  modelType: ModelType;
  modelLabel: string;
  name: string;
  birthYear: number | null;
  unit: { id: string; name: string };
  level: string | null;
  decision: { number: string; decidedOn: string; issuer: string };
  certificateCode: string | null;
}
export interface RecognisedAggregate { unit: { id: string; name: string }; modelType: ModelType; modelLabel: string; recognised: number }
export interface RecognisedList {
  /** Whether citizens and families appear by name (the reader may read personal data; the read is logged). */
  names: boolean;
  items: RecognisedItem[];
  total: number;
  truncated: boolean;
  /** Citizens and families counted per unit, for readers who may not see their names. */
  aggregated: RecognisedAggregate[];
}

/**
 * The subjects recognised in a year under a unit. Organisations are listed by name; citizens and families by name
 * only for readers of personal data (register.read), each such read written to the access log, and counted per unit
 * for everyone else.
 */
export async function recognisedSubjects(db: Db, actor: Actor, unit: UnitAt, q: { year: number; modelType?: ModelType | undefined; limit: number }): Promise<RecognisedList> {
  const names = can(actor.role, 'register.read');
  const personal = sql<boolean>`s.kind IN (${sql.join(PERSONAL_KINDS)})`;
  const from = sql`
    FROM (${contributors(unit, yearEnd(q.year))}) k
    JOIN model_registration r ON r.unit_id = k.unit_id AND r.year = ${q.year} AND r.status = 'recognised'
    JOIN learning_subject s ON s.id = r.subject_id
    JOIN org_unit u ON u.id = r.unit_id`;
  const where = sql`WHERE r.unit_id IN ${coveredUnitIds(actor)} ${q.modelType ? sql`AND r.model_type = ${q.modelType}` : sql``}`;
  const shown = sql`${where} AND (${names} OR NOT ${personal})`;
  // The page first (a top-N sort), the total apart: a window count would materialise every row before the limit.
  const rows = (await sql<{ id: string; model_type: ModelType; name: string; birth_year: number | null; unit_id: string; unit_name: string; level: string | null; number: string; decided_on: string; issuer: string; code: string | null }>`
    SELECT r.id::text, r.model_type, s.name, s.birth_year, u.id::text AS unit_id, u.name AS unit_name, g.level, d.number, d.decided_on::text, i.name AS issuer, c.code
    ${from}
    JOIN recognition g ON g.registration_id = r.id
    JOIN recognition_decision d ON d.id = g.decision_id
    JOIN org_unit i ON i.id = d.issuer_id
    LEFT JOIN certificate c ON c.registration_id = r.id
    ${shown}
    ORDER BY array_position(${[...MODEL_TYPES]}::text[], r.model_type), u.name COLLATE "vi-VN-x-icu", s.name COLLATE "vi-VN-x-icu", r.id
    LIMIT ${q.limit}`.execute(db)).rows;
  const aggregated = names ? [] : (await sql<{ unit_id: string; unit_name: string; model_type: ModelType; n: number }>`
    SELECT u.id::text AS unit_id, u.name AS unit_name, r.model_type, count(*)::int AS n ${from} ${where} AND ${personal}
    GROUP BY u.id, u.name, r.model_type ORDER BY u.name COLLATE "vi-VN-x-icu", r.model_type`.execute(db)).rows;
  const items = rows.map((r): RecognisedItem => ({
    registrationId: r.id, modelType: r.model_type, modelLabel: MODEL_LABELS[r.model_type], name: r.name, birthYear: r.birth_year,
    unit: { id: r.unit_id, name: r.unit_name }, level: r.level, decision: { number: r.number, decidedOn: r.decided_on, issuer: r.issuer }, certificateCode: r.code,
  }));
  const people = items.filter((i) => (PERSONAL_KINDS as readonly string[]).includes(SUBJECT_KIND_OF[i.modelType])).length;
  if (people) await logAccess(db, actor, 'learning_model.recognised_list', unit.id, { year: q.year, modelType: q.modelType ?? null, people });
  const total = rows.length < q.limit ? rows.length : (await sql<{ n: number }>`SELECT count(*)::int AS n ${from} ${shown}`.execute(db)).rows[0]!.n;
  return {
    names, items, total, truncated: total > items.length,
    aggregated: aggregated.map((a) => ({ unit: { id: a.unit_id, name: a.unit_name }, modelType: a.model_type, modelLabel: MODEL_LABELS[a.model_type], recognised: a.n })),
  };
}

export interface PublicRecognisedUnit { name: string; modelType: ModelType; modelLabel: string; unitName: string; level: string | null; decision: { number: string; decidedOn: string; issuer: string } }

/** Learning units and communities recognised in a year under a province (public page): organisations only. */
export async function publicRecognisedUnits(db: Db, province: UnitAt, year: number): Promise<PublicRecognisedUnit[]> {
  const rows = (await sql<{ name: string; model_type: ModelType; unit_name: string; level: string | null; number: string; decided_on: string; issuer: string }>`
    SELECT s.name, r.model_type, u.name AS unit_name, g.level, d.number, d.decided_on::text, i.name AS issuer
    FROM (${contributors(province, yearEnd(year))}) k
    JOIN model_registration r ON r.unit_id = k.unit_id AND r.year = ${year} AND r.status = 'recognised'
      AND r.model_type IN (${sql.join([...PUBLIC_MODEL_TYPES])})
    JOIN learning_subject s ON s.id = r.subject_id AND s.kind NOT IN (${sql.join(PERSONAL_KINDS)}, 'clan')
    JOIN org_unit u ON u.id = r.unit_id
    JOIN recognition g ON g.registration_id = r.id
    JOIN recognition_decision d ON d.id = g.decision_id
    JOIN org_unit i ON i.id = d.issuer_id
    LEFT JOIN certificate c ON c.registration_id = r.id
    WHERE c.revoked_at IS NULL
    ORDER BY array_position(${[...MODEL_TYPES]}::text[], r.model_type), u.name COLLATE "vi-VN-x-icu", s.name COLLATE "vi-VN-x-icu"`.execute(db)).rows;
  return rows.map((r) => ({ name: r.name, modelType: r.model_type, modelLabel: MODEL_LABELS[r.model_type], unitName: r.unit_name, level: r.level, decision: { number: r.number, decidedOn: r.decided_on, issuer: r.issuer } }));
}

/** A total as the indicators engine reads it (see analytics.ts figures()). */
export interface EngineSum { total: number; units: number; approved: number; via: boolean; approximate: boolean; demo: boolean }

/** The model type of an indicator computed from the learning-model tables, else null. */
export const learningModelOf = (computed: Computed | null): ModelType | null => (computed?.kind === 'learningModel' ? computed.modelType : null);

/**
 * Recognised and registered subjects of model types in the years of periods, over the unit's contributors on each
 * period's end date: the numerator (and, without a denominator element, the denominator) of a `learningModel`
 * indicator. Keyed `modelType|year|date`; a year without any registration has no entry ("no data", not 0 %).
 * Recognitions are decisions of the competent level, so every contributing unit counts as approved.
 */
export async function learningModelSums(db: Db, unit: UnitAt, wanted: readonly { modelType: ModelType; year: number; date: string }[]): Promise<Map<string, { recognised: EngineSum; registered: EngineSum }>> {
  const out = new Map<string, { recognised: EngineSum; registered: EngineSum }>();
  const byDate = new Map<string, { year: number; types: Set<ModelType> }>();
  for (const w of wanted) {
    const g = byDate.get(`${w.year}|${w.date}`) ?? { year: w.year, types: new Set<ModelType>() };
    g.types.add(w.modelType);
    byDate.set(`${w.year}|${w.date}`, g);
  }
  for (const [key, { year, types }] of byDate) {
    const date = key.split('|')[1]!;
    const rows = (await sql<{ model_type: ModelType; registered: number; recognised: number; units: number; recognised_units: number; via: boolean; approximate: boolean }>`
      WITH k AS (${contributors(unit, date)})
      SELECT r.model_type, count(*)::int AS registered, count(*) FILTER (WHERE r.status = 'recognised')::int AS recognised,
             count(DISTINCT r.unit_id)::int AS units, count(DISTINCT r.unit_id) FILTER (WHERE r.status = 'recognised')::int AS recognised_units,
             bool_or(k.via_succession) AS via, bool_or(k.approximate) AS approximate
      FROM k JOIN model_registration r ON r.unit_id = k.unit_id AND r.year = ${year} AND r.model_type = ANY(${[...types]}::text[])
      GROUP BY r.model_type`.execute(db)).rows;
    for (const r of rows) {
      const sum = (total: number, units: number): EngineSum => ({ total, units, approved: units, via: r.via, approximate: r.approximate, demo: false });
      out.set(`${r.model_type}|${key}`, { recognised: sum(r.recognised, r.recognised_units), registered: sum(r.registered, r.units) });
    }
  }
  return out;
}
