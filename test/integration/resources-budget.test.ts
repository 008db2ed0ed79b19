import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/constants.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let admin: Client, coordinator: Client, agency: Client, commune: Client, viewer: Client;
let unitIds: Record<string, string>;
let tasks: { id: string; code: string }[];
const anonymous = () => new Client(server.url);
const count = async (table: 'learning_resource' | 'budget_line' | 'commendation_decision' | 'audit_log') =>
  Number((await server.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const PLAN = '1144/KH-UBND';

beforeAll(async () => {
  server = await startTestServer();
  [admin, coordinator, agency, commune, viewer] = await Promise.all(['admin', 'coordinator', 'agency', 'commune', 'viewer'].map((u) => Client.login(server.url, u))) as [Client, Client, Client, Client, Client];
  // Codes are reused across the 2025 reform: the unit of each code that is in force today, else the last one.
  const units = await server.db.selectFrom('org_unit').select(['id', 'code']).where('code', 'in', ['80.SGDDT', '79', '80', '25459'])
    .orderBy(sql`coalesce(valid_to, '9999-12-31')`).execute();
  unitIds = Object.fromEntries(units.map((u) => [u.code, u.id]));
  tasks = await server.db.selectFrom('task as t').innerJoin('plan as p', 'p.id', 't.plan_id').select(['t.id', 't.code'])
    .where('p.number', '=', PLAN).orderBy('t.position').limit(3).execute();
});
afterAll(async () => { await server.close(); });

const resource = (title: string, extra: Record<string, unknown> = {}) => ({
  title, description: '', subject: 'Học tập suốt đời', audience: 'Người lớn', format: 'document', url: 'https://hoclieu.example.vn/tai-lieu', licence: 'CC BY 4.0', ...extra,
});

describe('open learning resources', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const [title, extra] of [
      ['Kỹ năng số cho người cao tuổi', { subject: 'Kỹ năng số', description: 'Góp phần học tập suốt đời ở cộng đồng.' }],
      ['Học tập suốt đời cho mọi người', { subject: 'Xây dựng xã hội học tập', format: 'video' }],
      ['Đời sống văn hóa khu dân cư', { subject: 'Văn hóa', audience: 'Hộ gia đình' }],
      ['Ân tình quê hương', { subject: 'Văn hóa' }],
      ['An toàn giao thông', { subject: 'Kỹ năng sống' }],
      ['Dạy nghề nông nghiệp', { subject: 'Nghề' }],
    ] as const) {
      const res = await coordinator.post('/api/v1/resources', resource(title, extra));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ title, status: 'draft', publisher: { id: expect.any(String) } });
      ids[title] = res.body.id;
    }
  });

  it('finds "Học tập suốt đời" first when searched without accents, and phrases with the wrong accents too', async () => {
    const res = await coordinator.get(`/api/v1/resources?q=${encodeURIComponent('hoc tap suot doi')}`);
    expect(res.status).toBe(200);
    expect(res.body.map((r: { title: string }) => r.title)).toEqual(['Học tập suốt đời cho mọi người', 'Kỹ năng số cho người cao tuổi']);
    expect(res.body[0].rank).toBeGreaterThan(res.body[1].rank);
    const typed = await coordinator.get(`/api/v1/resources?q=${encodeURIComponent('HỌC TẬP SUỐT ĐỜI')}`);
    expect(typed.body[0].title).toBe('Học tập suốt đời cho mọi người');
    const prefix = await coordinator.get(`/api/v1/resources?q=${encodeURIComponent('doi song van ho')}`);
    expect(prefix.body.map((r: { title: string }) => r.title)).toEqual(['Đời sống văn hóa khu dân cư']);
    expect((await coordinator.get('/api/v1/resources?q=khong%20co%20tu%20nay')).body).toEqual([]);
  });

  it('lists without a query in Vietnamese alphabetical order (Ân after An, Đ after D)', async () => {
    const res = await coordinator.get('/api/v1/resources');
    const titles = res.body.map((r: { title: string }) => r.title).filter((t: string) => Object.keys(ids).includes(t));
    expect(titles).toEqual(['An toàn giao thông', 'Ân tình quê hương', 'Dạy nghề nông nghiệp', 'Đời sống văn hóa khu dân cư', 'Học tập suốt đời cho mọi người', 'Kỹ năng số cho người cao tuổi']);
  });

  it('shows only published resources on the public portal, and only a coordinator publishes', async () => {
    const q = `/api/public/v1/resources?q=${encodeURIComponent('hoc tap suot doi')}`;
    expect((await anonymous().get(q)).body).toEqual([]);
    expect((await agency.post(`/api/v1/resources/${ids['Học tập suốt đời cho mọi người']}/publish`)).body.code).toBe('role.forbidden');
    const pub = await coordinator.post(`/api/v1/resources/${ids['Học tập suốt đời cho mọi người']}/publish`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    const res = await anonymous().get(q);
    expect(res.status).toBe(200);
    expect(res.body.map((r: { title: string }) => r.title)).toEqual(['Học tập suốt đời cho mọi người']);
  });

  it('counts published resources by publisher unit and format for the indicators', async () => {
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));
    const res = await coordinator.get(`/api/v1/resources/counts?year=${year}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.units).toHaveLength(1);
    expect(res.body.units[0].byFormat).toEqual({ video: 1 });
    expect((await coordinator.get(`/api/v1/resources/counts?year=${year - 1}`)).body.total).toBe(0);
    const xlsx = await coordinator.get(`/api/v1/resources/counts?year=${year}&format=xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('refuses unsafe links and missing fields, naming the field, writing nothing', async () => {
    const before = await count('learning_resource');
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.vn/a.pdf', 'JaVaScRiPt:alert(1)', 'https://']) {
      const res = await coordinator.post('/api/v1/resources', resource('Liên kết xấu', { url }));
      expect(res.status, url).toBe(400);
      expect(res.body.code).toBe('request.invalid');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.url']);
    }
    const noTitle = await coordinator.post('/api/v1/resources', resource('', {}));
    expect(noTitle.body.errors[0].field).toBe('body.title');
    expect(await count('learning_resource')).toBe(before);
  });

  it('keeps a resource inside the publisher scope', async () => {
    const before = await count('learning_resource');
    const res = await commune.post('/api/v1/resources', resource('Tài liệu của tỉnh', { publisherUnitId: unitIds['80'] }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'scope.forbidden', errors: [{ field: 'publisherUnitId' }] });
    expect(await count('learning_resource')).toBe(before);
    // A draft of another unit is invisible to the commune (a published one is not).
    const draft = await commune.get(`/api/v1/resources?q=${encodeURIComponent('an toan giao thong')}`);
    expect(draft.body).toEqual([]);
  });

  it('accepts allowed files by content and extension, refuses others and oversize files', async () => {
    const id = ids['Dạy nghề nông nghiệp']!;
    const upload = (name: string, bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      return coordinator.request('POST', `/api/v1/resources/${id}/file`, { raw: form });
    };
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100)]);
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(100)]);
    for (const [name, bytes, field] of [['virus.pdf', Buffer.from('MZ\x90\x00'), 'file'], ['bai-giang.exe', pdf, 'file'], ['cu.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'file']] as const) {
      const res = await upload(name, bytes);
      expect(res.status, name).toBe(415);
      expect(res.body).toMatchObject({ code: 'resource.bad_file_type', errors: [{ field }] });
    }
    expect((await upload('lon.pdf', Buffer.concat([pdf, Buffer.alloc(server.config.maxUploadBytes)]))).body.code).toBe('request.too_large');
    expect((await server.db.selectFrom('learning_resource').select('file_name').where('id', '=', id).executeTakeFirstOrThrow()).file_name).toBeNull();
    const ok = await upload('video-bai-1.mp4', mp4);
    expect(ok.status).toBe(200);
    expect(ok.body.file).toEqual({ name: 'video-bai-1.mp4', mediaType: 'video/mp4', sizeBytes: mp4.length });
    const down = await coordinator.get(`/api/v1/resources/${id}/file`);
    expect(Buffer.compare(down.body, mp4)).toBe(0);
    expect((await anonymous().get(`/api/public/v1/resources/${id}/file`)).status).toBe(403); // still a draft
  });

  it('pages the list in the server\'s Vietnamese order: a short page is the start of the full list', async () => {
    const full = (await coordinator.get('/api/v1/resources?limit=200')).body.map((r: { title: string }) => r.title);
    for (const limit of [1, 2, 3, 4]) {
      expect((await coordinator.get(`/api/v1/resources?limit=${limit}`)).body.map((r: { title: string }) => r.title)).toEqual(full.slice(0, limit));
    }
  });

  it('edits a resource against its version, folding its new words for search; stale, unsafe or out-of-scope edits change nothing', async () => {
    const id = ids['Ân tình quê hương']!;
    const current = (await coordinator.get(`/api/v1/resources/${id}`)).body;
    const edit = { ...resource('Ân tình quê hương Tây Ninh', { subject: 'Văn hóa địa phương', description: 'Tuyển tập truyện kể về làng nghề bánh tráng.' }), version: current.version };
    const stale = await coordinator.request('PUT', `/api/v1/resources/${id}`, { body: { ...edit, version: current.version + 1 } });
    expect(stale.status).toBe(409);
    const unsafe = await coordinator.request('PUT', `/api/v1/resources/${id}`, { body: { ...edit, url: 'javascript:alert(1)' } });
    expect(unsafe.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.url']);
    const outside = await agency.request('PUT', `/api/v1/resources/${id}`, { body: edit });
    expect(outside.status).toBe(403);
    expect((await coordinator.get(`/api/v1/resources/${id}`)).body).toMatchObject({ title: 'Ân tình quê hương', version: current.version });
    const ok = await coordinator.request('PUT', `/api/v1/resources/${id}`, { body: edit });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ title: 'Ân tình quê hương Tây Ninh', version: current.version + 1 });
    expect((await coordinator.get(`/api/v1/resources?q=${encodeURIComponent('banh trang')}`)).body.map((r: { id: string }) => r.id)).toEqual([id]);
    const logged = await server.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'learning_resource.update').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(logged.before).toMatchObject({ title: 'Ân tình quê hương' });
  });

  it('tells each reader whether a resource is theirs to edit: a writing role with the publisher in scope', async () => {
    const id = ids['Học tập suốt đời cho mọi người']!; // published above, by the coordinator's province
    const editable = async (c: Client, path: string) => {
      const res = await c.get(path);
      expect(res.status).toBe(200);
      return (Array.isArray(res.body) ? res.body.find((r: { id: string }) => r.id === id) : res.body)?.editable;
    };
    const q = `/api/v1/resources?q=${encodeURIComponent('hoc tap suot doi')}`;
    for (const path of [`/api/v1/resources/${id}`, q, '/api/v1/resources?limit=200']) {
      expect(await editable(coordinator, path), path).toBe(true);
      expect(await editable(agency, path), path).toBe(false); // a writer whose scope (the department) is below the publisher
      expect(await editable(viewer, path), path).toBe(false); // in scope of everything, but reads only
    }
    expect((await anonymous().get(`/api/public/v1/resources?q=${encodeURIComponent('hoc tap suot doi')}`)).body[0].editable).toBe(false);
    // What `editable` says is what the server does.
    const current = (await agency.get(`/api/v1/resources/${id}`)).body;
    expect((await agency.request('DELETE', `/api/v1/resources/${id}`, { body: { version: current.version, reason: 'Thử xóa' } })).status).toBe(403);
    const own = await agency.post('/api/v1/resources', resource('Tài liệu của Sở', {}));
    expect(own.status).toBe(201);
    expect(own.body.editable).toBe(true);
    expect(await editable(coordinator, `/api/v1/resources/${own.body.id}`)).toBe(true); // the department is within the province
  });

  it('deletes a resource only with its version and a reason, kept in the audit log', async () => {
    const id = ids['An toàn giao thông']!;
    const version = (await coordinator.get(`/api/v1/resources/${id}`)).body.version;
    const noReason = await coordinator.request('DELETE', `/api/v1/resources/${id}`, { body: { version } });
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.reason']);
    expect((await coordinator.request('DELETE', `/api/v1/resources/${id}`, { body: { version: version + 1, reason: 'Nhập trùng' } })).status).toBe(409);
    expect((await agency.request('DELETE', `/api/v1/resources/${id}`, { body: { version, reason: 'Nhập trùng' } })).status).toBe(403);
    expect((await coordinator.get(`/api/v1/resources/${id}`)).status).toBe(200);
    const gone = await coordinator.request('DELETE', `/api/v1/resources/${id}`, { body: { version, reason: 'Nhập trùng với tài liệu của Sở' } });
    expect(gone.status).toBe(204);
    expect((await coordinator.get(`/api/v1/resources/${id}`)).status).toBe(403);
    const logged = await server.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'learning_resource.delete').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ before: { title: 'An toàn giao thông' }, after: { reason: 'Nhập trùng với tài liệu của Sở' } });
  });
});

