import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoLearningModels } from '../../src/modules/learning-models/demo.ts';
import { TEST_PASSWORD, TEST_TODAY } from '../support/constants.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

/**
 * Learning models through HTTP on a real database: subjects, registration, self-assessment with evidence, the
 * competent level's review and recognition, the certificate and its public verification, and the citizen's public
 * page. Every refused request is checked to have written nothing.
 */
let server: TestServer;
let admin: Client, commune: Client, assessor: Client, outsider: Client, district: Client;
let tanNinh: string, hiepThanh: string;

const unitId = async (code: string, at: string) => (await server.db.selectFrom('org_unit').select('id').where('code', '=', code)
  .where((eb) => eb.and([eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', at)]), eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', at)])]))
  .executeTakeFirstOrThrow()).id;
const count = async (table: 'model_registration' | 'model_assessment' | 'model_evidence' | 'recognition_decision' | 'certificate' | 'learning_subject' | 'recognition_revocation' | 'audit_log' | 'model_registration_event') =>
  Number((await server.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const put = (c: Client, path: string, body: unknown) => c.request('PUT', path, { body });

/** Ten indicators of the learning-citizen set (cdht-244-2022), 10 points each; pass from 80 with none below 5. */
const CDHT = ['CDHT_1_1', 'CDHT_1_2', 'CDHT_1_3', 'CDHT_1_4', 'CDHT_2_1', 'CDHT_2_2', 'CDHT_2_3', 'CDHT_2_4', 'CDHT_3_1', 'CDHT_3_2'];
const scores = (points: number) => Object.fromEntries(CDHT.map((c) => [c, points]));

async function makeUser(username: string, role: string, scope: string[]) {
  expect((await admin.post('/api/v1/users', { username, displayName: username, role, password: TEST_PASSWORD, scopeUnitIds: scope })).status).toBe(201);
  return Client.login(server.url, username);
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await Client.login(server.url, 'admin');
  commune = await Client.login(server.url, 'commune'); // unit officer of Phường Tân Ninh (25459, Tây Ninh, since 01/07/2025)
  assessor = await Client.login(server.url, 'assessor'); // the old Tây Ninh province's study promotion association
  tanNinh = await unitId('25459', '2026-01-01');
  hiepThanh = await unitId('25741', '2024-12-31');
  outsider = await makeUser('lm.outsider', 'unit_officer', [await unitId('26506', '2026-01-01')]); // a ward of Hồ Chí Minh City
  district = await makeUser('lm.district', 'coordinator', [await unitId('718', '2024-12-31')]); // old Thủ Dầu Một
});
afterAll(async () => { await server.close(); });

async function citizen(name: string) {
  const res = await commune.post('/api/v1/learning-subjects', { kind: 'citizen', name, unitId: tanNinh, birthYear: 1980 });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function registration(subjectId: string, extra: Record<string, unknown> = {}) {
  const res = await commune.post('/api/v1/model-registrations', { subjectId, modelType: 'learning_citizen', year: 2026, onBehalf: true, ...extra });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const detail = async (c: Client, id: string) => (await c.get(`/api/v1/model-registrations/${id}`)).body;

describe('demo data', () => {
  it('seeds one campaign with two dossiers waiting in the demo commune, once', async () => {
    expect(await seedDemoLearningModels(server.db, TEST_TODAY)).toBe(2);
    expect(await seedDemoLearningModels(server.db, TEST_TODAY)).toBe(0);
    const queue = (await commune.get('/api/v1/model-registrations?status=submitted')).body.items;
    expect(queue.map((r: any) => r.subject.name).sort()).toEqual(['Nguyễn Văn An (mẫu)', 'Trần Thị Bích (mẫu)']);
  });
});

describe('registration', () => {
  it('refuses a second registration of a subject for one model and year with a stable code, and replays a retried key', async () => {
    const subjectId = await citizen('Trần Thị Bình');
    const key = randomUUID();
    const id = await registration(subjectId, { submissionKey: key });
    const retry = await commune.post('/api/v1/model-registrations', { subjectId, modelType: 'learning_citizen', year: 2026, onBehalf: true, submissionKey: key });
    expect(retry).toMatchObject({ status: 200, body: { id, replayed: true } });
    const before = await count('model_registration');
    const twice = await commune.post('/api/v1/model-registrations', { subjectId, modelType: 'learning_citizen', year: 2026 });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'registration.duplicate', errors: [{ field: 'body.subjectId' }] });
    expect(await count('model_registration')).toBe(before);
  });

  it('refuses a submission key reused with different content, writing nothing', async () => {
    const subjectId = await citizen('Trương Văn Khoa');
    const key = randomUUID();
    await registration(subjectId, { submissionKey: key });
    const otherSubject = await citizen('Trương Thị Lan');
    const before = [await count('model_registration'), await count('audit_log')];
    for (const body of [
      { subjectId: otherSubject, modelType: 'learning_citizen', year: 2026, onBehalf: true, submissionKey: key }, // another person
      { subjectId, modelType: 'learning_citizen', year: 2025, onBehalf: true, submissionKey: key }, // another year
      { subjectId, modelType: 'learning_citizen', year: 2026, onBehalf: false, submissionKey: key }, // not "nhập hộ" this time
    ]) {
      const res = await commune.post('/api/v1/model-registrations', body);
      expect(res).toMatchObject({ status: 409, body: { code: 'submission.key_reused', title: expect.stringContaining('Khóa gửi'), errors: [{ field: 'body.submissionKey' }] } });
    }
    expect([await count('model_registration'), await count('audit_log')]).toEqual(before);
  });

  it('refuses a model that does not fit the subject, a future year and a unit outside the scope', async () => {
    const subjectId = await citizen('Lê Văn Cường');
    expect((await commune.post('/api/v1/model-registrations', { subjectId, modelType: 'learning_family', year: 2026 })).body.code).toBe('registration.model_mismatch');
    expect((await commune.post('/api/v1/model-registrations', { subjectId, modelType: 'learning_citizen', year: 2027 })).body.code).toBe('registration.future_year');
    expect((await outsider.post('/api/v1/model-registrations', { subjectId, modelType: 'learning_citizen', year: 2026 })).status).toBe(403);
    expect((await outsider.post('/api/v1/learning-subjects', { kind: 'citizen', name: 'Ngoài phạm vi', unitId: tanNinh })).status).toBe(403);
  });

  it('links a citizen to a person of the universal-education register in scope, once', async () => {
    const survey = await server.db.insertInto('survey').values({ commune_id: tanNinh, year: 2026, reference_date: '2026-09-30', especially_difficult: false }).returning('id').executeTakeFirstOrThrow();
    const household = await server.db.insertInto('household').values({ survey_id: survey.id, code: 'LM-01' }).returning('id').executeTakeFirstOrThrow();
    await server.db.insertInto('resident').values({
      survey_id: survey.id, household_id: household.id, person_key: 'LM-P1', full_name: 'Mai Văn Phúc', sex: 'M', birth_year: 1970, status: 'present', disability: 'none',
      enrolled: 'none', highest_grade: 9, lower_secondary_diploma: true, preschool_completed: false, literacy_stage: 2,
    }).execute();
    const body = { kind: 'citizen', name: 'Mai Văn Phúc', unitId: tanNinh, personKey: 'LM-P1' };
    expect((await commune.post('/api/v1/learning-subjects', body)).status).toBe(201);
    expect((await commune.post('/api/v1/learning-subjects', body)).body.code).toBe('subject.duplicate_person');
    expect((await commune.post('/api/v1/learning-subjects', { ...body, personKey: 'LM-NOBODY' })).body.code).toBe('subject.person_unknown');
    const logged = await server.db.selectFrom('access_log').select('detail').where('action', '=', 'learning_subject.link_person').execute();
    expect(logged.length).toBeGreaterThanOrEqual(1);
  });

  it('records "nhập hộ" with the officer as actor', async () => {
    const id = await registration(await citizen('Phạm Thị Dung'));
    const d = await detail(commune, id);
    expect(d).toMatchObject({ channel: 'on_behalf', status: 'draft', actions: ['submit'] });
    expect(d.events[0]).toMatchObject({ action: 'register', onBehalf: true, actor: 'Cán bộ phường Tân Ninh' });
    const log = await server.db.selectFrom('access_log').select('action').where('action', '=', 'model_registration.read').execute();
    expect(log.length).toBeGreaterThan(0);
  });
});

describe('self-assessment and evidence', () => {
  let id: string;
  beforeAll(async () => { id = await registration(await citizen('Võ Minh Em')); });

  it('lists every bad score (above max, negative, missing) and writes nothing', async () => {
    const bad = { ...scores(9), CDHT_1_1: 11, CDHT_1_2: -1 } as Record<string, number>;
    delete bad.CDHT_3_2;
    const res = await put(commune, `/api/v1/model-registrations/${id}/self-assessment`, { scores: bad, targetGroup: 'nong_dan', version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('criteria.invalid_scores');
    expect(res.body.errors.map((e: any) => [e.field, e.code])).toEqual(expect.arrayContaining([
      ['body.scores.CDHT_1_1', 'criteria.score_above_max'], ['body.scores.CDHT_1_2', 'criteria.score_negative'], ['body.scores.CDHT_3_2', 'criteria.indicator_missing'],
    ]));
    const noGroup = await put(commune, `/api/v1/model-registrations/${id}/self-assessment`, { scores: scores(9), version: 1 });
    expect(noGroup.body.errors).toContainEqual(expect.objectContaining({ field: 'body.targetGroup' }));
    expect(await server.db.selectFrom('model_assessment').select('role').where('registration_id', '=', id).execute()).toEqual([]);
    expect((await detail(commune, id)).version).toBe(1);
  });

  it('refuses to submit before a self-assessment', async () => {
    const res = await commune.post(`/api/v1/model-registrations/${id}/actions`, { action: 'submit', version: 1 });
    expect(res).toMatchObject({ status: 422, body: { code: 'registration.no_self_assessment' } });
  });

  it('refuses a forbidden file type (by content, not by name) and an oversized file', async () => {
    const before = await count('model_evidence');
    const upload = (name: string, content: Buffer, type: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(content)], { type }), name);
      return commune.request('POST', `/api/v1/model-registrations/${id}/evidence`, { raw: form });
    };
    const exe = await upload('chung-chi.exe', Buffer.from('MZ\x90\x00'), 'application/octet-stream');
    expect(exe).toMatchObject({ status: 400, body: { code: 'evidence.bad_type' } });
    const fake = await upload('anh.png', Buffer.from('<script>alert(1)</script>'), 'image/png');
    expect(fake).toMatchObject({ status: 400, body: { code: 'evidence.bad_type' } });
    const big = await upload('to.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300 * 1024)]), 'application/pdf');
    expect(big.status).toBe(413);
    expect(await count('model_evidence')).toBe(before);
    const ok = await upload('giay-khen.pdf', Buffer.from('%PDF-1.4\n%%EOF'), 'application/pdf');
    expect(ok).toMatchObject({ status: 201, body: { fileName: 'giay-khen.pdf', mediaType: 'application/pdf' } });
    const link = await commune.post(`/api/v1/model-registrations/${id}/evidence-links`, { url: 'https://example.org/bai-viet', note: 'Bài báo xã' });
    expect(link.status).toBe(201);
    expect((await commune.post(`/api/v1/model-registrations/${id}/evidence-links`, { url: 'javascript:alert(1)' })).status).toBe(400);
    const file = await commune.get(`/api/v1/model-evidence/${ok.body.id}`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect((await outsider.get(`/api/v1/model-evidence/${ok.body.id}`)).status).toBe(403);
  });

  it('scores a valid self-assessment against the stored criteria set version', async () => {
    const res = await put(commune, `/api/v1/model-registrations/${id}/self-assessment`, { scores: scores(9), targetGroup: 'nong_dan', version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 90, maxTotal: 100, passed: true, version: 2 });
  });
});

describe('review and recognition', () => {
  let id: string;
  let version: number;
  const act = (c: Client, action: string, extra: Record<string, unknown> = {}) => c.post(`/api/v1/model-registrations/${id}/actions`, { action, version, ...extra });
  const refresh = async () => { version = (await detail(commune, id)).version; };

  beforeAll(async () => {
    id = await registration(await citizen('Nguyễn Văn An'));
    expect((await put(commune, `/api/v1/model-registrations/${id}/self-assessment`, { scores: scores(8.5), targetGroup: 'nong_dan', version: 1 })).status).toBe(200);
    await refresh();
  });

  it('keeps reviewers outside the scope or the competent level out', async () => {
    expect((await act(commune, 'submit')).status).toBe(200);
    await refresh();
    // Evidence belongs to the dossier as submitted: nothing can be added while it is under review.
    const evidence = [await count('model_evidence'), await count('model_registration_event')];
    const link = await commune.post(`/api/v1/model-registrations/${id}/evidence-links`, { url: 'https://example.org/sau-khi-nop' });
    expect(link).toMatchObject({ status: 409, body: { code: 'registration.not_editable', title: expect.stringContaining('không thêm minh chứng') } });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF'))], { type: 'application/pdf' }), 'muon.pdf');
    expect((await commune.request('POST', `/api/v1/model-registrations/${id}/evidence`, { raw: form })).body.code).toBe('registration.not_editable');
    expect([await count('model_evidence'), await count('model_registration_event')]).toEqual(evidence);
    expect((await detail(commune, id)).version).toBe(version);
    expect((await act(outsider, 'propose')).status).toBe(403);
    expect((await act(assessor, 'propose')).status).toBe(403);
    expect((await outsider.get(`/api/v1/model-registrations/${id}`)).status).toBe(403);
    expect((await detail(commune, id)).status).toBe('submitted');
  });

  it('needs a reason to return, and lets the registrant correct and submit again', async () => {
    expect((await act(commune, 'return')).body).toMatchObject({ status: 400, code: 'registration.comment_required' });
    expect((await act(commune, 'return', { comment: 'Thiếu minh chứng tham gia lớp học' })).body).toMatchObject({ status: 'returned' });
    await refresh();
    expect((await act(commune, 'recognise')).status).toBe(400); // not an action of this route: recognition carries a decision
    expect((await put(commune, `/api/v1/model-registrations/${id}/self-assessment`, { scores: scores(9), targetGroup: 'nong_dan', version })).status).toBe(200);
    await refresh();
    expect((await act(commune, 'submit')).body).toMatchObject({ status: 'submitted' });
    await refresh();
    const stale = await act(commune, 'propose', { version: version - 1 });
    expect(stale).toMatchObject({ status: 409, body: { code: 'model_registration.stale_version' } });
  });

  it('refuses recognition before the proposal and without a decision number, writing nothing', async () => {
    const decision = { number: '125/QĐ-UBND', decidedOn: '2026-11-20', signer: 'Trần Văn Bảy', signerTitle: 'Chủ tịch UBND phường' };
    expect((await commune.post(`/api/v1/model-registrations/${id}/recognition`, { decision, version })).body.code).toBe('registration.nothing_to_recognise');
    expect((await act(commune, 'propose')).body).toMatchObject({ status: 'proposed' });
    await refresh();
    const before = [await count('recognition_decision'), await count('certificate')];
    const noNumber = await commune.post(`/api/v1/model-registrations/${id}/recognition`, { decision: { ...decision, number: '' }, version });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.errors).toContainEqual(expect.objectContaining({ field: 'body.decision.number' }));
    const missing = await commune.post(`/api/v1/model-registrations/${id}/recognition`, { decision: { decidedOn: '2026-11-20', signer: 'Trần Văn Bảy' }, version });
    expect(missing.body.errors).toContainEqual(expect.objectContaining({ field: 'body.decision.number' }));
    const future = await commune.post(`/api/v1/model-registrations/${id}/recognition`, { decision: { ...decision, decidedOn: '2026-12-01' }, version });
    expect(future.body).toMatchObject({ code: 'decision.invalid', errors: [{ field: 'body.decision.decidedOn' }] });
    expect((await assessor.post(`/api/v1/model-registrations/${id}/recognition`, { decision, version })).status).toBe(403);
    // A recognition based on an older read of the dossier (it changed since): refused, not applied.
    const stale = await commune.post(`/api/v1/model-registrations/${id}/recognition`, { decision, version: version - 1 });
    expect(stale).toMatchObject({ status: 409, body: { code: 'model_registration.stale_version', currentVersion: version, title: expect.stringContaining('tải lại') } });
    expect([await count('recognition_decision'), await count('certificate')]).toEqual(before);
    expect((await detail(commune, id)).status).toBe('proposed');
  });

  it('recognises with a decision, issues a certificate and verifies it publicly with a masked name', async () => {
    const decision = { number: '125/QĐ-UBND', decidedOn: '2026-11-20', signer: 'Trần Văn Bảy', signerTitle: 'Chủ tịch UBND phường', validUntil: '2027-12-31' };
    const res = await commune.post(`/api/v1/model-registrations/${id}/recognition`, { decision, version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'recognised' });
    const code: string = res.body.certificateCode;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);

    const d = await detail(commune, id);
    expect(d).toMatchObject({ status: 'recognised', actions: ['revoke'], recognition: { certificateCode: code, decision: { number: '125/QĐ-UBND', issuer: 'Phường Tân Ninh' } } });
    expect(d.events.map((e: any) => e.action)).toEqual(['register', 'self_assess', 'submit', 'return', 'self_assess', 'submit', 'propose', 'recognise']);

    const docx = await commune.get(`/api/v1/model-registrations/${id}/certificate`);
    expect(docx.status).toBe(200);
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    // Typed from paper: lower case, a dash, O for 0.
    const typed = `${code.slice(0, 5)}-${code.slice(5)}`.toLowerCase().replace(/0/g, 'o');
    const pub = await fetch(`${server.url}/api/public/v1/certificates/${encodeURIComponent(typed)}`);
    expect(pub.status).toBe(200);
    expect(await pub.json()).toMatchObject({
      subjectName: 'Nguyễn V. A.', modelLabel: 'Công dân học tập', year: 2026, valid: true, unitName: 'Phường Tân Ninh',
      decision: { number: '125/QĐ-UBND', decidedOn: '2026-11-20', issuer: 'Phường Tân Ninh', validUntil: '2027-12-31' },
    });
    const unknown = await fetch(`${server.url}/api/public/v1/certificates/ABCDE-FGHJK`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'certificate.not_found', title: expect.stringContaining('Không tìm thấy') });

    const audit = await server.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['model_registration.create', 'model_assessment.self', 'model_registration.propose', 'model_registration.recognise']));
  });

  let other: string;
  it('reuses one decision for a second subject but refuses the same number with another date', async () => {
    other = await registration(await citizen('Đỗ Thị Hoa'));
    await put(commune, `/api/v1/model-registrations/${other}/self-assessment`, { scores: scores(10), targetGroup: 'nong_dan', version: 1 });
    for (const action of ['submit', 'propose']) {
      expect((await commune.post(`/api/v1/model-registrations/${other}/actions`, { action, version: (await detail(commune, other)).version })).status).toBe(200);
    }
    const v = (await detail(commune, other)).version;
    const clash = await commune.post(`/api/v1/model-registrations/${other}/recognition`, { decision: { number: '125/QĐ-UBND', decidedOn: '2026-11-21', signer: 'Trần Văn Bảy' }, version: v });
    expect(clash.body.code).toBe('decision.number_taken');
    const decisions = await count('recognition_decision');
    const same = await commune.post(`/api/v1/model-registrations/${other}/recognition`, { decision: { number: '125/QĐ-UBND', decidedOn: '2026-11-20', signer: 'Trần Văn Bảy' }, version: v });
    expect(same.status).toBe(200);
    expect(await count('recognition_decision')).toBe(decisions);
  });

  it('exports the list as XLSX and filters by status', async () => {
    const list = await commune.get('/api/v1/model-registrations?modelType=learning_citizen&year=2026&status=recognised');
    expect(list.body.items.map((r: any) => r.subject.name).sort()).toEqual(['Nguyễn Văn An', 'Đỗ Thị Hoa'].sort());
    expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    const xlsx = await commune.get('/api/v1/model-registrations?year=2026&format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(Number(xlsx.headers.get('x-total-count'))).toBeGreaterThan(2);
  });

  it('pages the registrations with the total of the whole filtered list', async () => {
    const all = (await commune.get('/api/v1/model-registrations?year=2026&pageSize=500')).body;
    expect(all.items.length).toBe(all.total);
    const pages = [];
    for (let page = 1; page <= Math.ceil(all.total / 3); page++) {
      const res = (await commune.get(`/api/v1/model-registrations?year=2026&pageSize=3&page=${page}`)).body;
      expect(res).toMatchObject({ total: all.total, page, pageSize: 3 });
      pages.push(...res.items.map((r: any) => r.id));
    }
    expect(pages).toEqual(all.items.map((r: any) => r.id)); // each row once, same order
    expect((await commune.get('/api/v1/model-registrations?pageSize=501')).body).toMatchObject({ status: 400, errors: [{ field: 'querystring.pageSize' }] });
    expect((await commune.get('/api/v1/model-registrations?page=0')).status).toBe(400);
    expect((await commune.get('/api/v1/model-registrations?year=2026&page=999')).body).toMatchObject({ items: [], total: all.total });
  });

  it('revokes a recognition by the level that granted it, shown publicly; refuses the rest and writes nothing', async () => {
    const url = `/api/v1/model-registrations/${other}/revocation`;
    const d0 = await detail(commune, other);
    expect(d0).toMatchObject({ status: 'recognised', actions: ['revoke'], revocation: null });
    const code: string = d0.recognition.certificateCode;
    const body = { decision: { number: '130/QĐ-UBND', decidedOn: '2026-11-22' }, reason: 'Kê khai tham gia lớp học không đúng sự thật', version: d0.version };
    const snapshot = async () => [await count('recognition_revocation'), await count('audit_log'), await count('model_registration_event'), (await detail(commune, other)).version];
    const before = await snapshot();

    expect((await assessor.post(url, body)).body).toMatchObject({ status: 403, code: 'role.forbidden' });
    expect((await outsider.post(url, body)).body).toMatchObject({ status: 403, code: 'scope.forbidden' });
    const noReason = await commune.post(url, { decision: body.decision, version: body.version });
    expect(noReason).toMatchObject({ status: 400, body: { errors: [{ field: 'body.reason', message: expect.stringContaining('lý do') }] } });
    expect((await commune.post(url, { ...body, reason: '   ab ' })).body.errors).toEqual([expect.objectContaining({ field: 'body.reason' })]);
    expect((await commune.post(url, { ...body, decision: { decidedOn: '2026-11-22' } })).body.errors).toEqual([expect.objectContaining({ field: 'body.decision.number' })]);
    const early = await commune.post(url, { ...body, decision: { ...body.decision, decidedOn: '2026-11-19' } });
    expect(early.body).toMatchObject({ code: 'decision.invalid', errors: [{ field: 'body.decision.decidedOn', message: expect.stringContaining('20/11/2026') }] });
    expect((await commune.post(url, { ...body, decision: { ...body.decision, decidedOn: '2026-11-24' } })).body.code).toBe('decision.invalid');
    const clash = await commune.post(url, { ...body, decision: { ...body.decision, number: '125/QĐ-UBND' } });
    expect(clash).toMatchObject({ status: 409, body: { code: 'decision.number_taken' } });
    expect((await commune.post(url, { ...body, version: body.version - 1 })).body.code).toBe('model_registration.stale_version');
    expect(await snapshot()).toEqual(before);

    const ok = await commune.post(url, body);
    expect(ok).toMatchObject({ status: 200, body: { status: 'revoked', statusLabel: 'Đã thu hồi công nhận' } });
    const again = await commune.post(url, { ...body, version: ok.body.version });
    expect(again).toMatchObject({ status: 409, body: { code: 'recognition.already_revoked' } });

    const d = await detail(commune, other);
    expect(d).toMatchObject({ status: 'revoked', actions: [], revocation: { decision: { number: '130/QĐ-UBND', decidedOn: '2026-11-22', issuer: 'Phường Tân Ninh' }, reason: body.reason } });
    expect(d.events.at(-1)).toMatchObject({ action: 'revoke', from: 'recognised', to: 'revoked' });
    const audit = await server.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_id', '=', other).where('action', '=', 'model_registration.revoke').execute();
    expect(audit).toHaveLength(1);

    const pub = await (await fetch(`${server.url}/api/public/v1/certificates/${code}`)).json();
    expect(pub).toMatchObject({ valid: false, revoked: true, revocation: { number: '130/QĐ-UBND', decidedOn: '2026-11-22', reason: body.reason, issuer: 'Phường Tân Ninh' } });
    expect((await commune.get(`/api/v1/model-registrations/${other}/certificate`)).body).toMatchObject({ status: 409, code: 'certificate.revoked' });
    const recognised = (await commune.get('/api/v1/model-registrations?modelType=learning_citizen&year=2026&status=recognised')).body.items;
    expect(recognised.map((r: any) => r.subject.name)).toEqual(['Nguyễn Văn An']);
    expect((await commune.get('/api/v1/model-registrations?status=revoked')).body.items.map((r: any) => r.id)).toEqual([other]);
  });
});

