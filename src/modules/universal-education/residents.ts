import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { inForce } from '../org-units/store.ts';
import { surveyReferenceDate } from './results.ts';

/**
 * One commune's register for a year, within the actor's scope (the caller logs the read). `undefined`: the commune
 * is not in the actor's scope; `null`: it is, but has no register for the year.
 */
export async function listResidents(db: Db, actor: Actor, communeCode: string, year: number, q?: string) {
  const commune = await db.selectFrom('org_unit as u').select('u.id').where('u.code', '=', communeCode).where('u.kind', '=', 'commune')
    .where(inForce(surveyReferenceDate(year))).where(inScope(actor, 'u.id')).executeTakeFirst();
  if (!commune) return undefined;
  const survey = await db.selectFrom('survey as s').innerJoin('org_unit as u', 'u.id', 's.commune_id')
    .select(['s.id', 's.year', 's.reference_date as referenceDate', 's.especially_difficult as especiallyDifficult', 's.version', 'u.id as communeId', 'u.code as communeCode', 'u.name as communeName'])
    .where('u.code', '=', communeCode).where(inForce(surveyReferenceDate(year))).where('s.year', '=', year).where(inScope(actor, 's.commune_id')).executeTakeFirst();
  if (!survey) return null;
  let query = db.selectFrom('resident as r').innerJoin('household as h', 'h.id', 'r.household_id')
    .select(['r.id', 'r.person_key as personKey', 'r.full_name as fullName', 'r.sex', 'r.birth_year as birthYear', 'r.status', 'r.disability', 'r.enrolled',
      'r.highest_grade as highestGrade', 'r.lower_secondary_diploma as lowerSecondaryDiploma', 'r.preschool_completed as preschoolCompleted',
      'r.literacy_stage as literacyStage', 'r.enrolment_confirmed as enrolmentConfirmed', 'r.version', 'h.code as householdCode', 'h.hamlet'])
    .where('r.survey_id', '=', survey.id);
  if (q) query = query.where(sql<boolean>`f_unaccent(lower(r.full_name)) LIKE '%' || f_unaccent(lower(${q})) || '%' OR r.person_key = ${q}`);
  const residents = await query.orderBy('h.hamlet').orderBy('h.code').orderBy('r.birth_year').limit(5000).execute();
  return { survey, residents };
}
