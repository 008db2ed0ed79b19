import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/constants.ts';
import { CITIZEN_INDICATORS, fileDossier, registrationDetail } from '../support/learning-models.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

/**
 * Statistics of the learning models over a real database: dossiers are registered, assessed and recognised through
 * the API, then counted per unit and year over the cover, listed (names only for readers of personal data, with the
 * access log), exported to Excel, and published for organisations only.
 */
let server: TestServer;
let admin: Client, commune: Client, viewer: Client, outsider: Client;
let tanNinh: string, province: string, agency: string, waiting: string;

const unitId = async (code: string, at: string) => (await server.db.selectFrom('org_unit').select('id').where('code', '=', code)
  .where((eb) => eb.and([eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', at)]), eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', at)])]))
  .executeTakeFirstOrThrow()).id;
const CDHT = CITIZEN_INDICATORS;
const citizenScores = Object.fromEntries(CDHT.map((c) => [c, 9]));
const detail = registrationDetail;
const accessLogs = async () => (await server.db.selectFrom('access_log').select('id').where('action', '=', 'learning_model.recognised_list').execute()).length;

const dossier = (c: Client, subject: Record<string, unknown>, modelType: string, assessment: Record<string, unknown>, decision?: Record<string, unknown>) =>
  fileDossier(c, subject, modelType, assessment, { year: 2026, decision });

beforeAll(async () => {
  server = await startTestServer();
  admin = await Client.login(server.url, 'admin');
  commune = await Client.login(server.url, 'commune'); // unit officer of Phường Tân Ninh: may read personal data
  viewer = await Client.login(server.url, 'viewer'); // the province's leaders: aggregates only
  tanNinh = await unitId('25459', '2026-01-01');
  province = await unitId('80', '2026-01-01');
  agency = await unitId('80.SGDDT', '2026-01-01');
  const hcm = await unitId('26506', '2026-01-01');
  expect((await admin.post('/api/v1/users', { username: 'st.outsider', displayName: 'Ngoài phạm vi', role: 'unit_officer', password: TEST_PASSWORD, scopeUnitIds: [hcm] })).status).toBe(201);
  outsider = await Client.login(server.url, 'st.outsider');

  const decision = { number: '201/QĐ-UBND', decidedOn: '2026-11-20', signer: 'Trần Văn Bảy' };
  const citizen = (name: string) => ({ kind: 'citizen', name, unitId: tanNinh, birthYear: 1985 });
  await dossier(commune, citizen('Lý Thị Hạnh'), 'learning_citizen', { scores: citizenScores, targetGroup: 'nong_dan' }, decision);
  await dossier(commune, citizen('Đặng Văn Khoa'), 'learning_citizen', { scores: citizenScores, targetGroup: 'nong_dan' }, decision);
  waiting = await dossier(commune, citizen('Tạ Minh Long'), 'learning_citizen', { scores: citizenScores, targetGroup: 'nong_dan' }); // proposed, not yet recognised

  const set = await server.db.selectFrom('criteria_set').select('definition').where('model_type', '=', 'learning_unit').orderBy('version', 'desc').executeTakeFirstOrThrow();
  const unitScores = Object.fromEntries((set.definition as any).groups.flatMap((g: any) => g.indicators.map((i: any) => [i.code, i.maxPoints ?? true])));
  await dossier(admin, { kind: 'learning_unit', name: 'Sở Giáo dục và Đào tạo Tây Ninh', unitId: agency }, 'learning_unit', { scores: unitScores },
    { number: '88/QĐ-UBND', decidedOn: '2026-11-15', signer: 'Nguyễn Văn Tỉnh' });
});
afterAll(async () => { await server.close(); });

