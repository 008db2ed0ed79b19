import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoLearningCities } from '../../src/modules/learning-city/demo.ts';
import { loadFramework } from '../../src/modules/learning-city/store.ts';
import { readFrameworkFile, allFeatures } from '../../src/modules/learning-city/framework.ts';
import { TEST_PASSWORD } from '../support/constants.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';
import { readZipEntry } from '../support/zip.ts';

// UNESCO Key Features self-assessment of learning cities (issue 8 §7), over the demo cities of `serve --demo`.
let server: TestServer;
let coordinator: Client, agency: Client, commune: Client, viewer: Client, otherProvince: Client;
const city: Record<string, { id: string; name: string }> = {};
let features: string[] = [];

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
/** Everything a self-assessment write touches: a refused write must leave all of it as it was. */
async function footprint() {
  const n = async (t: 'learning_city_assessment' | 'learning_city_rating' | 'learning_city_evidence' | 'learning_city_event' | 'audit_log') =>
    Number((await server.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const versions = await server.db.selectFrom('learning_city_assessment').select(['id', 'status', 'version']).orderBy('id').execute();
  const ratings = await server.db.selectFrom('learning_city_rating').select(['assessment_id', 'feature_code', 'rating', 'narrative']).orderBy('assessment_id').orderBy('feature_code').execute();
  return JSON.stringify({ a: await n('learning_city_assessment'), r: await n('learning_city_rating'), e: await n('learning_city_evidence'), ev: await n('learning_city_event'), au: await n('audit_log'), versions, ratings });
}
const put = (c: Client, id: string, year: number, body: unknown) => c.request('PUT', `/api/v1/learning-cities/${id}/assessments/${year}`, { body });

beforeAll(async () => {
  server = await startTestServer();
  expect(await seedDemoLearningCities(server.db)).toBe(4);
  [coordinator, agency, commune, viewer] = await Promise.all(['coordinator', 'agency', 'commune', 'viewer'].map((u) => Client.login(server.url, u))) as [Client, Client, Client, Client];
  features = allFeatures(await readFrameworkFile()).map((f) => f.code);
  // A coordinator of the (new) province of Tây Ninh only: outside the Bình Dương cities, now part of Hồ Chí Minh City.
  const admin = await Client.login(server.url, 'admin');
  const tayNinh = await server.db.selectFrom('org_unit').select('id').where('code', '=', '80').where('valid_to', 'is', null).executeTakeFirstOrThrow();
  const created = await admin.post('/api/v1/users', { username: 'sgd-tayninh', displayName: 'Sở GDĐT Tây Ninh', role: 'coordinator', password: TEST_PASSWORD, scopeUnitIds: [tayNinh.id] });
  expect(created.status).toBe(201);
  otherProvince = await Client.login(server.url, 'sgd-tayninh');
  for (const c of (await coordinator.get('/api/v1/learning-cities')).body as { id: string; name: string }[]) city[c.name.replace('Thành phố học tập ', '')] = c;
});
afterAll(async () => { await server.close(); });

describe('learning cities and their cover across the 2025 reorganisation', () => {
  it('lists the four cities with their latest self-assessment, to the users whose scope they fall in', async () => {
    const res = await coordinator.get('/api/v1/learning-cities');
    expect(res.status).toBe(200);
    expect(res.body.map((c: { name: string }) => c.name).sort()).toEqual(['Thành phố học tập Dĩ An', 'Thành phố học tập Thủ Dầu Một', 'Thành phố học tập Thuận An', 'Thành phố học tập Tây Ninh'].sort());
    const tdm = res.body.find((c: { name: string }) => c.name.endsWith('Thủ Dầu Một'));
    expect(tdm).toMatchObject({ gnlcYear: null, province: { name: 'Tỉnh Bình Dương', ended: true }, provinceNow: 'Thành phố Hồ Chí Minh', anchor: { code: '718', validTo: '2025-06-30' }, latest: { year: 2024, status: 'submitted', rated: features.length, features: features.length } });
    expect(tdm.unitsNow).toBeGreaterThan(1);
    // The viewer (new Tây Ninh) sees Tây Ninh city only; the department's agency unit covers no city.
    expect((await viewer.get('/api/v1/learning-cities')).body.map((c: { name: string }) => c.name)).toEqual(['Thành phố học tập Tây Ninh']);
    expect((await agency.get('/api/v1/learning-cities')).body).toEqual([]);
    expect((await agency.get(`/api/v1/learning-cities/${city['Thủ Dầu Một']!.id}`)).status).toBe(403);
  });

  it('keeps the city through 01/07/2025: its district until 30/06, the wards succeeding its communes from 01/07', async () => {
    const res = await coordinator.get(`/api/v1/learning-cities/${city['Thủ Dầu Một']!.id}`);
    expect(res.status).toBe(200);
    const units = res.body.units as { code: string; name: string; validFrom: string | null; validTo: string | null; anchor: boolean }[];
    expect(units.filter((u) => u.anchor)).toEqual([expect.objectContaining({ code: '718', name: 'Thành phố Thủ Dầu Một', validTo: '2025-06-30' })]);
    const wards = units.filter((u) => !u.anchor);
    expect(wards.length).toBeGreaterThan(1);
    expect(wards.every((u) => u.validFrom === '2025-07-01' && u.validTo === null)).toBe(true);
    expect(wards.map((u) => u.name)).toContain('Phường Thủ Dầu Một');
    // The 2026 view lists the wards, the 2024 one the city as it stood.
    const y2026 = await coordinator.get(`/api/v1/learning-cities/${city['Thủ Dầu Một']!.id}/assessments/2026`);
    expect(y2026.body.city.units.every((u: { anchor: boolean }) => !u.anchor)).toBe(true);
    const y2024 = await coordinator.get(`/api/v1/learning-cities/${city['Thủ Dầu Một']!.id}/assessments/2024`);
    expect(y2024.body.city.units.map((u: { code: string }) => u.code)).toEqual(['718']);
  });
  it('the GNLC membership year is set only by the department, within the years of the network, on the current version', async () => {
    const id = city['Dĩ An']!.id;
    const before = (await coordinator.get(`/api/v1/learning-cities/${id}`)).body;
    expect(before.gnlcYear).toBeNull(); // no source read says any of the four was admitted
    const early = await coordinator.request('PUT', `/api/v1/learning-cities/${id}`, { body: { gnlcYear: 2012, version: before.version } });
    expect(early).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
    expect(fieldsOf(early.body)).toEqual(['body.gnlcYear']);
    expect(await viewer.request('PUT', `/api/v1/learning-cities/${id}`, { body: { gnlcYear: 2024, version: before.version } })).toMatchObject({ status: 403, body: { code: 'role.forbidden' } });
    const ok = await coordinator.request('PUT', `/api/v1/learning-cities/${id}`, { body: { gnlcYear: 2024, version: before.version } });
    expect(ok).toMatchObject({ status: 200, body: { gnlcYear: 2024, version: before.version + 1 } });
    const stale = await coordinator.request('PUT', `/api/v1/learning-cities/${id}`, { body: { gnlcYear: null, version: before.version } });
    expect(stale).toMatchObject({ status: 409, body: { code: 'learning_city.stale_version' } });
    expect((await coordinator.request('PUT', `/api/v1/learning-cities/${id}`, { body: { gnlcYear: null, version: ok.body.version } })).status).toBe(200);
  });
});

describe('indicator values next to the features', () => {
  it('equal what the indicators engine answers for the city and the year, with approval and lineage, before and after the reorganisation', async () => {
    const id = city['Thủ Dầu Một']!.id;
    const units = (await coordinator.get(`/api/v1/learning-cities/${id}`)).body.units as { id: string; code: string; anchor: boolean }[];
    const anchor = units.find((u) => u.anchor)!;
    const oldCommunes = await server.db.selectFrom('org_unit').select('id').where('parent_id', '=', anchor.id).orderBy('id').limit(2).execute();
    const wards = units.filter((u) => !u.anchor).slice(0, 2);
    const el = async (code: string) => (await server.db.selectFrom('data_element').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const [clc, clcIt, pop, citizens] = await Promise.all(['CLC', 'CLC_IT', 'POP15', 'LEARNING_CITIZENS'].map(el)) as [string, string, string, string];
    const values = (unitIds: string[], period: string, rows: [string, number][]) => unitIds.flatMap((unit_id, i) => rows.map(([data_element_id, v]) => ({ unit_id, data_element_id, period, value: v + i })));
    await server.db.insertInto('data_value').values([
      ...values(oldCommunes.map((c) => c.id), '2024', [[clc, 2], [clcIt, 1], [pop, 20_000], [citizens, 7_000]]),
      ...values(wards.map((w) => w.id), '2026', [[clc, 3], [clcIt, 2], [pop, 30_000], [citizens, 9_000]]),
    ]).execute();
    for (const year of [2024, 2026]) {
      const view = await coordinator.get(`/api/v1/learning-cities/${id}/assessments/${year}`);
      expect(view.status).toBe(200);
      expect(view.body.figuresShown).toBe(true);
      const shown = new Map<string, { figure: unknown }>();
      for (const a of view.body.areas) for (const f of a.features) for (const i of f.indicators) shown.set(i.code, i);
      expect(shown.size).toBeGreaterThan(5);
      for (const [code, i] of shown) {
        const res = await coordinator.get(`/api/v1/analytics?indicator=${code}&unitId=${anchor.id}&period=${year}`);
        expect(res.status).toBe(200);
        const { value, numerator, denominator, lineage, lineageLabel, approximate, approval, demo, note } = res.body;
        expect(i.figure, `${code} ${year}`).toEqual({ value, numerator, denominator, lineage, lineageLabel, approximate, approval, demo, note });
      }
      const clcRate = shown.get('CLC_IT_RATE') as { figure: { value: number; lineage: string; approval: { units: number; approved: number } } };
      expect(clcRate.figure.value).toBeCloseTo(year === 2024 ? 60 : 500 / 7, 2); // (1+2)/(2+3); (2+3)/(3+4)
      expect(clcRate.figure.lineage).toBe(year === 2024 ? 'hierarchy' : 'successors');
      expect(clcRate.figure.approval).toEqual({ units: 2, approved: 0 });
    }
  });

  it('are not shown to a user who covers only part of the city', async () => {
    const tn = city['Tây Ninh']!.id;
    const view = await commune.get(`/api/v1/learning-cities/${tn}/assessments/2026`);
    expect(view.status).toBe(200);
    expect(view.body.figuresShown).toBe(false);
    expect(view.body.can).toEqual({ edit: false, submit: false, review: false });
  });
});

describe('a yearly self-assessment: draft → submitted → returned with comments → submitted → accepted', () => {
  const year = 2024;
  let version: number;
  let fileId: string;

  it('the city saves ratings and narratives; the draft is created on the first save', async () => {
    const id = city['Thuận An']!.id;
    const empty = await coordinator.get(`/api/v1/learning-cities/${id}/assessments/${year}`);
    expect(empty.body).toMatchObject({ assessment: null, overall: { score: null, percent: 0 }, can: { edit: true, submit: false } });
    const res = await put(coordinator, id, year, { version: null, features: features.map((code, i) => ({ code, rating: (i % 5) + 1, narrative: i < 3 ? `<p>Thuyết minh ${code}</p>` : null })) });
    expect(res.status).toBe(200);
    expect(res.body.assessment).toMatchObject({ status: 'draft', version: 1 });
    expect(res.body.overall.rated).toBe(features.length);
    const f111 = res.body.areas[0].features[0];
    expect(f111).toMatchObject({ code: '1.1.1', rating: 1, ratingLabel: 'Chưa triển khai [I]', narrative: 'Thuyết minh 1.1.1' }); // HTML removed
    expect(res.body.areas[0].score).toBe(2.5); // ratings 1, 2, 3, 4
    version = res.body.assessment.version;
  });

  it('adds evidence: a link and a PDF checked by its first bytes', async () => {
    const id = city['Thuận An']!.id;
    const link = await coordinator.post(`/api/v1/learning-cities/${id}/assessments/${year}/evidence-links`, { featureCode: '3.1.1', url: 'https://thuanan.binhduong.gov.vn/ke-hoach', note: 'Kế hoạch 2024' });
    expect(link.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF'))], { type: 'application/pdf' }), 'bien-ban.pdf');
    const file = await coordinator.request('POST', `/api/v1/learning-cities/${id}/assessments/${year}/evidence?featureCode=3.2.1`, { raw: form });
    expect(file.status).toBe(201);
    const got = await coordinator.get(`/api/v1/learning-city-evidence/${file.body.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(await agency.get(`/api/v1/learning-city-evidence/${file.body.id}`)).toMatchObject({ status: 403 });
    version = file.body.assessmentVersion;
    fileId = file.body.id;
  });

  it('removes evidence of a draft at the version read, audited; stale versions, unknown items and outsiders are refused', async () => {
    const id = city['Thuận An']!.id;
    const wrong = await coordinator.post(`/api/v1/learning-cities/${id}/assessments/${year}/evidence-links`, { featureCode: '3.1.1', url: 'https://example.org/nham-thanh-pho', note: 'Gắn nhầm' });
    expect(wrong.status).toBe(201);
    const v = wrong.body.assessmentVersion as number;
    expect(v).toBe(version + 1);
    const del = (c: Client, evidenceId: string, body: unknown, cityId = id) => c.request('DELETE', `/api/v1/learning-cities/${cityId}/assessments/${year}/evidence/${evidenceId}`, { body });

    const before = await footprint();
    expect(await del(coordinator, wrong.body.id, { version: v - 1 })).toMatchObject({ status: 409, body: { code: 'learning_city_assessment.stale_version', currentVersion: v } });
    expect(await del(coordinator, wrong.body.id, {})).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
    expect(await del(coordinator, 'abc', { version: v })).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
    const missing = await del(coordinator, '999999999', { version: v });
    expect(missing).toMatchObject({ status: 404, body: { code: 'learning_city.no_evidence' } });
    expect(fieldsOf(missing.body)).toEqual(['params.evidenceId']);
    // Thủ Dầu Một's year 2024 exists (demo) but the item is Thuận An's: not found there, nothing removed.
    const tdm2024 = (await coordinator.get(`/api/v1/learning-cities/${city['Thủ Dầu Một']!.id}/assessments/${year}`)).body.assessment;
    expect((await del(coordinator, wrong.body.id, { version: tdm2024.version }, city['Thủ Dầu Một']!.id)).status).toBe(409); // submitted: the workflow refuses first
    // Another city's (province's) user, a ward officer elsewhere, a role that may not write.
    expect(await del(otherProvince, wrong.body.id, { version: v })).toMatchObject({ status: 403, body: { code: 'scope.forbidden' } });
    expect(await del(commune, wrong.body.id, { version: v })).toMatchObject({ status: 403, body: { code: 'scope.forbidden' } });
    expect(await del(viewer, wrong.body.id, { version: v })).toMatchObject({ status: 403, body: { code: 'role.forbidden' } });
    expect(await del(agency, wrong.body.id, { version: v })).toMatchObject({ status: 403, body: { code: 'scope.forbidden' } });
    expect(await footprint()).toBe(before);

    const removed = await del(coordinator, wrong.body.id, { version: v });
    expect(removed).toMatchObject({ status: 200, body: { id: wrong.body.id, featureCode: '3.1.1', assessmentVersion: v + 1 } });
    const view = (await coordinator.get(`/api/v1/learning-cities/${id}/assessments/${year}`)).body;
    expect(view.assessment.version).toBe(v + 1);
    const f311 = view.areas.flatMap((a: { features: { code: string; evidence: { url: string }[] }[] }) => a.features).find((f: { code: string }) => f.code === '3.1.1');
    expect(f311.evidence.map((e: { url: string }) => e.url)).toEqual(['https://thuanan.binhduong.gov.vn/ke-hoach']);
    const log = await server.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('action', '=', 'learning_city_evidence.delete').where('entity_id', '=', view.assessment.id).execute();
    expect(log).toHaveLength(1);
    expect(log[0]!.before).toMatchObject({ id: wrong.body.id, featureCode: '3.1.1', url: 'https://example.org/nham-thanh-pho', note: 'Gắn nhầm' });
    expect(log[0]!.after).toBeNull();
    expect(await del(coordinator, wrong.body.id, { version: v + 1 })).toMatchObject({ status: 404, body: { code: 'learning_city.no_evidence' } });
    version = v + 1;
  });

  it('the city submits; the department returns it with an overall and a per-feature comment', async () => {
    const id = city['Thuận An']!.id;
    const sent = await coordinator.post(`/api/v1/learning-cities/${id}/assessments/${year}/submit`, { version });
    expect(sent.status).toBe(200);
    expect(sent.body.assessment).toMatchObject({ status: 'submitted', submitter: 'Phòng GDTX – Sở GDĐT (điều phối)' });
    expect(sent.body.can).toMatchObject({ edit: false, review: true });
    // Submitted: evidence can no longer be removed (the rule and error of editing after submission), nothing written.
    const before = await footprint();
    const remove = await coordinator.request('DELETE', `/api/v1/learning-cities/${id}/assessments/${year}/evidence/${fileId}`, { body: { version: sent.body.assessment.version } });
    expect(remove).toMatchObject({ status: 409, body: { code: 'learning_city.under_review' } });
    expect(await footprint()).toBe(before);
    const noComment = await coordinator.post(`/api/v1/learning-cities/${id}/assessments/${year}/review`, { version: sent.body.assessment.version, decision: 'return' });
    expect(noComment).toMatchObject({ status: 422, body: { code: 'learning_city.comment_required' } });
    const returned = await coordinator.post(`/api/v1/learning-cities/${id}/assessments/${year}/review`, {
      version: sent.body.assessment.version, decision: 'return', comment: 'Bổ sung minh chứng lĩnh vực 2.3', featureComments: { '2.3.1': 'Chưa có quyết định công nhận đơn vị học tập' },
    });
    expect(returned.status).toBe(200);
    expect(returned.body.assessment).toMatchObject({ status: 'returned', reviewComment: 'Bổ sung minh chứng lĩnh vực 2.3' });
    expect(returned.body.areas.find((a: { code: string }) => a.code === '2.3').features[0].reviewComment).toBe('Chưa có quyết định công nhận đơn vị học tập');
    version = returned.body.assessment.version;
  });

  it('the city corrects and submits again; the department accepts; nothing can change afterwards', async () => {
    const id = city['Thuận An']!.id;
    const fixed = await put(coordinator, id, year, { version, features: [{ code: '2.3.1', rating: 3, narrative: 'Đã có 12 đơn vị học tập được công nhận' }] });
    expect(fixed.status).toBe(200);
    const sent = await coordinator.post(`/api/v1/learning-cities/${id}/assessments/${year}/submit`, { version: fixed.body.assessment.version });
    expect(sent.status).toBe(200);
    const accepted = await coordinator.post(`/api/v1/learning-cities/${id}/assessments/${year}/review`, { version: sent.body.assessment.version, decision: 'accept', comment: 'Đạt yêu cầu' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.assessment.status).toBe('accepted');
    expect(accepted.body.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'return', 'submit', 'accept']);
    const after = await put(coordinator, id, year, { version: accepted.body.assessment.version, features: [{ code: '1.1.1', rating: 5 }] });
    expect(after).toMatchObject({ status: 409, body: { code: 'learning_city.locked' } });
    const remove = await coordinator.request('DELETE', `/api/v1/learning-cities/${id}/assessments/${year}/evidence/${fileId}`, { body: { version: accepted.body.assessment.version } });
    expect(remove).toMatchObject({ status: 409, body: { code: 'learning_city.locked' } });
    const audits = await server.db.selectFrom('audit_log').select('action').where('entity', '=', 'learning_city_assessment').where('entity_id', '=', accepted.body.assessment.id).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['learning_city_assessment.save', 'learning_city_evidence.create', 'learning_city_assessment.submit', 'learning_city_assessment.return', 'learning_city_assessment.accept']));
  });
});

describe('bad input: a clear error and nothing written', () => {
  const tdm = () => city['Thủ Dầu Một']!.id;
  const di = () => city['Dĩ An']!.id;

  it('a rating outside the scale, an unknown feature code, a stale version', async () => {
    const before = await footprint();
    const outside = await put(coordinator, di(), 2024, { version: null, features: [{ code: '1.1.1', rating: 3 }, { code: '1.1.2', rating: 6 }] });
    expect(outside).toMatchObject({ status: 422, body: { code: 'learning_city.features_invalid' } });
    expect(fieldsOf(outside.body)).toEqual(['body.features.1.rating']);
    const zero = await put(coordinator, di(), 2024, { version: null, features: [{ code: '1.1.1', rating: 0 }] });
    expect(fieldsOf(zero.body)).toEqual(['body.features.0.rating']);
    const fraction = await put(coordinator, di(), 2024, { version: null, features: [{ code: '1.1.1', rating: 2.5 }] });
    expect(fraction).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
    const unknown = await put(coordinator, di(), 2024, { version: null, features: [{ code: '9.9.9', rating: 3 }] });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'learning_city.features_invalid' } });
    expect(fieldsOf(unknown.body)).toEqual(['body.features.0.code']);
    const stale = await put(coordinator, tdm(), 2024, { version: 1, features: [{ code: '1.1.1', rating: 3 }] });
    expect(stale).toMatchObject({ status: 409, body: { code: 'learning_city_assessment.stale_version', currentVersion: 2 } });
    expect(await footprint()).toBe(before);
  });

  it('evidence with a javascript: link, a file that is not what it says, a feature the framework lacks', async () => {
    const draft = await put(coordinator, di(), 2025, { version: null, features: [{ code: '1.1.1', rating: 3 }] });
    expect(draft.status).toBe(200);
    const before = await footprint();
    const js = await coordinator.post(`/api/v1/learning-cities/${di()}/assessments/2025/evidence-links`, { featureCode: '1.1.1', url: 'javascript:alert(1)' });
    expect(js).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
    expect(fieldsOf(js.body)).toEqual(['body.url']);
    const data = await coordinator.post(`/api/v1/learning-cities/${di()}/assessments/2025/evidence-links`, { featureCode: '1.1.1', url: 'data:text/html,<script>alert(1)</script>' });
    expect(data.status).toBe(400);
    const feature = await coordinator.post(`/api/v1/learning-cities/${di()}/assessments/2025/evidence-links`, { featureCode: '4.1.1', url: 'https://example.org/' });
    expect(feature).toMatchObject({ status: 422, body: { code: 'learning_city.features_invalid' } });
    expect(fieldsOf(feature.body)).toEqual(['body.featureCode']);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('<script>alert(1)</script>'))], { type: 'image/png' }), 'anh.png');
    const fake = await coordinator.request('POST', `/api/v1/learning-cities/${di()}/assessments/2025/evidence?featureCode=1.1.1`, { raw: form });
    expect(fake).toMatchObject({ status: 400, body: { code: 'evidence.bad_type' } });
    expect(await footprint()).toBe(before);
  });

  it('submitting an incomplete year names the features still unrated', async () => {
    const before = await footprint();
    const res = await coordinator.post(`/api/v1/learning-cities/${di()}/assessments/2025/submit`, { version: 1 });
    expect(res).toMatchObject({ status: 422, body: { code: 'learning_city.incomplete' } });
    expect(fieldsOf(res.body)).toHaveLength(features.length - 1);
    expect(fieldsOf(res.body)[0]).toBe('body.features.1.1.2');
    expect(await footprint()).toBe(before);
  });

  it('submitting twice and editing after submission (Thủ Dầu Một 2024, submitted)', async () => {
    const before = await footprint();
    const again = await coordinator.post(`/api/v1/learning-cities/${tdm()}/assessments/2024/submit`, { version: 2 });
    expect(again).toMatchObject({ status: 409, body: { code: 'learning_city.under_review' } });
    const edit = await put(coordinator, tdm(), 2024, { version: 2, features: [{ code: '1.1.1', rating: 1 }] });
    expect(edit).toMatchObject({ status: 409, body: { code: 'learning_city.under_review' } });
    const link = await coordinator.post(`/api/v1/learning-cities/${tdm()}/assessments/2024/evidence-links`, { featureCode: '1.1.1', url: 'https://example.org/' });
    expect(link).toMatchObject({ status: 409, body: { code: 'learning_city.under_review' } });
    expect(await footprint()).toBe(before);
  });

  it('users outside the city: another province, part of a city, a role that may not write or review', async () => {
    const before = await footprint();
    // A coordinator of Tây Ninh province on Thủ Dầu Một (now Hồ Chí Minh City).
    expect(await put(otherProvince, tdm(), 2025, { version: null, features: [{ code: '1.1.1', rating: 3 }] })).toMatchObject({ status: 403, body: { code: 'scope.forbidden' } });
    expect(await otherProvince.post(`/api/v1/learning-cities/${tdm()}/assessments/2024/review`, { version: 2, decision: 'accept' })).toMatchObject({ status: 403, body: { code: 'scope.forbidden' } });
    expect((await otherProvince.get(`/api/v1/learning-cities/${tdm()}/assessments/2024`)).status).toBe(403);
    expect((await otherProvince.get(`/api/v1/learning-cities/${tdm()}/assessments/2024?format=docx`)).status).toBe(403);
    // The ward officer of Tân Ninh covers one of Tây Ninh city's wards, not the city.
    expect(await put(commune, city['Tây Ninh']!.id, 2026, { version: null, features: [{ code: '1.1.1', rating: 3 }] })).toMatchObject({ status: 403, body: { code: 'scope.forbidden' } });
    // Viewers read; they neither write nor review.
    expect(await put(viewer, city['Tây Ninh']!.id, 2026, { version: null, features: [] })).toMatchObject({ status: 403, body: { code: 'role.forbidden' } });
    expect(await agency.post(`/api/v1/learning-cities/${tdm()}/assessments/2024/review`, { version: 2, decision: 'accept' })).toMatchObject({ status: 403, body: { code: 'role.forbidden' } });
    expect(await footprint()).toBe(before);
  });
});

const hasSoffice = (() => { try { execFileSync('soffice', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();

describe('the printable summary and the feature table', () => {
  it('DOCX in the official layout: areas, ratings, indicator values and narrative; rendered by LibreOffice', async () => {
    const res = await coordinator.get(`/api/v1/learning-cities/${city['Thủ Dầu Một']!.id}/assessments/2024?format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    expect(res.headers.get('content-disposition')).toContain('tu-danh-gia-thanh-pho-hoc-tap-thu-dau-mot-2024.docx');
    const xml = readZipEntry(res.body, 'word/document.xml')!.toString('utf8');
    expect(xml).toContain('ỦY BAN NHÂN DÂN THÀNH PHỐ THỦ DẦU MỘT');
    if (!hasSoffice) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xhht-lc-'));
    fs.writeFileSync(path.join(dir, 'learning-city.docx'), res.body);
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'learning-city.docx')], { stdio: 'ignore', timeout: 120_000 });
    const pdf = path.join(dir, 'learning-city.pdf');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8').replace(/\s+/g, ' ');
    const info = execFileSync('pdfinfo', [pdf]).toString();
    const out = path.resolve('test-results/learning-city');
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', pdf, path.join(out, 'learning-city')]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(info).toMatch(/Page size:.*\(A4\)/);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', 'Thành phố học tập Thủ Dầu Một', 'I. KẾT QUẢ CHUNG', 'Học tập hòa nhập trong hệ thống giáo dục', 'Nổi bật [I]', 'Kính gửi: Sở Giáo dục và Đào tạo', 'Nơi nhận:', 'Thủ Dầu Một, ngày 23 tháng 11 năm 2026', 'TM. ỦY BAN NHÂN DÂN']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/giáo dục: 60,0%; đã duyệt 0\/2 đơn vị/); // CLC_IT_RATE of the engine, with its approval status
    expect(text).toContain('Năm 2024 thành phố đã triển khai nội dung'); // the narrative
    expect(text).not.toContain('[object');
    expect(text).toMatch(/2\.1 Học tập hòa nhập trong hệ thống giáo dục \[V\] 4\/4 5,0\/5/); // rated/features and score of the area
    expect(fs.readdirSync(out).filter((f) => /^learning-city-0?1\.png$/.test(f))).toHaveLength(1);
  }, 150_000);

  it('XLSX of the feature table, one row per feature', async () => {
    const res = await coordinator.get(`/api/v1/learning-cities/${city['Thủ Dầu Một']!.id}/assessments/2024?format=xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(features.length + 2);
    expect(ws.getRow(2).values).toContain('Thuyết minh');
    expect(ws.getRow(3).getCell(2).value).toBe('1.1.1');
  });
});

describe('the framework as versioned rows', () => {
  it('seeding again writes nothing; a changed file adds a version; past assessments keep theirs', async () => {
    const again = await loadFramework(server.db);
    expect(again).toMatchObject({ changed: false, framework: { version: 1 } });
    const def = await readFrameworkFile();
    def.ratingScale.levels[4]!.label = 'Xuất sắc';
    const next = await loadFramework(server.db, def);
    expect(next).toMatchObject({ changed: true, framework: { version: 2 } });
    const fw = await coordinator.get('/api/v1/learning-city-framework');
    expect(fw.body).toMatchObject({ version: 2, verification: 'I' });
    // Thủ Dầu Một's 2024 assessment was made against version 1 and still reads with its scale; a new year uses version 2.
    const old = await coordinator.get(`/api/v1/learning-cities/${city['Thủ Dầu Một']!.id}/assessments/2024`);
    expect(old.body.framework.version).toBe(1);
    expect(old.body.framework.ratingScale.levels[4].label).toBe('Nổi bật [I]');
    const fresh = await coordinator.get(`/api/v1/learning-cities/${city['Thủ Dầu Một']!.id}/assessments/2027`);
    expect(fresh.body.framework).toMatchObject({ version: 2 });
    expect(fresh.body.framework.ratingScale.levels[4].label).toBe('Xuất sắc [I]');
  });
});

describe('adding a city (the form of /thanh-pho-hoc-tap posts this)', () => {
  const unitId = async (code: string) => (await server.db.selectFrom('org_unit').select('id').where('code', '=', code).orderBy('id').executeTakeFirstOrThrow()).id;

  it('creates a city over a former district, covering the wards that succeeded its communes; audited', async () => {
    const res = await coordinator.post('/api/v1/learning-cities', { name: '  Thành phố học tập Bến Cát ', unitId: await unitId('721'), gnlcYear: null, note: 'Đăng ký năm 2026' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Thành phố học tập Bến Cát', gnlcYear: null, note: 'Đăng ký năm 2026', anchor: { code: '721', validTo: '2025-06-30' }, provinceNow: 'Thành phố Hồ Chí Minh', latest: null });
    expect(res.body.units.filter((u: { anchor: boolean }) => !u.anchor).length).toBeGreaterThan(0);
    expect((await coordinator.get('/api/v1/learning-cities')).body.map((c: { name: string }) => c.name)).toContain('Thành phố học tập Bến Cát');
    const log = await server.db.selectFrom('audit_log').select('action').where('entity_id', '=', res.body.id).execute();
    expect(log.map((l) => l.action)).toContain('learning_city.create');
  });

  it('refuses a taken name, a province, a unit outside the scope, a short name or a year before GNLC, and other roles: nothing written', async () => {
    const before = Number((await server.db.selectFrom('learning_city').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const taken = await coordinator.post('/api/v1/learning-cities', { name: 'Thành phố học tập Bến Cát', unitId: await unitId('723') });
    expect(taken).toMatchObject({ status: 422, body: { code: 'learning_city.duplicate' } });
    expect(taken.body.errors).toEqual([{ field: 'body.name', message: 'Đã có “Thành phố học tập Bến Cát”; chọn tên khác' }]);
    const province = await coordinator.post('/api/v1/learning-cities', { name: 'Thành phố học tập Bình Dương', unitId: await unitId('74') });
    expect(province).toMatchObject({ status: 422, body: { code: 'learning_city.unit_kind' } });
    expect(fieldsOf(province.body)).toEqual(['body.unitId']);
    expect(await otherProvince.post('/api/v1/learning-cities', { name: 'Thành phố học tập Tân Uyên', unitId: await unitId('723') })).toMatchObject({ status: 403, body: { code: 'scope.forbidden' } });
    const short = await coordinator.post('/api/v1/learning-cities', { name: ' A ', unitId: await unitId('723'), gnlcYear: 2012 });
    expect(short).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
    expect(short.body.errors).toEqual(expect.arrayContaining([{ field: 'body.name', message: 'Tên cần ít nhất 3 ký tự' }, { field: 'body.gnlcYear', message: 'Mạng lưới GNLC có từ năm 2013' }]));
    expect(await agency.post('/api/v1/learning-cities', { name: 'Thành phố học tập Tân Uyên', unitId: await unitId('723') })).toMatchObject({ status: 403, body: { code: 'role.forbidden' } });
    expect(await commune.post('/api/v1/learning-cities', { name: 'Thành phố học tập Tân Uyên', unitId: await unitId('723') })).toMatchObject({ status: 403, body: { code: 'role.forbidden' } });
    expect(Number((await server.db.selectFrom('learning_city').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
  });
});
