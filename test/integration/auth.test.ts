import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';
import { TEST_PASSWORD } from '../support/constants.ts';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

describe('health and sign-in', () => {
  it('reports health without a session', async () => {
    const res = await new Client(server.url).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: expect.stringMatching(/^(embedded|external)$/) });
  });

  it('signs in every demo role with an HttpOnly SameSite session cookie', async () => {
    for (const username of ['admin', 'coordinator', 'agency', 'commune', 'assessor', 'viewer']) {
      const c = new Client(server.url);
      const res = await c.post('/api/v1/auth/login', { username, password: TEST_PASSWORD });
      expect(res.status, username).toBe(200);
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect((await c.get('/api/v1/auth/me')).body.username).toBe(username);
    }
  });

  it('refuses a wrong password or unknown user with the same 401', async () => {
    const wrong = await new Client(server.url).post('/api/v1/auth/login', { username: 'admin', password: 'sai' });
    const unknown = await new Client(server.url).post('/api/v1/auth/login', { username: 'khongco', password: 'sai' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('auth.invalid_credentials');
    expect(unknown.body).toMatchObject({ code: wrong.body.code, title: wrong.body.title });
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('rate-limits repeated attempts on one account, not the whole office', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await new Client(server.url).post('/api/v1/auth/login', { username: 'khach', password: `sai-${i}` })).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    const limited = await new Client(server.url).post('/api/v1/auth/login', { username: 'khach', password: 'bat-ky' });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('auth.rate_limited');
    expect((await new Client(server.url).post('/api/v1/auth/login', { username: 'viewer', password: TEST_PASSWORD })).status).toBe(200);
  });

  it('requires a session for the API and ends it on logout', async () => {
    expect((await new Client(server.url).get('/api/v1/plans')).status).toBe(401);
    const c = await Client.login(server.url, 'coordinator');
    const cookie = c.cookie;
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    const stale = new Client(server.url);
    stale.cookie = cookie;
    expect((await stale.get('/api/v1/plans')).status).toBe(401);
  });
});

describe('bad requests', () => {
  it('refuses a write without the anti-CSRF header (a cross-site form post)', async () => {
    const c = await Client.login(server.url, 'agency');
    const res = await c.request('POST', '/api/v1/auth/logout', { headers: { 'x-requested-with': '' } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('auth.csrf');
    const form = await c.request('POST', '/api/v1/assignments/1/progress', { raw: 'status=done', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-requested-with': '' } });
    expect(form.status).toBe(403);
  });

  it('answers malformed JSON, unknown and missing fields with problem+json naming the field', async () => {
    const c = new Client(server.url);
    const malformed = await c.request('POST', '/api/v1/auth/login', { raw: '{"username": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('request.malformed_json');
    const unknown = await c.post('/api/v1/auth/login', { username: 'a', password: 'b', role: 'admin' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('body.role');
    const missing = await c.post('/api/v1/auth/login', { username: 'admin' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('body.password');
    expect(missing.body.title).toMatch(/không hợp lệ/);
  });

  it('answers unknown API routes with a 404 problem', async () => {
    expect((await new Client(server.url).get('/api/v1/khong-co')).status).toBe(401); // no route list for strangers
    const res = await (await Client.login(server.url, 'admin')).get('/api/v1/khong-co');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('route.not_found');
  });

  it('publishes the OpenAPI document', async () => {
    const res = await new Client(server.url).get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/plans', '/api/v1/plans/{id}/tasks', '/api/v1/org-units', '/api/v1/auth/login']));
  });
});