describe('statistics per unit and year', () => {
  it('counts registrations, recognitions, levels and target groups of a commune, over the registered when no adult population is entered', async () => {
    const res = await commune.get(`/api/v1/learning-models/statistics?unitId=${tanNinh}&year=2026`);
    expect(res.status).toBe(200);
    const citizens = res.body.byModel.find((m: any) => m.modelType === 'learning_citizen');
    expect(citizens).toMatchObject({ registered: 3, submitted: 3, recognised: 2, rejected: 0, share: { numerator: 2, denominator: 3, denominatorKind: 'registered' } });
    expect(citizens.share.value).toBeCloseTo(66.667, 2);
    expect(res.body.byModel.some((m: any) => m.modelType === 'learning_unit')).toBe(false); // the agency is not in the commune
    expect(res.body.byTargetGroup).toEqual([expect.objectContaining({ modelType: 'learning_citizen', targetGroup: 'nong_dan', registered: 3, recognised: 2 })]);
    expect(res.body.byTargetGroup[0].targetGroupLabel).not.toBe('nong_dan');
    expect(res.body.byLevel.reduce((s: number, l: any) => s + l.recognised, 0)).toBe(2);
  });

  it('uses the adult population (POP15) as the learning-citizen denominator once it is entered, and adds up the province', async () => {
    const pop = await server.db.selectFrom('data_element').select('id').where('code', '=', 'POP15').executeTakeFirstOrThrow();
    await server.db.insertInto('data_value').values({ unit_id: tanNinh, data_element_id: pop.id, period: '2026', disaggregation: '', value: 40 } as never).execute();
    const commune2026 = (await commune.get(`/api/v1/learning-models/statistics?unitId=${tanNinh}&year=2026`)).body;
    expect(commune2026.byModel[0]).toMatchObject({ modelType: 'learning_citizen', share: { value: 5, numerator: 2, denominator: 40, denominatorKind: 'dataElement' } });
    const prov = (await admin.get(`/api/v1/learning-models/statistics?unit=80&year=2026`)).body;
    expect(prov.unit.id).toBe(province);
    expect(prov.byModel.find((m: any) => m.modelType === 'learning_citizen')).toMatchObject({ recognised: 2 });
    expect(prov.byModel.find((m: any) => m.modelType === 'learning_unit')).toMatchObject({ registered: 1, recognised: 1, share: { denominatorKind: 'registered', value: 100 } });
    expect((await admin.get(`/api/v1/learning-models/statistics?unitId=${tanNinh}&year=2025`)).body.byModel[0]).toMatchObject({ registered: 0, recognised: 0 });
  });

  it('refuses units outside the scope and bad queries with Vietnamese messages', async () => {
    expect((await outsider.get(`/api/v1/learning-models/statistics?unitId=${tanNinh}&year=2026`)).status).toBe(403);
    expect((await commune.get(`/api/v1/learning-models/statistics?unitId=${province}&year=2026`)).status).toBe(403);
    const noUnit = await commune.get('/api/v1/learning-models/statistics?year=2026');
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.errors).toContainEqual(expect.objectContaining({ field: 'querystring.unitId', message: expect.stringContaining('Cần chọn đơn vị') }));
    expect((await commune.get(`/api/v1/learning-models/statistics?unitId=${tanNinh}&year=1999`)).status).toBe(400);
  });

  it('exports every table to Excel', async () => {
    const res = await commune.get(`/api/v1/learning-models/statistics?unitId=${tanNinh}&year=2026&format=xlsx`);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Buffer as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Theo mô hình', 'Theo mức', 'Theo nhóm đối tượng']);
    expect(wb.getWorksheet('Theo mô hình')!.getRow(3).values).toEqual(expect.arrayContaining(['Công dân học tập', 3, 3, 2]));
  });
});

