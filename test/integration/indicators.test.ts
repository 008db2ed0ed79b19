import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';
import { TEST_PASSWORD } from '../support/constants.ts';

/**
 * Indicators end to end through HTTP on a real database: definitions, batch and form entry with validation,
 * multi-level approval and locking, roll-up across the 2025 reform, completeness, XLSX template round trip.
 * The test defines its own small catalogue (IT_*) so that it does not depend on the shipped one.
 */
let server: TestServer;
let admin: Client, coordinator: Client, officer: Client, district: Client, viewer: Client;

const unitId = async (code: string, at: string) => (await server.db.selectFrom('org_unit').select('id').where('code', '=', code)
  .where((eb) => eb.and([eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', at)]), eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', at)])]))
  .executeTakeFirstOrThrow()).id;
const put = (c: Client, path: string, body: unknown) => c.request('PUT', path, { body });
const valueCount = async () => Number((await server.db.selectFrom('data_value').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function makeUser(username: string, role: string, scope: string[]) {
  const res = await admin.post('/api/v1/users', { username, displayName: username, role, password: TEST_PASSWORD, scopeUnitIds: scope });
  expect(res.status).toBe(201);
  return Client.login(server.url, username);
}

// Old Thủ Dầu Một (718, Bình Dương 74): Hiệp Thành 25741, Phú Lợi 25744, Phú Cường 25747 (the code is reused by the new ward).
let thuDauMot: string, hiepThanh: string, phuLoi: string, phuCuongNew: string, phuHoaNew: string, bd: string, hcmNew: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await Client.login(server.url, 'admin');
  coordinator = await Client.login(server.url, 'coordinator');
  viewer = await Client.login(server.url, 'viewer');
  [thuDauMot, hiepThanh, phuLoi, bd] = await Promise.all(['718', '25741', '25744', '74'].map((c) => unitId(c, '2024-12-31'))) as [string, string, string, string];
  [phuCuongNew, phuHoaNew, hcmNew] = await Promise.all(['25747', '25750', '79'].map((c) => unitId(c, '2026-01-01'))) as [string, string, string];
  officer = await makeUser('it.officer', 'unit_officer', [hiepThanh, phuLoi, phuCuongNew, phuHoaNew]);
  district = await makeUser('it.district', 'coordinator', [thuDauMot]);

  for (const body of [
    { code: 'IT_POP', name: 'Dân số trong độ tuổi lao động', aboutPeople: true },
    { code: 'IT_SKILLS', name: 'Người trong độ tuổi lao động có kỹ năng sống', categories: ['sex'], aboutPeople: true },
    { code: 'IT_CLC_IT', name: 'Trung tâm học tập cộng đồng ứng dụng CNTT', valueType: 'boolean' },
  ]) expect((await admin.post('/api/v1/data-elements', body)).status).toBe(201);
  expect((await admin.post('/api/v1/data-sets', { code: 'IT_YEAR', name: 'Báo cáo năm cấp xã (kiểm thử)', periodType: 'year', unitKinds: ['commune'], deadlineDays: -30, elements: ['IT_POP', 'IT_SKILLS', 'IT_CLC_IT'] })).status).toBe(201);
  expect((await admin.post('/api/v1/indicators', { code: 'IT_SKILLS_RATE', name: 'Tỷ lệ người có kỹ năng sống', aggregation: 'ratio', numerator: 'IT_SKILLS', denominator: 'IT_POP', factor: 100 })).status).toBe(201);
});
afterAll(async () => { await server.close(); });

const row = (unit: string, dataElement: string, value: number, period = '2024', disaggregation = '') => ({ dataElement, unit, period, value, disaggregation });
const analytics = async (c: Client, q: string) => (await c.get(`/api/v1/analytics?indicator=IT_SKILLS_RATE&${q}`)).body;

describe('definitions', () => {
  it('refuses a ratio without a denominator, an unknown element and a duplicate code, naming the field', async () => {
    const noDen = await admin.post('/api/v1/indicators', { code: 'IT_BAD', name: 'Thiếu mẫu số', aggregation: 'ratio', numerator: 'IT_SKILLS' });
    expect(noDen.status).toBe(400);
    expect(noDen.body.errors).toContainEqual(expect.objectContaining({ field: 'body.denominator' }));
    const unknown = await admin.post('/api/v1/indicators', { code: 'IT_BAD', name: 'Phần tử lạ', aggregation: 'ratio', numerator: 'IT_SKILLS', denominator: 'IT_NOPE' });
    expect(unknown.body).toMatchObject({ status: 422 });
    expect(unknown.body.errors).toEqual([{ field: 'denominator', message: 'Không có phần tử dữ liệu IT_NOPE' }]);
    expect((await admin.post('/api/v1/data-elements', { code: 'IT_POP', name: 'Trùng mã' })).body.code).toBe('data_element.duplicate');
    expect((await coordinator.post('/api/v1/data-elements', { code: 'IT_X', name: 'Không phải quản trị' })).status).toBe(403);
  });
});

