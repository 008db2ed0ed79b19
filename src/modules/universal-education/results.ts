import fs from 'node:fs';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { inForce } from '../org-units/store.ts';
import { parseRuleSet, type RuleSet } from './rule-set.ts';
import { evaluateCommune, evaluateDistrict, evaluateProvince, NO_LEVELS, type AreaResult, type CohortCell, type CommuneResult, type Enrolled, type Levels } from './standards.ts';

/** The commune reporting date (30/09, legal-rules §1.7): the register and the map are read as they stood then. */
export const surveyReferenceDate = (year: number) => `${year}-09-30`;

let cached: RuleSet | undefined;
/** The rule set in force; one today (Nghị định 20/2014), kept as versioned data in data/rules/. */
export function ruleSet(): RuleSet {
  cached ??= parseRuleSet(fs.readFileSync(new URL('../../../data/rules/universal-education/nd20-2014.yaml', import.meta.url), 'utf8'));
  return cached;
}

async function store(tx: Tx, unitId: string, year: number, levels: unknown, result: unknown) {
  const values = { unit_id: unitId, year, rule_set: ruleSet().id, levels: levels === null ? null : JSON.stringify(levels), result: JSON.stringify(result) };
  await tx.insertInto('standard_result').values(values)
    .onConflict((oc) => oc.columns(['unit_id', 'year']).doUpdateSet({ rule_set: values.rule_set, levels: values.levels, result: values.result, computed_at: new Date() })).execute();
}

/**
 * Recomputes the results of the surveys' communes from their cubes, then the districts and provinces above them
 * as the map stood on the reference date. Runs inside the transaction that changed the register.
 */
export async function recomputeCommunes(tx: Tx, surveyIds: readonly string[]): Promise<void> {
  if (surveyIds.length === 0) return;
  const rules = ruleSet();
  const surveys = await tx.selectFrom('survey as s').innerJoin('org_unit as u', 'u.id', 's.commune_id')
    .select(['s.id', 's.year', 's.commune_id', 's.especially_difficult', 'u.code', 'u.parent_id']).where('s.id', 'in', surveyIds).execute();
  const cells = await tx.selectFrom('cohort_count').selectAll().where('survey_id', 'in', surveyIds).execute();
  const bySurvey = new Map<string, CohortCell[]>();
  for (const c of cells) {
    let list = bySurvey.get(c.survey_id);
    if (!list) bySurvey.set(c.survey_id, (list = []));
    list.push({
      birthYear: c.birth_year, highestGrade: c.highest_grade, literacyStage: c.literacy_stage as 0 | 1 | 2, enrolled: c.enrolled as Enrolled,
      diploma: c.diploma, preschoolCompleted: c.preschool_completed, count: c.count,
    });
  }
  const districts = new Set<string>(); // `${id}:${year}`
  const provinces = new Set<string>();
  for (const s of surveys) {
    const result = evaluateCommune({ code: s.code, especiallyDifficult: s.especially_difficult, cells: bySurvey.get(s.id) ?? [] }, s.year, rules);
    await store(tx, s.commune_id, s.year, result.levels, result);
    const parent = s.parent_id ? await tx.selectFrom('org_unit').select(['id', 'kind', 'parent_id']).where('id', '=', s.parent_id).executeTakeFirstOrThrow() : undefined;
    if (parent?.kind === 'district') districts.add(`${parent.id}:${s.year}`);
    const province = parent?.kind === 'province' ? parent.id : parent?.parent_id;
    if (province) provinces.add(`${province}:${s.year}`);
  }
  // Only the districts above the changed communes are recomputed; their provinces then read the stored districts.
  for (const key of districts) {
    const [id, year] = key.split(':') as [string, string];
    await recomputeDistrict(tx, id, Number(year), rules);
  }
  for (const key of provinces) {
    const [id, year] = key.split(':') as [string, string];
    await recomputeProvince(tx, id, Number(year), rules);
  }
}

