import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { forbidden, problem, staleVersion } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { inForce } from '../org-units/store.ts';
import type { CommuneRow, ImportError, ResidentRow } from './register-file.ts';
import { copyResidents } from './copy.ts';
import { recomputeCommunes, surveyReferenceDate } from './results.ts';
import { promote } from './rollover.ts';
import type { Enrolled } from './rule-set.ts';

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
    const surveyOf = (r: ResidentRow) => surveyIds.get(r.communeCode)!;
    await copyResidents(tx, residents, surveyOf, (r) => householdIds.get(`${surveyOf(r)}\u0000${r.householdId}`)!);
    await rebuildCohorts(tx, surveys);
    await recomputeCommunes(tx, surveys);
    const counted = Number((await tx.selectFrom('cohort_count').select((eb) => eb.fn.sum<string>('count').as('n')).where('survey_id', 'in', surveys).executeTakeFirst())?.n ?? 0);
    const summary = { surveys: surveys.length, households: households.size, residents: residents.length, counted };
    await audit(tx, actor, 'register.import', 'survey', null, null, { year, communes: communes.map((c) => c.communeCode), ...summary });
    return summary;
  });
}

/** Full rebuild (recovery, `xhht pcgd rebuild`): every cube from the residents, then every result. */
export async function rebuildAll(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const ids = (await tx.selectFrom('survey').select('id').execute()).map((s) => s.id);
    await rebuildCohorts(tx, ids);
    await recomputeCommunes(tx, ids);
    return ids.length;
  });
}