describe('batch entry', () => {
  it('writes nothing when one row is bad and lists every bad row with its field', async () => {
    const before = await valueCount();
    const res = await officer.post('/api/v1/data-values', [
      row('25741', 'IT_POP', 1000),
      row('25741', 'IT_SKILLS', -3, '2024', 'sex:male'),
      row('25741', 'IT_POP', 10, '2024Q1'),
      row('25744', 'IT_CLC_IT', 2),
      row('25456', 'IT_POP', 500), // a Tây Ninh ward: outside the officer's scope
      row('25741', 'IT_NOPE', 5),
      row('25744', 'IT_SKILLS', 5, '2024', 'sex:other'),
    ]);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('data_value.batch_invalid');
    const codes = Object.fromEntries(res.body.rows.map((r: any) => [r.row, r.errors.map((e: any) => e.code)]));
    expect(codes[1]).toContain('value.negative');
    expect(codes[2]).toEqual(['period.not_in_data_set']);
    expect(codes[3]).toContain('value.not_boolean');
    expect(codes[4]).toContain('scope.forbidden');
    expect(codes[5]).toEqual(['data_element.not_found']);
    expect(codes[6]).toContain('value.bad_disaggregation');
    expect(res.body.rows[0].status).toBe('skipped');
    expect(await valueCount()).toBe(before);
  });

  it('refuses a numerator above its denominator for the whole report', async () => {
    const res = await officer.post('/api/v1/data-values', [row('25741', 'IT_POP', 100), row('25741', 'IT_SKILLS', 60, '2024', 'sex:male'), row('25741', 'IT_SKILLS', 50, '2024', 'sex:female')]);
    expect(res.status).toBe(422);
    const ratio = res.body.errors.filter((e: any) => e.code === 'value.numerator_above_denominator');
    expect(ratio.map((e: any) => e.field)).toEqual(['[1].value', '[2].value']); // the numerator's cells, not the denominator's
  });

  it('writes a valid batch, keeps the disaggregated total, and rolls up as a ratio of sums', async () => {
    const res = await officer.post('/api/v1/data-values', [
      row('25741', 'IT_POP', 2000), row('25741', 'IT_SKILLS', 900, '2024', 'sex:male'), row('25741', 'IT_SKILLS', 700, '2024', 'sex:female'),
      row('25744', 'IT_POP', 60000), row('25744', 'IT_SKILLS', 15000, '2024', 'sex:male'), row('25744', 'IT_SKILLS', 15000, '2024', 'sex:female'),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.written).toBe(6);
    const commune = await analytics(officer, `unit=25741&period=2024`);
    expect(commune).toMatchObject({ value: 80, numerator: 1600, denominator: 2000, lineage: 'hierarchy', approval: { units: 1, approved: 0 } });
    // 31,600 / 62,000 = 50.97 %, not the 65 % an average of 80 % and 50 % would give.
    const d = await analytics(district, `unitId=${thuDauMot}&period=2024`);
    expect(d.numerator).toBe(31600);
    expect(d.denominator).toBe(62000);
    expect(d.value).toBeCloseTo(50.968, 2);
    const female = await analytics(district, `unitId=${thuDauMot}&period=2024&disaggregation=sex:female`);
    expect(female.numerator).toBe(15700);
  });

  it('warns about a jump against last year without refusing it', async () => {
    await officer.post('/api/v1/data-values', [row('25741', 'IT_POP', 2000, '2023')]);
    const form = (await officer.get(`/api/v1/data-sets/IT_YEAR/reports/${hiepThanh}/2024`)).body;
    expect(form.issues).toEqual([]);
    const res = await put(officer, `/api/v1/data-sets/IT_YEAR/reports/${hiepThanh}/2024`, { version: form.report.version, values: [{ element: 'IT_POP', disaggregation: '', value: 3500 }] });
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'value.jump', severity: 'warning' })]);
    const stale = await put(officer, `/api/v1/data-sets/IT_YEAR/reports/${hiepThanh}/2024`, { version: form.report.version, values: [{ element: 'IT_POP', disaggregation: '', value: 2000 }] });
    expect(stale.status).toBe(409);
    const fresh = (await officer.get(`/api/v1/data-sets/IT_YEAR/reports/${hiepThanh}/2024`)).body;
    expect((await put(officer, `/api/v1/data-sets/IT_YEAR/reports/${hiepThanh}/2024`, { version: fresh.report.version, values: [{ element: 'IT_POP', disaggregation: '', value: 2000 }] })).status).toBe(200);
  });
});