describe('competent level by year', () => {
  it('sends a 2024 commune learning community to its district, not to the commune itself', async () => {
    const set = await server.db.selectFrom('criteria_set').select('definition').where('model_type', '=', 'learning_community_commune').orderBy('version', 'desc').executeTakeFirstOrThrow();
    const targets = Object.fromEntries((set.definition as any).groups.flatMap((g: any) => g.indicators.map((i: any) => [i.code, true])));
    const subject = await district.post('/api/v1/learning-subjects', { kind: 'commune', name: 'Phường Hiệp Thành', unitId: hiepThanh });
    const reg = await district.post('/api/v1/model-registrations', { subjectId: subject.body.id, modelType: 'learning_community_commune', year: 2024 });
    expect(reg.status).toBe(201);
    const id = reg.body.id;
    expect((await put(district, `/api/v1/model-registrations/${id}/self-assessment`, { scores: targets, version: 1 })).body).toMatchObject({ passed: true, level: 'muc_do_2' });
    expect((await district.post(`/api/v1/model-registrations/${id}/actions`, { action: 'submit', version: 2 })).status).toBe(200);
    const d = await detail(district, id);
    expect(d).toMatchObject({ route: { proposer: null, recogniser: 'district', verified: 'V' }, calendar: { dossierDue: '2025-02-28', decisionDue: '2025-03-31' }, actions: ['recognise', 'return', 'reject'] });
    const officer = await makeUser('lm.hiepthanh', 'unit_officer', [hiepThanh]);
    expect((await officer.post(`/api/v1/model-registrations/${id}/recognition`, { decision: { number: '12/QĐ-PGDĐT', decidedOn: '2025-03-20', signer: 'Lê Thị Mai' }, version: 3 })).body.code).toBe('scope.not_competent');
    expect((await put(officer, `/api/v1/model-registrations/${id}/review`, { scores: targets, version: 3 })).body.code).toBe('scope.not_competent');
    // The district's review finds a level-2 target not met: the recognition carries the reviewed level, not the claimed one.
    const review = await put(district, `/api/v1/model-registrations/${id}/review`, { scores: { ...targets, CDX_4_1_M2: false }, version: 3 });
    expect(review.body).toMatchObject({ passed: true, level: 'muc_do_1' });
    const ok = await district.post(`/api/v1/model-registrations/${id}/recognition`, { decision: { number: '12/QĐ-PGDĐT', decidedOn: '2025-03-20', signer: 'Lê Thị Mai' }, version: 4 });
    expect(ok).toMatchObject({ status: 200, body: { late: false } });
    const d2 = await detail(district, id);
    expect(d2).toMatchObject({ self: { level: 'Mức độ 2' }, review: { level: 'Mức độ 1' }, recognition: { level: 'Mức độ 1', decision: { issuer: 'Thành phố Thủ Dầu Một' } } });
    // Only the level that recognised may revoke: the commune sees its own dossier but did not grant the title.
    expect((await detail(officer, id)).actions).toEqual([]);
    const revocations = await count('recognition_revocation');
    const wrongLevel = await officer.post(`/api/v1/model-registrations/${id}/revocation`, { decision: { number: '3/QĐ-UBND', decidedOn: '2025-06-01' }, reason: 'Không duy trì các tiêu chí', version: d2.version });
    expect(wrongLevel).toMatchObject({ status: 403, body: { code: 'scope.not_competent' } });
    expect(await count('recognition_revocation')).toBe(revocations);
    expect((await detail(district, id)).status).toBe('recognised');
  });
});

