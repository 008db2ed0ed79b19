import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

// Indicators counted from the registers of issue 8 (migration 0016): centres applying IT over centres in force,
// participants of the centres per year, open learning resources published per publisher unit and period.

let server: TestServer;
let admin: Client, coordinator: Client, commune: Client;
/** Ids by `code@era`: codes are reused across the 2025 reform. */
const ids: Record<string, string> = {};
const analytics = async (c: Client, code: string, unitId: string, period: string) => {
  const res = await c.get(`/api/v1/analytics?indicator=${code}&unitId=${unitId}&period=${period}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { value: number | null; numerator: number | null; denominator: number | null; lineage: string };
};
const put = (c: Client, path: string, body: unknown) => c.request('PUT', path, { body });

beforeAll(async () => {
  server = await startTestServer();
  [admin, coordinator, commune] = await Promise.all(['admin', 'coordinator', 'commune'].map((u) => Client.login(server.url, u))) as [Client, Client, Client];
  const units = await server.db.selectFrom('org_unit').select(['id', 'code', 'valid_to'])
    .where('code', 'in', ['25456', '25459', '25462', '703', '705', '72', '80', '79', '74', '80.SGDDT']).execute();
  for (const u of units) ids[`${u.code}@${u.valid_to ? 'old' : 'new'}`] = u.id;
});
afterAll(async () => { await server.close(); });

describe('indicators counted from the community learning centres', () => {
  const centre: Record<string, { id: string }> = {};

  beforeAll(async () => {
    for (const [key, communeId, name] of [['p1', ids['25456@old'], 'TTHTCĐ Phường 1'], ['p3', ids['25459@old'], 'TTHTCĐ Phường 3'], ['p4', ids['25462@old'], 'TTHTCĐ Phường 4']] as const) {
      const res = await commune.post('/api/v1/learning-centres', { communeId, name, validFrom: '2015-01-01' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      centre[key] = res.body;
    }
    // 2024: Phường 1 uses IT in management, Phường 3 reports without IT, Phường 4 does not report.
    const year = (itManagement: boolean, itTeaching: boolean, participants: number[]) => ({
      itManagement, itTeaching, selfRating: null, version: null,
      activities: participants.map((p, i) => ({ topic: (['literacy', 'law', 'it'] as const)[i], classes: 1, sessions: 2, participants: p })),
    });
    expect((await put(commune, `/api/v1/learning-centres/${centre.p1!.id}/years/2024`, year(true, false, [30, 10]))).status).toBe(200);
    expect((await put(commune, `/api/v1/learning-centres/${centre.p3!.id}/years/2024`, year(false, false, [25]))).status).toBe(200);
    // 2026: Phường 3 teaches with IT; the old wards' centres still wait to be re-organised under the new ward.
    expect((await put(commune, `/api/v1/learning-centres/${centre.p3!.id}/years/2026`, year(false, true, [12]))).status).toBe(200);
  });

  it('gives the share of centres applying IT and the participants, equal to the centres summary of the same area', async () => {
    const share = await analytics(coordinator, 'CLC_IT_SHARE', ids['72@old']!, '2024');
    expect(share).toMatchObject({ numerator: 1, denominator: 3 });
    expect(share.value).toBe(33.333); // 1 of 3, to the indicator's decimals + 2
    const participants = await analytics(coordinator, 'CLC_PARTICIPANTS', ids['72@old']!, '2024');
    expect(participants).toMatchObject({ value: 65, numerator: 65 });
    // The register's own summary of the same area and year says the same.
    const summary = (await coordinator.get('/api/v1/learning-centres/summary?within=72&year=2024')).body;
    expect(summary).toMatchObject({ centres: share.denominator, applyingIt: share.numerator, participants: participants.value });
    // And so does a count straight from the tables.
    const counted = (await sql<{ centres: number; it: number; participants: number }>`
      SELECT count(*)::int AS centres, count(*) FILTER (WHERE y.it_management OR y.it_teaching)::int AS it,
             (SELECT sum(participants)::int FROM learning_centre_activity WHERE year = 2024) AS participants
      FROM learning_centre c LEFT JOIN learning_centre_year y ON y.centre_id = c.id AND y.year = 2024`.execute(server.db)).rows[0]!;
    expect([counted.it, counted.centres, counted.participants]).toEqual([1, 3, 65]);
  });

  it('is scoped to the area: the district holds them, another district has none, a year without reports has no participants', async () => {
    expect(await analytics(coordinator, 'CLC_IT_SHARE', ids['703@old']!, '2024')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(await analytics(coordinator, 'CLC_IT_SHARE', ids['705@old']!, '2024')).toMatchObject({ value: null, denominator: null });
    expect(await analytics(coordinator, 'CLC_PARTICIPANTS', ids['705@old']!, '2024')).toMatchObject({ value: null });
    expect(await analytics(coordinator, 'CLC_PARTICIPANTS', ids['72@old']!, '2023')).toMatchObject({ value: null });
    // A centre founded after the period's end does not count.
    expect(await analytics(coordinator, 'CLC_IT_SHARE', ids['72@old']!, '2014')).toMatchObject({ value: null });
  });

  it('follows the 2025 reorganisation: the new province and the new ward count the centres of the communes they took over', async () => {
    expect(await analytics(coordinator, 'CLC_IT_SHARE', ids['80@new']!, '2026')).toMatchObject({ value: 33.333, numerator: 1, denominator: 3, lineage: 'predecessors' });
    expect(await analytics(commune, 'CLC_IT_SHARE', ids['25459@new']!, '2026')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(await analytics(commune, 'CLC_PARTICIPANTS', ids['25459@new']!, '2026')).toMatchObject({ value: 12 });
    // Outside the reader's scope: refused.
    const outside = await commune.get(`/api/v1/analytics?indicator=CLC_IT_SHARE&unitId=${ids['80@new']}&period=2026`);
    expect(outside.status).toBe(403);
    // The other province's cover holds none of them.
    expect(await analytics(coordinator, 'CLC_IT_SHARE', ids['79@new']!, '2026')).toMatchObject({ value: null });
  });

  it('lists the children of a unit with their own shares', async () => {
    const res = await coordinator.get(`/api/v1/analytics/children?indicator=CLC_IT_SHARE&unitId=${ids['72@old']}&period=2024`);
    expect(res.status).toBe(200);
    const district = res.body.items.find((i: { unit: { id: string } }) => i.unit.id === ids['703@old']);
    expect(district).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('shows the 1144/KH-UBND target "70 % of centres applying IT" on the dashboard of the unit that took over Bình Dương', async () => {
    const res = await coordinator.get(`/api/v1/dashboard?unitId=${ids['79@new']}&plan=${encodeURIComponent('1144/KH-UBND')}`);
    expect(res.status).toBe(200);
    const items = res.body.items.filter((i: { indicator: { code: string } }) => i.indicator.code === 'CLC_IT_SHARE');
    expect(items.map((i: { target: { year: number; value: number } }) => [i.target.year, i.target.value]).sort()).toEqual([[2025, 70], [2030, 90]]);
  });
});

describe('indicators counted from the open learning resources', () => {
  const resource = (title: string, format = 'document', publisherUnitId?: string) => ({
    title, description: '', subject: 'Học tập suốt đời', audience: 'Người lớn', format, url: 'https://hoclieu.example.vn/x', licence: 'CC BY 4.0',
    ...(publisherUnitId ? { publisherUnitId } : {}),
  });
  /** Creates, publishes, and dates the publication (Vietnam time) as if it had happened then. */
  async function published(title: string, at: string | null, format = 'document', unit = ids['80.SGDDT@new']!) {
    const created = await coordinator.post('/api/v1/resources', resource(title, format, unit));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    if (at === null) return created.body.id as string;
    expect((await coordinator.post(`/api/v1/resources/${created.body.id}/publish`)).status).toBe(200);
    await server.db.updateTable('learning_resource').set({ published_at: new Date(at) }).where('id', '=', created.body.id).execute();
    return created.body.id as string;
  }

  beforeAll(async () => {
    await published('Sổ tay học tập suốt đời', '2025-03-10T10:00:00+07:00');
    await published('Video kỹ năng số', '2025-12-31T23:30:00+07:00', 'video');
    await published('Bài giảng đầu năm', '2026-01-01T00:30:00+07:00'); // still 2025 in UTC: counts for 2026
    await published('Bản nháp chưa công bố', null);
    await published('Học liệu của Thành phố', '2025-06-01T09:00:00+07:00', 'document', ids['79@new']);
  });

  it('counts the resources published in the year by the publishers of the area, Vietnam time, drafts excluded', async () => {
    expect(await analytics(coordinator, 'OPEN_RESOURCES_PUBLISHED', ids['80@new']!, '2025')).toMatchObject({ value: 2 });
    expect(await analytics(coordinator, 'OPEN_RESOURCES_PUBLISHED', ids['80@new']!, '2026')).toMatchObject({ value: 1 });
    expect(await analytics(coordinator, 'OPEN_RESOURCES_PUBLISHED', ids['79@new']!, '2025')).toMatchObject({ value: 1 });
    expect(await analytics(coordinator, 'OPEN_RESOURCES_PUBLISHED', ids['80@new']!, '2025Q1')).toMatchObject({ value: 1 });
    expect(await analytics(coordinator, 'OPEN_RESOURCES_PUBLISHED', ids['80@new']!, '2025Q4')).toMatchObject({ value: 1 });
    expect(await analytics(coordinator, 'OPEN_RESOURCES_PUBLISHED', ids['80@new']!, '2024')).toMatchObject({ value: 0 });
    // Equal to the counts by publisher of the resources module for the same year, restricted to the area.
    const counts = (await coordinator.get('/api/v1/resources/counts?year=2025')).body as { units: { unit: { id: string }; total: number }[] };
    const inArea = counts.units.filter((u) => u.unit.id === ids['80.SGDDT@new']).reduce((s, u) => s + u.total, 0);
    expect(inArea).toBe(2);
  });

  it('counts one format when the indicator names it', async () => {
    const created = await admin.post('/api/v1/indicators', {
      code: 'OPEN_VIDEOS', name: 'Số video học tập được công bố', aggregation: 'sum', computed: { kind: 'openResources', format: 'video' }, unitLabel: 'video', decimals: 0, verified: 'I',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await analytics(coordinator, 'OPEN_VIDEOS', ids['80@new']!, '2025')).toMatchObject({ value: 1 });
  });
});

describe('defining a register-counted indicator', () => {
  it('refuses a wrong aggregation, data elements beside the register, an unknown measure; nothing written', async () => {
    const base = { code: 'REG_BAD', name: 'Chỉ số thử sai', factor: 100, verified: 'I' };
    const fields = (r: { body: { errors?: { field: string }[] } }) => (r.body.errors ?? []).map((e) => e.field);
    const sum = await admin.post('/api/v1/indicators', { ...base, aggregation: 'sum', computed: { kind: 'learningCentres', measure: 'applyingIt' } });
    expect(sum.status).toBe(400);
    expect(fields(sum)).toContain('body.aggregation');
    const ratio = await admin.post('/api/v1/indicators', { ...base, aggregation: 'ratio', computed: { kind: 'openResources' } });
    expect(fields(ratio)).toContain('body.aggregation');
    const withElements = await admin.post('/api/v1/indicators', { ...base, aggregation: 'ratio', numerator: 'CLC_IT', denominator: 'CLC', computed: { kind: 'learningCentres', measure: 'applyingIt' } });
    expect(fields(withElements)).toEqual(expect.arrayContaining(['body.numerator', 'body.denominator']));
    const unknown = await admin.post('/api/v1/indicators', { ...base, aggregation: 'sum', computed: { kind: 'learningCentres', measure: 'teachers' } });
    expect(unknown.status).toBe(400);
    const badFormat = await admin.post('/api/v1/indicators', { ...base, aggregation: 'sum', computed: { kind: 'openResources', format: 'hologram' } });
    expect(badFormat.status).toBe(400);
    expect(await server.db.selectFrom('indicator').select('id').where('code', '=', 'REG_BAD').execute()).toEqual([]);
  });

  it('is backed by the database: a register source without its aggregation cannot be stored', async () => {
    await expect(sql`INSERT INTO indicator (code, name, aggregation, computed) VALUES ('REG_RAW', 'Thử', 'ratio', '{"kind":"learningCentres","measure":"participants"}')`.execute(server.db))
      .rejects.toThrow(/check constraint/);
    await expect(sql`INSERT INTO indicator (code, name, aggregation, computed) VALUES ('REG_RAW', 'Thử', 'sum', '{"kind":"learningCentres","measure":"participants"}')`.execute(server.db))
      .resolves.toBeDefined();
  });
});
