import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let admin: Client;
beforeAll(async () => { server = await startTestServer(); admin = await Client.login(server.url, 'admin'); });
afterAll(async () => { await server.close(); });

const unitId = async (code: string, at: string) => (await admin.get(`/api/v1/org-units?at=${at}`)).body.find((u: any) => u.code === code).id as string;

describe('user administration', () => {
  it('creates a district reporter who then sees only that district\'s assignments', async () => {
    const district = await unitId('703', '2020-08-27');
    const res = await admin.post('/api/v1/users', { username: 'bc.tptn', displayName: 'Cán bộ TP Tây Ninh', role: 'agency_reporter', password: 'mat-khau-dai-du', scopeUnitIds: [district] });
    expect(res.status).toBe(201);
    const reporter = await Client.login(server.url, 'bc.tptn', 'mat-khau-dai-du');
    const mine = (await reporter.get('/api/v1/my-tasks')).body;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r: any) => r.assignment.unit.code === '703')).toBe(true);
    const audit = (await admin.get('/api/v1/audit?action=user.create')).body;
    expect(audit[0].after).toMatchObject({ username: 'bc.tptn' });
    expect(JSON.stringify(audit[0])).not.toMatch(/scrypt/);
    const xlsx = await admin.get('/api/v1/audit?action=user.create&format=xlsx');
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
  });

  it('refuses duplicates, weak passwords and bad names, naming the field', async () => {
    const district = await unitId('703', '2020-08-27');
    const dup = await admin.post('/api/v1/users', { username: 'agency', displayName: 'x', role: 'viewer', password: 'mat-khau-dai-du', scopeUnitIds: [district] });
    expect(dup.status).toBe(409);
    const weak = await admin.post('/api/v1/users', { username: 'moi.mot', displayName: 'x', role: 'viewer', password: 'ngan', scopeUnitIds: [district] });
    expect(weak.body.errors[0].field).toBe('body.password');
    const name = await admin.post('/api/v1/users', { username: 'Tên Có Dấu', displayName: 'x', role: 'viewer', password: 'mat-khau-dai-du', scopeUnitIds: [district] });
    expect(name.body.errors[0].field).toBe('body.username');
    const role = await admin.post('/api/v1/users', { username: 'moi.hai', displayName: 'x', role: 'superuser', password: 'mat-khau-dai-du', scopeUnitIds: [district] });
    expect(role.body.errors[0].field).toBe('body.role');
  });

  it('deactivates a user, ending their sessions, with optimistic concurrency', async () => {
    const viewerSession = await Client.login(server.url, 'viewer');
    const users = (await admin.get('/api/v1/users')).body;
    const viewer = users.find((u: any) => u.username === 'viewer');
    const off = await admin.request('PATCH', `/api/v1/users/${viewer.id}`, { body: { active: false, version: viewer.version } });
    expect(off.status).toBe(200);
    expect((await viewerSession.get('/api/v1/plans')).status).toBe(401);
    expect((await new Client(server.url).post('/api/v1/auth/login', { username: 'viewer', password: 'mat-khau-kiem-thu' })).status).toBe(401);
    const stale = await admin.request('PATCH', `/api/v1/users/${viewer.id}`, { body: { active: true, version: viewer.version } });
    expect(stale.status).toBe(409);
  });

  it('is for administrators only, and an admin cannot lock themselves out', async () => {
    expect((await (await Client.login(server.url, 'coordinator')).get('/api/v1/users')).status).toBe(403);
    const me = (await admin.get('/api/v1/auth/me')).body;
    const self = (await admin.get('/api/v1/users')).body.find((u: any) => u.id === me.id);
    const res = await admin.request('PATCH', `/api/v1/users/${me.id}`, { body: { role: 'viewer', version: self.version } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('user.self_lockout');
  });
});
