import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';
import { TEST_PASSWORD } from '../support/constants.ts';

// Steering committees (issue 8 §6): dated committees across the 2025 merger, members over time, meetings with minutes,
// and tasks decided at a meeting that become plan tasks of the lead agency. Real HTTP, real PostgreSQL.
let server: TestServer;
let coordinator: Client, agency: Client, viewer: Client, admin: Client, otherProvince: Client;
/** Ids by `code@era`: codes are reused across the 2025 reform (80 is Long An before, Tây Ninh after). */
const ids: Record<string, string> = {};
let planId: string;

beforeAll(async () => {
  server = await startTestServer();
  [coordinator, agency, viewer, admin] = await Promise.all(['coordinator', 'agency', 'viewer', 'admin'].map((u) => Client.login(server.url, u))) as [Client, Client, Client, Client];
  const units = await server.db.selectFrom('org_unit').select(['id', 'code', 'valid_to']).where('code', 'in', ['72', '74', '80', '80.SGDDT', '79', '703', '25459']).execute();
  for (const u of units) ids[`${u.code}@${u.valid_to ? 'old' : 'new'}`] = u.id;
  planId = (await server.db.selectFrom('plan').select('id').where('slug', '=', 'tay-ninh-2042-2020').executeTakeFirstOrThrow()).id;
  // A coordinator of Bình Dương only (before the merger): another province's officer.
  const created = await admin.post('/api/v1/users', { username: 'dieuphoi.bd', displayName: 'Điều phối Bình Dương', role: 'coordinator', password: TEST_PASSWORD, scopeUnitIds: [ids['74@old']] });
  expect(created.status).toBe(201);
  otherProvince = await Client.login(server.url, 'dieuphoi.bd');
});
afterAll(async () => { await server.close(); });

const TABLES = ['steering_committee', 'steering_committee_member', 'steering_committee_meeting', 'steering_meeting_task', 'task', 'task_assignment', 'plan_section', 'audit_log'] as const;
async function counts() {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await server.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}
/** Runs a request that must fail and checks that nothing at all was written. */
async function refused(run: () => Promise<{ status: number; body: any }>, status: number, code: string, fields?: string[]) {
  const before = await counts();
  const res = await run();
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.code).toBe(code);
  if (fields) expect((res.body.errors ?? []).map((e: { field: string }) => e.field)).toEqual(fields);
  expect(await counts()).toEqual(before);
  return res.body;
}
const upload = (c: Client, meetingId: string, name: string, content: Buffer, type: string) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type }), name);
  return c.request('POST', `/api/v1/steering-committees/meetings/${meetingId}/minutes`, { raw: form });
};

