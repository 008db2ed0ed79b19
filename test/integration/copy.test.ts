import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyResidents, copyText } from '../../src/modules/universal-education/copy.ts';
import type { ResidentRow } from '../../src/modules/universal-education/register-file.ts';
import type { Tx } from '../../src/db/schema.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let surveyId: string;
let householdId: string;
beforeAll(async () => {
  server = await startTestServer();
  const commune = await server.db.selectFrom('org_unit').select('id').where('code', '=', '25456').where('kind', '=', 'commune').executeTakeFirstOrThrow();
  surveyId = (await server.db.insertInto('survey').values({ commune_id: commune.id, year: 2024, reference_date: '2024-09-30', especially_difficult: false, rolled_from_id: null }).returning('id').executeTakeFirstOrThrow()).id;
  householdId = (await server.db.insertInto('household').values({ survey_id: surveyId, code: 'H1', hamlet: 'Khu phố 1' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await server?.close(); });

const NAMES = [
  'Nguyễn Thị Ánh Tuyết', 'Đặng Văn Hưởng', 'Lê, Văn "Tư"', "O'Brien Ngọc", 'tab\there', 'back\\slash', '\\N', '\\.', 'new\nline', 'cr\rlf\r\n',
  'trailing\\', ' spaces  ', 'Phạm,"Thị",\tHoà\\Bình', 'Ỷ Ỹ ỵ Ữ', '😀 emoji',
];

function person(i: number, over: Partial<ResidentRow> = {}): ResidentRow {
  return {
    residentId: `C${i}`, householdId: 'H1', communeCode: '25456', hamlet: 'Khu phố 1', fullName: NAMES[i % NAMES.length]!,
    sex: i % 2 ? 'F' : 'M', birthYear: 1940 + (i % 80), status: (['present', 'moved_out', 'deceased'] as const)[i % 3]!,
    disability: (['none', 'can_learn', 'cannot_learn'] as const)[i % 3]!, enrolled: (['none', 'primary', 'higher'] as const)[i % 3]!,
    highestGrade: i % 13, lowerSecondaryDiploma: i % 2 === 0, preschoolCompleted: i % 3 === 0, literacyStage: (i % 3) as 0 | 1 | 2, ...over,
  };
}

const count = async () => Number((await server.db.selectFrom('resident').select((eb) => eb.fn.countAll().as('n')).where('survey_id', '=', surveyId).executeTakeFirstOrThrow()).n);
const copy = (tx: Tx, rows: ResidentRow[]) => copyResidents(tx, rows, () => surveyId, () => householdId);

describe('copyResidents', () => {
  it('escapes only what the text format needs', () => {
    expect(copyText('Nguyễn, "Văn"')).toBe('Nguyễn, "Văn"');
    expect(copyText('a\tb\\c\nd\re')).toBe('a\\tb\\\\c\\nd\\re');
  });

  it('writes exactly the rows, names with commas, quotes, tabs, newlines and backslashes intact', async () => {
    const rows = Array.from({ length: 5003 }, (_, i) => person(i)); // more than one chunk, not a multiple of it
    const n = await server.db.transaction().execute((tx) => copy(tx, rows));
    expect(n).toBe(rows.length);
    const back = await server.db.selectFrom('resident').selectAll().where('survey_id', '=', surveyId).execute();
    expect(back.length).toBe(rows.length);
    const byKey = new Map(back.map((r) => [r.person_key, r]));
    for (const r of rows) {
      const b = byKey.get(r.residentId)!;
      expect({
        survey_id: b.survey_id, household_id: b.household_id, full_name: b.full_name, sex: b.sex, birth_year: b.birth_year, status: b.status,
        disability: b.disability, enrolled: b.enrolled, highest_grade: b.highest_grade, lower_secondary_diploma: b.lower_secondary_diploma,
        preschool_completed: b.preschool_completed, literacy_stage: b.literacy_stage, enrolment_confirmed: b.enrolment_confirmed,
      }).toEqual({
        survey_id: surveyId, household_id: householdId, full_name: r.fullName, sex: r.sex, birth_year: r.birthYear, status: r.status,
        disability: r.disability, enrolled: r.enrolled, highest_grade: r.highestGrade, lower_secondary_diploma: r.lowerSecondaryDiploma,
        preschool_completed: r.preschoolCompleted, literacy_stage: r.literacyStage, enrolment_confirmed: true,
      });
    }
    expect(new Set(back.map((b) => b.full_name))).toEqual(new Set(NAMES));
    await server.db.deleteFrom('resident').where('survey_id', '=', surveyId).execute();
  });

  it('runs on the transaction\'s connection and rolls back with it', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => person(i));
    await expect(server.db.transaction().execute(async (tx) => {
      await copy(tx, rows);
      // Inside the transaction the rows are there (same connection, same snapshot) ...
      expect(Number((await tx.selectFrom('resident').select((eb) => eb.fn.countAll().as('n')).where('survey_id', '=', surveyId).executeTakeFirstOrThrow()).n)).toBe(300);
      throw new Error('stop');
    })).rejects.toThrow('stop');
    // ... and gone after the rollback.
    expect(await count()).toBe(0);
  });

  it('fails whole on a bad row, leaving the transaction to roll back and the pool usable', async () => {
    const rows = [...Array.from({ length: 4000 }, (_, i) => person(i)), person(7)]; // duplicate person key at the end
    await expect(server.db.transaction().execute((tx) => copy(tx, rows))).rejects.toThrow(/duplicate key|resident_survey_id_person_key/);
    const badSex = [person(1), person(2, { sex: 'X' as 'M' })];
    await expect(server.db.transaction().execute((tx) => copy(tx, badSex))).rejects.toThrow(/check constraint/);
    expect(await count()).toBe(0);
    // Every pooled connection still answers (none left in a broken COPY state).
    await Promise.all(Array.from({ length: 5 }, () => server.db.transaction().execute((tx) => copy(tx, [person(1)]).then(() => { throw new Error('undo'); })).catch((e) => expect(String(e)).toContain('undo'))));
    expect(await count()).toBe(0);
  });

  it('refuses a pool handle outside a transaction', async () => {
    await expect(copyResidents(server.db as unknown as Tx, [person(1)], () => surveyId, () => householdId)).rejects.toThrow(/transaction/);
  });
});
