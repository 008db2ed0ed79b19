import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { communesCsv, residentsCsv, sampleRegister } from '../support/register.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let coordinator: Client, commune: Client, agency: Client;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = await Client.login(server.url, 'coordinator');
  commune = await Client.login(server.url, 'commune');
  agency = await Client.login(server.url, 'agency');
});
afterAll(async () => { await server.close(); });

function upload(c: Client, year: number, files: { communes: string; residents: string }, dryRun: boolean) {
  const form = new FormData();
  form.append('communes', new Blob([files.communes], { type: 'text/csv' }), 'communes.csv');
  form.append('residents', new Blob([files.residents], { type: 'text/csv' }), 'residents.csv');
  return c.request('POST', `/api/v1/pcgd/imports?year=${year}&dryRun=${dryRun}`, { raw: form });
}
const count = async (table: 'resident' | 'survey' | 'access_log') => Number((await server.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('register import', () => {
  it('checks a file in a dry run without writing anything', async () => {
    const res = await upload(commune, 2024, sampleRegister(), true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, communes: 2, residents: 18, counted: 16 });
    expect(await count('resident')).toBe(0);
  });

  it('lists every fault of a bad file at once and writes nothing', async () => {
    const good = sampleRegister();
    const bad = good.residents.replace('A2,H1,25456', 'A1,H1,25456').replace(',1994,present,none,none,9,1,0,0', ',1994,present,none,nowhere,9,1,0,0');
    const res = await upload(commune, 2024, { ...good, residents: bad }, false);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('import.invalid');
    expect(res.body.errors.length).toBeGreaterThanOrEqual(2);
    for (const e of res.body.errors) expect(e).toMatchObject({ file: 'residents', row: expect.any(Number), column: expect.any(String), message: expect.any(String) });
    expect(await count('resident')).toBe(0);
  });

  it('refuses communes outside the officer\'s scope, and officers of other roles', async () => {
    const files = sampleRegister();
    const other = { ...files, communes: files.communes.replace(/25459,Phường 3,703,Thành phố Tây Ninh,72,Tỉnh Tây Ninh/, '25741,Phường Hiệp Thành,718,Thành phố Thủ Dầu Một,74,Tỉnh Bình Dương') };
    const res = await upload(commune, 2024, { communes: other.communes, residents: files.residents.split('\n').filter((l) => !l.includes(',25459,')).join('\n') }, false);
    expect(res.status).toBe(400);
    expect(res.body.errors.some((e: any) => e.code === 'import.commune_out_of_scope' && e.value === '25741')).toBe(true);
    expect((await upload(agency, 2024, files, true)).status).toBe(403);
    expect(await count('resident')).toBe(0);
  });

  it('imports the register and computes every rate from it', async () => {
    const res = await upload(commune, 2024, sampleRegister(), false);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ surveys: 2, residents: 18, counted: 16 });
    const r = (await coordinator.get('/api/v1/pcgd/results?unit=25456&year=2024')).body;
    expect(r.result.rates.literate2).toEqual({ num: 11, den: 12 });
    expect(r.result.rates.lowerSecondaryDiploma15to18).toEqual({ num: 1, den: 2 });
    expect(r.result.rates.primaryCompleted11).toEqual({ num: 0, den: 1 });
    // Literacy: 11/12 literate at levels 1 and 2 (≥ 90 %) → level 2. Primary: the one 11-year-old has not finished → 0.
    expect(r.levels).toEqual({ preschool5: 1, primary: 0, lowerSecondary: 0, literacy: 2 });
    expect(r.result.conditions.length).toBeGreaterThan(0);
    const district = (await coordinator.get('/api/v1/pcgd/results?unit=703&year=2024')).body;
    expect(district.children.map((c: any) => c.code)).toEqual(expect.arrayContaining(['25456', '25459']));
    // Two of the city's ten wards have a register, so the district, and the province above it, reach nothing.
    expect(district.levels).toEqual({ preschool5: 0, primary: 0, lowerSecondary: 0, literacy: 0 });
    expect(district.result.shares.literacy['2']).toEqual({ num: 2, den: 10 }); // Phường 1 and Phường 3 at literacy level 2
    const province = (await coordinator.get('/api/v1/pcgd/results?unit=72&year=2024')).body;
    expect(province.levels).toEqual({ preschool5: 0, primary: 0, lowerSecondary: 0, literacy: 0 });
    // The statistical tables: levels of every unit below, and each commune's rates as (numerator, denominator, %).
    const x = await coordinator.get('/api/v1/pcgd/results?unit=703&year=2024&format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body);
    const rates = wb.getWorksheet('Tỷ lệ theo xã')!;
    const p1 = [...Array(rates.rowCount).keys()].map((i) => rates.getRow(i + 1)).find((row) => row.getCell(1).value === '25456')!;
    const header = rates.getRow(2).values as string[];
    const col = header.findIndex((h) => h === 'Người trong độ tuổi đạt chuẩn biết chữ mức 2 — số người đạt');
    expect([p1.getCell(col).value, p1.getCell(col + 1).value]).toEqual([11, 12]);
  });
});

