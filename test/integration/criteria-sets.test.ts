import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCriteriaCatalogue, readCriteriaFiles } from '../../src/modules/learning-models/criteria-catalogue.ts';
import { currentCriteriaSet, loadShippedCriteriaSet } from '../../src/modules/learning-models/criteria-store.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

/** Criteria sets through HTTP on the seeded template: the contract, scoring boundaries, bad input, versioned edits. */
let server: TestServer;
let admin: Client, coordinator: Client, commune: Client, viewer: Client;
const ids: Record<string, string> = {};

const count = async (table: 'criteria_set' | 'audit_log') => Number((await server.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const citizenCodes = ['CDHT_1_1', 'CDHT_1_2', 'CDHT_1_3', 'CDHT_1_4', 'CDHT_2_1', 'CDHT_2_2', 'CDHT_2_3', 'CDHT_2_4', 'CDHT_3_1', 'CDHT_3_2'];
/** Eight points each (80), with some indicators changed. */
const citizenScores = (changes: Record<string, number> = {}) => ({ ...Object.fromEntries(citizenCodes.map((c) => [c, 8])), ...changes });

beforeAll(async () => {
  server = await startTestServer();
  [admin, coordinator, commune, viewer] = await Promise.all(['admin', 'coordinator', 'commune', 'viewer'].map((u) => Client.login(server.url, u))) as [Client, Client, Client, Client];
  const list = await viewer.get('/api/v1/criteria-sets');
  for (const s of list.body) ids[s.modelType] = s.id;
});
afterAll(async () => { await server.close(); });

describe('the contract', () => {
  it('lists one set per model type with id, model type, version, source and effective date', async () => {
    const res = await viewer.get('/api/v1/criteria-sets');
    expect(res.status).toBe(200);
    expect(res.body.map((s: { modelType: string }) => s.modelType).sort()).toEqual([
      'learning_citizen', 'learning_clan', 'learning_community_commune', 'learning_community_hamlet', 'learning_family', 'learning_unit',
    ]);
    const citizen = res.body.find((s: { modelType: string }) => s.modelType === 'learning_citizen');
    expect(citizen).toMatchObject({
      id: expect.stringMatching(/^\d+$/), code: 'cdht-244-2022', version: 1, source: 'Quyết định 244/QĐ-KHVN', effectiveFrom: '2022-07-28',
      effectiveTo: null, verification: 'P', modelTypeLabel: 'Công dân học tập', latest: true, versions: 1,
    });
    expect(res.body.find((s: { modelType: string }) => s.modelType === 'learning_clan').verification).toBe('I');
    expect((await viewer.get('/api/v1/criteria-sets?modelType=learning_unit')).body.map((s: { code: string }) => s.code)).toEqual(['dvht-tt22-2020']);
  });

  it('returns the tree with indicator codes and maximum points', async () => {
    const res = await commune.get(`/api/v1/criteria-sets/${ids.learning_citizen}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'cdht-244-2022', version: 1, latestVersion: 1, maxTotal: 100 });
    const d = res.body.definition;
    expect(d.groups.flatMap((g: { indicators: { code: string }[] }) => g.indicators.map((i) => i.code))).toEqual(citizenCodes);
    expect(d.groups[0]).toMatchObject({ maxPoints: 40, indicators: [{ code: 'CDHT_1_1', maxPoints: 10, mark: 'P' }, {}, {}, {}] });
    expect(d.passRule).toEqual(expect.objectContaining({ kind: 'points', minTotal: 80, minTotalDifficultArea: 70, minEachIndicator: 5 }));
    expect(res.body.passRuleText).toContain('từ 80');
    expect((await viewer.get('/api/v1/criteria-sets/999999')).body).toMatchObject({ status: 404, code: 'criteria_set.not_found' });
  });

  it('exports a set as XLSX with its tree and marks', async () => {
    const res = await viewer.get(`/api/v1/criteria-sets/${ids.learning_unit}?format=xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const rows = wb.getWorksheet('Tiêu chí, chỉ số')!.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows).toContainEqual(['', 'DVHT_3_1', expect.stringContaining('Công dân học tập'), 25, '', '', 'V', expect.any(String)]);
    const info = wb.getWorksheet('Thông tin')!.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(info).toContainEqual(['Quy tắc đạt', expect.stringContaining('Tốt từ 85')]);
  });
});

describe('evaluate: pure scoring for every signed-in role', () => {
  const evaluate = (c: Client, type: string, body: unknown) => c.post(`/api/v1/criteria-sets/${ids[type]}/evaluate`, body);

  it('learning citizen: 80 passes, 79 fails; 70 passes only in a difficult area', async () => {
    expect((await evaluate(viewer, 'learning_citizen', { scores: citizenScores(), targetGroup: 'nong_dan' })).body).toMatchObject({ total: 80, maxTotal: 100, passed: true, level: null });
    const at79 = await evaluate(commune, 'learning_citizen', { scores: citizenScores({ CDHT_1_1: 7 }), targetGroup: 'nong_dan' });
    expect(at79.status).toBe(200);
    expect(at79.body).toMatchObject({ total: 79, passed: false, reasons: [{ code: 'criteria.below_min_total' }] });
    const seventy = citizenScores({ CDHT_1_1: 5, CDHT_1_2: 5, CDHT_1_3: 5, CDHT_1_4: 5, CDHT_3_1: 9, CDHT_3_2: 9 }); // 20 + 32 + 18
    expect((await evaluate(commune, 'learning_citizen', { scores: seventy, targetGroup: 'can_bo', difficultArea: true })).body).toMatchObject({ total: 70, passed: true });
    expect((await evaluate(commune, 'learning_citizen', { scores: seventy, targetGroup: 'can_bo', difficultArea: false })).body).toMatchObject({ total: 70, passed: false });
  });

  it('learning citizen: an indicator at 4 fails with 90 points', async () => {
    const tens = Object.fromEntries(citizenCodes.map((c) => [c, 10]));
    const res = await evaluate(viewer, 'learning_citizen', { scores: { ...tens, CDHT_1_1: 4, CDHT_3_2: 6 }, targetGroup: 'cong_nhan' });
    expect(res.body).toMatchObject({ total: 90, passed: false, reasons: [{ code: 'criteria.indicator_below_min' }] });
    expect((await evaluate(viewer, 'learning_citizen', { scores: { ...tens, CDHT_1_1: 5, CDHT_3_2: 5 }, targetGroup: 'cong_nhan' })).body).toMatchObject({ total: 90, passed: true });
  });

  it('learning unit: 85 is Tốt, 84.99 is Khá, 49.99 is not classified', async () => {
    const scores = (s: number) => ({ DVHT_1_1: 10, DVHT_1_2: 10, DVHT_1_3: 10, DVHT_2_1: 7.5, DVHT_2_2: 7.5, DVHT_2_3: 7.5, DVHT_2_4: 7.5, DVHT_3_1: s, DVHT_3_2: 0, DVHT_3_3: 0 });
    expect((await evaluate(viewer, 'learning_unit', { scores: scores(25) })).body).toMatchObject({ total: 85, level: 'tot', levelLabel: 'Tốt', passed: true });
    expect((await evaluate(viewer, 'learning_unit', { scores: scores(24.99) })).body).toMatchObject({ total: 84.99, level: 'kha', levelLabel: 'Khá' });
    const low = { ...scores(0), DVHT_1_1: 9.99, DVHT_1_2: 0, DVHT_1_3: 10 };
    expect((await evaluate(viewer, 'learning_unit', { scores: low })).body).toMatchObject({ total: 49.99, level: null, passed: false });
  });

  it('commune learning community: level 2 needs every level-2 target', async () => {
    const tree = (await viewer.get(`/api/v1/criteria-sets/${ids.learning_community_commune}`)).body.definition;
    const all = Object.fromEntries(tree.groups.flatMap((g: { indicators: { code: string }[] }) => g.indicators.map((i) => [i.code, true])));
    expect((await evaluate(commune, 'learning_community_commune', { scores: all })).body).toMatchObject({ passed: true, level: 'muc_do_2', levelLabel: 'Mức độ 2' });
    expect((await evaluate(commune, 'learning_community_commune', { scores: { ...all, CDX_5_3_M2: false } })).body).toMatchObject({ passed: true, level: 'muc_do_1' });
    expect((await evaluate(commune, 'learning_community_commune', { scores: { ...all, CDX_1_1: false } })).body).toMatchObject({ passed: false, level: null });
  });

  it('bad scores: 400 with a stable code and every field at fault, nothing written', async () => {
    const [sets, audits] = [await count('criteria_set'), await count('audit_log')];
    const scores: Record<string, number> = citizenScores({ CDHT_1_1: 11, CDHT_1_2: -1, CDHT_9_9: 5 });
    delete scores.CDHT_3_2;
    const res = await evaluate(commune, 'learning_citizen', { scores, targetGroup: 'nong_dan' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'criteria.invalid_scores', title: expect.stringContaining('không hợp lệ') });
    expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['body.scores.CDHT_1_1', 'criteria.score_above_max'], ['body.scores.CDHT_1_2', 'criteria.score_negative'],
      ['body.scores.CDHT_9_9', 'criteria.indicator_unknown'], ['body.scores.CDHT_3_2', 'criteria.indicator_missing'],
    ]);
    expect(res.body.errors[0].message).toMatch(/vượt điểm tối đa 10/);
    const noGroup = await evaluate(commune, 'learning_citizen', { scores: citizenScores() });
    expect(noGroup.body.errors).toEqual([expect.objectContaining({ field: 'body.targetGroup', code: 'criteria.target_group_required' })]);
    const notNumber = await evaluate(commune, 'learning_citizen', { scores: { CDHT_1_1: 'mười' }, targetGroup: 'nong_dan' });
    expect(notNumber.body).toMatchObject({ status: 400, code: 'request.invalid' });
    expect([await count('criteria_set'), await count('audit_log')]).toEqual([sets, audits]);
  });
});

