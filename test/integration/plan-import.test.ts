import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PlanFile, walkTasks, type PlanSectionFile } from '../../src/modules/plans/model.ts';
import { MAX_INPUT_BYTES } from '../../src/modules/plans/parse/input.ts';
import { runCli } from '../support/cli.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url));
let server: TestServer;
let coordinator: Client, admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await Client.login(server.url, 'coordinator');
  admin = await Client.login(server.url, 'admin');
});
afterAll(async () => { await server.close(); });

const upload = (c: Client, name: string, bytes: Uint8Array, type = 'application/octet-stream') => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return c.request('POST', '/api/v1/plans/parse', { raw: form });
};

describe('parse (nothing is written)', () => {
  it('reads a seed text into exactly the plan file the tracker holds, and knows it is there already', async () => {
    const before = await server.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await coordinator.post('/api/v1/plans/parse', { text: fixture('binh-duong-1144-2022.txt').toString('utf8') });
    expect(res.status).toBe(200);
    const expected = parseYaml(readFileSync(new URL('../../data/plans/binh-duong-1144-2022.yaml', import.meta.url), 'utf8'), { schema: 'core' });
    expect(PlanFile.parse(res.body.draft)).toEqual(PlanFile.parse(expected));
    expect(res.body).toMatchObject({ slug: 'binh-duong-1144-2022', exists: true });
    expect(res.body.parse).toMatchObject({ number: '1144/KH-UBND', issuedOn: '2022-03-16', issuerUnit: { code: '74' }, signer: { name: 'Nguyễn Lộc Hà' } });
    // every task points to its lines, and the lines are returned for the preview
    const task = res.body.parse.tasks.find((t: any) => t.code === 'V.14.9');
    expect(task.due).toEqual({ kind: 'yearly', month: 12, day: 1, phrase: 'định kỳ trước ngày 01 tháng 12 hằng năm' });
    expect(res.body.lines.slice(task.sourceLines[0] - 1, task.sourceLines[1]).join(' ')).toContain('định kỳ trước');
    // "UBND các huyện, thị xã, thành phố" resolved to the nine districts of 2022
    expect(task.lead[0]).toMatchObject({ kind: 'group', code: '@districts', members: expect.arrayContaining([{ code: '718', name: 'Thành phố Thủ Dầu Một' }]) });
    expect(task.lead[0].members).toHaveLength(9);
    const after = await server.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses to load a plan the tracker already holds (409)', async () => {
    const parsed = await coordinator.post('/api/v1/plans/parse', { text: fixture('tay-ninh-2042-2020.txt').toString('utf8') });
    const res = await coordinator.post('/api/v1/plans/import', { plan: parsed.body.draft });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'plan_import.exists', slug: 'tay-ninh-2042-2020' });
    expect(res.body.title).toContain('2042/KH-UBND');
  });
});