describe('budget of plan tasks', () => {
  const line = (extra: Record<string, unknown> = {}) => ({
    taskId: tasks[0]!.id, unitId: unitIds['80.SGDDT'], year: 2026, source: 'state', planned: 100_000_000, allocated: 80_000_000, spent: 60_000_000, ...extra,
  });

  it('records lines per task, agency, year and source and totals them by source with execution rates', async () => {
    expect((await agency.post('/api/v1/budget/lines', line())).status).toBe(201);
    const mob = await agency.post('/api/v1/budget/lines', line({ source: 'mobilised', planned: 50_000_000, allocated: 20_000_000, spent: 25_000_000, overspendReason: 'Doanh nghiệp tài trợ thêm sau khi giao' }));
    expect(mob.status, JSON.stringify(mob.body)).toBe(201);
    expect((await agency.post('/api/v1/budget/lines', line({ taskId: tasks[1]!.id, planned: 40_000_000, allocated: 40_000_000, spent: 0 }))).status).toBe(201);

    const res = await coordinator.get(`/api/v1/budget?plan=${encodeURIComponent(PLAN)}&year=2026`);
    expect(res.status).toBe(200);
    expect(res.body.plan.number).toBe(PLAN);
    expect(res.body.lines).toHaveLength(3);
    expect(res.body.lines[0]).toMatchObject({ task: { id: tasks[0]!.id }, unit: { code: '80.SGDDT' }, source: 'state', sourceLabel: 'Ngân sách nhà nước' });
    expect(res.body.totals.bySource).toEqual([
      { source: 'state', label: 'Ngân sách nhà nước', planned: 140_000_000, allocated: 120_000_000, spent: 60_000_000, lines: 2, executionRate: 50 },
      { source: 'mobilised', label: 'Xã hội hóa', planned: 50_000_000, allocated: 20_000_000, spent: 25_000_000, lines: 1, executionRate: 125 },
    ]);
    expect(res.body.totals.overall).toMatchObject({ planned: 190_000_000, allocated: 140_000_000, spent: 85_000_000, executionRate: 60.7 });
    expect((await coordinator.get(`/api/v1/budget?plan=${encodeURIComponent(PLAN)}&year=2025`)).body.lines).toEqual([]);
  });

  it('exports the lines and totals to XLSX', async () => {
    const res = await viewer.get(`/api/v1/budget?plan=${encodeURIComponent(PLAN)}&year=2026&format=xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Kinh phi', 'Tong hop']);
    expect(wb.getWorksheet('Kinh phi')!.getRow(3).getCell(5).value).toBe(100_000_000);
    expect(wb.getWorksheet('Tong hop')!.getRow(4).getCell(5).value).toBe(125);
  });

  it('refuses negative or fractional amounts and unexplained overspending, naming the field, writing nothing', async () => {
    const [lines, audits] = [await count('budget_line'), await count('audit_log')];
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ planned: -1 }, 400, 'request.invalid', 'body.planned'],
      [{ allocated: 1500.5 }, 400, 'request.invalid', 'body.allocated'],
      [{ spent: '60000000' }, 400, 'request.invalid', 'body.spent'],
      [{ taskId: tasks[2]!.id, spent: 90_000_000 }, 422, 'budget.overspend_reason_required', 'overspendReason'],
      [{ taskId: tasks[2]!.id, spent: 90_000_000, overspendReason: '  ' }, 422, 'budget.overspend_reason_required', 'overspendReason'],
      [{}, 409, 'budget.duplicate_line', 'source'],
      [{ taskId: '999999999' }, 404, 'budget.task_not_found', 'taskId'],
    ];
    for (const [extra, status, code, field] of cases) {
      const res = await agency.post('/api/v1/budget/lines', line(extra));
      expect(res.status, JSON.stringify(extra)).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count('budget_line')).toBe(lines);
    expect(await count('audit_log')).toBe(audits);
  });

  it('updates amounts against the version, with the same rules', async () => {
    const b = (await agency.get(`/api/v1/budget?plan=${encodeURIComponent(PLAN)}&year=2026`)).body;
    const l = b.lines.find((x: { source: string; task: { id: string } }) => x.source === 'state' && x.task.id === tasks[0]!.id);
    const over = await agency.request('PUT', `/api/v1/budget/lines/${l.id}`, { body: { planned: l.planned, allocated: l.allocated, spent: 81_000_000, version: l.version } });
    expect(over.body).toMatchObject({ code: 'budget.overspend_reason_required', errors: [{ field: 'overspendReason' }] });
    const ok = await agency.request('PUT', `/api/v1/budget/lines/${l.id}`, { body: { planned: l.planned, allocated: l.allocated, spent: 80_000_000, version: l.version } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ spent: 80_000_000, version: l.version + 1 });
    const stale = await agency.request('PUT', `/api/v1/budget/lines/${l.id}`, { body: { planned: 1, allocated: 1, spent: 1, version: l.version } });
    expect(stale.status).toBe(409);
  });

  it('keeps lines inside the scope of the agency', async () => {
    const before = await count('budget_line');
    const out = await agency.post('/api/v1/budget/lines', line({ unitId: unitIds['79'] }));
    expect(out.status).toBe(403);
    expect(out.body).toMatchObject({ code: 'scope.forbidden', errors: [{ field: 'unitId' }] });
    expect((await commune.post('/api/v1/budget/lines', line())).body.code).toBe('role.forbidden');
    expect(await count('budget_line')).toBe(before);
    // The coordinator's line for the province of Hồ Chí Minh City is not the Tây Ninh department's to see or change.
    const hcm = await coordinator.post('/api/v1/budget/lines', line({ unitId: unitIds['79'], planned: 7, allocated: 7, spent: 7 }));
    expect(hcm.status).toBe(201);
    expect((await coordinator.get(`/api/v1/budget?plan=${encodeURIComponent(PLAN)}&year=2026`)).body.lines).toHaveLength(4);
    expect((await agency.get(`/api/v1/budget?plan=${encodeURIComponent(PLAN)}&year=2026`)).body.lines).toHaveLength(3);
    const put = await agency.request('PUT', `/api/v1/budget/lines/${hcm.body.id}`, { body: { planned: 1, allocated: 1, spent: 1, version: 1 } });
    expect(put.body.code).toBe('scope.forbidden');
    expect((await admin.get(`/api/v1/budget?plan=${encodeURIComponent('9999/KH-UBND')}&year=2026`)).body).toMatchObject({ code: 'plan.not_found', errors: [{ field: 'plan' }] });
  });
});

describe('deleting budget lines', () => {
  let hcmCoordinator: Client;
  const line = (extra: Record<string, unknown> = {}) => ({
    taskId: tasks[2]!.id, unitId: unitIds['80.SGDDT'], year: 2027, source: 'state', planned: 30_000_000, allocated: 0, spent: 0, ...extra,
  });
  beforeAll(async () => {
    const created = await admin.post('/api/v1/users', { username: 'kp.hcm', displayName: 'Điều phối TP.HCM', role: 'coordinator', password: TEST_PASSWORD, scopeUnitIds: [unitIds['79']] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    hcmCoordinator = await Client.login(server.url, 'kp.hcm');
  });

  it('deletes a line entered by mistake with its version and a reason, kept in the audit log; refusals write nothing', async () => {
    const l = (await agency.post('/api/v1/budget/lines', line())).body;
    expect(l.version).toBe(1);
    const [lines, audits] = [await count('budget_line'), await count('audit_log')];
    const del = (c: Client, body: Record<string, unknown>, id = l.id) => c.request('DELETE', `/api/v1/budget/lines/${id}`, { body });
    const noReason = await del(agency, { version: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.reason']);
    expect((await del(agency, { version: 1, reason: ' ab ' })).body.errors.map((e: { field: string }) => e.field)).toEqual(['body.reason']);
    const stale = await del(agency, { version: 2, reason: 'Nhập trùng' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'budget_line.stale_version', currentVersion: 1 });
    const outside = await del(hcmCoordinator, { version: 1, reason: 'Nhập trùng' }); // another province's coordinator
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('scope.forbidden');
    expect((await del(commune, { version: 1, reason: 'Nhập trùng' })).body.code).toBe('role.forbidden');
    expect((await del(agency, { version: 1, reason: 'Nhập trùng' }, '999999999')).status).toBe(403);
    expect(await count('budget_line')).toBe(lines);
    expect(await count('audit_log')).toBe(audits);

    const gone = await del(agency, { version: 1, reason: 'Nhập nhầm năm 2027, đúng là 2026' });
    expect(gone.status).toBe(204);
    expect(await count('budget_line')).toBe(lines - 1);
    expect((await agency.get(`/api/v1/budget?plan=${encodeURIComponent(PLAN)}&year=2027`)).body.lines).toEqual([]);
    const logged = await server.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'budget_line.delete').where('entity_id', '=', l.id).executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ before: { task_id: tasks[2]!.id, year: 2027 }, after: { reason: 'Nhập nhầm năm 2027, đúng là 2026' } });
    expect(Number((logged.before as { planned: string }).planned)).toBe(30_000_000);
    expect((await del(agency, { version: 1, reason: 'Lần nữa' })).status).toBe(403); // already gone
  });

  it('keeps a line with spending recorded until its spending is set back to 0', async () => {
    const l = (await agency.post('/api/v1/budget/lines', line({ allocated: 10_000_000, spent: 1 }))).body;
    const [lines, audits] = [await count('budget_line'), await count('audit_log')];
    const refused = await agency.request('DELETE', `/api/v1/budget/lines/${l.id}`, { body: { version: l.version, reason: 'Nhập nhầm' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'budget.line_has_spending', errors: [{ field: 'spent' }] });
    expect(refused.body.title).toMatch(/đã ghi số chi/);
    expect(await count('budget_line')).toBe(lines);
    expect(await count('audit_log')).toBe(audits);
    const zero = await agency.request('PUT', `/api/v1/budget/lines/${l.id}`, { body: { planned: l.planned, allocated: l.allocated, spent: 0, version: l.version } });
    expect(zero.status).toBe(200);
    expect((await agency.request('DELETE', `/api/v1/budget/lines/${l.id}`, { body: { version: zero.body.version, reason: 'Nhập nhầm' } })).status).toBe(204);
    expect(await count('budget_line')).toBe(lines - 1);
  });
});

describe('commendation decisions', () => {
  const decision = (extra: Record<string, unknown> = {}) => ({
    issuerUnitId: unitIds['80'], number: '125/QĐ-UBND', decidedOn: '2026-10-07', form: 'merit_certificate', reason: 'Thành tích trong Tuần lễ hưởng ứng học tập suốt đời 2026',
    subject: { kind: 'event', id: eventId }, recipients: [{ personName: 'Nguyễn Thị Lan', title: 'Giám đốc Trung tâm học tập cộng đồng' }, { unitId: unitIds['25459'] }], ...extra,
  });
  let eventId = '';
  beforeAll(async () => {
    const e = await coordinator.post('/api/v1/events', { unitId: unitIds['80'], title: 'Tuần lễ hưởng ứng học tập suốt đời của tỉnh', startsOn: '2026-10-01', endsOn: '2026-10-07' });
    expect(e.status).toBe(201);
    eventId = e.body.id;
  });

  it('records a decision for people and collectives, linked to what it was for, and lists it by year', async () => {
    const res = await coordinator.post('/api/v1/commendations', decision());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await coordinator.post('/api/v1/commendations', decision({ number: '7/QĐ-UBND', form: 'commendation_letter', subject: { kind: 'task', id: tasks[0]!.id }, recipients: [{ personName: 'Lê Văn Hùng' }] }))).status).toBe(201);
    const list = (await commune.get('/api/v1/commendations?year=2026')).body; // the commune sees the decision that commends it
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      number: '125/QĐ-UBND', decidedOn: '2026-10-07', formLabel: 'Bằng khen', subject: { kind: 'event', kindLabel: 'Sự kiện', id: eventId },
      recipients: [{ kind: 'person', name: 'Nguyễn Thị Lan' }, { kind: 'collective', unit: { id: unitIds['25459'] } }],
    });
    expect((await coordinator.get('/api/v1/commendations?year=2026')).body).toHaveLength(2);
    expect((await coordinator.get('/api/v1/commendations?year=2026&format=xlsx')).headers.get('content-type')).toContain('spreadsheetml');
  });

  it('refuses a duplicate number of the same issuer and year, and bad recipients, writing nothing', async () => {
    const before = await count('commendation_decision');
    const dup = await coordinator.post('/api/v1/commendations', decision({ decidedOn: '2026-12-01' }));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'commendation.duplicate_number', errors: [{ field: 'number' }] });
    const both = await coordinator.post('/api/v1/commendations', decision({ number: '200/QĐ-UBND', recipients: [{ personName: 'Trần Văn Bình', unitId: unitIds['25459'] }] }));
    expect(both.body.errors[0].field).toBe('body.recipients.0.personName');
    const task = await coordinator.post('/api/v1/commendations', decision({ number: '201/QĐ-UBND', subject: { kind: 'task', id: '999999999' } }));
    expect(task.status).toBe(400);
    expect(task.body).toMatchObject({ code: 'commendation.subject_not_found', errors: [{ field: 'body.subject.id' }] });
    for (const subject of [{ kind: 'event', id: '999999999' }, { kind: 'model_registration', id: '999999999' }]) {
      const bad = await coordinator.post('/api/v1/commendations', decision({ number: '203/QĐ-UBND', subject }));
      expect(bad.status, subject.kind).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'body.subject.id' })]);
    }
    // A plan task of a province outside the writer's scope is refused like a missing one.
    const ward = await commune.post('/api/v1/commendations', decision({ issuerUnitId: unitIds['25459'], number: '3/QĐ-UBND', subject: { kind: 'task', id: tasks[0]!.id }, recipients: [{ personName: 'Lê Thị Mai' }] }));
    expect(ward.status).toBe(400);
    expect(ward.body.errors[0].field).toBe('body.subject.id');
    const badUnit = await coordinator.post('/api/v1/commendations', decision({ number: '204/QĐ-UBND', recipients: [{ personName: 'Lê Thị Mai' }, { unitId: '999999999' }] }));
    expect(badUnit.body).toMatchObject({ code: 'commendation.unit_not_found', errors: [{ field: 'body.recipients.1.unitId' }] });
    const scope = await commune.post('/api/v1/commendations', decision({ number: '202/QĐ-UBND' }));
    expect(scope.body).toMatchObject({ code: 'scope.forbidden', errors: [{ field: 'issuerUnitId' }] });
    expect(await count('commendation_decision')).toBe(before);
    // Numbers restart each year: the same number next year is another decision.
    expect((await coordinator.post('/api/v1/commendations', decision({ decidedOn: '2027-01-15' }))).status).toBe(201);
  });
});

describe('correcting commendation decisions', () => {
  const base = () => ({ issuerUnitId: unitIds['80'], number: '300/QĐ-UBND', decidedOn: '2026-11-02', form: 'merit_certificate', reason: 'Tập thể tiêu biểu', recipients: [{ unitId: unitIds['25459'] }] });
  const logs = async () => Number((await server.db.selectFrom('access_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'commendation.recipients').executeTakeFirstOrThrow()).n);

  it('commends a collective alone, edits against the version (recipients replaced), refuses stale or clashing edits', async () => {
    const created = await coordinator.post('/api/v1/commendations', base());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.version).toBe(1);
    const url = `/api/v1/commendations/${created.body.id}`;
    const edit = { ...base(), form: 'commendation_letter', recipients: [{ unitId: unitIds['25459'] }, { personName: 'Phạm Văn Tư', title: 'Chủ tịch Hội Khuyến học phường' }], version: 1 };
    expect((await coordinator.request('PUT', url, { body: { ...edit, version: 2 } })).status).toBe(409);
    const clash = await coordinator.request('PUT', url, { body: { ...edit, number: '125/QĐ-UBND', decidedOn: '2026-05-01' } });
    expect(clash.body).toMatchObject({ code: 'commendation.duplicate_number', errors: [{ field: 'number' }] });
    const badSubject = await coordinator.request('PUT', url, { body: { ...edit, subject: { kind: 'event', id: '999999999' } } });
    expect(badSubject.status).toBe(400);
    expect((await commune.request('PUT', url, { body: edit })).status).toBe(403); // issued by the province
    const ok = await coordinator.request('PUT', url, { body: edit });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.version).toBe(2);
    const listed = ((await coordinator.get('/api/v1/commendations?year=2026')).body as { id: string; formLabel: string; version: number; recipients: unknown[] }[]).find((d) => d.id === created.body.id)!;
    expect(listed).toMatchObject({ formLabel: 'Giấy khen', version: 2, recipients: [{ kind: 'collective' }, { kind: 'person', name: 'Phạm Văn Tư' }] });
  });

  it('logs reads of lists naming commended people', async () => {
    const before = await logs();
    expect((await coordinator.get('/api/v1/commendations?year=2026')).status).toBe(200);
    expect(await logs()).toBe(before + 1);
    expect((await coordinator.get('/api/v1/commendations?year=2030')).body).toEqual([]);
    expect(await logs()).toBe(before + 1); // nobody named, nothing logged
  });

  it('deletes a decision entered by mistake with its version and a reason, kept in the audit log', async () => {
    const created = await coordinator.post('/api/v1/commendations', { ...base(), number: '301/QĐ-UBND' });
    const url = `/api/v1/commendations/${created.body.id}`;
    expect((await coordinator.request('DELETE', url, { body: { version: 1 } })).body.errors[0].field).toBe('body.reason');
    expect((await coordinator.request('DELETE', url, { body: { version: 2, reason: 'Ghi nhầm số' } })).status).toBe(409);
    expect((await coordinator.request('DELETE', url, { body: { version: 1, reason: 'Ghi nhầm số quyết định' } })).status).toBe(204);
    expect(await server.db.selectFrom('commendation_recipient').select('id').where('decision_id', '=', created.body.id).execute()).toEqual([]);
    const logged = await server.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'commendation_decision.delete').where('entity_id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ before: { number: '301/QĐ-UBND', recipients: [{ unit_id: unitIds['25459'] }] }, after: { reason: 'Ghi nhầm số quyết định' } });
  });
});

describe('study-promotion funds', () => {
  let fundId: string;
  const entry = (extra: Record<string, unknown> = {}) => ({ kind: 'receipt', date: '2026-09-05', amount: 10_000_000, description: 'Ủng hộ đầu năm học', donor: 'Công ty TNHH Minh Phát', ...extra });
  const accessLogs = async () => Number((await server.db.selectFrom('access_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'fund.entries').executeTakeFirstOrThrow()).n);

  it('keeps receipts and scholarships of a unit fund with a running balance', async () => {
    const f = await commune.post('/api/v1/funds', { unitId: unitIds['25459'], name: 'Quỹ khuyến học phường Tân Ninh' });
    expect(f.status, JSON.stringify(f.body)).toBe(201);
    fundId = f.body.id;
    expect((await commune.post(`/api/v1/funds/${fundId}/entries`, entry())).body.balance).toBe(10_000_000);
    const s = await commune.post(`/api/v1/funds/${fundId}/entries`, entry({ kind: 'disbursement', amount: 4_000_000, description: 'Học bổng vượt khó', donor: undefined, pupil: { name: 'Nguyễn Văn An', school: 'THCS Tân Ninh' } }));
    expect(s.body.balance).toBe(6_000_000);
    expect((await coordinator.get('/api/v1/funds')).body).toEqual([expect.objectContaining({ id: fundId, receipts: 10_000_000, disbursements: 4_000_000, balance: 6_000_000 })]);
  });

  it('never lets the balance go below zero, writing nothing', async () => {
    const [entries, audits] = [Number((await server.db.selectFrom('fund_entry').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), await count('audit_log')];
    const res = await commune.post(`/api/v1/funds/${fundId}/entries`, entry({ kind: 'disbursement', amount: 6_000_001, description: 'Học bổng', donor: undefined }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'fund.insufficient_balance', errors: [{ field: 'amount' }] });
    expect((await commune.post(`/api/v1/funds/${fundId}/entries`, entry({ amount: -5 }))).body.errors[0].field).toBe('body.amount');
    expect(Number((await server.db.selectFrom('fund_entry').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(entries);
    expect(await count('audit_log')).toBe(audits);
  });

  it('takes one of two simultaneous disbursements that together exceed the balance, not both', async () => {
    const f = await coordinator.post('/api/v1/funds', { unitId: unitIds['80'], name: 'Quỹ khuyến học tỉnh (thử chi đồng thời)' });
    expect(f.status).toBe(201);
    expect((await coordinator.post(`/api/v1/funds/${f.body.id}/entries`, entry({ amount: 6_000_000 }))).status).toBe(201);
    const pay = () => coordinator.post(`/api/v1/funds/${f.body.id}/entries`, entry({ kind: 'disbursement', amount: 4_000_000, description: 'Học bổng', donor: undefined }));
    const results = await Promise.all([pay(), pay()]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect((await coordinator.get('/api/v1/funds')).body).toContainEqual(expect.objectContaining({ id: f.body.id, balance: 2_000_000 }));
  });

  it('shows pupils only to permitted roles in scope, and logs each read', async () => {
    const before = await accessLogs();
    const res = await coordinator.get(`/api/v1/funds/${fundId}/entries`);
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: { pupil: { name: string } | null; balance: number }) => [e.pupil?.name ?? null, e.balance])).toEqual([[null, 10_000_000], ['Nguyễn Văn An', 6_000_000]]);
    expect(await accessLogs()).toBe(before + 1);
    expect((await viewer.get(`/api/v1/funds/${fundId}/entries`)).body.code).toBe('role.forbidden');
    expect((await agency.get(`/api/v1/funds/${fundId}/entries`)).body.code).toBe('role.forbidden');
    const hcmOfficer = await admin.post('/api/v1/users', { username: 'hcm-officer', displayName: 'Cán bộ TP.HCM', role: 'unit_officer', password: TEST_PASSWORD, scopeUnitIds: [unitIds['79']] });
    expect(hcmOfficer.status, JSON.stringify(hcmOfficer.body)).toBe(201);
    const other = await Client.login(server.url, 'hcm-officer');
    expect((await other.get(`/api/v1/funds/${fundId}/entries`)).body.code).toBe('scope.forbidden');
    expect((await other.get('/api/v1/funds')).body).toEqual([]);
    expect(await accessLogs()).toBe(before + 1);
  });

  it('gives the balance at the end of a day, in the list and in the book', async () => {
    const at = async (day: string) => ((await coordinator.get(`/api/v1/funds?at=${day}`)).body as { id: string; balance: number; receipts: number }[]).find((f) => f.id === fundId)!;
    expect(await at('2026-09-04')).toMatchObject({ balance: 0, receipts: 0 });
    expect(await at('2026-09-05')).toMatchObject({ balance: 6_000_000, receipts: 10_000_000 });
    const book = await coordinator.get(`/api/v1/funds/${fundId}/entries?at=2026-09-04`);
    expect(book.body).toMatchObject({ asOf: '2026-09-04', entries: [], balance: 0 });
    const bad = await coordinator.get('/api/v1/funds?at=05/09/2026');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('querystring.at');
  });

  it('refuses a back-dated disbursement the fund could not pay on its day, though the total would cover it', async () => {
    const early = await commune.post(`/api/v1/funds/${fundId}/entries`, entry({ kind: 'disbursement', date: '2026-09-01', amount: 1_000_000, description: 'Học bổng', donor: undefined }));
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'fund.insufficient_balance', errors: [{ field: 'amount', message: expect.stringContaining('01/09/2026') }] });
    expect((await coordinator.get(`/api/v1/funds/${fundId}/entries`)).body.entries).toHaveLength(2);
  });

  it('corrects an entry by a reversing entry with a reason; never twice, never a reversal, never into a shortfall', async () => {
    const book = async () => (await coordinator.get(`/api/v1/funds/${fundId}/entries`)).body as { entries: { id: string; kind: string; net: number; balance: number; reverses: string | null; reversedBy: string | null; reason: string | null }[]; balance: number };
    const [receipt, scholarship] = (await book()).entries;
    const reverse = (id: string, body: Record<string, unknown>) => commune.post(`/api/v1/funds/${fundId}/entries/${id}/reverse`, body);
    // Taking back the receipt while the scholarship stands would leave −4 000 000 ₫.
    const short = await reverse(receipt!.id, { date: '2026-10-01', reason: 'Nhập nhầm số tiền' });
    expect(short.body.code).toBe('fund.insufficient_balance');
    expect((await reverse(scholarship!.id, { date: '2026-10-01' })).body.errors[0].field).toBe('body.reason');
    const before = await reverse(scholarship!.id, { date: '2026-09-01', reason: 'Ghi nhầm học sinh' });
    expect(before.body).toMatchObject({ code: 'fund.reversal_before_entry', errors: [{ field: 'body.date' }] });
    const ok = await reverse(scholarship!.id, { date: '2026-10-01', reason: 'Ghi nhầm học sinh nhận học bổng' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ reverses: scholarship!.id, balance: 10_000_000 });
    expect((await reverse(scholarship!.id, { date: '2026-10-02', reason: 'Lần nữa' })).body.code).toBe('fund.already_reversed');
    expect((await reverse(ok.body.id, { date: '2026-10-02', reason: 'Đảo lại' })).body.code).toBe('fund.reversal_of_reversal');
    const after = await book();
    expect(after.entries.map((e) => [e.kind, e.net, e.balance, e.reverses, e.reversedBy])).toEqual([
      ['receipt', 10_000_000, 10_000_000, null, null],
      ['disbursement', -4_000_000, 6_000_000, null, ok.body.id],
      ['disbursement', 4_000_000, 10_000_000, scholarship!.id, null],
    ]);
    expect(((await coordinator.get('/api/v1/funds')).body as { id: string }[]).find((f) => f.id === fundId)).toMatchObject({ receipts: 10_000_000, disbursements: 0, balance: 10_000_000 });
    expect(((await coordinator.get('/api/v1/funds?at=2026-09-30')).body as { id: string }[]).find((f) => f.id === fundId)).toMatchObject({ disbursements: 4_000_000, balance: 6_000_000 });
    const audited = await server.db.selectFrom('audit_log').select('after').where('action', '=', 'fund_entry.reverse').executeTakeFirstOrThrow();
    expect(audited.after).toMatchObject({ reason: 'Ghi nhầm học sinh nhận học bổng' });
  });
});