describe('steering committees across the 2025 merger', () => {
  let oldId: string, newId: string;
  let head: { id: string; version: number };
  let meeting: { id: string; version: number };

  it('the old province committee ends with its province; the new one takes over the next day', async () => {
    const open = await refused(() => coordinator.post('/api/v1/steering-committees', {
      unitId: ids['72@old'], name: 'Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh Tây Ninh', decisionNumber: '512/QĐ-UBND', decisionDate: '2021-03-01', validFrom: '2021-03-01',
    }), 422, 'steering.dates_invalid', ['body.validTo']);
    expect(open.errors[0].message).toMatch(/30\/06\/2025/);
    const old = await coordinator.post('/api/v1/steering-committees', {
      unitId: ids['72@old'], name: 'Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh Tây Ninh', decisionNumber: '512/QĐ-UBND', decisionDate: '2021-02-25', validFrom: '2021-03-01', validTo: '2025-06-30',
    });
    expect(old.status).toBe(201);
    oldId = old.body.id;
    const next = await coordinator.post('/api/v1/steering-committees', {
      unitId: ids['80@new'], name: 'Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh Tây Ninh (sau hợp nhất)', decisionNumber: '1650/QĐ-UBND', decisionDate: '2025-07-01', validFrom: '2025-07-01', predecessorId: oldId,
    });
    expect(next.status).toBe(201);
    newId = next.body.id;
    expect(next.body.predecessors).toMatchObject([{ id: oldId, validTo: '2025-06-30' }]);
    expect((await coordinator.get(`/api/v1/steering-committees/${oldId}`)).body.successor).toMatchObject({ id: newId, validFrom: '2025-07-01' });
    // One committee of a unit at a time.
    await refused(() => coordinator.post('/api/v1/steering-committees', {
      unitId: ids['80@new'], name: 'Ban Chỉ đạo thứ hai', decisionNumber: '9/QĐ-UBND', decisionDate: '2026-01-01', validFrom: '2026-01-01',
    }), 422, 'steering.overlap', ['body.validFrom']);
  });

  it('lists the committee working on a day, within a unit as it stood then', async () => {
    const before = await coordinator.get('/api/v1/steering-committees?within=72&at=2024-06-01');
    expect(before.body.map((c: { id: string }) => c.id)).toEqual([oldId]);
    const after = await coordinator.get('/api/v1/steering-committees?within=80&at=2026-01-01');
    expect(after.body.map((c: { id: string }) => c.id)).toEqual([newId]);
    // The old province is gone on that day.
    expect((await coordinator.get('/api/v1/steering-committees?within=72&at=2026-01-01')).status).toBe(404);
    // A viewer of the new province reads both (the old one through succession).
    expect((await viewer.get(`/api/v1/steering-committees/${oldId}`)).status).toBe(200);
  });

  it('members over time: one head at a time, replacing closes the previous seat', async () => {
    const add = (body: object) => coordinator.post(`/api/v1/steering-committees/${newId}/members`, {
      agency: 'Ủy ban nhân dân tỉnh Tây Ninh', decisionNumber: '1650/QĐ-UBND', decisionDate: '2025-07-01', ...body,
    });
    const first = await add({ personName: 'Lê Thị Hồng', position: 'head', jobTitle: 'Phó Chủ tịch', validFrom: '2025-07-01' });
    expect(first.status).toBe(201);
    await add({ personName: 'Phạm Quốc Bảo', position: 'standing_deputy', agency: 'Sở Giáo dục và Đào tạo', jobTitle: 'Giám đốc', validFrom: '2025-07-01' });
    await refused(() => add({ personName: 'Trần Văn Minh', position: 'head', validFrom: '2025-09-01' }), 422, 'steering.member_invalid', ['body.position']);
    await refused(() => add({ personName: 'Võ Thanh Tùng', position: 'member', validFrom: '2025-09-01', validTo: '2025-08-31' }), 422, 'steering.member_invalid', ['body.validTo']);
    await refused(() => add({ personName: 'Võ Thanh Tùng', position: 'member', decisionDate: '2025-06-30', validFrom: '2025-06-30' }), 422, 'steering.member_invalid', ['body.validFrom']);
    await refused(() => add({ personName: 'phạm  quốc bảo', position: 'member', validFrom: '2025-09-01' }), 422, 'steering.member_invalid', ['body.personName']);
    await refused(() => add({ personName: 'Võ Thanh Tùng', position: 'chairman', validFrom: '2025-09-01' }), 400, 'request.invalid', ['body.position']);

    head = first.body.members.find((m: { position: string }) => m.position === 'head');
    const replaced = await coordinator.post(`/api/v1/steering-committees/members/${head.id}/replace`, {
      personName: 'Nguyễn Hoàng Nam', agency: 'Ủy ban nhân dân tỉnh Tây Ninh', jobTitle: 'Phó Chủ tịch', decisionNumber: '300/QĐ-UBND', decisionDate: '2026-02-25', validFrom: '2026-03-01', version: head.version,
    });
    expect(replaced.status).toBe(201);
    const history = replaced.body.history as { personName: string; position: string; validFrom: string; validTo: string | null; replaces: { personName: string } | null }[];
    expect(history.filter((m) => m.position === 'head').map((m) => [m.personName, m.validFrom, m.validTo, m.replaces?.personName ?? null])).toEqual([
      ['Lê Thị Hồng', '2025-07-01', '2026-02-28', null], ['Nguyễn Hoàng Nam', '2026-03-01', null, 'Lê Thị Hồng'],
    ]);
    const then = await coordinator.get(`/api/v1/steering-committees/${newId}?at=2026-02-28`);
    expect(then.body.members.map((m: { personName: string }) => m.personName)).toEqual(['Lê Thị Hồng', 'Phạm Quốc Bảo']);
    const now = await coordinator.get(`/api/v1/steering-committees/${newId}`);
    expect(now.body.members.map((m: { personName: string; positionLabel: string }) => `${m.positionLabel}: ${m.personName}`)).toEqual(['Trưởng ban: Nguyễn Hoàng Nam', 'Phó Trưởng ban thường trực: Phạm Quốc Bảo']);
    // A stale replacement (the seat already changed) is refused.
    await refused(() => coordinator.post(`/api/v1/steering-committees/members/${head.id}/replace`, {
      personName: 'Ai Đó', agency: 'UBND', decisionNumber: '1/QĐ', decisionDate: '2026-04-01', validFrom: '2026-04-01', version: head.version,
    }), 409, 'steering_committee_member.stale_version');
  });

  it('the members export lists the whole history', async () => {
    const res = await coordinator.get(`/api/v1/steering-committees/${newId}/members?format=xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(1).value).toBe('Họ và tên');
    expect(ws.rowCount).toBe(2 + 3);
  });

  it('a meeting is recorded once held, with its minutes file', async () => {
    const body = { heldOn: '2026-03-10', kind: 'regular', chair: 'Nguyễn Hoàng Nam', attendeeCount: 15, agenda: 'Sơ kết công tác quý I', conclusions: 'Giao Sở GDĐT hướng dẫn kiện toàn Ban Chỉ đạo cấp xã.' };
    await refused(() => coordinator.post(`/api/v1/steering-committees/${newId}/meetings`, { ...body, heldOn: '2026-11-24' }), 422, 'steering.meeting_invalid', ['body.heldOn']);
    await refused(() => coordinator.post(`/api/v1/steering-committees/${newId}/meetings`, { ...body, heldOn: '2025-06-30' }), 422, 'steering.meeting_invalid', ['body.heldOn']);
    await refused(() => coordinator.post(`/api/v1/steering-committees/${newId}/meetings`, { ...body, attendeeCount: -1 }), 400, 'request.invalid', ['body.attendeeCount']);
    const today = await coordinator.post(`/api/v1/steering-committees/${newId}/meetings`, { ...body, heldOn: '2026-11-23', kind: 'extraordinary' });
    expect(today.status).toBe(201); // held today: allowed
    const res = await coordinator.post(`/api/v1/steering-committees/${newId}/meetings`, body);
    expect(res.status).toBe(201);
    meeting = res.body;

    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('biên bản họp')]);
    await refused(() => upload(coordinator, meeting.id, 'bien-ban.exe', Buffer.from('MZ\x90\x00'), 'application/octet-stream'), 415, 'minutes.bad_file_type', ['file']);
    await refused(() => upload(coordinator, meeting.id, 'bien-ban.pdf', Buffer.from('<html>not a pdf</html>'), 'application/pdf'), 415, 'minutes.bad_file_type', ['file']);
    const up = await upload(coordinator, meeting.id, 'Biên bản họp quý I.pdf', pdf, 'application/pdf');
    expect(up.status).toBe(200);
    expect(up.body.minutesFile).toMatchObject({ name: 'Biên bản họp quý I.pdf', sizeBytes: pdf.length });
    meeting = up.body;
    const down = await viewer.get(`/api/v1/steering-committees/meetings/${meeting.id}/minutes`);
    expect(down.status).toBe(200);
    expect(down.headers.get('x-content-sha256')).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(Buffer.compare(down.body, pdf)).toBe(0);
    // The meeting cannot be moved before the committee's life, nor the committee ended before it.
    await refused(() => coordinator.request('PATCH', `/api/v1/steering-committees/${newId}`, { body: { validTo: '2026-03-09', version: 1 } }), 422, 'steering.closing_invalid', ['body.validTo']);
  });

  it('tasks decided at a meeting become plan tasks of the lead agency, with live progress on the meeting', async () => {
    const task = { text: 'Hướng dẫn các xã, phường kiện toàn Ban Chỉ đạo XMC-PCGD-XDXHHT cấp xã', leadUnitId: ids['80.SGDDT@new'], coordinatingUnitIds: [ids['25459@new']], deadline: '2026-12-31' };
    const post = (body: object) => coordinator.post(`/api/v1/steering-committees/meetings/${meeting.id}/tasks`, body);
    const { leadUnitId: _l, ...noLead } = task;
    await refused(() => post({ planId, tasks: [noLead] }), 400, 'request.invalid', ['body.tasks.0.leadUnitId']);
    const { deadline: _d, ...noDeadline } = task;
    await refused(() => post({ planId, tasks: [noDeadline] }), 400, 'request.invalid', ['body.tasks.0.deadline']);
    await refused(() => post({ planId, tasks: [{ ...task, deadline: '2026-03-09' }] }), 422, 'steering.assignment_invalid', ['body.tasks.0.deadline']);
    await refused(() => post({ planId, tasks: [{ ...task, leadUnitId: ids['79@new'] }] }), 422, 'steering.assignment_invalid', ['body.tasks.0.leadUnitId']);
    await refused(() => post({ planId, tasks: [] }), 400, 'request.invalid', ['body.tasks']);

    const res = await post({ planId, tasks: [task, { ...task, text: 'Báo cáo kết quả kiện toàn Ban Chỉ đạo cấp xã', coordinatingUnitIds: [], deadline: '2026-06-30' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const tasks = res.body.tasks as { id: string; code: string; leadAgency: { code: string }; dueRuleText: string; status: string; plan: { number: string } }[];
    expect(tasks.map((t) => [t.code, t.leadAgency.code, t.dueRuleText, t.status, t.plan.number])).toEqual([
      [`BCĐ.${meeting.id}.1`, '80.SGDDT', 'Trước ngày 31/12/2026', 'not_started', '2042/KH-UBND'],
      [`BCĐ.${meeting.id}.2`, '80.SGDDT', 'Trước ngày 30/06/2026', 'overdue', '2042/KH-UBND'],
    ]);

    // The agency finds them in its own task list and reports progress like on any plan task.
    const mine = (await agency.get('/api/v1/my-tasks')).body as { task: { id: string }; assignment: { id: string; version: number } }[];
    const row = mine.find((m) => m.task.id === tasks[0]!.id);
    expect(row).toBeDefined();
    expect(mine.some((m) => m.task.id === tasks[1]!.id)).toBe(true);
    const progress = await agency.post(`/api/v1/assignments/${row!.assignment.id}/progress`, { status: 'in_progress', percent: 40, narrative: 'Đã dự thảo hướng dẫn', version: row!.assignment.version });
    expect(progress.status).toBe(201);
    const live = await viewer.get(`/api/v1/steering-committees/meetings/${meeting.id}`);
    expect(live.body.tasks.map((t: { status: string; percent: number }) => [t.status, t.percent])).toEqual([['in_progress', 40], ['overdue', 0]]);
    // The overdue one is in the overdue list; the plan shows the meeting's section.
    const overdue = (await coordinator.get('/api/v1/overdue')).body as { taskId: string }[];
    expect(overdue.some((o) => o.taskId === tasks[1]!.id)).toBe(true);
    const plan = await coordinator.get(`/api/v1/plans/${planId}`);
    expect(plan.body.sections.find((s: { code: string }) => s.code === `BCĐ.${meeting.id}`).title).toMatch(/giao tại cuộc họp ngày 10\/03\/2026/);
    // A meeting that assigned tasks is not deleted.
    await refused(() => coordinator.request('DELETE', `/api/v1/steering-committees/meetings/${meeting.id}`, { body: { version: meeting.version } }), 409, 'steering.meeting_has_tasks');
    // Every write was audited.
    const actions = (await server.db.selectFrom('audit_log').select('action').where('action', 'like', 'steering%').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['steering_committee.create', 'steering_committee.succession', 'steering_committee_member.replace', 'steering_committee_meeting.minutes', 'steering_committee_meeting.assign']));
  });

  it('meetings export and the committee list as XLSX; the routes are in the OpenAPI document', async () => {
    const docs = await new Client(server.url).get('/api/docs/json');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/steering-committees', '/api/v1/steering-committees/{id}', '/api/v1/steering-committees/meetings/{id}/tasks']));
    for (const path of [`/api/v1/steering-committees/${newId}/meetings?format=xlsx`, '/api/v1/steering-committees?within=80&format=xlsx']) {
      const res = await coordinator.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    }
  });

  it('scope and role: another province, a viewer and an agency cannot write; nothing is written', async () => {
    await refused(() => otherProvince.post(`/api/v1/steering-committees/${newId}/members`, {
      personName: 'Người Ngoài', position: 'member', agency: 'Sở GDĐT Bình Dương', decisionNumber: '1/QĐ', decisionDate: '2026-01-01', validFrom: '2026-01-01',
    }), 403, 'scope.forbidden');
    await refused(() => otherProvince.post(`/api/v1/steering-committees/${newId}/meetings`, { heldOn: '2026-03-11', kind: 'regular', chair: 'X', agenda: 'Y' }), 403, 'scope.forbidden');
    await refused(() => otherProvince.post('/api/v1/steering-committees', {
      unitId: ids['80@new'], name: 'Ban Chỉ đạo lạ', decisionNumber: '1/QĐ', decisionDate: '2026-01-01', validFrom: '2026-01-01',
    }), 403, 'scope.forbidden');
    await refused(() => upload(otherProvince, meeting.id, 'x.pdf', Buffer.from('%PDF-1.4\n'), 'application/pdf'), 403, 'scope.forbidden');
    expect((await otherProvince.get(`/api/v1/steering-committees/${newId}`)).status).toBe(403);
    expect((await otherProvince.get(`/api/v1/steering-committees/meetings/${meeting.id}/minutes`)).status).toBe(403);
    expect((await otherProvince.get('/api/v1/steering-committees?at=2026-01-01')).body).toEqual([]);
    await refused(() => viewer.post(`/api/v1/steering-committees/${newId}/meetings`, { heldOn: '2026-03-11', kind: 'regular', chair: 'X', agenda: 'Y' }), 403, 'role.forbidden');
    await refused(() => agency.post(`/api/v1/steering-committees/meetings/${meeting.id}/tasks`, { planId, tasks: [{ text: 'Nhiệm vụ tự giao', leadUnitId: ids['80.SGDDT@new'], deadline: '2026-12-31' }] }), 403, 'role.forbidden');
  });

  it('a district committee ends on 30/06/2025 and a commune committee of a successor ward takes over', async () => {
    const district = await coordinator.post('/api/v1/steering-committees', {
      unitId: ids['703@old'], name: 'Ban Chỉ đạo XMC-PCGD-XDXHHT thành phố Tây Ninh', decisionNumber: '45/QĐ-UBND', decisionDate: '2021-04-01', validFrom: '2021-04-01', validTo: '2025-06-30',
    });
    expect(district.status).toBe(201);
    await refused(() => coordinator.post('/api/v1/steering-committees', {
      unitId: ids['703@old'], name: 'Ban Chỉ đạo sau sáp nhập', decisionNumber: '1/QĐ', decisionDate: '2025-07-01', validFrom: '2025-07-01',
    }), 422, 'steering.dates_invalid', ['body.validFrom']);
    const ward = await coordinator.post('/api/v1/steering-committees', {
      unitId: ids['25459@new'], name: 'Ban Chỉ đạo XMC-PCGD-XDXHHT phường Tân Ninh', decisionNumber: '12/QĐ-UBND', decisionDate: '2025-07-01', validFrom: '2025-07-01', predecessorId: district.body.id,
    });
    expect(ward.status, JSON.stringify(ward.body)).toBe(201);
    expect(ward.body.predecessors.map((p: { id: string }) => p.id)).toEqual([district.body.id]);
    // A committee of an unrelated unit cannot claim it.
    await refused(() => coordinator.post('/api/v1/steering-committees', {
      unitId: ids['74@old'], name: 'Ban Chỉ đạo Bình Dương', decisionNumber: '2/QĐ', decisionDate: '2024-01-01', validFrom: '2024-01-01', validTo: '2025-06-30', predecessorId: oldId,
    }), 422, 'steering.succession_invalid', ['body.predecessorId']);
  });
});