describe('an unseen plan: Word file → short review → published', () => {
  it('parses the .docx, flags the bodies the directory lacks, publishes after review, audited', async () => {
    const parsed = await upload(coordinator, 'ke-hoach-4187.docx', fixture('ho-chi-minh-4187-2025.docx'));
    expect(parsed.status).toBe(200);
    expect(parsed.body).toMatchObject({ slug: 'ho-chi-minh-4187-2025', exists: false });
    expect(parsed.body.choices).toEqual(expect.arrayContaining([{ code: '79.SGDDT', name: 'Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh', kind: 'agency' }, expect.objectContaining({ code: '@agencies' })]));
    const draft = parsed.body.draft;

    const refused = await coordinator.post('/api/v1/plans/import', { plan: draft });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('plan_import.unresolved_party');
    expect(refused.body.errors.map((e: any) => e.field)).toEqual(['III.1.coordinating', 'III.1.coordinating', 'III.2.lead']);

    // The review: the city's culture department is not in the directory; its task goes to "các sở, ban, ngành",
    // the unnamed coordinating bodies are kept as text.
    const review = (sections: PlanSectionFile[]) => {
      for (const { task } of walkTasks(sections)) {
        const unresolved = task.coordinating.filter((p) => p.startsWith('?'));
        task.coordinating = task.coordinating.filter((p) => !p.startsWith('?'));
        if (unresolved.length) task.coordinatingText = unresolved.map((p) => p.slice(1)).join(', ');
        if (task.lead === '?Sở Văn hóa và Thể thao') task.lead = ['@agencies'];
      }
    };
    review(draft.sections);
    const res = await coordinator.post('/api/v1/plans/import', { plan: draft });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ slug: 'ho-chi-minh-4187-2025', tasks: 7 });
    // one assignment per commune for the commune tasks (168 each), plus the department's
    expect(res.body.assignments).toBeGreaterThan(2 * 168);

    const plans = (await coordinator.get('/api/v1/plans')).body;
    const plan = plans.find((p: any) => p.number === '4187/KH-UBND');
    expect(plan).toMatchObject({ issuedOn: '2025-09-22', issuer: { code: '79' }, taskCount: 7 });
    const tasks = (await coordinator.get(`/api/v1/plans/${plan.id}/tasks`)).body;
    expect(tasks.find((t: any) => t.code === 'III.1')).toMatchObject({ leadAgency: { code: '79.SGDDT' }, coordinatingText: 'Sở Văn hóa và Thể thao, Hội Khuyến học Thành phố', dueRule: { kind: 'date', date: '2025-10-01' } });
    const audit = (await admin.get('/api/v1/audit?action=plan.load')).body;
    expect(audit[0]).toMatchObject({ after: { slug: 'ho-chi-minh-4187-2025', number: '4187/KH-UBND', tasks: 7 } });
    expect(audit[0].actor).toBe('coordinator');

    const again = await coordinator.post('/api/v1/plans/import', { plan: draft });
    expect(again.status).toBe(409);
  });
});