describe('approval', () => {
  const act = (c: Client, unit: string, action: string, version: number, comment?: string) =>
    c.post(`/api/v1/data-sets/IT_YEAR/reports/${unit}/2024/${action}`, { version, ...(comment ? { comment } : {}) });
  const form = async (c: Client, unit: string) => (await c.get(`/api/v1/data-sets/IT_YEAR/reports/${unit}/2024`)).body;

  it('goes commune → district → province before 01/07/2025, locking the values once submitted', async () => {
    let f = await form(officer, hiepThanh);
    expect(f.chain).toEqual(['district', 'province']);
    expect((await act(officer, hiepThanh, 'submit', f.report.version)).status).toBe(200);
    f = await form(officer, hiepThanh);
    expect(f).toMatchObject({ editable: false, pendingLevel: 'district', report: { status: 'submitted' }, allowedActions: [] });
    expect((await form(district, hiepThanh)).allowedActions).toEqual(['approve', 'return']);
    expect((await form(viewer, hiepThanh)).code).toBe('scope.forbidden'); // Tây Ninh's viewer sees nothing of Bình Dương
    const locked = await officer.post('/api/v1/data-values', [row('25741', 'IT_POP', 2100)]);
    expect(locked.body.errors[0].code).toBe('report.locked');

    expect((await act(officer, hiepThanh, 'approve', f.report.version)).status).toBe(403); // a commune officer approves nothing
    expect((await act(district, hiepThanh, 'return', f.report.version)).body.code).toBe('report.comment_required');
    expect((await act(district, hiepThanh, 'approve', f.report.version)).status).toBe(200);
    f = await form(district, hiepThanh);
    expect(f).toMatchObject({ pendingLevel: 'province', report: { status: 'approved', approvedLevel: 'district', final: false } });
    expect((await act(district, hiepThanh, 'approve', f.report.version)).body.code).toBe('scope.forbidden'); // the district cannot approve for the province

    const beforeApproved = await analytics(coordinator, `unitId=${bd}&period=2024&approvedOnly=true`);
    expect(beforeApproved.value).toBeNull();
    expect((await act(coordinator, hiepThanh, 'approve', f.report.version)).status).toBe(200);
    f = await form(coordinator, hiepThanh);
    expect(f.report).toMatchObject({ status: 'approved', approvedLevel: 'province', final: true });
    expect(f.history.map((h: any) => `${h.action}:${h.level ?? ''}`)).toEqual(['submit:', 'approve:district', 'approve:province']);
    const approved = await analytics(coordinator, `unitId=${bd}&period=2024&approvedOnly=true`);
    expect(approved).toMatchObject({ numerator: 1600, denominator: 2000, value: 80 });
    expect((await analytics(coordinator, `unitId=${bd}&period=2024`)).approval).toEqual({ units: 2, approved: 1 });

    // Unapproving steps back one level; returning reopens the values for the commune.
    expect((await act(coordinator, hiepThanh, 'unapprove', f.report.version)).body).toMatchObject({ status: 'approved', approvedLevel: 'district', final: false });
    f = await form(district, hiepThanh);
    expect(f.pendingLevel).toBe('province'); // the district's approval stands: it is the province's turn again
    expect((await act(district, hiepThanh, 'return', f.report.version, 'x')).status).toBe(403);
    expect((await act(coordinator, hiepThanh, 'return', f.report.version, 'Số dân chưa khớp niên giám')).body.status).toBe('returned');
    f = await form(officer, hiepThanh);
    expect(f).toMatchObject({ editable: true, report: { status: 'returned', comment: 'Số dân chưa khớp niên giám' } });
    expect((await officer.post('/api/v1/data-values', [row('25741', 'IT_POP', 2100)])).status).toBe(200);
  });

  it('goes straight to the province after the reform, and refuses an empty submission', async () => {
    const early = await form(officer, phuCuongNew); // 2024: the new ward did not exist yet
    expect(early).toMatchObject({ editable: false, unit: { inForce: false } });
    expect((await act(officer, phuCuongNew, 'submit', 0)).body.code).toBe('unit.not_in_force');
    const res = await officer.get(`/api/v1/data-sets/IT_YEAR/reports/${phuCuongNew}/2026`);
    expect(res.body).toMatchObject({ chain: ['province'], editable: true });
    const empty = await officer.post(`/api/v1/data-sets/IT_YEAR/reports/${phuCuongNew}/2026/submit`, { version: 0 });
    expect(empty.body.code).toBe('report.empty');
  });
});