/** Rebuilds the cohort cube of the given surveys from their residents (imports, and the recovery command). */
export async function rebuildCohorts(tx: Tx, surveyIds: readonly string[]): Promise<void> {
  if (surveyIds.length === 0) return;
  await sql`SET LOCAL work_mem = '64MB'`.execute(tx); // the GROUP BY of a province stays in memory
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

/**
 * Starts the next survey year of a commune from its register: present people carry over with their schooling
 * promoted (see rollover.ts) and enrolments to confirm; people who moved away or died are not carried.
 */
export async function rolloverSurvey(db: Db, actor: Actor, surveyId: string) {
  return db.transaction().execute(async (tx) => {
    const from = await lockSurvey(tx, actor, surveyId);
    const year = from.year + 1;
    const still = await tx.selectFrom('org_unit as u').select('u.id').where('u.id', '=', from.commune_id).where(inForce(surveyReferenceDate(year))).executeTakeFirst();
    if (!still) {
      throw problem(409, 'survey.unit_reorganised', 'Xã/phường này không còn tồn tại vào năm sau (đã sắp xếp lại); hãy lập sổ năm mới cho đơn vị mới bằng cách nhập tệp');
    }
    const special = await tx.selectFrom('survey').select('especially_difficult').where('id', '=', from.id).executeTakeFirstOrThrow();
    const created = await tx.insertInto('survey').values({ commune_id: from.commune_id, year, reference_date: surveyReferenceDate(year), especially_difficult: special.especially_difficult, rolled_from_id: from.id })
      .onConflict((oc) => oc.columns(['commune_id', 'year']).doNothing()).returning('id').executeTakeFirst();
    if (!created) throw problem(409, 'survey.exists', `Sổ năm ${year} của xã/phường này đã có`);
    await sql`INSERT INTO household (survey_id, code, hamlet) SELECT ${created.id}, code, hamlet FROM household WHERE survey_id = ${from.id}`.execute(tx);
    const people = await tx.selectFrom('resident as r').innerJoin('household as h', 'h.id', 'r.household_id').selectAll('r').select('h.code as household_code')
      .where('r.survey_id', '=', from.id).where('r.status', '=', 'present').execute();
    const households = new Map((await tx.selectFrom('household').select(['id', 'code']).where('survey_id', '=', created.id).execute()).map((h) => [h.code, h.id]));
    for (let i = 0; i < people.length; i += BATCH) {
      const part = people.slice(i, i + BATCH).map((p) => ({ p, next: promote({ birthYear: p.birth_year, enrolled: p.enrolled as Enrolled, highestGrade: p.highest_grade }, year) }));
      await tx.insertInto('resident').values(part.map(({ p, next }) => ({
        survey_id: created.id, household_id: households.get(p.household_code)!, person_key: p.person_key, full_name: p.full_name, sex: p.sex, birth_year: p.birth_year,
        status: p.status, disability: p.disability, enrolled: next.enrolled, highest_grade: next.highestGrade, lower_secondary_diploma: p.lower_secondary_diploma,
        preschool_completed: p.preschool_completed || year - p.birth_year >= 6 && p.enrolled === 'preschool', literacy_stage: p.literacy_stage, enrolment_confirmed: !next.changed,
      }))).execute();
    }
    await rebuildCohorts(tx, [created.id]);
    await recomputeCommunes(tx, [created.id]);
    const toConfirm = people.filter((p) => promote({ birthYear: p.birth_year, enrolled: p.enrolled as Enrolled, highestGrade: p.highest_grade }, year).changed).length;
    await audit(tx, actor, 'survey.rollover', 'survey', created.id, null, { from: from.id, year, residents: people.length, toConfirm });
    return { surveyId: created.id, year, residents: people.length, toConfirm };
  });
}

/**
 * A person moves to another commune: marked moved out where they were (leaving that commune's cohorts) and entered
 * in the destination's register of the same year with the same person key, so their history follows them.
 */
export async function moveResident(db: Db, actor: Actor, residentId: string, to: { communeCode: string; householdCode: string; hamlet: string | null }) {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('resident as r').innerJoin('survey as s', 's.id', 'r.survey_id').selectAll('r').select('s.year')
      .where('r.id', '=', residentId).where(inScope(actor, 's.commune_id')).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('resident');
    if (before.status !== 'present') throw problem(409, 'resident.not_present', 'Người này không còn cư trú tại xã/phường trong sổ năm này');
    const target = await tx.selectFrom('survey as s').innerJoin('org_unit as u', 'u.id', 's.commune_id').select('s.id')
      .where('u.code', '=', to.communeCode).where('s.year', '=', before.year).where(inScope(actor, 's.commune_id')).executeTakeFirst();
    if (!target) throw problem(400, 'resident.move_target', `Không có sổ năm ${before.year} của xã/phường ${to.communeCode} trong phạm vi của bạn`, { errors: [{ field: 'body.communeCode', message: 'không có sổ' }] });
    if (target.id === before.survey_id) throw problem(400, 'resident.move_same', 'Nơi chuyển đến trùng nơi hiện tại', { errors: [{ field: 'body.communeCode', message: 'trùng' }] });
    await lockSurvey(tx, actor, before.survey_id);
    await lockSurvey(tx, actor, target.id);
    const left = await tx.updateTable('resident').set({ status: 'moved_out', version: before.version + 1 }).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
    await adjustCohort(tx, before.survey_id, before, -1);
    const { id: _id, survey_id: _s, household_id: _h, version: _v, year: _y, moved_from_survey_id: _m, enrolment_confirmed: _e, ...person } = before;
    const arrived = await tx.insertInto('resident').values({ ...person, survey_id: target.id, household_id: await householdId(tx, target.id, to.householdCode, to.hamlet), moved_from_survey_id: before.survey_id })
      .onConflict((oc) => oc.columns(['survey_id', 'person_key']).doNothing()).returningAll().executeTakeFirst();
    if (!arrived) throw problem(409, 'resident.exists', 'Người này đã có trong sổ của nơi chuyển đến');
    await adjustCohort(tx, target.id, arrived, 1);
    await recomputeCommunes(tx, [before.survey_id, target.id]);
    await audit(tx, actor, 'resident.move', 'resident', before.id, before, { left: left.id, arrived: arrived.id, to: to.communeCode });
    return { left: left.id, arrived: arrived.id };
  });
}

/** Every register entry of one person across years and communes (the caller logs the read). */
export async function personHistory(db: Db, actor: Actor, personKey: string) {
  return db.selectFrom('resident as r').innerJoin('survey as s', 's.id', 'r.survey_id').innerJoin('org_unit as u', 'u.id', 's.commune_id')
    .select(['r.id', 's.year', 'u.code as communeCode', 'u.name as communeName', 'r.status', 'r.highest_grade as highestGrade', 'r.enrolled', 'r.literacy_stage as literacyStage', 'r.moved_from_survey_id as movedFromSurveyId'])
    .where('r.person_key', '=', personKey).where(inScope(actor, 's.commune_id')).orderBy('s.year').orderBy('r.id').execute();
}