describe('recognised lists', () => {
  it('names citizens to a reader of personal data in scope and logs the read', async () => {
    const before = await accessLogs();
    const res = await commune.get(`/api/v1/learning-models/recognised?unitId=${tanNinh}&year=2026`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ names: true, total: 2, truncated: false, aggregated: [] });
    expect(res.body.items.map((i: any) => i.name).sort()).toEqual(['Lý Thị Hạnh', 'Đặng Văn Khoa'].sort());
    expect(res.body.items[0]).toMatchObject({ decision: { number: '201/QĐ-UBND', issuer: 'Phường Tân Ninh' }, certificateCode: expect.stringMatching(/^[0-9A-Z]{10}$/) });
    expect(await accessLogs()).toBe(before + 1);
    const one = await commune.get(`/api/v1/learning-models/recognised?unitId=${tanNinh}&year=2026&limit=1`);
    expect(one.body).toMatchObject({ total: 2, truncated: true });
    expect(one.body.items).toHaveLength(1);
  });

  it('gives a reader without access to personal data organisations by name and citizens as counts per unit, without logging', async () => {
    const before = await accessLogs();
    const res = await viewer.get(`/api/v1/learning-models/recognised?unitId=${province}&year=2026`);
    expect(res.status).toBe(200);
    expect(res.body.names).toBe(false);
    expect(res.body.items.map((i: any) => i.name)).toEqual(['Sở Giáo dục và Đào tạo Tây Ninh']);
    expect(res.body.aggregated).toEqual([{ unit: { id: tanNinh, name: 'Phường Tân Ninh' }, modelType: 'learning_citizen', modelLabel: 'Công dân học tập', recognised: 2 }]);
    expect(JSON.stringify(res.body)).not.toContain('Hạnh');
    expect(await accessLogs()).toBe(before);
    const xlsx = await viewer.get(`/api/v1/learning-models/recognised?unitId=${province}&year=2026&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as Buffer as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Được công nhận', 'Công dân, gia đình']);
    expect(wb.getWorksheet('Công dân, gia đình')!.getRow(3).values).toEqual(expect.arrayContaining(['Phường Tân Ninh', 'Công dân học tập', 2]));
  });
});

describe('public list of recognised units', () => {
  it('lists organisations only, never citizens, for a public province', async () => {
    const res = await fetch(`${server.url}/api/public/v1/learning-models/recognised-units?province=${province}&year=2026`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual([expect.objectContaining({ name: 'Sở Giáo dục và Đào tạo Tây Ninh', modelType: 'learning_unit', decision: expect.objectContaining({ number: '88/QĐ-UBND' }) })]);
    expect(JSON.stringify(body)).not.toMatch(/Hạnh|Khoa/);
    expect((await fetch(`${server.url}/api/public/v1/learning-models/recognised-units?province=${tanNinh}&year=2026`)).status).toBe(404);
    const bad = await fetch(`${server.url}/api/public/v1/learning-models/recognised-units?province=abc&year=2026`);
    expect(bad.status).toBe(400);
  });
});

// Runs last: it recognises the waiting dossier. The adult population of Tân Ninh (40) was entered above.
describe('indicators computed from the learning-model tables', () => {
  const analytics = async (code: string, unit: string, period: string) => (await admin.get(`/api/v1/analytics?indicator=${code}&unitId=${unit}&period=${period}`)).body;

  it('refuses a learning-model source outside a ratio or next to a numerator element', async () => {
    const base = { code: 'LM_BAD', name: 'Chỉ số thử sai', factor: 100, computed: { kind: 'learningModel', modelType: 'learning_citizen' } };
    const share = await admin.post('/api/v1/indicators', { ...base, aggregation: 'share' });
    expect(share.status).toBe(400);
    expect(share.body.errors).toContainEqual(expect.objectContaining({ field: 'body.aggregation', message: 'Nguồn mô hình học tập chỉ dùng cho chỉ số tỷ lệ' }));
    const numerator = await admin.post('/api/v1/indicators', { ...base, aggregation: 'ratio', numerator: 'LEARNING_CITIZENS', denominator: 'POP15' });
    expect(numerator.body.errors).toContainEqual(expect.objectContaining({ field: 'body.numerator' }));
    const unknown = await admin.post('/api/v1/indicators', { ...base, aggregation: 'ratio', computed: { kind: 'learningModel', modelType: 'learning_village' } });
    expect(unknown.status).toBe(400);
    expect(await server.db.selectFrom('indicator').select('id').where('code', '=', 'LM_BAD').execute()).toEqual([]);
  });

  it('reads recognised citizens over the adult population, and the province share moves when a citizen is recognised', async () => {
    const created = await admin.post('/api/v1/indicators', {
      code: 'LM_CITIZEN_RATE', name: 'Tỷ lệ công dân học tập theo hồ sơ công nhận', aggregation: 'ratio', denominator: 'POP15', factor: 100,
      computed: { kind: 'learningModel', modelType: 'learning_citizen' }, verified: 'I',
    });
    expect(created.status).toBe(201);
    expect(await analytics('LM_CITIZEN_RATE', province, '2026')).toMatchObject({ value: 5, numerator: 2, denominator: 40, lineage: 'hierarchy' });
    expect(await analytics('LM_CITIZEN_RATE', province, '2025')).toMatchObject({ value: null, numerator: null });

    const decision = { number: '201/QĐ-UBND', decidedOn: '2026-11-20', signer: 'Trần Văn Bảy' };
    expect((await commune.post(`/api/v1/model-registrations/${waiting}/recognition`, { decision, version: (await detail(commune, waiting)).version })).status).toBe(200);
    expect(await analytics('LM_CITIZEN_RATE', province, '2026')).toMatchObject({ value: 7.5, numerator: 3, denominator: 40 });
    expect(await analytics('LM_CITIZEN_RATE', tanNinh, '2026')).toMatchObject({ value: 7.5, numerator: 3 });
    const children = await admin.get(`/api/v1/analytics/children?indicator=LM_CITIZEN_RATE&unitId=${province}&period=2026`);
    expect(children.status).toBe(200);
    expect(JSON.stringify(children.body)).toContain('Tân Ninh');
  });

  it('divides by the number registered when the indicator has no denominator element', async () => {
    expect((await admin.post('/api/v1/indicators', {
      code: 'LM_UNIT_RATE', name: 'Tỷ lệ đơn vị đăng ký được công nhận đơn vị học tập', aggregation: 'ratio', factor: 100, computed: { kind: 'learningModel', modelType: 'learning_unit' },
    })).status).toBe(201);
    expect(await analytics('LM_UNIT_RATE', province, '2026')).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
    expect(await analytics('LM_UNIT_RATE', tanNinh, '2026')).toMatchObject({ value: null });
  });
});
