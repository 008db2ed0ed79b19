import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { forbidden, problem, staleVersion } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { inForce } from '../org-units/store.ts';
import type { CommuneRow, ImportError, ResidentRow } from './register-file.ts';
import { recomputeCommunes, surveyReferenceDate } from './results.ts';

const BATCH = 5000;

/** Resolves the communes of an import file as the map stood on the survey's reference date, within the actor's scope. */
export async function resolveCommunes(db: Db | Tx, actor: Actor, year: number, communes: readonly CommuneRow[]): Promise<{ ids: Map<string, string>; errors: ImportError[] }> {
  const codes = communes.map((c) => c.communeCode);
  const found = codes.length ? await db.selectFrom('org_unit as u').select(['u.id', 'u.code'])
    .where('u.kind', '=', 'commune').where('u.code', 'in', codes).where(inForce(surveyReferenceDate(year)))
    .where(inScope(actor, 'u.id')).execute() : [];
  const ids = new Map(found.map((u) => [u.code, u.id]));
  const errors: ImportError[] = communes.flatMap((c, i) => ids.has(c.communeCode) ? [] : [{
    file: 'communes' as const, row: i + 2, column: 'commune_code', value: c.communeCode, code: 'import.commune_out_of_scope',
    message: `Không có xã/phường mã ${c.communeCode} ngày ${surveyReferenceDate(year).split('-').reverse().join('/')} trong phạm vi của bạn`,
  }]);
  return { ids, errors };
}

export interface ImportSummary { surveys: number; households: number; residents: number; counted: number }

/**
 * Replaces the registers of the file's communes for the year: all or nothing, in one transaction, with the cohort
 * cube and the results of the communes (and their district and province) recomputed before commit.
 */
export async function importRegister(db: Db, actor: Actor, year: number, communes: readonly CommuneRow[], residents: readonly ResidentRow[]): Promise<ImportSummary> {
  return db.transaction().execute(async (tx) => {
    const { ids, errors } = await resolveCommunes(tx, actor, year, communes);
    if (errors.length) throw problem(400, 'import.invalid', 'Tệp có lỗi; chưa nhập dữ liệu nào', { errors });
    const surveyIds = new Map<string, string>();
    for (const c of communes) {
      const row = await tx.insertInto('survey').values({ commune_id: ids.get(c.communeCode)!, year, reference_date: surveyReferenceDate(year), especially_difficult: c.especiallyDifficult })
        .onConflict((oc) => oc.columns(['commune_id', 'year']).doUpdateSet({ especially_difficult: c.especiallyDifficult, updated_at: new Date(), version: sql`survey.version + 1` }))
        .returning('id').executeTakeFirstOrThrow();
      surveyIds.set(c.communeCode, row.id);
    }
    const surveys = [...surveyIds.values()];
    await tx.deleteFrom('cohort_count').where('survey_id', 'in', surveys).execute();
    await tx.deleteFrom('resident').where('survey_id', 'in', surveys).execute();
    await tx.deleteFrom('household').where('survey_id', 'in', surveys).execute();

    const households = new Map<string, { surveyId: string; code: string; hamlet: string | null }>();
    for (const r of residents) {
      const key = `${r.communeCode}\u0000${r.householdId}`;
      if (!households.has(key)) households.set(key, { surveyId: surveyIds.get(r.communeCode)!, code: r.householdId, hamlet: r.hamlet });
    }
    const householdIds = new Map<string, string>();
    const hh = [...households.values()];
    for (let i = 0; i < hh.length; i += BATCH) {
      const part = hh.slice(i, i + BATCH);
      const rows = await sql<{ id: string; survey_id: string; code: string }>`
        INSERT INTO household (survey_id, code, hamlet)
        SELECT * FROM unnest(${part.map((h) => h.surveyId)}::bigint[], ${part.map((h) => h.code)}::text[], ${part.map((h) => h.hamlet)}::text[])
        RETURNING id, survey_id, code`.execute(tx);
      for (const r of rows.rows) householdIds.set(`${r.survey_id}\u0000${r.code}`, r.id);
    }
    for (let i = 0; i < residents.length; i += BATCH) {
      const part = residents.slice(i, i + BATCH);
      const col = <T>(f: (r: ResidentRow) => T) => part.map(f);
      const surveyOf = (r: ResidentRow) => surveyIds.get(r.communeCode)!;
      await sql`
        INSERT INTO resident (survey_id, household_id, person_key, full_name, sex, birth_year, status, disability, enrolled,
                              highest_grade, lower_secondary_diploma, preschool_completed, literacy_stage)
        SELECT * FROM unnest(${col(surveyOf)}::bigint[], ${col((r) => householdIds.get(`${surveyOf(r)}\u0000${r.householdId}`)!)}::bigint[],
          ${col((r) => r.residentId)}::text[], ${col((r) => r.fullName)}::text[], ${col((r) => r.sex)}::text[], ${col((r) => r.birthYear)}::int[],
          ${col((r) => r.status)}::text[], ${col((r) => r.disability)}::text[], ${col((r) => r.enrolled)}::text[], ${col((r) => r.highestGrade)}::smallint[],
          ${col((r) => r.lowerSecondaryDiploma)}::boolean[], ${col((r) => r.preschoolCompleted)}::boolean[], ${col((r) => r.literacyStage)}::smallint[])`.execute(tx);
    }
    await rebuildCohorts(tx, surveys);
    await recomputeCommunes(tx, surveys);
    const counted = Number((await tx.selectFrom('cohort_count').select((eb) => eb.fn.sum<string>('count').as('n')).where('survey_id', 'in', surveys).executeTakeFirst())?.n ?? 0);
    const summary = { surveys: surveys.length, households: households.size, residents: residents.length, counted };
    await audit(tx, actor, 'register.import', 'survey', null, null, { year, communes: communes.map((c) => c.communeCode), ...summary });
    return summary;
  });
}

