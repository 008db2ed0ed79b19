import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let coordinator: Client, agency: Client, viewer: Client, commune: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await Client.login(server.url, 'coordinator');
  agency = await Client.login(server.url, 'agency');
  viewer = await Client.login(server.url, 'viewer');
  commune = await Client.login(server.url, 'commune');
});
afterAll(async () => { await server.close(); });

async function planId(c: Client, number: string): Promise<string> {
  const plans = (await c.get('/api/v1/plans')).body as { id: string; number: string }[];
  return plans.find((p) => p.number === number)!.id;
}
async function task(c: Client, number: string, code: string) {
  const tasks = (await c.get(`/api/v1/plans/${await planId(c, number)}/tasks`)).body as any[];
  return tasks.find((t) => t.code === code);
}
const progressCount = async () => Number((await server.db.selectFrom('task_progress').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('plans and tasks', () => {
  it('lists both seed plans with the contract fields', async () => {
    const res = await coordinator.get('/api/v1/plans');
    expect(res.status).toBe(200);
    const byNumber = Object.fromEntries(res.body.map((p: any) => [p.number, p]));
    expect(byNumber['1144/KH-UBND']).toMatchObject({ issuedOn: '2022-03-16', issuer: { code: '74' } });
    expect(byNumber['2042/KH-UBND']).toMatchObject({ issuedOn: '2020-08-27', title: expect.stringContaining('489/QĐ-TTg') });
    expect(byNumber['2042/KH-UBND'].taskCount).toBeGreaterThan(30);
  });

  it('gives tasks their lead, coordinating agencies, due rule, next due date and status', async () => {
    const t = await task(coordinator, '2042/KH-UBND', 'II.1.b.2');
    expect(t.leadAgency).toEqual({ code: '72.SGDDT', name: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh' });
    expect(t.coordinatingAgencies.map((a: { code: string }) => a.code)).toContain('72.SLDTBXH');
    const quarter = await task(coordinator, '2042/KH-UBND', 'II.1.a');
    expect(quarter.dueRule).toMatchObject({ kind: 'quarter', year: 2020, quarter: 3 });
    expect(quarter.nextDueDate).toBe('2020-09-30');
    expect(quarter.status).toBe('overdue');
    // Addressed to "các sở, ngành, địa phương": tracked unit by unit, the nine districts among them.
    expect(quarter.assignments.filter((a: { unit: { code: string } }) => /^7\d\d$/.test(a.unit.code))).toHaveLength(9);
  });

  it('tracks a yearly report date cycle by cycle', async () => {
    const t = (await coordinator.get(`/api/v1/plans/${await planId(coordinator, '2042/KH-UBND')}/tasks`)).body.find((x: any) => x.dueRule.kind === 'yearly');
    expect(t.dueRule).toMatchObject({ month: 10, day: 15 });
    // On 23/11/2026 the 15/10/2026 report is owed.
    expect(t.assignments[0]).toMatchObject({ status: 'overdue', period: 2026, dueDate: '2026-10-15' });
  });

  it('shows a commune officer no plan of another area, and refuses its tasks', async () => {
    expect((await commune.get('/api/v1/plans')).body).toEqual([]);
    const id = await planId(coordinator, '2042/KH-UBND');
    const res = await commune.get(`/api/v1/plans/${id}/tasks`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('scope.forbidden');
    // The same answer as for a plan that does not exist: nothing is learnt.
    const missing = await commune.get('/api/v1/plans/999999/tasks');
    expect(missing.status).toBe(403);
    expect(missing.body.title).toBe(res.body.title);
  });
});

describe('progress reports', () => {
  it('lets an agency report a task done; the coordinator sees it and the overdue list shrinks', async () => {
    const t = await task(agency, '2042/KH-UBND', 'II.1.a');
    const mine = t.assignments.find((a: any) => a.unit.code === '72.SGDDT');
    expect(mine).toMatchObject({ status: 'overdue', canReport: true });
    expect(t.assignments.find((a: any) => a.unit.code === '703').canReport).toBe(false);
    const isListed = async () => (await coordinator.get('/api/v1/overdue')).body.some((r: any) => r.assignmentId === mine.id);
    expect(await isListed()).toBe(true);

    const res = await agency.post(`/api/v1/assignments/${mine.id}/progress`, { status: 'done', percent: 100, narrative: 'Đã tổ chức quán triệt toàn ngành', completedOn: '2026-11-20', version: mine.version });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'done', completedOn: '2026-11-20', version: mine.version + 1 });

    const seen = await coordinator.get(`/api/v1/tasks/${t.id}`);
    expect(seen.body.assignments.find((a: any) => a.id === mine.id).status).toBe('done_late');
    expect(seen.body.history[0]).toMatchObject({ narrative: 'Đã tổ chức quán triệt toàn ngành', reporter: 'Cán bộ Sở GDĐT Tây Ninh', percent: 100 });
    expect(await isListed()).toBe(false);

    const audit = await (await Client.login(server.url, 'admin')).get(`/api/v1/audit?entity=task_progress&entityId=${res.body.id}`);
    expect(audit.body[0]).toMatchObject({ actor: 'agency', action: 'task_progress.create', after: expect.objectContaining({ narrative: 'Đã tổ chức quán triệt toàn ngành' }) });
  });

  it('refuses a stale report with 409 and keeps the first one', async () => {
    const t = await task(agency, '2042/KH-UBND', 'II.1.b.1');
    const a = t.assignments[0];
    const first = await agency.post(`/api/v1/assignments/${a.id}/progress`, { status: 'in_progress', percent: 30, narrative: 'Báo cáo thứ nhất', version: a.version });
    expect(first.status).toBe(201);
    const second = await coordinator.post(`/api/v1/assignments/${a.id}/progress`, { status: 'in_progress', percent: 10, narrative: 'Báo cáo cũ', version: a.version });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'task_progress.stale_version', currentVersion: a.version + 1 });
    const detail = await agency.get(`/api/v1/tasks/${t.id}`);
    expect(detail.body.history.map((h: any) => h.narrative)).toEqual(['Báo cáo thứ nhất']);
    expect(detail.body.assignments[0].percent).toBe(30);
  });

  it('refuses bad reports naming the field, writing nothing', async () => {
    const t = await task(agency, '2042/KH-UBND', 'II.2.b');
    const a = t.assignments[0];
    const before = await progressCount();
    const cases: [unknown, string][] = [
      [{ status: 'done', percent: 50, narrative: 'x', version: a.version }, 'body.percent'],
      [{ status: 'in_progress', percent: 150, narrative: 'x', version: a.version }, 'body.percent'],
      [{ status: 'in_progress', percent: 20, narrative: '', version: a.version }, 'body.narrative'],
      [{ status: 'in_progress', percent: 20, narrative: 'x', version: a.version, note: 'thừa' }, 'body.note'],
      [{ status: 'done', percent: 100, narrative: 'x', version: a.version, completedOn: '2026-02-30' }, 'body.completedOn'],
      [{ status: 'done', percent: 100, narrative: 'x', version: a.version, completedOn: '2026-12-01' }, 'body.completedOn'],
      [{ status: 'in_progress', percent: 20, narrative: 'x', version: a.version, period: 2025 }, 'body.period'],
      [{ status: 'in_progress', percent: '20', narrative: 'x', version: a.version }, 'body.percent'],
    ];
    for (const [body, field] of cases) {
      const res = await agency.post(`/api/v1/assignments/${a.id}/progress`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field), JSON.stringify(body)).toContain(field);
    }
    expect(await progressCount()).toBe(before);
  });

  it('refuses a yearly report for a cycle that has not begun', async () => {
    const t = (await agency.get(`/api/v1/plans/${await planId(agency, '2042/KH-UBND')}/tasks`)).body.find((x: any) => x.dueRule.kind === 'yearly');
    const a = t.assignments.find((x: any) => x.unit.code === '72.SGDDT');
    const res = await agency.post(`/api/v1/assignments/${a.id}/progress`, { status: 'in_progress', percent: 10, narrative: 'x', version: a.version, period: 2030 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('task_progress.period_invalid');
    const ok = await agency.post(`/api/v1/assignments/${a.id}/progress`, { status: 'done', percent: 100, narrative: 'Báo cáo năm 2026', version: a.version, period: 2026 });
    expect(ok.status).toBe(201);
    const after = (await agency.get(`/api/v1/tasks/${t.id}`)).body.assignments.find((x: any) => x.id === a.id);
    expect(after).toMatchObject({ status: 'not_started', period: 2027, dueDate: '2027-10-15' });
  });

  it('refuses reports outside the reporter\'s scope or role with 403', async () => {
    const t = await task(coordinator, '2042/KH-UBND', 'II.1.c');
    const district = t.assignments[0];
    const res = await agency.post(`/api/v1/assignments/${district.id}/progress`, { status: 'in_progress', percent: 10, narrative: 'x', version: district.version });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('scope.forbidden');
    const view = await viewer.post(`/api/v1/assignments/${district.id}/progress`, { status: 'in_progress', percent: 10, narrative: 'x', version: district.version });
    expect(view.status).toBe(403);
    expect(view.body.code).toBe('role.forbidden');
  });
});

describe('evidence files', () => {
  const upload = (c: Client, assignmentId: string, name: string, content: Buffer, type = 'application/pdf') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)], { type }), name);
    return c.request('POST', `/api/v1/assignments/${assignmentId}/evidence`, { raw: form });
  };

  it('stores a file with its checksum, links it to a report and serves it back', async () => {
    const t = await task(agency, '2042/KH-UBND', 'II.4.a.1');
    const a = t.assignments.find((x: any) => x.unit.code === '72.SGDDT');
    const content = Buffer.from('%PDF-1.4 biên bản họp');
    const up = await upload(agency, a.id, 'Biên bản họp.pdf', content);
    expect(up.status).toBe(201);
    const { createHash } = await import('node:crypto');
    expect(up.body).toMatchObject({ fileName: 'Biên bản họp.pdf', sizeBytes: content.length, sha256: createHash('sha256').update(content).digest('hex') });
    const rep = await agency.post(`/api/v1/assignments/${a.id}/progress`, { status: 'in_progress', percent: 50, narrative: 'Kèm biên bản', version: a.version, evidenceIds: [up.body.id] });
    expect(rep.status).toBe(201);
    const detail = await coordinator.get(`/api/v1/tasks/${t.id}`);
    expect(detail.body.history[0].evidence[0].fileName).toBe('Biên bản họp.pdf');
    const file = await coordinator.get(`/api/v1/evidence/${up.body.id}`);
    expect(Buffer.compare(file.body, content)).toBe(0);
    // Reusing a file already linked to a report is refused and writes nothing.
    const again = await agency.post(`/api/v1/assignments/${a.id}/progress`, { status: 'in_progress', percent: 60, narrative: 'x', version: a.version + 1, evidenceIds: [up.body.id] });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('task_progress.evidence_invalid');
    expect((await coordinator.get(`/api/v1/tasks/${t.id}`)).body.history).toHaveLength(1);
  });

  it('refuses oversized files, dangerous names and unknown types', async () => {
    const t = await task(agency, '2042/KH-UBND', 'II.4.a.2');
    const a = t.assignments.find((x: any) => x.unit.code === '72.SGDDT');
    const big = await upload(agency, a.id, 'lon.pdf', Buffer.alloc(server.config.maxUploadBytes + 1, 1));
    expect(big.status).toBe(413);
    const bad = await upload(agency, a.id, '../../etc/passwd', Buffer.from('x'), 'text/plain');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('evidence.bad_name');
    const exe = await upload(agency, a.id, 'setup.exe', Buffer.from('MZ'), 'application/x-msdownload');
    expect(exe.status).toBe(415);
    const count = await server.db.selectFrom('evidence_file').select((eb) => eb.fn.countAll().as('n')).where('assignment_id', '=', a.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});

describe('overdue list', () => {
  it('filters by plan, unit kind and date, most overdue first', async () => {
    const all = (await coordinator.get('/api/v1/overdue')).body;
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((r: any, i: number) => i === 0 || all[i - 1].daysOverdue >= r.daysOverdue)).toBe(true);
    const districts = (await coordinator.get('/api/v1/overdue?kind=district')).body;
    expect(districts.length).toBeGreaterThan(0);
    expect(districts.every((r: any) => r.unit.kind === 'district')).toBe(true);
    const early = (await coordinator.get('/api/v1/overdue?dueBefore=2021-01-01')).body;
    expect(early.every((r: any) => r.dueDate <= '2021-01-01')).toBe(true);
    expect(early.length).toBeLessThan(all.length);
    const bd = await planId(coordinator, '1144/KH-UBND');
    expect((await coordinator.get(`/api/v1/overdue?planId=${bd}`)).body.every((r: any) => r.planNumber === '1144/KH-UBND')).toBe(true);
  });

  it('exports the filtered list as an XLSX workbook with dates and Vietnamese headers', async () => {
    const rows = (await coordinator.get('/api/v1/overdue?kind=district')).body;
    const res = await coordinator.get('/api/v1/overdue?kind=district&format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(1).value).toBe('Kế hoạch');
    expect(ws.rowCount).toBe(rows.length + 2);
    expect(ws.getRow(3).getCell(6).value).toEqual(new Date(`${rows[0].dueDate}T00:00:00Z`));
    expect(ws.getRow(3).getCell(6).numFmt).toBe('dd/mm/yyyy');
  });

  it('exports a plan\'s task table and "my tasks" as XLSX', async () => {
    const id = await planId(coordinator, '2042/KH-UBND');
    const tasks = (await coordinator.get(`/api/v1/plans/${id}/tasks`)).body;
    const res = await coordinator.get(`/api/v1/plans/${id}/tasks?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toMatch(/^Kế hoạch 2042\/KH-UBND/);
    expect(ws.rowCount).toBe(tasks.length + 2);
    expect(ws.getRow(3).getCell(1).value).toBe(tasks[0].code);
    const mine = await agency.get('/api/v1/my-tasks?format=xlsx');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(mine.body);
    expect(wb2.worksheets[0]!.rowCount).toBe((await agency.get('/api/v1/my-tasks')).body.length + 2);
    expect((await coordinator.get(`/api/v1/plans/${id}/tasks?format=pdf`)).status).toBe(400);
  });

  it('is closed to roles without it', async () => {
    expect((await agency.get('/api/v1/overdue')).status).toBe(403);
  });
});