describe('who may import', () => {
  it('is documented in the OpenAPI description', async () => {
    const doc = (await coordinator.get('/api/docs/json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/plans/parse', '/api/v1/plans/import']));
  });

  it('is admins and coordinators, within their scope', async () => {
    for (const user of ['agency', 'viewer', 'commune']) {
      const c = await Client.login(server.url, user);
      expect((await c.post('/api/v1/plans/parse', { text: 'KẾ HOẠCH' })).body.code).toBe('role.forbidden');
      expect((await c.post('/api/v1/plans/import', { plan: {} })).status).toBe(403);
    }
    const district = (await admin.get('/api/v1/org-units?at=2020-08-27')).body.find((u: any) => u.code === '703').id;
    await admin.post('/api/v1/users', { username: 'dp.tptn', displayName: 'Điều phối TP Tây Ninh', role: 'coordinator', password: 'mat-khau-dai-du', scopeUnitIds: [district] });
    const narrow = await Client.login(server.url, 'dp.tptn', 'mat-khau-dai-du');
    const parsed = await narrow.post('/api/v1/plans/parse', { text: fixture('ho-chi-minh-4187-2025.txt').toString('utf8') });
    expect(parsed.status).toBe(200);
    const res = await narrow.post('/api/v1/plans/import', { plan: { ...parsed.body.draft, sections: [] } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('scope.forbidden');
  });
});

describe('bad input: clear Vietnamese errors with stable codes', () => {
  it('empty, legacy-encoded, too large and not-a-plan texts', async () => {
    const empty = await coordinator.post('/api/v1/plans/parse', { text: '   ' });
    expect(empty).toMatchObject({ status: 422, body: { code: 'plan_import.empty' } });
    const tcvn3 = await coordinator.post('/api/v1/plans/parse', { text: 'Uû ban nh©n d©n tØnh B×nh D­¬ng. Céng hoµ x· héi chñ nghÜa ViÖt Nam. KÕ ho¹ch x©y dùng x· héi häc tËp.' });
    expect(tcvn3).toMatchObject({ status: 422, body: { code: 'plan_import.encoding_tcvn3' } });
    expect(tcvn3.body.title).toMatch(/TCVN3/);
    const big = await coordinator.post('/api/v1/plans/parse', { text: 'a'.repeat(MAX_INPUT_BYTES + 1) });
    expect(big).toMatchObject({ status: 413, body: { code: 'plan_import.too_large' } });
    const letter = await upload(coordinator, 'giay-moi.docx', fixture('giay-moi.docx'));
    expect(letter).toMatchObject({ status: 422, body: { code: 'plan_import.not_a_plan' } });
  });

  it('binary, damaged, oversized and unsupported files', async () => {
    expect((await upload(coordinator, 'anh.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 0, 1, 0])))).toMatchObject({ status: 415, body: { code: 'plan_import.binary' } });
    expect((await upload(coordinator, 'hong.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9])))).toMatchObject({ status: 422, body: { code: 'plan_import.docx_unreadable' } });
    expect((await upload(coordinator, 'kh.pdf', new TextEncoder().encode('%PDF-1.7')))).toMatchObject({ status: 415, body: { code: 'plan_import.pdf' } });
    // larger than the server's upload limit for evidence files (256 KB in tests): the plan limit applies
    const huge = await upload(coordinator, 'lon.txt', new Uint8Array(MAX_INPUT_BYTES + 10).fill(0x61));
    expect(huge).toMatchObject({ status: 413, body: { code: 'plan_import.too_large' } });
    const plain = await coordinator.request('POST', '/api/v1/plans/parse', { raw: 'x', headers: { 'content-type': 'text/plain' } });
    expect(plain).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
  });

  it('an edited plan that is malformed or names units that did not exist on its date', async () => {
    const parsed = await coordinator.post('/api/v1/plans/parse', { text: fixture('ho-chi-minh-4187-2025.txt').toString('utf8') });
    const draft = parsed.body.draft;
    const bad = await coordinator.post('/api/v1/plans/import', { plan: { ...draft, issuedOn: '22/09/2025' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('plan.issuedOn');
    for (const { task } of walkTasks(draft.sections)) {
      task.coordinating = task.coordinating.filter((p: string) => !p.startsWith('?'));
      if (typeof task.lead === 'string' && task.lead.startsWith('?')) task.lead = '74.SGDDT'; // Bình Dương's department ended on 30/06/2025
    }
    const unknown = await coordinator.post('/api/v1/plans/import', { slug: 'hcm-thu', plan: draft });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'plan_import.unknown_unit', errors: [{ field: '74.SGDDT' }] });
  });
});

describe('xhht plan parse (no database)', () => {
  it('prints the plan as JSON with the documented fields', async () => {
    const file = new URL('../fixtures/plans/tay-ninh-2042-2020.txt', import.meta.url).pathname;
    // DATABASE_URL pointing nowhere proves the command does not need one.
    const { code, out } = await runCli(['plan', 'parse', file, '--json'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan).toMatchObject({ number: '2042/KH-UBND', issuer: 'Ủy ban nhân dân tỉnh Tây Ninh', place: 'Tây Ninh', issuedOn: '2020-08-27', documentType: 'Kế hoạch', signer: { name: 'Nguyễn Mạnh Hùng' } });
    expect(plan.legalBasis).toHaveLength(2);
    expect(plan.recipients).toContain('UBND các huyện, thị xã, thành phố');
    expect(plan.tasks).toHaveLength(39);
    expect(plan.tasks.find((t: any) => t.code === 'III.1.1')).toMatchObject({
      lead: [{ code: '@agencies' }, { code: '@districts' }], coordinating: [], due: { kind: 'date', date: '2020-09-30' }, sourceLines: [120, 120],
    });
    expect(plan.sections.map((s: any) => s.code)).toEqual(['I', 'II', 'III']);
    expect(plan.targets).toEqual([]);
  });

  it('says why a file cannot be read, with a stable code and exit status 1', async () => {
    const file = new URL('../fixtures/plans/giay-moi.docx', import.meta.url).pathname;
    const { code, out } = await runCli(['plan', 'parse', file, '--json'], {});
    expect(code).toBe(1);
    expect(JSON.parse(out).error.code).toBe('plan_import.not_a_plan');
  });
});
