import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

/**
 * Bulk registration with self-assessment scores from the Excel template: every problem is reported with its cell
 * and nothing is written until every row is valid; then all rows are written at once.
 */
let server: TestServer;
let commune: Client;

const CDHT = ['CDHT_1_1', 'CDHT_1_2', 'CDHT_1_3', 'CDHT_1_4', 'CDHT_2_1', 'CDHT_2_2', 'CDHT_2_3', 'CDHT_2_4', 'CDHT_3_1', 'CDHT_3_2'];
const count = async (table: 'model_registration' | 'model_assessment' | 'learning_subject') =>
  Number((await server.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const counts = async () => [await count('learning_subject'), await count('model_registration'), await count('model_assessment')];

async function template(): Promise<ExcelJS.Workbook> {
  const res = await commune.get('/api/v1/model-registrations/template.xlsx?modelType=learning_citizen&year=2026');
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as Buffer as never);
  return wb;
}
async function fill(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = await template();
  for (const r of rows) wb.getWorksheet('Đăng ký')!.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(bytes: Buffer, dryRun: boolean) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), 'dang-ky.xlsx');
  return commune.request('POST', `/api/v1/model-registrations/imports?modelType=learning_citizen&year=2026&dryRun=${dryRun}`, { raw: form });
}
const nine = CDHT.map(() => 9);

beforeAll(async () => {
  server = await startTestServer();
  commune = await Client.login(server.url, 'commune');
});
afterAll(async () => { await server.close(); });

describe('bulk registration from Excel', () => {
  it('offers a template with the criteria set indicators as coded columns', async () => {
    const ws = (await template()).getWorksheet('Đăng ký')!;
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['#name', '#unit', '#birthYear', '#targetGroup', '#difficultArea', ...CDHT]);
    expect(String(ws.getCell('F1').value)).toContain('tối đa 10 điểm');
    const none = await commune.get('/api/v1/model-registrations/template.xlsx?modelType=learning_community_district&year=2026');
    expect(none).toMatchObject({ status: 422, body: { code: 'criteria.no_set' } });
  });

  it('lists every problem with its cell and writes nothing', async () => {
    const before = await counts();
    const bytes = await fill([
      ['Phan Văn Tài', '25459', 1970, 'nong_dan', null, ...nine],
      ['Hồ Thị Mỹ', '25459', 1988, 'nong_dan', null, 12, ...nine.slice(1)],
      ['X', '99999', 1990, 'nong_dan', null, ...nine],
      ['Ngô Văn Bé', '26506', 1975, 'nong_dan', null, ...nine],
      ['Phan Văn Tài', '25459', 1970, 'nong_dan', null, ...nine],
      ['Lâm Thị Cúc', '25459', 1966, 'khong_co', 2, ...nine],
      ['Trịnh Văn Đức', '25459', 1979, 'nong_dan', null, 'chín', ...nine.slice(1)],
    ]);
    const res = await upload(bytes, true);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'import.invalid', title: expect.stringContaining('chưa ghi hồ sơ nào') });
    const cells = res.body.errors.map((e: any) => [e.field, e.code]);
    expect(cells).toEqual(expect.arrayContaining([
      ['Đăng ký!F4', 'criteria.score_above_max'],
      ['Đăng ký!A5', 'import.invalid_subject'],
      ['Đăng ký!B5', 'import.unknown_unit'],
      ['Đăng ký!B6', 'scope.forbidden'],
      ['Đăng ký!A7', 'import.duplicate_row'],
      ['Đăng ký!E8', 'value.not_flag'],
      ['Đăng ký!F9', 'value.not_number'],
    ]));
    expect(res.body.errors.every((e: any) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);
    expect(await counts()).toEqual(before);
    // The checks also run on a write: still nothing written.
    expect((await upload(bytes, false)).status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('reports a missing target group in its own column', async () => {
    const res = await upload(await fill([['Lâm Thị Cúc', '25459', 1966, 'khong_co', null, ...nine]]), true);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Đăng ký!D3', code: 'criteria.target_group_unknown' })]);
  });

  it('checks a valid file without writing, then writes every row at once, and refuses the same rows a second time', async () => {
    const before = await counts();
    const bytes = await fill([
      ['Phan Văn Tài', '25459', 1970, 'nong_dan', null, ...nine],
      ['Hồ Thị Mỹ', '25459', 1988, 'nong_dan', 0, ...CDHT.map(() => 5)],
    ]);
    const dry = await upload(bytes, true);
    expect(dry).toMatchObject({ status: 200, body: { dryRun: true, rows: 2, created: 2, reused: 0, passed: 1 } });
    expect(await counts()).toEqual(before);
    const write = await upload(bytes, false);
    expect(write).toMatchObject({ status: 201, body: { dryRun: false, rows: 2, created: 2, passed: 1 } });
    expect(await counts()).toEqual([before[0]! + 2, before[1]! + 2, before[2]! + 2]);
    const list = (await commune.get('/api/v1/model-registrations?modelType=learning_citizen&year=2026&status=draft')).body.items;
    const tai = list.find((r: any) => r.subject.name === 'Phan Văn Tài');
    expect(tai).toMatchObject({ channel: 'on_behalf', selfTotal: 90, subject: { birthYear: 1970 } });

    const again = await upload(bytes, true);
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([
      expect.objectContaining({ field: 'Đăng ký!A3', code: 'registration.duplicate' }),
      expect.objectContaining({ field: 'Đăng ký!A4', code: 'registration.duplicate' }),
    ]);
    expect(await counts()).toEqual([before[0]! + 2, before[1]! + 2, before[2]! + 2]);
  });

  it('refuses an upload without a file, with the shared upload problem', async () => {
    const res = await commune.request('POST', '/api/v1/model-registrations/imports?modelType=learning_citizen&year=2026&dryRun=true', { raw: new FormData() });
    expect(res).toMatchObject({ status: 400, body: { code: 'import.missing', errors: [{ field: 'file' }] } });
    const json = await commune.post('/api/v1/model-registrations/imports?modelType=learning_citizen&year=2026', { file: 'x' });
    expect(json).toMatchObject({ status: 415, body: { code: 'request.media_type' } });
  });

  it('refuses a file that is not the template', async () => {
    expect((await upload(Buffer.from('not an excel file'), true)).body.errors).toEqual([expect.objectContaining({ field: 'file', code: 'xlsx.unreadable' })]);
    const other = await commune.get('/api/v1/model-registrations?year=2026&format=xlsx');
    expect((await upload(other.body as Buffer, true)).body.errors).toEqual([expect.objectContaining({ code: 'xlsx.wrong_template' })]);
  });
});