/** Rebuilds the cohort cube of the given surveys from their residents (imports, and the recovery command). */
export async function rebuildCohorts(tx: Tx, surveyIds: readonly string[]): Promise<void> {
  if (surveyIds.length === 0) return;
  await tx.deleteFrom('cohort_count').where('survey_id', 'in', surveyIds).execute();
  await sql`
    INSERT INTO cohort_count (survey_id, birth_year, highest_grade, literacy_stage, enrolled, diploma, preschool_completed, count)
    SELECT survey_id, birth_year, highest_grade, literacy_stage, enrolled, lower_secondary_diploma, preschool_completed, count(*)
    FROM resident WHERE survey_id = ANY(${surveyIds as string[]}::bigint[]) AND status = 'present' AND disability <> 'cannot_learn'
    GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(tx);
}

interface CubeCell {
  birth_year: number; highest_grade: number; literacy_stage: number; enrolled: string; lower_secondary_diploma: boolean; preschool_completed: boolean;
  status: string; disability: string;
}

/** Moves one person in or out of their cell of the cube; people not counted (away, deceased, cannot learn) are in none. */
async function adjustCohort(tx: Tx, surveyId: string, r: CubeCell, delta: 1 | -1): Promise<void> {
  if (r.status !== 'present' || r.disability === 'cannot_learn') return;
  const key = { survey_id: surveyId, birth_year: r.birth_year, highest_grade: r.highest_grade, literacy_stage: r.literacy_stage, enrolled: r.enrolled, diploma: r.lower_secondary_diploma, preschool_completed: r.preschool_completed };
  if (delta === 1) {
    await tx.insertInto('cohort_count').values({ ...key, count: 1 })
      .onConflict((oc) => oc.columns(['survey_id', 'birth_year', 'highest_grade', 'literacy_stage', 'enrolled', 'diploma', 'preschool_completed']).doUpdateSet({ count: sql`cohort_count.count + 1` })).execute();
    return;
  }
  const cell = sql<boolean>`survey_id = ${key.survey_id} AND birth_year = ${key.birth_year} AND highest_grade = ${key.highest_grade} AND literacy_stage = ${key.literacy_stage}
    AND enrolled = ${key.enrolled} AND diploma = ${key.diploma} AND preschool_completed = ${key.preschool_completed}`;
  await tx.deleteFrom('cohort_count').where(cell).where('count', '=', 1).execute();
  await tx.updateTable('cohort_count').set({ count: sql`count - 1` }).where(cell).execute();
}

export interface ResidentInput {
  householdCode: string; hamlet: string | null; personKey: string; fullName: string; sex: 'M' | 'F'; birthYear: number;
  status: ResidentRow['status']; disability: ResidentRow['disability']; enrolled: ResidentRow['enrolled'];
  highestGrade: number; lowerSecondaryDiploma: boolean; preschoolCompleted: boolean; literacyStage: 0 | 1 | 2;
}

const toColumns = (i: ResidentInput) => ({
  person_key: i.personKey, full_name: i.fullName, sex: i.sex, birth_year: i.birthYear, status: i.status, disability: i.disability, enrolled: i.enrolled,
  highest_grade: i.highestGrade, lower_secondary_diploma: i.lowerSecondaryDiploma, preschool_completed: i.preschoolCompleted, literacy_stage: i.literacyStage,
});

/** Locks a survey the actor may write (its commune in scope) and returns it. */
async function lockSurvey(tx: Tx, actor: Actor, surveyId: string) {
  const s = await tx.selectFrom('survey as s').select(['s.id', 's.commune_id', 's.year']).where('s.id', '=', surveyId)
    .where(inScope(actor, 's.commune_id')).forUpdate().executeTakeFirst();
  if (!s) throw forbidden('survey');
  return s;
}

async function householdId(tx: Tx, surveyId: string, code: string, hamlet: string | null): Promise<string> {
  const row = await tx.insertInto('household').values({ survey_id: surveyId, code, hamlet })
    .onConflict((oc) => oc.columns(['survey_id', 'code']).doUpdateSet({ hamlet })).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A commune officer adds a person to the register (on the resident's behalf); cube and results follow in the same transaction. */
export async function addResident(db: Db, actor: Actor, surveyId: string, input: ResidentInput) {
  return db.transaction().execute(async (tx) => {
    const s = await lockSurvey(tx, actor, surveyId);
    const exists = await tx.selectFrom('resident').select('id').where('survey_id', '=', s.id).where('person_key', '=', input.personKey).executeTakeFirst();
    if (exists) throw problem(409, 'resident.exists', 'Mã người này đã có trong sổ của năm điều tra', { errors: [{ field: 'body.personKey', message: 'trùng mã' }] });
    const row = await tx.insertInto('resident').values({ survey_id: s.id, household_id: await householdId(tx, s.id, input.householdCode, input.hamlet), ...toColumns(input) })
      .returningAll().executeTakeFirstOrThrow();
    await adjustCohort(tx, s.id, row, 1);
    await recomputeCommunes(tx, [s.id]);
    await audit(tx, actor, 'resident.create', 'resident', row.id, null, row);
    return row;
  });
}

/** Edits a person; a stale `version` gets 409. The cube moves the person from the old cell to the new one. */
export async function updateResident(db: Db, actor: Actor, residentId: string, input: ResidentInput & { version: number; enrolmentConfirmed?: boolean }) {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('resident as r').innerJoin('survey as s', 's.id', 'r.survey_id').selectAll('r')
      .where('r.id', '=', residentId).where(inScope(actor, 's.commune_id')).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('resident');
    await lockSurvey(tx, actor, before.survey_id);
    if (before.version !== input.version) throw staleVersion('resident', before.version);
    const after = await tx.updateTable('resident').set({
      ...toColumns(input), household_id: await householdId(tx, before.survey_id, input.householdCode, input.hamlet),
      enrolment_confirmed: input.enrolmentConfirmed ?? true, version: before.version + 1,
    }).where('id', '=', residentId).returningAll().executeTakeFirstOrThrow();
    await adjustCohort(tx, before.survey_id, before, -1);
    await adjustCohort(tx, before.survey_id, after, 1);
    await recomputeCommunes(tx, [before.survey_id]);
    await audit(tx, actor, 'resident.update', 'resident', residentId, before, after);
    return after;
  });
}
