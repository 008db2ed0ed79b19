import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { inForce } from '../org-units/store.ts';
import type { Clause, RuleSet } from './rule-set.ts';
import { surveyReferenceDate } from './results.ts';

/**
 * Name lists for action: the counted people of an age band who do not (yet) satisfy a definition of the rule set.
 * The band and the definition come from the rule set, so a list always matches the rate it feeds.
 */
export const NAME_LISTS = {
  'not-literate-2': { title: 'Người trong độ tuổi chưa đạt chuẩn biết chữ mức độ 2', from: (r: RuleSet) => ({ ...bands(r.rates.literate2), counts: r.rates.literate2.counts }) },
  'primary-11': { title: 'Trẻ 11 tuổi chưa hoàn thành chương trình tiểu học và không đang học tiểu học', from: (r: RuleSet) => ({ ages: r.remaining11.ages, agesEspeciallyDifficult: r.remaining11.ages, counts: r.remaining11.counts }) },
  'no-diploma-15-18': { title: 'Thanh thiếu niên 15–18 tuổi chưa có bằng tốt nghiệp THCS', from: (r: RuleSet) => ({ ...bands(r.rates.lowerSecondaryDiploma15to18), counts: r.rates.lowerSecondaryDiploma15to18.counts }) },
} as const;
export type NameList = keyof typeof NAME_LISTS;

function bands(rate: { ages: [number, number]; agesEspeciallyDifficult?: [number, number] }) {
  return { ages: rate.ages, agesEspeciallyDifficult: rate.agesEspeciallyDifficult ?? rate.ages };
}

/** A definition's clauses as SQL over `resident r`: true when any clause holds. */
export function definitionSql(clauses: readonly Clause[]): RawBuilder<boolean> {
  const clause = (c: Clause) => {
    const parts: RawBuilder<unknown>[] = [];
    if (c.literacyStageAtLeast !== undefined) parts.push(sql`r.literacy_stage >= ${c.literacyStageAtLeast}`);
    if (c.highestGradeAtLeast !== undefined) parts.push(sql`r.highest_grade >= ${c.highestGradeAtLeast}`);
    if (c.enrolledIn !== undefined) parts.push(sql`r.enrolled = ANY(${c.enrolledIn as string[]}::text[])`);
    if (c.diploma !== undefined) parts.push(sql`r.lower_secondary_diploma = ${c.diploma}`);
    if (c.preschoolCompleted !== undefined) parts.push(sql`r.preschool_completed = ${c.preschoolCompleted}`);
    return sql`(${sql.join(parts, sql` AND `)})`;
  };
  return sql<boolean>`(${sql.join(clauses.map(clause), sql` OR `)})`;
}

export interface NameListRow { hamlet: string | null; household: string; personKey: string; fullName: string; sex: string; birthYear: number; age: number; commune: string; highestGrade: number; literacyStage: number; enrolled: string }

/** The people of a list in the communes below `unitCode` within the actor's scope, by commune, hamlet and household. */
export async function nameList(db: Db, actor: Actor, rules: RuleSet, list: NameList, unitCode: string, year: number): Promise<{ unitId: string; rows: NameListRow[] } | undefined> {
  const at = surveyReferenceDate(year);
  const unit = await db.selectFrom('org_unit as u').select('u.id').where('u.code', '=', unitCode).where(inForce(at)).where(inScope(actor, 'u.id')).executeTakeFirst();
  if (!unit) return undefined;
  const spec = NAME_LISTS[list].from(rules);
  const satisfies = definitionSql(rules.definitions[spec.counts]!.anyOf);
  const rows = await sql<NameListRow>`
    SELECT h.hamlet, h.code AS household, r.person_key AS "personKey", r.full_name AS "fullName", r.sex, r.birth_year AS "birthYear",
           ${year}::int - r.birth_year AS age, c.name AS commune, r.highest_grade AS "highestGrade", r.literacy_stage AS "literacyStage", r.enrolled
    FROM resident r
    JOIN household h ON h.id = r.household_id
    JOIN survey s ON s.id = r.survey_id
    JOIN org_unit c ON c.id = s.commune_id
    WHERE s.year = ${year}::int
      AND s.commune_id IN (SELECT unit_id FROM org_unit_cover WHERE ancestor_id = ${unit.id})
      AND s.commune_id IN (SELECT c2.unit_id FROM user_scope us JOIN org_unit_cover c2 ON c2.ancestor_id = us.unit_id WHERE us.user_id = ${actor.id})
      AND r.status = ANY(${rules.conventions.counted.statuses}::text[])
      AND NOT (r.disability = ANY(${rules.conventions.counted.excludedDisabilities}::text[]))
      AND ${year}::int - r.birth_year BETWEEN
          (CASE WHEN s.especially_difficult THEN ${spec.agesEspeciallyDifficult[0]}::int ELSE ${spec.ages[0]}::int END)
          AND (CASE WHEN s.especially_difficult THEN ${spec.agesEspeciallyDifficult[1]}::int ELSE ${spec.ages[1]}::int END)
      AND NOT ${satisfies}
    ORDER BY c.name, h.hamlet NULLS LAST, h.code, r.full_name`.execute(db);
  return { unitId: unit.id, rows: rows.rows };
}