describe('citizen self-service', () => {
  let code: string;
  beforeAll(async () => {
    const res = await commune.post('/api/v1/model-campaigns', { unitId: tanNinh, modelType: 'learning_citizen', year: 2026, title: 'Đăng ký Công dân học tập năm 2026' });
    expect(res.status).toBe(201);
    code = res.body.code;
  });

  it('shows the campaign and its criteria to anyone, and a QR code to officers', async () => {
    const res = await fetch(`${server.url}/api/public/v1/model-campaigns/${code.toLowerCase()}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ unitName: 'Phường Tân Ninh', modelLabel: 'Công dân học tập', open: true });
    expect(body.criteria.groups.flatMap((g: any) => g.indicators).length).toBe(10);
    const campaigns = await commune.get('/api/v1/model-campaigns');
    const qr = await commune.get(`/api/v1/model-campaigns/${campaigns.body[0].id}/qr`);
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect((await commune.get(`/api/v1/model-campaigns/${campaigns.body[0].id}/qr?format=svg`)).body.toString()).toContain('<svg');
    expect((await outsider.get(`/api/v1/model-campaigns/${campaigns.body[0].id}/qr`)).status).toBe(403);
    expect((await fetch(`${server.url}/api/public/v1/model-campaigns/ZZZZZZZZ`)).status).toBe(404);
  });

  it('writes nothing for bad scores, lands a good submission in the commune queue once, however often it is retried', async () => {
    const post = (body: unknown) => fetch(`${server.url}/api/public/v1/model-campaigns/${code}/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const before = [await count('learning_subject'), await count('model_registration')];
    const bad = await post({ name: 'Huỳnh Văn Giang', birthYear: 1975, scores: { ...scores(9), CDHT_2_1: 12 }, targetGroup: 'nong_dan', submissionKey: randomUUID() });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ field: 'body.scores.CDHT_2_1', code: 'criteria.score_above_max' })]);
    expect([await count('learning_subject'), await count('model_registration')]).toEqual(before);

    const submission = { name: 'Huỳnh Văn Giang', birthYear: 1975, scores: scores(9), targetGroup: 'nong_dan', submissionKey: randomUUID() };
    const results = await Promise.all([post(submission), post(submission), post(submission)]);
    const bodies = await Promise.all(results.map((r) => r.json()));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(bodies.map((b) => b.registrationId)).size).toBe(1);
    expect(bodies[0]).toMatchObject({ total: 90, passed: true });
    expect([await count('learning_subject'), await count('model_registration')]).toEqual([before[0]! + 1, before[1]! + 1]);

    // The same key with other content is not a retry: refused, nothing written.
    const counts = async () => [await count('learning_subject'), await count('model_registration'), await count('audit_log')];
    const afterFirst = await counts();
    for (const changed of [{ ...submission, scores: scores(10) }, { ...submission, name: 'Huỳnh Văn Giàu' }, { ...submission, birthYear: 1976 }]) {
      const res = await post(changed);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: 'submission.key_reused', title: expect.stringContaining('Khóa gửi'), errors: [{ field: 'body.submissionKey' }] });
    }
    expect(await counts()).toEqual(afterFirst);
    // The citizen's subject is created by the public page, and audited as such (no actor).
    const created = await server.db.selectFrom('audit_log').select(['actor_id', 'after']).where('action', '=', 'learning_subject.create')
      .where('entity_id', '=', (await server.db.selectFrom('model_registration').select('subject_id').where('id', '=', bodies[0].registrationId).executeTakeFirstOrThrow()).subject_id).execute();
    expect(created).toEqual([expect.objectContaining({ actor_id: null, after: expect.objectContaining({ name: 'Huỳnh Văn Giang', channel: 'self_service' }) })]);

    const queue = await commune.get('/api/v1/model-registrations?status=submitted');
    const mine = queue.body.items.find((r: any) => r.id === bodies[0].registrationId);
    expect(mine).toMatchObject({ channel: 'self_service', subject: { name: 'Huỳnh Văn Giang' }, selfTotal: 90 });
    const d = await detail(commune, mine.id);
    expect(d.actions).toEqual(['propose', 'return', 'reject']);
    expect(d.events[1]).toMatchObject({ action: 'submit', actor: 'Người dân (trang công khai)' });
  });
});

