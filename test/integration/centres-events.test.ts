import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let coordinator: Client, commune: Client, viewer: Client;
/** Ids by `code@era`: codes are reused across the 2025 reform (25459 is Phường 3 before, Phường Tân Ninh after). */
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  [coordinator, commune, viewer] = await Promise.all(['coordinator', 'commune', 'viewer'].map((u) => Client.login(server.url, u))) as [Client, Client, Client];
  const units = await server.db.selectFrom('org_unit').select(['id', 'code', 'valid_to']).where('code', 'in', ['25456', '25459', '25462', '27727', '72', '80']).execute();
  for (const u of units) ids[`${u.code}@${u.valid_to ? 'old' : 'new'}`] = u.id;
});
afterAll(async () => { await server.close(); });

const count = async (table: 'learning_centre' | 'learning_centre_year' | 'event_activity' | 'exemplary') =>
  Number((await server.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
type Centre = { id: string; name: string; validFrom: string; validTo: string | null; version: number; needsReorganisation: boolean; commune: { code: string; name: string; parent: { code: string } | null } };
const list = async (c: Client, query: string) => {
  const res = await c.get(`/api/v1/learning-centres?${query}`);
  expect(res.status).toBe(200);
  return res.body as Centre[];
};
/** The POP15 figure (population aged 15+) of a unit for a year, as the indicators would hold it. */
async function setPopulation(unitId: string, year: string, value: number) {
  const el = await server.db.selectFrom('data_element').select('id').where('code', '=', 'POP15').executeTakeFirstOrThrow();
  await server.db.insertInto('data_value').values({ unit_id: unitId, data_element_id: el.id, period: year, value }).execute();
}

describe('community learning centres across the 2025 reorganisation', () => {
  const c: Record<string, Centre> = {};

  it('a commune officer records the centres of the old wards its new ward took over', async () => {
    for (const [key, communeId, name, validFrom] of [['p1', ids['25456@old'], 'TTHTCĐ Phường 1', '2015-03-01'], ['p3', ids['25459@old'], 'TTHTCĐ Phường 3', '2016-01-01'], ['p4', ids['25462@old'], 'TTHTCĐ Phường 4', '2014-09-01']] as const) {
      const res = await commune.post('/api/v1/learning-centres', { communeId, name, validFrom, managers: 2, teachers: 3, collaborators: 10 });
      expect(res.status).toBe(201);
      c[key] = res.body;
    }
    expect(c.p1!.commune).toMatchObject({ code: '25456', name: 'Phường 1', parent: { code: '703' } });
  });

  it('a centre is founded only in a commune in force that day', async () => {
    const before = await count('learning_centre');
    const res = await commune.post('/api/v1/learning-centres', { communeId: ids['25456@old'], name: 'TTHTCĐ muộn', validFrom: '2025-08-01' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('centre.commune_not_in_force');
    expect(fieldsOf(res.body)).toEqual(['body.communeId']);
    expect(await count('learning_centre')).toBe(before);
  });

  it('before 01/07/2025 the centres are listed under the old province, with their communes as they stood', async () => {
    const rows = await list(coordinator, 'within=72&at=2025-06-30');
    expect(rows.map((r) => r.name).sort()).toEqual(['TTHTCĐ Phường 1', 'TTHTCĐ Phường 3', 'TTHTCĐ Phường 4']);
    expect(rows.every((r) => !r.needsReorganisation && r.commune.parent?.code === '703')).toBe(true);
    expect(await list(coordinator, 'within=703&at=2025-06-30')).toHaveLength(3); // the district, as it stood
    const gone = await coordinator.get('/api/v1/learning-centres?within=703&at=2025-08-01');
    expect(gone.status).toBe(404);
    expect(fieldsOf(gone.body)).toEqual(['querystring.within']);
    // The same code 25459 names Phường 3 on that day.
    expect((await list(commune, 'within=25459&at=2025-03-01')).map((r) => r.commune.name)).toEqual(['Phường 3']);
  });

  it('after the merger, centres not yet re-organised are flagged under the new province', async () => {
    const rows = await list(coordinator, 'within=80&at=2025-08-01');
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.needsReorganisation)).toBe(true);
  });

  it('re-organising closes the old centres the day before and links them to the centre of the successor ward', async () => {
    const first = await commune.post(`/api/v1/learning-centres/${c.p1!.id}/reorganise`, {
      effective: '2025-07-01', successor: { communeId: ids['25459@new'], name: 'TTHTCĐ phường Tân Ninh', decision: '15/QĐ-UBND ngày 01/7/2025' }, version: c.p1!.version,
    });
    expect(first.status).toBe(200);
    expect(first.body.closed).toMatchObject({ validTo: '2025-06-30', successor: { name: 'TTHTCĐ phường Tân Ninh' } });
    expect(first.body.successor).toMatchObject({ validFrom: '2025-07-01', commune: { name: 'Phường Tân Ninh', parent: { code: '80' } } });
    const successorId = first.body.successor.id;
    const second = await commune.post(`/api/v1/learning-centres/${c.p3!.id}/reorganise`, { effective: '2025-07-01', successor: { centreId: successorId }, version: c.p3!.version });
    expect(second.status).toBe(200);
    expect(second.body.successor.predecessors.map((p: { name: string }) => p.name).sort()).toEqual(['TTHTCĐ Phường 1', 'TTHTCĐ Phường 3']);
    const audits = await server.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'learning_centre.reorganise').execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual([c.p1!.id, c.p3!.id].sort());

    // As it stood on 30/06/2025 nothing changed; from 01/07/2025 the new centre stands, Phường 4's still waits.
    expect((await list(coordinator, 'within=72&at=2025-06-30'))).toHaveLength(3);
    const after = await list(coordinator, 'within=80&at=2025-08-01');
    expect(after.map((r) => [r.name, r.commune.name, r.needsReorganisation])).toEqual([
      ['TTHTCĐ Phường 4', 'Phường 4', true],
      ['TTHTCĐ phường Tân Ninh', 'Phường Tân Ninh', false],
    ]);
    expect((await list(commune, 'within=25459&at=2025-08-01')).map((r) => r.name).sort()).toEqual(['TTHTCĐ Phường 4', 'TTHTCĐ phường Tân Ninh']);
  });

  it('re-organising into a commune that is not a successor is refused, naming the field, and writes nothing', async () => {
    const stale = await commune.post(`/api/v1/learning-centres/${c.p4!.id}/reorganise`, { effective: '2025-07-01', successor: { communeId: ids['25459@new'], name: 'Trùng' }, version: 99 });
    expect(stale.status).toBe(409);
    const outside = await commune.post(`/api/v1/learning-centres/${c.p4!.id}/reorganise`, { effective: '2025-07-01', successor: { communeId: ids['27727@new'], name: 'TTHTCĐ xã Hưng Điền' }, version: c.p4!.version });
    expect(outside.status).toBe(403);
    const before = await count('learning_centre');
    const wrong = await coordinator.post(`/api/v1/learning-centres/${c.p4!.id}/reorganise`, { effective: '2025-06-30', successor: { communeId: ids['27727@new'], name: 'TTHTCĐ xã Hưng Điền' }, version: c.p4!.version });
    expect(wrong.status).toBe(422);
    expect(fieldsOf(wrong.body)).toEqual(['body.effective', 'body.successor.communeId']);
    expect(await count('learning_centre')).toBe(before);
    expect((await server.db.selectFrom('learning_centre').select('valid_to').where('id', '=', c.p4!.id).executeTakeFirstOrThrow()).valid_to).toBeNull();
  });

  it("a commune officer cannot write another commune's centre; a viewer writes none", async () => {
    const other = await coordinator.post('/api/v1/learning-centres', { communeId: ids['27727@new'], name: 'TTHTCĐ xã Hưng Điền', validFrom: '2025-07-01' });
    expect(other.status).toBe(201);
    const edit = await commune.request('PUT', `/api/v1/learning-centres/${other.body.id}`, { body: { name: 'Đổi tên', managers: 1, teachers: 1, collaborators: 1, version: other.body.version } });
    expect(edit.status).toBe(403);
    expect(edit.body.code).toBe('scope.forbidden');
    const year = await commune.request('PUT', `/api/v1/learning-centres/${other.body.id}/years/2025`, { body: { itManagement: true, itTeaching: true, selfRating: 'good', activities: [], version: null } });
    expect(year.status).toBe(403);
    expect((await commune.post('/api/v1/learning-centres', { communeId: ids['27727@new'], name: 'TTHTCĐ lạ', validFrom: '2025-07-01' })).status).toBe(403);
    expect((await viewer.post('/api/v1/learning-centres', { communeId: ids['27727@new'], name: 'TTHTCĐ lạ', validFrom: '2025-07-01' })).body.code).toBe('role.forbidden');
    expect((await list(commune, 'at=2025-08-01')).some((r) => r.id === other.body.id)).toBe(false);
    const edited = await coordinator.request('PUT', `/api/v1/learning-centres/${other.body.id}`, { body: { name: 'TTHTCĐ xã Hưng Điền', director: 'Nguyễn Văn Minh', managers: 2, teachers: 4, collaborators: 9, version: other.body.version } });
    expect(edited.body).toMatchObject({ staff: { director: 'Nguyễn Văn Minh', teachers: 4 }, version: 2 });
    expect((await coordinator.request('PUT', `/api/v1/learning-centres/${other.body.id}`, { body: { name: 'Tên cũ', managers: 0, teachers: 0, collaborators: 0, version: 1 } })).status).toBe(409);
  });

  it('the yearly report: activities by topic, IT use, self-rating, then the review; bad figures are refused with their field', async () => {
    const [centre] = (await list(commune, 'within=25459&at=2025-08-01')).filter((r) => r.commune.code === '25459');
    const url = `/api/v1/learning-centres/${centre!.id}/years/2025`;
    const activity = { topic: 'it', classes: 2, sessions: 12, participants: 45, breakdown: { sex: { male: 20, female: 25 }, ageBand: { '15-35': 30, '36-60': 10, '61+': 5 } } };
    const body = { itManagement: true, itTeaching: false, selfRating: 'fair', activities: [activity, { topic: 'law', classes: 0, sessions: 3, participants: 150 }], version: null };

    const negative = await commune.request('PUT', url, { body: { ...body, activities: [{ ...activity, classes: -1 }] } });
    expect(negative.status).toBe(400);
    expect(fieldsOf(negative.body)).toContain('body.activities.0.classes');
    const unbalanced = await commune.request('PUT', url, { body: { ...body, activities: [{ ...activity, breakdown: { sex: { male: 20, female: 24 } } }] } });
    expect(unbalanced.status).toBe(422);
    expect(fieldsOf(unbalanced.body)).toEqual(['body.activities.0.breakdown.sex']);
    // With no population figure, a plausibility bound, and the message says so.
    const implausible = await commune.request('PUT', url, { body: { ...body, activities: [{ topic: 'culture', classes: 1, sessions: 2, participants: 600_000 }] } });
    expect(fieldsOf(implausible.body)).toEqual(['body.activities.0.participants']);
    expect(implausible.body.errors[0].message).toContain('giới hạn hợp lý');
    // With the ward's population aged 15+ entered for 2025, that figure is the bound.
    await setPopulation(ids['25459@new']!, '2025', 1000);
    const tooMany = await commune.request('PUT', url, { body: { ...body, activities: [{ topic: 'culture', classes: 1, sessions: 2, participants: 1001 }] } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0]).toMatchObject({ field: 'body.activities.0.participants', message: expect.stringContaining('POP15') });
    expect(await count('learning_centre_year')).toBe(0);

    const saved = await commune.request('PUT', url, { body });
    expect(saved.status).toBe(200);
    expect(saved.body.years[0]).toMatchObject({ year: 2025, itManagement: true, selfRatingLabel: 'Khá [I]', version: 1 });
    expect(saved.body.years[0].activities.map((a: { topic: string; topicLabel: string }) => a.topicLabel)).toEqual(['Phổ biến, giáo dục pháp luật', 'Tin học, kỹ năng số']);
    expect((await commune.request('PUT', url, { body })).status).toBe(409); // version null: the year exists now

    expect((await commune.post(`${url}/review`, { rating: 'good', version: 1 })).body.code).toBe('role.forbidden');
    const reviewed = await coordinator.post(`${url}/review`, { rating: 'pass', comment: 'Cần thêm lớp ngoại ngữ', version: 1 });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.years[0]).toMatchObject({ reviewedRatingLabel: 'Đạt [I]', reviewer: expect.any(String), version: 2 });

    const rows = await list(coordinator, 'within=80&at=2025-12-31&year=2025');
    expect(rows.find((r) => r.id === centre!.id)).toMatchObject({ itManagement: true, appliesIt: true, participants: 195, sessions: 15, ratings: [{ year: 2025, self: 'fair', reviewed: 'pass' }] });
    const summary = (await coordinator.get('/api/v1/learning-centres/summary?within=80&year=2025')).body;
    expect(summary).toMatchObject({ at: '2025-12-31', applyingIt: 1, participants: 195 });
    expect(summary.centres).toBe(rows.length);
    const xlsx = await coordinator.get('/api/v1/learning-centres?within=80&at=2025-12-31&format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});

describe('events and campaigns', () => {
  it('every year carries Lifelong Learning Week (1–7 October) and Book Day (21 April), generated, never stored', async () => {
    for (const year of [2026, 2031]) {
      const res = await viewer.get(`/api/v1/events?year=${year}`);
      expect(res.status).toBe(200);
      const byId = Object.fromEntries((res.body as { id: string }[]).map((e) => [e.id, e]));
      expect(byId[`lifelong-learning-week-${year}`]).toMatchObject({ kind: 'national', startsOn: `${year}-10-01`, endsOn: `${year}-10-07`, title: 'Tuần lễ hưởng ứng học tập suốt đời' });
      expect(byId[`book-day-${year}`]).toMatchObject({ kind: 'national', startsOn: `${year}-04-21`, endsOn: `${year}-04-21`, title: 'Ngày Sách và Văn hóa đọc Việt Nam' });
    }
    expect(Number((await server.db.selectFrom('event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    expect((await viewer.get('/api/v1/events/teachers-day-2026')).status).toBe(404);
  });

  it('a unit plans and reports its activities; figures outside the event or beyond the population are refused by field', async () => {
    const url = '/api/v1/events/lifelong-learning-week-2026/activities';
    const activity = { unitId: ids['25459@new'], title: 'Khai mạc Tuần lễ tại phường', startsOn: '2026-10-01', endsOn: '2026-10-03', status: 'reported', sessions: 4, participants: 350, mediaPieces: 3 };
    const before = await count('event_activity');
    const outside = await commune.post(url, { ...activity, startsOn: '2026-09-30' });
    expect(outside.status).toBe(422);
    expect(fieldsOf(outside.body)).toEqual(['body.startsOn']);
    const negative = await commune.post(url, { ...activity, mediaPieces: -2 });
    expect(negative.status).toBe(400);
    expect(fieldsOf(negative.body)).toEqual(['body.mediaPieces']);
    // The ward's latest population figure (2025: 1 000 aged 15+) bounds a 2026 activity.
    const tooMany = await commune.post(url, { ...activity, participants: 1001 });
    expect(tooMany.body.errors).toEqual([{ field: 'body.participants', message: expect.stringContaining('năm 2025') }]);
    const early = await commune.post('/api/v1/events/book-day-2027/activities', { ...activity, startsOn: '2027-04-21', endsOn: '2027-04-21' });
    expect(fieldsOf(early.body)).toEqual(['body.status']);
    expect((await commune.post(url, { ...activity, unitId: ids['27727@new'] })).status).toBe(403);
    expect(await count('event_activity')).toBe(before);

    const created = await commune.post(url, activity);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'lifelong-learning-week-2026', totals: { activities: 1, reported: 1, sessions: 4, participants: 350, mediaPieces: 3 } });
    const a = created.body.activities[0];
    const { unitId: _, ...fields } = activity;
    expect((await commune.request('PUT', `/api/v1/event-activities/${a.id}`, { body: { ...fields, version: a.version + 1 } })).status).toBe(409);
    const updated = await commune.request('PUT', `/api/v1/event-activities/${a.id}`, { body: { ...fields, participants: 400, version: a.version } });
    expect(updated.body.totals.participants).toBe(400);
    const year = (await coordinator.get('/api/v1/events?year=2026')).body as { id: string; totals: { activities: number } }[];
    expect(year.find((e) => e.id === 'lifelong-learning-week-2026')!.totals.activities).toBe(1);
    expect((await coordinator.get('/api/v1/events/lifelong-learning-week-2026?format=xlsx')).headers.get('content-type')).toContain('spreadsheetml');
  });

  it('a coordinator adds a provincial campaign the wards below see and report under; wards cannot add campaigns', async () => {
    const campaign = { unitId: ids['80@new'], title: 'Tháng khuyến học tỉnh Tây Ninh', startsOn: '2026-11-01', endsOn: '2026-11-30' };
    expect((await commune.post('/api/v1/events', campaign)).body.code).toBe('role.forbidden');
    const bad = await coordinator.post('/api/v1/events', { ...campaign, endsOn: '2026-10-31' });
    expect(fieldsOf(bad.body)).toEqual(['body.endsOn']);
    const created = await coordinator.post('/api/v1/events', campaign);
    expect(created.status).toBe(201);
    const seen = (await commune.get('/api/v1/events?year=2026')).body as { id: string; kind: string; organiser: { name: string } | null }[];
    expect(seen.find((e) => e.id === created.body.id)).toMatchObject({ kind: 'local', organiser: { name: 'Tỉnh Tây Ninh' } });
    const res = await commune.post(`/api/v1/events/${created.body.id}/activities`, { unitId: ids['25459@new'], title: 'Trao học bổng', startsOn: '2026-11-10', endsOn: '2026-11-10', status: 'planned', sessions: 1, participants: 0, mediaPieces: 0 });
    expect(res.status).toBe(201);
  });

  it('refuses an activity of a unit outside the organiser\'s area, writing nothing; a department organises over its province', async () => {
    const ward = await coordinator.post('/api/v1/events', { unitId: ids['25459@new'], title: 'Ngày hội đọc sách phường Tân Ninh', startsOn: '2026-11-02', endsOn: '2026-11-08' });
    expect(ward.status).toBe(201);
    const activity = { title: 'Phiên đọc sách', startsOn: '2026-11-03', endsOn: '2026-11-03', status: 'planned', sessions: 1, participants: 0, mediaPieces: 0 };
    const before = await count('event_activity');
    const outside = await coordinator.post(`/api/v1/events/${ward.body.id}/activities`, { ...activity, unitId: ids['27727@new'] });
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ code: 'event_activity.unit_outside_area', errors: [{ field: 'body.unitId', message: expect.stringContaining('Phường Tân Ninh') }] });
    expect(outside.body.title).toContain('Xã Hưng Điền');
    expect(await count('event_activity')).toBe(before);
    expect((await coordinator.post(`/api/v1/events/${ward.body.id}/activities`, { ...activity, unitId: ids['25459@new'] })).status).toBe(201);
    // A campaign of the Department of Education covers the province's communes.
    const dept = await server.db.selectFrom('org_unit').select('id').where('code', '=', '80.SGDDT').executeTakeFirstOrThrow();
    const campaign = await coordinator.post('/api/v1/events', { unitId: dept.id, title: 'Tuần lễ học liệu số của Sở', startsOn: '2026-11-02', endsOn: '2026-11-08' });
    expect(campaign.status).toBe(201);
    expect((await coordinator.post(`/api/v1/events/${campaign.body.id}/activities`, { ...activity, unitId: ids['27727@new'] })).status).toBe(201);
  });

  it('exemplary learners reach the public portal only with their consent', async () => {
    const learner = { unitId: ids['25459@new'], kind: 'learner', name: 'Bà Nguyễn Thị Hoa', year: 2026, story: 'Học tin học ở tuổi 68, nay hướng dẫn lại cho các cụ trong khu phố.' };
    const undated = await commune.post('/api/v1/exemplary', { ...learner, consent: true });
    expect(fieldsOf(undated.body)).toEqual(['body.consentOn']);
    const yes = await commune.post('/api/v1/exemplary', { ...learner, consent: true, consentOn: '2026-10-05' });
    expect(yes.status).toBe(201);
    expect((await commune.post('/api/v1/exemplary', { ...learner, name: 'Ông Trần Văn Bình', consent: false })).status).toBe(201);
    const publicList = async () => {
      const res = await fetch(`${server.url}/api/public/v1/exemplary?province=${ids['80@new']}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { name: string }[] }).items.map((i) => i.name);
    };
    expect(await publicList()).toEqual(['Bà Nguyễn Thị Hoa']);
    const withdrawn = await commune.request('PUT', `/api/v1/exemplary/${yes.body.id}`, { body: { ...learner, unitId: undefined, consent: false, version: yes.body.version } });
    expect(withdrawn.status).toBe(200);
    expect(await publicList()).toEqual([]);
    expect((await fetch(`${server.url}/api/public/v1/exemplary?province=${ids['25459@new']}`)).status).toBe(404);
  });

  it('writes every read of exemplary entries without consent to the access log, and none when all are public', async () => {
    const logs = async () => Number((await server.db.selectFrom('access_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'exemplary.read').executeTakeFirstOrThrow()).n);
    const before = await logs();
    const all = await commune.get('/api/v1/exemplary?year=2026');
    expect(all.status).toBe(200);
    expect(all.body.some((x: { consent: boolean }) => !x.consent)).toBe(true);
    expect(await logs()).toBe(before + 1);
    const row = await server.db.selectFrom('access_log').select(['detail', 'actor_id']).where('action', '=', 'exemplary.read').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((row.detail as { ids: string[] }).ids).toHaveLength(all.body.filter((x: { consent: boolean }) => !x.consent).length);
    // A year whose entries are all consented (public anyway) is not logged.
    const yes = await commune.post('/api/v1/exemplary', { unitId: ids['25459@new'], kind: 'model', name: 'Câu lạc bộ đọc sách khu phố 2', year: 2025, story: 'Câu lạc bộ đọc sách họp hằng tuần tại nhà văn hóa khu phố.', consent: true, consentOn: '2025-10-01' });
    expect(yes.status).toBe(201);
    expect((await commune.get('/api/v1/exemplary?year=2025')).body).toHaveLength(1);
    expect(await logs()).toBe(before + 1);
    // The public portal's way in: provinces with consented entries only, counted without names.
    const provinces = await (await fetch(`${server.url}/api/public/v1/exemplary/provinces`)).json() as { id: string; name: string; entries: number }[];
    expect(provinces).toEqual([{ id: ids['80@new'], name: 'Tỉnh Tây Ninh', entries: 1 }]);
  });
});