describe('roll-up across the 2025 reform', () => {
  it('re-aggregates 2024 for the new city through its predecessors and says so', async () => {
    const res = await analytics(coordinator, `unitId=${hcmNew}&period=2024`);
    expect(res.lineage).toBe('predecessors');
    const old = await analytics(coordinator, `unitId=${bd}&period=2024`);
    expect(res.numerator).toBe(old.numerator);
    expect(old.lineage).toBe('hierarchy');
    // The same code names the old ward in 2024 and the new one in 2026.
    expect((await analytics(officer, 'unit=25747&period=2024')).unit.validTo).toBe('2025-06-30');
  });

  it('keeps the history of an abolished district and follows its territory into the successors after it', async () => {
    await officer.post('/api/v1/data-values', [row('25747', 'IT_POP', 40000, '2026'), row('25747', 'IT_SKILLS', 12000, '2026', 'sex:male'), row('25747', 'IT_SKILLS', 12000, '2026', 'sex:female')]);
    const hist = await analytics(district, `unitId=${thuDauMot}&period=2024`);
    expect(hist.lineage).toBe('hierarchy');
    const after = await analytics(coordinator, `unitId=${thuDauMot}&period=2026`);
    expect(after).toMatchObject({ lineage: 'successors', numerator: 24000, denominator: 40000, value: 60 });
  });

  it('keeps reads inside the scope', async () => {
    expect((await viewer.get(`/api/v1/analytics?indicator=IT_SKILLS_RATE&unitId=${bd}&period=2024`)).status).toBe(403);
    expect((await district.get(`/api/v1/analytics?indicator=IT_SKILLS_RATE&unitId=${hcmNew}&period=2024`)).status).toBe(403);
  });
});