/** The children's levels as stored; a commune without a register for the year meets nothing. */
async function childLevels(tx: Tx, parentId: string, kind: 'commune' | 'district', year: number) {
  return tx.selectFrom('org_unit as u').leftJoin('standard_result as r', (j) => j.onRef('r.unit_id', '=', 'u.id').on('r.year', '=', year))
    .select(['u.id', 'u.code', 'r.levels']).where('u.parent_id', '=', parentId).where('u.kind', '=', kind)
    .where(inForce(surveyReferenceDate(year))).orderBy('u.code').execute();
}

/**
 * Roll-ups read only the children's levels. A commune with no register for the year meets nothing (an empty cube
 * would "meet" every rate by the empty-cohort convention).
 */
const communeLevels = (rows: { code: string; levels: unknown }[]): CommuneResult[] =>
  rows.map((r) => ({ code: r.code, levels: (r.levels as Levels | null) ?? NO_LEVELS }) as CommuneResult);

async function recomputeDistrict(tx: Tx, districtId: string, year: number, rules: RuleSet): Promise<AreaResult> {
  const district = await tx.selectFrom('org_unit').select('code').where('id', '=', districtId).executeTakeFirstOrThrow();
  const area = evaluateDistrict(district.code, communeLevels(await childLevels(tx, districtId, 'commune', year)), rules);
  await store(tx, districtId, year, area.levels, area);
  return area;
}

/** The province from its districts before the 2025 reform, from its communes after it. */
async function recomputeProvince(tx: Tx, provinceId: string, year: number, rules: RuleSet): Promise<void> {
  const province = await tx.selectFrom('org_unit').select(['id', 'code']).where('id', '=', provinceId).executeTakeFirstOrThrow();
  const districts = await childLevels(tx, provinceId, 'district', year);
  let result: AreaResult;
  if (districts.length) {
    const areas: AreaResult[] = [];
    for (const d of districts) {
      areas.push(d.levels ? ({ code: d.code, levels: d.levels } as AreaResult) : await recomputeDistrict(tx, d.id, year, rules));
    }
    result = evaluateProvince(province.code, { districts: areas }, rules);
  } else {
    result = evaluateProvince(province.code, { communes: communeLevels(await childLevels(tx, provinceId, 'commune', year)) }, rules);
  }
  await store(tx, province.id, year, result.levels, result);
}

export interface ResultView {
  unit: { id: string; code: string; name: string; kind: string };
  year: number;
  ruleSet: string;
  levels: unknown;
  result: unknown;
  computedAt: string;
  children: { code: string; name: string; kind: string; levels: unknown; surveyed: boolean }[];
}

/** Stored results of a unit and its children for a year (aggregates only: no personal data). */
export async function readResult(db: Db, unitCode: string, year: number): Promise<ResultView | undefined> {
  const at = surveyReferenceDate(year);
  const unit = await db.selectFrom('org_unit as u').select(['u.id', 'u.code', 'u.name', 'u.kind']).where('u.code', '=', unitCode).where(inForce(at)).executeTakeFirst();
  if (!unit) return undefined;
  const r = await db.selectFrom('standard_result').selectAll().where('unit_id', '=', unit.id).where('year', '=', year).executeTakeFirst();
  if (!r) return undefined;
  const children = await db.selectFrom('org_unit as u').leftJoin('standard_result as r', (j) => j.onRef('r.unit_id', '=', 'u.id').on('r.year', '=', year))
    .select(['u.code', 'u.name', 'u.kind', 'r.levels', sql<boolean>`r.unit_id IS NOT NULL`.as('surveyed')])
    .where('u.parent_id', '=', unit.id).where('u.kind', 'in', ['district', 'commune']).where(inForce(at)).orderBy('u.code').execute();
  return { unit, year, ruleSet: r.rule_set, levels: r.levels, result: r.result, computedAt: r.computed_at.toISOString(), children };
}