describe('editing creates a new version', () => {
  let v1: any;
  beforeAll(async () => { v1 = (await admin.get(`/api/v1/criteria-sets/${ids.learning_family}`)).body; });
  const edited = () => {
    const d = structuredClone(v1.definition);
    d.groups[2].indicators[0] = { ...d.groups[2].indicators[0], name: 'Gia đình có góc học tập, tủ sách', maxPoints: 15, mark: 'V' };
    d.groups[2].indicators[1].maxPoints = 5;
    return d;
  };

  it('an admin saves version 2; version 1 stays as it was', async () => {
    const audits = await count('audit_log');
    const res = await admin.post(`/api/v1/criteria-sets/${v1.id}/versions`, { baseVersion: 1, definition: edited() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'gdht-448-2015', version: 2, modelType: 'learning_family', createdBy: expect.any(String) });
    expect(res.body.id).not.toBe(v1.id);
    expect(res.body.definition.groups[2].indicators[0]).toMatchObject({ maxPoints: 15, mark: 'V' });
    expect(await count('audit_log')).toBe(audits + 1);

    const old = (await viewer.get(`/api/v1/criteria-sets/${v1.id}`)).body;
    expect(old).toMatchObject({ version: 1, latestVersion: 2 });
    expect(old.definition.groups[2].indicators[0].maxPoints).toBe(10);
    expect((await viewer.get('/api/v1/criteria-sets?modelType=learning_family')).body).toEqual([expect.objectContaining({ id: res.body.id, version: 2, versions: 2 })]);
    expect((await viewer.get('/api/v1/criteria-sets?code=gdht-448-2015&allVersions=true')).body.map((s: { version: number }) => s.version)).toEqual([2, 1]);
    expect((await currentCriteriaSet(server.db, 'learning_family', '2026-01-01'))?.version).toBe(2);
  });

  it('a stale base version gets 409 and writes nothing', async () => {
    const sets = await count('criteria_set');
    const res = await admin.post(`/api/v1/criteria-sets/${v1.id}/versions`, { baseVersion: 1, definition: edited() });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'criteria_set.stale_version', currentVersion: 2 });
    expect(await count('criteria_set')).toBe(sets);
  });

  it('refuses an invalid definition and a changed code, naming the field', async () => {
    const bad = edited();
    bad.groups[2].indicators[1].maxPoints = 10; // 15 + 10 ≠ 20
    const res = await admin.post(`/api/v1/criteria-sets/${v1.id}/versions`, { baseVersion: 2, definition: bad });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'body.definition.groups.2.maxPoints' }));
    const renamed = await admin.post(`/api/v1/criteria-sets/${v1.id}/versions`, { baseVersion: 2, definition: { ...edited(), code: 'gdht-khac' } });
    expect(renamed.body).toMatchObject({ status: 400, code: 'criteria_set.identity_change', errors: [{ field: 'definition.code' }] });
  });

  it('a non-admin cannot save a version (403)', async () => {
    for (const c of [coordinator, commune]) {
      const res = await c.post(`/api/v1/criteria-sets/${v1.id}/versions`, { baseVersion: 2, definition: edited() });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('role.forbidden');
    }
  });
});

describe('loading data/criteria', () => {
  it('a second seed writes nothing, even after an admin edit', async () => {
    const sets = await count('criteria_set');
    expect(await loadCriteriaCatalogue(server.db)).toEqual({ sets: 6, changes: [] });
    expect(await count('criteria_set')).toBe(sets);
  });

  it('a changed file becomes the next version, once', async () => {
    const { definition } = (await readCriteriaFiles()).find((f) => f.definition.modelType === 'learning_clan')!;
    const changed = { ...definition, passRule: { ...definition.passRule, minTotal: 75 } };
    const first = await server.db.transaction().execute((tx) => loadShippedCriteriaSet(tx, changed));
    expect(first).toMatchObject({ changed: true, set: { code: 'dhht-448-2015', version: 2, createdBy: null } });
    const again = await server.db.transaction().execute((tx) => loadShippedCriteriaSet(tx, changed));
    expect(again).toMatchObject({ changed: false, set: { version: 2 } });
    expect((await viewer.get(`/api/v1/criteria-sets/${ids.learning_clan}`)).body.definition.passRule.minTotal).toBe(80);
  });
});