describe('completeness', () => {
  it('counts expected, received and on-time reports of the units in scope', async () => {
    const res = await district.get(`/api/v1/data-sets/IT_YEAR/completeness?period=2024`);
    expect(res.status).toBe(200);
    expect(res.body.dueOn).toBe('2024-12-01');
    const communes = await server.db.selectFrom('org_unit').select('id').where('parent_id', '=', thuDauMot).where('kind', '=', 'commune').execute();
    expect(res.body.summary.expected).toBe(communes.length);
    expect(res.body.units.find((u: any) => u.unit.code === '25744')).toMatchObject({ status: 'open', received: false, values: 2 });
    const xlsx = await district.get(`/api/v1/data-sets/IT_YEAR/completeness?period=2024&format=xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});

describe('XLSX template and import', () => {
  async function template(c: Client, period = '2024') {
    const res = await c.get(`/api/v1/data-sets/IT_YEAR/template.xlsx?period=${period}&under=${thuDauMot}`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    return wb;
  }
  async function upload(c: Client, wb: ExcelJS.Workbook, dryRun: boolean, period = '2024') {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(await wb.xlsx.writeBuffer())]), 'so-lieu.xlsx');
    return c.request('POST', `/api/v1/data-sets/IT_YEAR/imports?period=${period}&dryRun=${dryRun}`, { raw: form });
  }
  const rowOf = (ws: ExcelJS.Worksheet, code: string) => { let n = 0; ws.eachRow((r, i) => { if (r.getCell(1).value === code) n = i; }); return ws.getRow(n); };
  const colOf = (ws: ExcelJS.Worksheet, code: string) => { let n = 0; ws.getRow(2).eachCell((c, i) => { if (c.value === code) n = i; }); return n; };

  it('round-trips: the template holds current values; a dry run writes nothing; the import writes', async () => {
    const wb = await template(officer);
    const ws = wb.getWorksheet('Số liệu')!;
    expect(rowOf(ws, '25744').getCell(colOf(ws, 'IT_POP')).value).toBe(60000);
    rowOf(ws, '25744').getCell(colOf(ws, 'IT_POP')).value = 61000;
    rowOf(ws, '25744').getCell(colOf(ws, 'IT_CLC_IT')).value = '1';
    const before = await valueCount();
    const dry = await upload(officer, wb, true);
    expect(dry.body.errors ?? []).toEqual([]);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, written: 0 });
    expect(await valueCount()).toBe(before);
    const done = await upload(officer, wb, false);
    expect(done.status).toBe(201);
    expect((await analytics(officer, 'unit=25744&period=2024')).denominator).toBe(61000);
  });

  it('names the cell of every problem: text, merged cells, another template, another period', async () => {
    const wb = await template(officer);
    const ws = wb.getWorksheet('Số liệu')!;
    const r = rowOf(ws, '25744');
    r.getCell(colOf(ws, 'IT_POP')).value = 'khoảng 60 nghìn';
    const bad = await upload(officer, wb, true);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ code: 'value.not_number', field: `Số liệu!${r.getCell(colOf(ws, 'IT_POP')).address}` });

    const merged = await template(officer);
    merged.getWorksheet('Số liệu')!.mergeCells('D3:E3');
    const m = await upload(officer, merged, true);
    expect(m.body.errors).toContainEqual(expect.objectContaining({ code: 'xlsx.merged_cells', field: 'Số liệu!D3:E3' }));

    expect((await upload(officer, await template(officer), true, '2023')).body.errors[0].code).toBe('xlsx.wrong_period');
    const foreign = new ExcelJS.Workbook();
    foreign.addWorksheet('Sheet1').addRow(['a', 'b']);
    expect((await upload(officer, foreign, true)).body.errors[0].code).toBe('xlsx.wrong_template');
  });
});

describe('computed sources: the universal-education results', () => {
  it('gives the share of districts at a standard level as the map stood on 30/09, and the province’s own level', async () => {
    for (const body of [
      { code: 'IT_XMC2_SHARE', name: 'Tỷ lệ đơn vị trực thuộc đạt chuẩn XMC mức độ 2', aggregation: 'share', computed: { kind: 'standard', standard: 'literacy', level: 2 } },
      { code: 'IT_XMC_LEVEL', name: 'Mức đạt chuẩn XMC', aggregation: 'level', computed: { kind: 'standard', standard: 'literacy', level: 2 }, unitLabel: 'mức', decimals: 0 },
    ]) expect((await admin.post('/api/v1/indicators', body)).status).toBe(201);
    const districts = await server.db.selectFrom('org_unit').select('id').where('parent_id', '=', bd).where('kind', '=', 'district').orderBy('code').execute();
    expect(districts).toHaveLength(9);
    // Engine output for 2024: six districts at literacy level 2, two at level 1, one without a result.
    const levels = (literacy: number) => JSON.stringify({ preschool5: 1, primary: 3, lowerSecondary: 2, literacy });
    await server.db.insertInto('standard_result').values([
      ...districts.slice(0, 8).map((d, i) => ({ unit_id: d.id, year: 2024, rule_set: 'nd20-2014', levels: levels(i < 6 ? 2 : 1), result: '{}' })),
      { unit_id: bd, year: 2024, rule_set: 'nd20-2014', levels: levels(2), result: '{}' },
    ]).execute();
    const share = (await coordinator.get(`/api/v1/analytics?indicator=IT_XMC2_SHARE&unitId=${bd}&period=2024`)).body;
    expect(share).toMatchObject({ numerator: 6, denominator: 9 });
    expect(share.value).toBeCloseTo(66.667, 2);
    expect(share.note).toContain('1 đơn vị chưa có số liệu');
    expect((await coordinator.get(`/api/v1/analytics?indicator=IT_XMC_LEVEL&unitId=${bd}&period=2024`)).body.value).toBe(2);
    // The new city has no districts: in 2025 its children are its communes, none of which has a result yet.
    const after = (await coordinator.get(`/api/v1/analytics?indicator=IT_XMC2_SHARE&unitId=${hcmNew}&period=2025`)).body;
    const communes = await server.db.selectFrom('org_unit').select('id').where('parent_id', '=', hcmNew).where('kind', '=', 'commune').execute();
    expect(after).toMatchObject({ numerator: 0, denominator: communes.length, value: null }); // no data yet, not 0 %
    // Ranking of the districts for the drill-down.
    const kids = (await coordinator.get(`/api/v1/analytics/children?indicator=IT_XMC_LEVEL&unitId=${bd}&period=2024`)).body;
    expect(kids.items).toHaveLength(9);
    expect(kids.items.filter((k: any) => k.value === 2)).toHaveLength(6);
  });
});

describe('dashboard and public portal', () => {
  it('shows a target’s progress to the coordinator at once, and on the anonymous page only once approved', async () => {
    const ind = await server.db.selectFrom('indicator').select('id').where('code', '=', 'IT_SKILLS_RATE').executeTakeFirstOrThrow();
    await server.db.insertInto('target').values({ indicator_id: ind.id, unit_id: bd, year: 2030, value: 70, document: 'IT/KH-UBND', clause: 'IT.1', text: '70% người trong độ tuổi lao động có kỹ năng sống' }).execute();
    const mine = (body: any) => body.items.find((i: any) => i.target.document === 'IT/KH-UBND');

    // The new city's dashboard carries old Bình Dương's target; 2026 is read through the successor wards.
    const dash = mine((await coordinator.get(`/api/v1/dashboard?unitId=${hcmNew}`)).body);
    expect(dash.unit.code).toBe('74');
    expect(dash.current).toMatchObject({ year: 2026, value: 60, lineage: 'successors', approval: { units: 1, approved: 0 } });
    expect(dash.series[0].year).toBe(2020);
    // A longer series on request; a year before the register's range is refused with the field named.
    expect(mine((await coordinator.get(`/api/v1/dashboard?unitId=${hcmNew}&fromYear=2016`)).body).series[0].year).toBe(2016);
    const badYear = await coordinator.get(`/api/v1/dashboard?unitId=${hcmNew}&fromYear=1990`);
    expect(badYear.status).toBe(400);
    expect(badYear.body.errors).toContainEqual(expect.objectContaining({ field: 'querystring.fromYear' }));

    const anon = new Client(server.url);
    const provinces = (await anon.get('/api/public/v1/provinces')).body;
    expect(provinces.map((p: any) => p.code)).toEqual(expect.arrayContaining(['79']));
    expect((await anon.get(`/api/public/v1/provinces/${bd}`)).status).toBe(404); // no page for a province that no longer exists
    expect(mine((await anon.get(`/api/public/v1/provinces/${hcmNew}`)).body).current).toBeNull();

    const report = (await officer.get(`/api/v1/data-sets/IT_YEAR/reports/${phuCuongNew}/2026`)).body;
    expect((await officer.post(`/api/v1/data-sets/IT_YEAR/reports/${phuCuongNew}/2026/submit`, { version: report.report.version })).status).toBe(200);
    expect((await coordinator.post(`/api/v1/data-sets/IT_YEAR/reports/${phuCuongNew}/2026/approve`, { version: report.report.version + 1 })).status).toBe(200);
    const pub = mine((await anon.get(`/api/public/v1/provinces/${hcmNew}`)).body);
    expect(pub.current).toMatchObject({ year: 2026, value: 60, suppressed: false });
    expect(JSON.stringify((await anon.get(`/api/public/v1/provinces/${hcmNew}`)).body)).not.toContain('Hiệp Thành'); // aggregates only
  });
});

describe('share of child units reaching a threshold', () => {
  it('counts a value that is not approved only when unapproved figures are asked for (the public portal asks for approved)', async () => {
    const created = await admin.post('/api/v1/indicators', { code: 'IT_CLC_IT_SHARE', name: 'Tỷ lệ xã có trung tâm ứng dụng CNTT', aggregation: 'share', numerator: 'IT_CLC_IT', computed: { kind: 'dataElement', threshold: 1 }, factor: 100 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await officer.post('/api/v1/data-values', [row('25744', 'IT_CLC_IT', 1, '2023')])).status).toBe(200);
    const share = async (approvedOnly: boolean) => (await coordinator.get(`/api/v1/analytics?indicator=IT_CLC_IT_SHARE&unitId=${thuDauMot}&period=2023&approvedOnly=${approvedOnly}`)).body;
    const all = await share(false), approved = await share(true);
    expect(all.numerator).toBe(1);
    expect(all.denominator).toBeGreaterThan(1);
    expect(approved).toMatchObject({ numerator: 0, denominator: all.denominator });
  });
});