describe('name lists and personal data', () => {
  it('lists the people to teach, logging every read; exports need the coordinator role', async () => {
    const before = await count('access_log');
    const lit = await commune.get('/api/v1/pcgd/name-lists/not-literate-2?unit=25456&year=2024');
    expect(lit.status).toBe(200);
    expect(lit.body.rows.map((r: any) => r.personKey)).toEqual(['A10']);
    expect(lit.body.rows[0]).toMatchObject({ hamlet: 'Khu phố 2', fullName: 'Nguyễn Văn Mười', age: 30 });
    expect((await commune.get('/api/v1/pcgd/name-lists/primary-11?unit=25456&year=2024')).body.rows.map((r: any) => r.personKey)).toEqual(['C1']);
    expect((await commune.get('/api/v1/pcgd/name-lists/no-diploma-15-18?unit=25456&year=2024')).body.rows.map((r: any) => r.personKey)).toEqual(['B2']);
    expect(await count('access_log')).toBe(before + 3);
    expect((await commune.get('/api/v1/pcgd/name-lists/not-literate-2?unit=25456&year=2024&format=xlsx')).status).toBe(403);
    const x = await coordinator.get('/api/v1/pcgd/name-lists/not-literate-2?unit=703&year=2024&format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body);
    expect(wb.worksheets[0]!.getRow(3).getCell(5).value).toBe('Nguyễn Văn Mười');
    const last = await server.db.selectFrom('access_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'name_list.export' });
  });

  it('keeps personal data from users of other roles and scopes', async () => {
    expect((await agency.get('/api/v1/pcgd/name-lists/not-literate-2?unit=25456&year=2024')).status).toBe(403);
    expect((await commune.get('/api/v1/pcgd/residents?commune=25741&year=2024')).status).toBe(403);
    expect((await coordinator.get('/api/v1/pcgd/residents?commune=25741&year=2024')).body.code).toBe('survey.not_found');
  });
});

describe('editing the register', () => {
  it('updates the commune\'s results in the same transaction, with optimistic concurrency', async () => {
    const list = (await commune.get('/api/v1/pcgd/residents?commune=25456&year=2024')).body;
    const a10 = list.residents.find((r: any) => r.personKey === 'A10');
    const edit = { householdCode: a10.householdCode, hamlet: a10.hamlet, personKey: 'A10', fullName: a10.fullName, sex: a10.sex, birthYear: a10.birthYear,
      status: 'present', disability: 'none', enrolled: 'none', highestGrade: 2, lowerSecondaryDiploma: false, preschoolCompleted: false, literacyStage: 2 };
    const res = await commune.request('PATCH', `/api/v1/pcgd/residents/${a10.id}`, { body: { ...edit, version: a10.version } });
    expect(res.status).toBe(200);
    expect((await coordinator.get('/api/v1/pcgd/results?unit=25456&year=2024')).body.result.rates.literate2).toEqual({ num: 12, den: 12 });
    expect((await commune.get('/api/v1/pcgd/name-lists/not-literate-2?unit=25456&year=2024')).body.rows).toEqual([]);
    const stale = await commune.request('PATCH', `/api/v1/pcgd/residents/${a10.id}`, { body: { ...edit, literacyStage: 0, version: a10.version } });
    expect(stale.status).toBe(409);
    // Moving out takes the person out of every cohort.
    const moved = await commune.request('PATCH', `/api/v1/pcgd/residents/${a10.id}`, { body: { ...edit, status: 'moved_out', version: a10.version + 1 } });
    expect(moved.status).toBe(200);
    expect((await coordinator.get('/api/v1/pcgd/results?unit=25456&year=2024')).body.result.rates.literate2).toEqual({ num: 11, den: 11 });
  });

  it('adds a person entered on their behalf', async () => {
    const list = (await commune.get('/api/v1/pcgd/residents?commune=25459&year=2024')).body;
    const res = await commune.post(`/api/v1/pcgd/surveys/${list.survey.id}/residents`, {
      householdCode: 'K2', hamlet: 'Khu phố 3', personKey: 'E9', fullName: 'Người mới', sex: 'F', birthYear: 1970,
      status: 'present', disability: 'none', enrolled: 'none', highestGrade: 1, lowerSecondaryDiploma: false, preschoolCompleted: false, literacyStage: 0,
    });
    expect(res.status).toBe(201);
    expect((await coordinator.get('/api/v1/pcgd/results?unit=25459&year=2024')).body.result.rates.literate2).toEqual({ num: 3, den: 4 });
  });
});

describe('moves and the next survey year', () => {
  it('moves a person to another commune, keeping their history and both communes\' results right', async () => {
    const list = (await commune.get('/api/v1/pcgd/residents?commune=25456&year=2024')).body;
    const b1 = list.residents.find((r: any) => r.personKey === 'B1');
    const before3 = (await coordinator.get('/api/v1/pcgd/results?unit=25459&year=2024')).body.result.rates.literate2;
    const res = await commune.post(`/api/v1/pcgd/residents/${b1.id}/move`, { communeCode: '25459', householdCode: 'K9', hamlet: 'Khu phố 5' });
    expect(res.status).toBe(200);
    const after3 = (await coordinator.get('/api/v1/pcgd/results?unit=25459&year=2024')).body.result.rates.literate2;
    expect(after3).toEqual({ num: before3.num + 1, den: before3.den + 1 });
    expect((await coordinator.get('/api/v1/pcgd/results?unit=25456&year=2024')).body.result.rates.lowerSecondaryDiploma15to18).toEqual({ num: 0, den: 1 });
    const history = (await commune.get('/api/v1/pcgd/people/B1/history')).body;
    expect(history.map((h: any) => `${h.communeCode}:${h.status}`)).toEqual(['25456:moved_out', '25459:present']);
    expect((await commune.post(`/api/v1/pcgd/residents/${b1.id}/move`, { communeCode: '25459', householdCode: 'K9' })).status).toBe(409);
  });

  it('starts the next year from the register with schooling to confirm, once', async () => {
    const list = (await commune.get('/api/v1/pcgd/residents?commune=25459&year=2024')).body;
    // 2025 is after the reform: the old ward no longer exists and the officer is told how to proceed.
    const res = await commune.post(`/api/v1/pcgd/surveys/${list.survey.id}/rollover`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('survey.unit_reorganised');
  });
});

describe('after the 2025 reform', () => {
  it('imports a new ward, reports the province without a district rule, and rolls the year over', async () => {
    const files = {
      communes: communesCsv([['25459', 'Phường Tân Ninh', '', '', '80', 'Tỉnh Tây Ninh', 0]]),
      residents: residentsCsv([
        { id: 'T1', household: 'N1', commune: '25459', hamlet: 'Khu phố 1', name: 'Học sinh lớp 3', birthYear: 2017, grade: 2, enrolled: 'primary' },
        { id: 'T2', household: 'N1', commune: '25459', hamlet: 'Khu phố 1', name: 'Người lớn', birthYear: 1990, grade: 12, diploma: 1 },
        { id: 'T3', household: 'N2', commune: '25459', hamlet: 'Khu phố 1', name: 'Đã chuyển đi', birthYear: 1990, grade: 12, status: 'moved_out' },
      ]),
    };
    expect((await upload(commune, 2025, files, false)).status).toBe(201);
    const province = (await coordinator.get('/api/v1/pcgd/results?unit=80&year=2025')).body;
    expect(province.levels).toBeNull();
    expect(province.result.note).toBeTruthy();

    const survey = (await commune.get('/api/v1/pcgd/residents?commune=25459&year=2025')).body.survey;
    const rolled = await commune.post(`/api/v1/pcgd/surveys/${survey.id}/rollover`);
    expect(rolled.status).toBe(201);
    expect(rolled.body).toMatchObject({ year: 2026, residents: 2, toConfirm: 1 });
    const next = (await commune.get('/api/v1/pcgd/residents?commune=25459&year=2026')).body.residents;
    expect(next.find((r: any) => r.personKey === 'T1')).toMatchObject({ highestGrade: 3, enrolled: 'primary', enrolmentConfirmed: false });
    expect(next.find((r: any) => r.personKey === 'T2')).toMatchObject({ enrolmentConfirmed: true });
    expect(next.some((r: any) => r.personKey === 'T3')).toBe(false);
    expect((await coordinator.get('/api/v1/pcgd/results?unit=25459&year=2026')).status).toBe(200);
    expect((await commune.post(`/api/v1/pcgd/surveys/${survey.id}/rollover`)).body.code).toBe('survey.exists');
  });
});

describe('xhht pcgd evaluate', () => {
  it('prints the levels and rates of communes, districts and the province, leaving nothing behind', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xhht-cli-'));
    const files = sampleRegister();
    await fs.writeFile(path.join(dir, 'communes.csv'), files.communes);
    await fs.writeFile(path.join(dir, 'residents.csv'), files.residents);
    const before = (await fs.readdir(os.tmpdir())).filter((f) => f.startsWith('xhht-pcgd-')).length;
    const res = await runCli(['pcgd', 'evaluate', '--communes', path.join(dir, 'communes.csv'), '--residents', path.join(dir, 'residents.csv'), '--year', '2024', '--json'], { DATABASE_URL: '' });
    expect(res.code, res.out).toBe(0);
    const out = JSON.parse(res.out.trim().split('\n').pop()!);
    expect(out.year).toBe(2024);
    const p1 = out.communes.find((c: any) => c.code === '25456');
    expect(p1.rates.literate2).toEqual({ num: 11, den: 12 });
    expect(Object.keys(p1.levels).sort()).toEqual(['literacy', 'lowerSecondary', 'preschool5', 'primary']);
    expect(out.districts.map((d: any) => d.code)).toEqual(['703']);
    expect(out.province.code).toBe('72');
    expect((await fs.readdir(os.tmpdir())).filter((f) => f.startsWith('xhht-pcgd-')).length).toBe(before);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('rejects a faulty file listing its faults', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xhht-cli-'));
    const files = sampleRegister();
    await fs.writeFile(path.join(dir, 'communes.csv'), files.communes);
    await fs.writeFile(path.join(dir, 'residents.csv'), residentsCsv([{ id: 'X', household: 'H', commune: '99999', name: 'Ai', birthYear: 2030, grade: 1 }]));
    const res = await runCli(['pcgd', 'evaluate', '--communes', path.join(dir, 'communes.csv'), '--residents', path.join(dir, 'residents.csv'), '--year', '2024', '--json'], { DATABASE_URL: '' });
    expect(res.code).toBe(1);
    const out = JSON.parse(res.out.trim().split('\n').pop()!);
    expect(out.errors.length).toBeGreaterThanOrEqual(2);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