describe('self-service refusals', () => {
  const post = (c: string, body: unknown) => fetch(`${server.url}/api/public/v1/model-campaigns/${c}/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const submission = () => ({ name: 'Lâm Thị Mỹ', birthYear: 1988, scores: scores(9), targetGroup: 'nong_dan', submissionKey: randomUUID() });
  const counts = async () => [await count('learning_subject'), await count('model_registration'), await count('model_assessment'), await count('audit_log')];
  /** A campaign written straight into the table: the officer's form refuses these, but dates move on (and units end). */
  const campaign = async (code: string, values: { unit_id: string; year: number; closes_on?: string }) => {
    const creator = await server.db.selectFrom('app_user').select('id').where('username', '=', 'commune').executeTakeFirstOrThrow();
    await server.db.insertInto('model_campaign').values({ code, model_type: 'learning_citizen', title: 'Đợt thử', created_by: creator.id, closes_on: null, ...values }).execute();
    return code;
  };

  it('refuses a closed campaign with its closing date, writing nothing', async () => {
    const code = await campaign('CAMP0001', { unit_id: tanNinh, year: 2026, closes_on: '2026-11-22' });
    const before = await counts();
    const res = await post(code, submission());
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'campaign.closed', title: expect.stringContaining('22/11/2026') });
    expect(await counts()).toEqual(before);
    const open = await campaign('CAMP0002', { unit_id: tanNinh, year: 2026, closes_on: '2026-11-23' }); // the last day is still open
    expect((await post(open, submission())).status).toBe(201);
  });

  it('refuses a future year and a unit not in force in the campaign year, like the officer path', async () => {
    const before = await counts();
    const future = await post(await campaign('FTRE0001', { unit_id: tanNinh, year: 2027 }), submission());
    expect(future.status).toBe(400);
    expect(await future.json()).toMatchObject({ code: 'registration.future_year', title: expect.stringContaining('2027') });
    const ended = await post(await campaign('NDED0001', { unit_id: hiepThanh, year: 2026 }), submission()); // a ward merged away on 01/07/2025
    expect(ended.status).toBe(422);
    expect(await ended.json()).toMatchObject({ code: 'registration.unit_not_in_force' });
    expect(await counts()).toEqual(before);
  });

  it('lets an officer open a campaign only for a year that has begun and a closing day still ahead', async () => {
    const body = { unitId: tanNinh, modelType: 'learning_citizen', year: 2026, title: 'Đăng ký năm sau' };
    expect((await commune.post('/api/v1/model-campaigns', { ...body, year: 2027 })).body).toMatchObject({ status: 400, code: 'registration.future_year' });
    expect((await commune.post('/api/v1/model-campaigns', { ...body, closesOn: '2026-11-22' })).body).toMatchObject({ status: 400, code: 'campaign.closes_in_past', errors: [{ field: 'body.closesOn' }] });
  });

  it('no longer takes a hamlet it would throw away', async () => {
    const res = await post('CAMP0002', { ...submission(), hamlet: 'Khu phố 3' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'request.invalid' });
  });
});

describe('subjects list and family / clan membership', () => {
  let family: string, clan: string, otherFamily: string, member: string;
  const subject = async (c: Client, body: Record<string, unknown>) => {
    const res = await c.post('/api/v1/learning-subjects', { unitId: tanNinh, ...body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  beforeAll(async () => {
    family = await subject(commune, { kind: 'family', name: 'Gia đình ông Lý Văn Mạnh' });
    otherFamily = await subject(commune, { kind: 'family', name: 'Gia đình bà Lý Thị Nga' });
    clan = await subject(commune, { kind: 'clan', name: 'Dòng họ Lý' });
    member = await subject(commune, { kind: 'citizen', name: 'Lý Văn Mạnh', birthYear: 1960 });
  });

  it('pages the subjects with the total, and exports the whole filtered list to XLSX with the read logged', async () => {
    const all = (await commune.get('/api/v1/learning-subjects?kind=citizen&pageSize=500')).body;
    expect(all.total).toBeGreaterThan(3);
    expect(all.items.length).toBe(all.total);
    const p1 = (await commune.get('/api/v1/learning-subjects?kind=citizen&pageSize=2')).body;
    const p2 = (await commune.get('/api/v1/learning-subjects?kind=citizen&pageSize=2&page=2')).body;
    expect([p1.total, p2.total]).toEqual([all.total, all.total]);
    expect([...p1.items, ...p2.items].map((x: any) => x.id)).toEqual(all.items.slice(0, 4).map((x: any) => x.id));
    expect((await commune.get('/api/v1/learning-subjects?q=ly van manh')).body.items.map((x: any) => x.name)).toContain('Lý Văn Mạnh'); // accents ignored

    const logged = await count('audit_log');
    const xlsx = await commune.get('/api/v1/learning-subjects?kind=citizen&format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(Number(xlsx.headers.get('x-total-count'))).toBe(all.total);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    expect(wb.worksheets[0]!.rowCount).toBe(all.total + 2); // title, header, every row — not one page
    const access = await server.db.selectFrom('access_log').select('detail').where('action', '=', 'learning_subject.export').execute();
    expect(access).toHaveLength(1);
    expect(await count('audit_log')).toBe(logged); // a read, not a write
  });

  it('adds a citizen to a family and a household to a clan, lists and removes them, audited', async () => {
    const add = (group: string, memberId: string, c = commune) => c.post(`/api/v1/learning-subjects/${group}/members`, { memberId });
    expect(await add(family, member)).toMatchObject({ status: 201, body: { name: 'Lý Văn Mạnh' } });
    expect(await add(clan, family)).toMatchObject({ status: 201 });
    expect(await add(clan, otherFamily)).toMatchObject({ status: 201 });
    const members = (await commune.get(`/api/v1/learning-subjects/${clan}/members`)).body;
    expect(members).toMatchObject({ group: { kind: 'clan', name: 'Dòng họ Lý' }, memberKind: 'family', outsideScope: 0 });
    expect(members.items.map((m: any) => m.name)).toEqual(['Gia đình bà Lý Thị Nga', 'Gia đình ông Lý Văn Mạnh']);
    expect((await commune.get(`/api/v1/learning-subjects?kind=clan&q=Dòng họ Lý`)).body.items[0]).toMatchObject({ members: 2 });
    expect((await commune.get(`/api/v1/learning-subjects?kind=family&q=Lý Văn Mạnh`)).body.items[0]).toMatchObject({ members: 1, memberOf: { id: clan } });

    const before = [await count('audit_log')];
    expect((await add(clan, family)).body).toMatchObject({ status: 409, code: 'subject.already_member' });
    expect((await add(clan, member)).body).toMatchObject({ status: 400, code: 'subject.member_kind', title: expect.stringContaining('gia đình') });
    expect((await add(member, family)).body).toMatchObject({ status: 400, code: 'subject.not_a_group' });
    expect((await add(clan, family, outsider)).status).toBe(403);
    expect((await outsider.get(`/api/v1/learning-subjects/${clan}/members`)).status).toBe(403);
    const otherClan = await subject(commune, { kind: 'clan', name: 'Dòng họ Lý Văn' });
    expect((await add(otherClan, family)).body).toMatchObject({ status: 409, code: 'subject.member_elsewhere', title: expect.stringContaining('Dòng họ Lý') });
    expect([await count('audit_log')]).toEqual([before[0]! + 1]); // only the new clan itself

    expect((await commune.request('DELETE', `/api/v1/learning-subjects/${clan}/members/${otherFamily}`)).status).toBe(200);
    expect((await commune.request('DELETE', `/api/v1/learning-subjects/${clan}/members/${otherFamily}`)).body).toMatchObject({ status: 404, code: 'subject.not_member' });
    expect((await commune.get(`/api/v1/learning-subjects/${clan}/members`)).body.items.map((m: any) => m.name)).toEqual(['Gia đình ông Lý Văn Mạnh']);
    const audit = await server.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'like', 'learning_subject.member_%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['learning_subject.member_add', 'learning_subject.member_add', 'learning_subject.member_add', 'learning_subject.member_remove']);
    expect(await server.db.selectFrom('access_log').select('action').where('action', '=', 'learning_subject.members').execute()).not.toHaveLength(0);
  });
});

describe('public rate limit', () => {
  it('stops guessing certificate codes after 30 checks a minute from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await fetch(`${server.url}/api/public/v1/certificates/0000000${String(i).padStart(3, '0')}`)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(30);
  });

  it('takes as many self-service submissions a minute from one address as the operator set', async () => {
    const tight = await startTestServer({ selfServicePerMinute: 2 });
    try {
      const post = (base: string) => fetch(`${base}/api/public/v1/model-campaigns/ZZZZZZZZ/submissions`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Lê Thị Hoa', birthYear: 1980, scores: scores(8), targetGroup: 'nong_dan', submissionKey: randomUUID() }),
      }).then((r) => r.status);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push(await post(tight.url));
      expect(statuses).toEqual([404, 404, 429]);
    } finally {
      await tight.close();
    }
  });
});
