import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadObligations, readObligationFile } from '../../src/modules/reports/obligations.ts';
import { TEST_PASSWORD } from '../support/constants.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';
import { readZipEntry } from '../support/zip.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
let server: TestServer;
let coordinator: Client, agency: Client, commune: Client, viewer: Client;
let unitIds: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  [coordinator, agency, commune, viewer] = await Promise.all(['coordinator', 'agency', 'commune', 'viewer'].map((u) => Client.login(server.url, u))) as [Client, Client, Client, Client];
  // Codes are reused across the 2025 reform: the unit of each code that is in force today, else the last one.
  const units = await server.db.selectFrom('org_unit').select(['id', 'code']).where('code', 'in', ['80.SGDDT', '74.SGDDT', '80', '25459'])
    .orderBy(sql`coalesce(valid_to, '9999-12-31')`).execute();
  unitIds = Object.fromEntries(units.map((u) => [u.code, u.id]));
});
afterAll(async () => { await server.close(); });

async function obligation(code: string) {
  const all = (await coordinator.get('/api/v1/reports/obligations')).body as { id: string; code: string; version: number }[];
  return all.find((o) => o.code === code)!;
}
const count = async (table: 'report_event' | 'report_attachment' | 'report_submission') =>
  Number((await server.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** Text of a DOCX's main part, tags removed (runs joined), and the raw XML. */
function docxXml(body: Buffer) {
  const xml = readZipEntry(body, 'word/document.xml')!.toString('utf8');
  return { xml, text: xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '') };
}
const hasSoffice = (() => { try { execFileSync('soffice', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();

/** DOCX → PDF with LibreOffice, the PDF's text, and PNGs of its pages kept under test-results/reports. */
function render(body: Buffer, name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xhht-docx-'));
  fs.writeFileSync(path.join(dir, `${name}.docx`), body);
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, `${name}.docx`)], { stdio: 'ignore', timeout: 120_000 });
  const pdf = path.join(dir, `${name}.pdf`);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())?.[1] ?? 0);
  const out = path.resolve('test-results/reports');
  fs.mkdirSync(out, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(out, name)]);
  const size = execFileSync('pdfinfo', [pdf]).toString().match(/Page size:\s+([\d.]+) x ([\d.]+)/)!;
  fs.rmSync(dir, { recursive: true, force: true });
  return { text, pages, widthPt: Number(size[1]), heightPt: Number(size[2]) };
}

describe('report obligations', () => {
  it('lists the obligations of a plan with reporter, recipient, due rule, next due date and legal source', async () => {
    const res = await coordinator.get(`/api/v1/reports/obligations?plan=${encodeURIComponent('1144/KH-UBND')}`);
    expect(res.status).toBe(200);
    const byCode = Object.fromEntries(res.body.map((o: { code: string }) => [o.code, o]));
    expect(Object.keys(byCode).sort()).toEqual(['bd-1144-final', 'bd-1144-mid-term', 'bd-1144-yearly-agencies', 'bd-1144-yearly-districts']);
    expect(byCode['bd-1144-yearly-agencies']).toMatchObject({
      plan: { number: '1144/KH-UBND' }, reporterText: 'Các sở, ban, ngành tỉnh', recipient: { code: '74.SGDDT' },
      due: { kind: 'yearly', month: 12, day: 1 }, dueRuleText: 'Hằng năm, trước ngày 01/12', periodType: 'year',
      nextDue: { period: 2026, dueDate: '2026-12-01' }, legalSource: expect.stringContaining('1144/KH-UBND'), verified: 'V', active: true,
    });
    expect(byCode['bd-1144-mid-term'].nextDue).toBeNull(); // the 2025 mid-term review is behind us on 23/11/2026
    expect(byCode['bd-1144-final'].nextDue).toEqual({ period: 2030, dueDate: '2030-12-31' });
    const openapi = (await coordinator.get('/api/docs/json')).body;
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/reports/obligations', '/api/v1/reports/consolidated', '/api/v1/reports/board']));
  });

  it('lets the coordinator edit an obligation, refusing stale versions and rules without a date', async () => {
    const o = await obligation('learning-models-yearly');
    const full = (await coordinator.get(`/api/v1/reports/obligations/${o.id}`)).body;
    const body = {
      code: full.code, planId: null, recipientId: null, active: true, title: full.title, reporters: full.reporters, reporterText: full.reporterText,
      recipientText: full.recipientText, due: { ...full.due, day: 10 }, periodType: full.periodType, firstPeriod: full.firstPeriod, lastPeriod: full.lastPeriod,
      legalSource: full.legalSource, clause: full.clause, verified: full.verified, version: full.version,
    };
    const res = await coordinator.request('PUT', `/api/v1/reports/obligations/${o.id}`, { body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dueRuleText: 'Hằng năm, trước ngày 10/12', version: full.version + 1 });
    expect((await coordinator.request('PUT', `/api/v1/reports/obligations/${o.id}`, { body })).status).toBe(409);
    const none = await coordinator.request('PUT', `/api/v1/reports/obligations/${o.id}`, { body: { ...body, due: { kind: 'none' }, version: full.version + 1 } });
    expect(none.status).toBe(400);
    expect((await agency.request('PUT', `/api/v1/reports/obligations/${o.id}`, { body })).body.code).toBe('role.forbidden');
  });

  it('lets the coordinator add an obligation, once per code', async () => {
    const body = {
      code: 'tn-quarterly-test', planId: null, recipientId: unitIds['80.SGDDT'], title: 'Báo cáo nhanh tình hình học tập suốt đời', reporters: { units: ['80.SGDDT'] },
      reporterText: 'Sở Giáo dục và Đào tạo', recipientText: 'UBND tỉnh', due: { kind: 'yearly', month: 6, day: 30, phrase: 'trước ngày 30/6 hằng năm' },
      periodType: 'year', firstPeriod: 2026, lastPeriod: null, legalSource: 'Chỉ đạo của UBND tỉnh (thử)', clause: null, verified: 'I',
    };
    const res = await coordinator.post('/api/v1/reports/obligations', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'tn-quarterly-test', recipient: { code: '80.SGDDT' }, nextDue: { period: 2027, dueDate: '2027-06-30' }, verified: 'I', version: 1 });
    expect((await coordinator.post('/api/v1/reports/obligations', body)).body.code).toBe('report_obligation.duplicate');
    expect((await coordinator.post('/api/v1/reports/obligations', { ...body, code: 'x-2', lastPeriod: 2020 })).status).toBe(400);
  });

  it('loads the data file again without adding twice or undoing the coordinator’s edit', async () => {
    const before = await server.db.selectFrom('report_obligation').select(['code', 'due_rule', 'version']).orderBy('code').execute();
    expect(before.map((o) => o.code)).toEqual(expect.arrayContaining((await readObligationFile()).map((o) => o.code)));
    expect(await loadObligations(server.db, null, await readObligationFile())).toEqual({ added: 0 });
    const after = await server.db.selectFrom('report_obligation').select(['code', 'due_rule', 'version']).orderBy('code').execute();
    expect(after).toEqual(before);
    expect(after.find((o) => o.code === 'learning-models-yearly')!.due_rule).toMatchObject({ day: 10 });
  });
});

describe('an agency’s yearly report, returned once and accepted', () => {
  let id: string;
  let version: number;

  it('shows the agency the reports it owes, carried over the 2025 merger', async () => {
    const res = await agency.get('/api/v1/reports/my');
    expect(res.status).toBe(200);
    const tn = res.body.filter((r: any) => r.obligation.code === 'tn-2042-yearly');
    // Sở GDĐT Tây Ninh (80) owes the reports of the old Sở GDĐT (72) under 2042/KH-UBND.
    expect(tn.map((r: any) => [r.period, r.dueDate, r.unit.code])).toEqual([[2026, '2026-10-15', '80.SGDDT'], [2025, '2025-10-15', '80.SGDDT']]);
    expect(tn[0].submission).toBeNull();
    expect(tn.map((r: any) => r.overdue)).toEqual([true, true]); // 23/11/2026: both deadlines have passed, nothing sent
  });

  it('opens the form pre-filled with the unit’s tasks of the plan', async () => {
    const o = await obligation('tn-2042-yearly');
    const res = await agency.post('/api/v1/reports/submissions', { obligationId: o.id, unitId: unitIds['80.SGDDT'], period: 2026 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', period: 2026, dueDate: '2026-10-15', unit: { code: '80.SGDDT' }, canEdit: true, figuresLive: true, late: true });
    // The old Sở GDĐT led 13 tasks by name, and shared the tasks given to "các sở, ban, ngành".
    expect(res.body.prefill.tasks.length).toBeGreaterThan(13);
    expect(res.body.prefill.tasks.map((t: { code: string }) => t.code)).toContain('III.1.3');
    id = res.body.id;
    version = res.body.version;
    // Opening it again finds the same report.
    expect((await agency.post('/api/v1/reports/submissions', { obligationId: o.id, unitId: unitIds['80.SGDDT'], period: 2026 })).body.id).toBe(id);
  });

  it('saves a draft, cleaning pasted HTML and control characters', async () => {
    const res = await agency.request('PUT', `/api/v1/reports/submissions/${id}`, { body: { version, narrative: {
      results: '<p>Tổ chức <b>Tuần lễ hưởng ứng học tập suốt đời</b> tại 96 xã, phường.</p><script>alert(1)</script>\u0000\u0007Đạt 100% kế hoạch & vượt chỉ tiêu.',
      shortcomings: 'Một số đơn vị gửi số liệu chậm.',
    } } });
    expect(res.status).toBe(200);
    expect(res.body.narrative.results).toBe('Tổ chức Tuần lễ hưởng ứng học tập suốt đời tại 96 xã, phường.\nĐạt 100% kế hoạch & vượt chỉ tiêu.');
    expect(res.body.status).toBe('draft');
    version = res.body.version;
  });

  it('submits it late (after 15/10), keeps the figures it was submitted with, and locks it for the unit', async () => {
    const res = await agency.post(`/api/v1/reports/submissions/${id}/submit`, { version, narrative: {
      results: 'Tổ chức Tuần lễ hưởng ứng học tập suốt đời tại 96 xã, phường.', shortcomings: 'Một số đơn vị gửi số liệu chậm.', lessons: 'Phối hợp sớm với Hội Khuyến học.',
      nextYear: 'Tiếp tục triển khai Kế hoạch.', proposals: 'Đề nghị bổ sung kinh phí.',
    } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', firstSubmittedOn: '2026-11-23', late: true, figuresLive: false, canEdit: false });
    expect(res.body.prefill.tasks.length).toBeGreaterThan(13);
    version = res.body.version;
    const again = await agency.request('PUT', `/api/v1/reports/submissions/${id}`, { body: { version, narrative: { results: 'sửa' } } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('report.under_review');
  });

  it('is returned once by the coordinator, with a comment the agency reads in the history', async () => {
    const events = await count('report_event');
    const noComment = await coordinator.post(`/api/v1/reports/submissions/${id}/return`, { version });
    expect(noComment.status).toBe(400);
    expect(noComment.body).toMatchObject({ code: 'report.comment_required', errors: [{ field: 'comment' }] });
    expect(await count('report_event')).toBe(events);
    expect((await agency.post(`/api/v1/reports/submissions/${id}/return`, { version, comment: 'x' })).body.code).toBe('role.forbidden');
    const res = await coordinator.post(`/api/v1/reports/submissions/${id}/return`, { version, comment: 'Đề nghị bổ sung số liệu lớp xóa mù chữ.' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('returned');
    version = res.body.version;
    const seen = (await agency.get(`/api/v1/reports/submissions/${id}`)).body;
    expect(seen.canEdit).toBe(true);
    expect(seen.events.map((e: any) => [e.action, e.to_status])).toEqual([['create', 'draft'], ['save', 'draft'], ['submit', 'submitted'], ['return', 'returned']]);
    expect(seen.events.at(-1)).toMatchObject({ comment: 'Đề nghị bổ sung số liệu lớp xóa mù chữ.', actor: 'Phòng GDTX – Sở GDĐT (điều phối)' });
  });

  it('is corrected, submitted again and accepted; an accepted report cannot be edited', async () => {
    const resubmit = await agency.post(`/api/v1/reports/submissions/${id}/submit`, { version, narrative: {
      results: 'Tổ chức Tuần lễ hưởng ứng học tập suốt đời tại 96 xã, phường.\nMở 42 lớp xóa mù chữ cho 1.234 học viên.', lessons: 'Phối hợp sớm với Hội Khuyến học.',
    } });
    expect(resubmit.status).toBe(200);
    expect(resubmit.body).toMatchObject({ status: 'submitted', firstSubmittedOn: '2026-11-23', late: true });
    const stale = await coordinator.post(`/api/v1/reports/submissions/${id}/accept`, { version });
    expect(stale.status).toBe(409);
    const accepted = await coordinator.post(`/api/v1/reports/submissions/${id}/accept`, { version: resubmit.body.version });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', statusLabel: 'Đã chấp nhận' });
    const locked = await agency.request('PUT', `/api/v1/reports/submissions/${id}`, { body: { version: accepted.body.version, narrative: { results: 'sửa sau khi chấp nhận' } } });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('report.locked');
    const row = await server.db.selectFrom('report_submission').select(['narrative', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'accepted', narrative: { results: expect.stringContaining('42 lớp') } });
    const audited = await server.db.selectFrom('audit_log').select('action').where('entity', '=', 'report_submission').where('entity_id', '=', id).orderBy('id').execute();
    expect(audited.map((a) => a.action)).toEqual(['report_submission.create', 'report_submission.save', 'report_submission.submit', 'report_submission.return', 'report_submission.submit', 'report_submission.accept']);
  });

  it('shows on the coordinator’s board as late, returned once and accepted; exports the board', async () => {
    const o = await obligation('tn-2042-yearly');
    const res = await coordinator.get(`/api/v1/reports/board?obligation=${o.id}&year=2026`);
    expect(res.status).toBe(200);
    // After the merger only the Sở GDĐT carries over; the districts of 2020 no longer exist.
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0]).toMatchObject({ unit: { code: '80.SGDDT' }, status: 'accepted', late: true, returns: 1, firstSubmittedOn: '2026-11-23' });
    expect(res.body.summary).toEqual({ expected: 1, submitted: 1, onTime: 0, late: 1, accepted: 1, returned: 0, missing: 0 });
    const y2024 = (await coordinator.get(`/api/v1/reports/board?obligation=${o.id}&year=2024`)).body;
    expect(y2024.summary).toMatchObject({ expected: y2024.rows.length, submitted: 0, missing: y2024.rows.length });
    expect(y2024.rows.filter((r: any) => r.unit.kind === 'district')).toHaveLength(9);
    const xlsx = await coordinator.get(`/api/v1/reports/board?obligation=${o.id}&year=2026&format=xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    expect(wb.worksheets[0]!.getRow(3).getCell(2).value).toBe('Sở Giáo dục và Đào tạo tỉnh Tây Ninh');
    expect((await agency.get(`/api/v1/reports/board?obligation=${o.id}&year=2026`)).status).toBe(403);
    const all = await coordinator.get(`/api/v1/reports/board/archive?obligation=${o.id}&year=2026`);
    expect(all.headers.get('content-type')).toBe('application/zip');
    expect(docxXml(readZipEntry(all.body, 'bao-cao-80.SGDDT-2026.docx')!).text).toContain('Mở 42 lớp xóa mù chữ');
    expect(readZipEntry(all.body, 'tinh-hinh-bao-cao-tn-2042-yearly-2026.xlsx')).not.toBeNull();
  });

  it('puts the accepted report into the consolidated DOCX, and gives the agency its own DOCX', async () => {
    const res = await coordinator.get(`/api/v1/reports/consolidated?plan=${encodeURIComponent('2042/KH-UBND')}&year=2026`);
    expect(res.status).toBe(200);
    const { text } = docxXml(res.body);
    expect(text).toContain('Mở 42 lớp xóa mù chữ cho 1.234 học viên.');
    expect(text).toContain('Sở Giáo dục và Đào tạo tỉnh Tây Ninh');
    expect(text).toContain('Kế hoạch không đặt chỉ tiêu định lượng.');
    const own = await agency.get(`/api/v1/reports/submissions/${id}/docx`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe(DOCX);
    const u = docxXml(own.body).text;
    expect(u).toContain('UBND TỈNH TÂY NINH');
    expect(u).toContain('Số:        /BC-SGDĐT');
    expect(u).toContain('Tây Ninh, ngày 23 tháng 11 năm 2026');
    expect(u).toContain('III.1.3');
    if (hasSoffice) {
      const pdf = render(own.body, 'unit-report');
      expect(pdf.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(pdf.text).toMatch(/Phối hợp sớm với Hội\s+Khuyến học/);
    }
  });
});

describe('the consolidated provincial report (contract)', () => {
  let body: Buffer;

  beforeAll(async () => {
    // The coordinator files the report of Sở GDĐT Bình Dương for 2024 (its scope covers the old province), and accepts it.
    const o = await obligation('bd-1144-yearly-agencies');
    const opened = await coordinator.post('/api/v1/reports/submissions', { obligationId: o.id, unitId: unitIds['74.SGDDT'], period: 2024 });
    expect(opened.status).toBe(201);
    const sent = await coordinator.post(`/api/v1/reports/submissions/${opened.body.id}/submit`, { version: opened.body.version, narrative: {
      results: 'Duy trì 100% huyện đạt chuẩn phổ cập giáo dục tiểu học mức độ 3.', proposals: 'Đề nghị Bộ hướng dẫn tiêu chí công dân học tập.',
    } });
    expect(sent.status).toBe(200);
    // Another officer of the receiving department accepts it (nobody reviews their own report).
    const colleague = await Client.login(server.url, 'admin');
    expect((await colleague.post(`/api/v1/reports/submissions/${opened.body.id}/accept`, { version: sent.body.version })).status).toBe(200);
    const res = await coordinator.get(`/api/v1/reports/consolidated?plan=${encodeURIComponent('1144/KH-UBND')}&year=2024`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    expect(res.headers.get('content-disposition')).toContain('.docx');
    body = res.body;
  });

  it('is an A4 document with the margins, font and parts of Nghị định 30/2020/NĐ-CP', () => {
    const { xml, text } = docxXml(body);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);          // A4 in twentieths of a point
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/); // 20/15/20/30 mm
    expect(xml).toContain('w:titlePg');                                // no page number on page 1
    const styles = readZipEntry(body, 'word/styles.xml')!.toString('utf8');
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    // The report is issued today by the body that took over Sở GDĐT Bình Dương: Sở GDĐT of Hồ Chí Minh City.
    expect(text).toContain('ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH');
    expect(text).toContain('SỞ GIÁO DỤC VÀ ĐÀO TẠO');
    expect(text).toContain('Số:        /BC-SGDĐT');
    expect(text).toContain('Thành phố Hồ Chí Minh, ngày 23 tháng 11 năm 2026');
    expect(text).toContain('Kính gửi: Ủy ban nhân dân Thành phố Hồ Chí Minh.');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Tình hình, kết quả thực hiện Kế hoạch số 1144/KH-UBND năm 2024');
    expect(text).toContain('Kế hoạch số 1144/KH-UBND ngày 16/03/2022 của Ủy ban nhân dân tỉnh Bình Dương');
    expect(text).toContain('Duy trì 100% huyện đạt chuẩn phổ cập giáo dục tiểu học mức độ 3.');
    expect(text).toContain('Kết quả năm 2024');
    expect(text).toContain('70% các trung tâm học tập cộng đồng');
    expect(text).toContain('70,0% (2025)');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('- Lưu: VT.');
    expect(text).toContain('GIÁM ĐỐC');
    expect(xml).toMatch(/<w:i\/>[\s\S]{0,200}Thành phố Hồ Chí Minh, ngày/); // the place and date line is italic
  });

  it.skipIf(!hasSoffice)('opens in LibreOffice as an A4 report with the layout strings, and is kept as a PNG', () => {
    const pdf = render(body, 'consolidated-report');
    expect(Math.round(pdf.widthPt)).toBe(595);
    expect(Math.round(pdf.heightPt)).toBe(842);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'Nơi nhận:', 'GIÁM ĐỐC', 'ngày 23 tháng 11 năm 2026']) expect(pdf.text).toContain(s);
    expect(fs.existsSync(path.resolve('test-results/reports/consolidated-report-1.png'))).toBe(true);
  });

  it('has an XLSX annex with the targets and the reporting status', async () => {
    const res = await coordinator.get(`/api/v1/reports/consolidated?plan=${encodeURIComponent('1144/KH-UBND')}&year=2024&format=xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ tiêu', 'Tình hình báo cáo']);
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(20);
    const status = wb.worksheets[1]!.getSheetValues().flat().map(String);
    expect(status).toContain('Đã chấp nhận');
  });

  it('is for coordinators only, and only for a plan and year with an obligation', async () => {
    expect((await agency.get(`/api/v1/reports/consolidated?plan=${encodeURIComponent('1144/KH-UBND')}&year=2024`)).status).toBe(403);
    const none = await coordinator.get(`/api/v1/reports/consolidated?plan=${encodeURIComponent('1144/KH-UBND')}&year=2021`);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('report.no_obligation');
  });
});

describe('bad input', () => {
  it('refuses a report for another unit, or for a unit that owes none', async () => {
    const o = await obligation('tn-2042-yearly');
    const before = await count('report_submission');
    const other = await agency.post('/api/v1/reports/submissions', { obligationId: o.id, unitId: unitIds['74.SGDDT'], period: 2024 });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('scope.forbidden');
    const province = await coordinator.post('/api/v1/reports/submissions', { obligationId: o.id, unitId: unitIds['80'], period: 2026 });
    expect(province.status).toBe(422);
    expect(province.body.code).toBe('report.not_reporter');
    // A commune does not see Tây Ninh's 2020 plan at all, and owes no district statistics.
    expect((await commune.post('/api/v1/reports/submissions', { obligationId: o.id, unitId: unitIds['25459'], period: 2026 })).body.code).toBe('scope.forbidden');
    const district = await obligation('pcgd-district');
    expect((await commune.post('/api/v1/reports/submissions', { obligationId: district.id, unitId: unitIds['25459'], period: 2024 })).body.code).toBe('report.not_reporter');
    expect((await viewer.post('/api/v1/reports/submissions', { obligationId: o.id, unitId: unitIds['80'], period: 2026 })).body.code).toBe('role.forbidden');
    expect(await count('report_submission')).toBe(before);
  });

  it('leaves the review to the receiving unit, and to someone other than the sender', async () => {
    const o = await obligation('bd-1144-yearly-agencies');
    // Another department of Bình Dương (2024) reports to its Sở GDĐT.
    const board = (await coordinator.get(`/api/v1/reports/board?obligation=${o.id}&year=2024`)).body;
    const other = board.rows.find((r: any) => r.unit.code !== '74.SGDDT' && r.submissionId === null)!;
    const admin = await Client.login(server.url, 'admin');
    const user = async (username: string, role: string) => {
      expect((await admin.post('/api/v1/users', { username, displayName: username, role, password: TEST_PASSWORD, scopeUnitIds: [other.unit.id] })).status).toBe(201);
      return Client.login(server.url, username);
    };
    const reporter = await user('rv.reporter', 'agency_reporter');
    const localCoordinator = await user('rv.coordinator', 'coordinator');
    const opened = await reporter.post('/api/v1/reports/submissions', { obligationId: o.id, unitId: other.unit.id, period: 2024 });
    expect(opened.status).toBe(201);
    const sent = await reporter.post(`/api/v1/reports/submissions/${opened.body.id}/submit`, { version: opened.body.version, narrative: { results: 'Đã triển khai.' } });
    expect(sent.status).toBe(200);
    const events = await count('report_event');
    // The unit's own coordinator sees the report but is not the Sở GDĐT that receives it.
    expect((await localCoordinator.get(`/api/v1/reports/submissions/${opened.body.id}`)).status).toBe(200);
    const outside = await localCoordinator.post(`/api/v1/reports/submissions/${opened.body.id}/accept`, { version: sent.body.version });
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('scope.forbidden');

    // The province coordinator files a report and cannot accept it themselves.
    const tn = await obligation('tn-2042-yearly');
    const own = await coordinator.post('/api/v1/reports/submissions', { obligationId: tn.id, unitId: unitIds['80.SGDDT'], period: 2025 });
    const ownSent = await coordinator.post(`/api/v1/reports/submissions/${own.body.id}/submit`, { version: own.body.version, narrative: { results: 'Tự gửi.' } });
    expect(ownSent.status).toBe(200);
    const afterOwn = await count('report_event');
    const self = await coordinator.post(`/api/v1/reports/submissions/${own.body.id}/accept`, { version: ownSent.body.version });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('report.self_review');
    expect(await count('report_event')).toBe(afterOwn);
    expect(afterOwn).toBe(events + 2);
    // The receiving unit's coordinator, who did not send it, accepts.
    expect((await coordinator.post(`/api/v1/reports/submissions/${opened.body.id}/accept`, { version: sent.body.version })).body.status).toBe('accepted');
  });

  it('refuses a period with no obligation: before the plan, not yet begun, or another year than a review', async () => {
    const tn = await obligation('tn-2042-yearly');
    const mid = await obligation('bd-1144-mid-term');
    for (const [o, period, unit] of [[tn, 2019, '80.SGDDT'], [tn, 2027, '80.SGDDT'], [mid, 2024, '74.SGDDT']] as const) {
      const res = await coordinator.post('/api/v1/reports/submissions', { obligationId: o.id, unitId: unitIds[unit], period });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'report.no_obligation', errors: [{ field: 'period' }] });
    }
  });

  it('lets a commune officer file its universal-education statistics report, but not submit it empty', async () => {
    const o = await obligation('pcgd-commune');
    const opened = await commune.post('/api/v1/reports/submissions', { obligationId: o.id, unitId: unitIds['25459'], period: 2026 });
    expect(opened.status).toBe(201);
    const empty = await commune.post(`/api/v1/reports/submissions/${opened.body.id}/submit`, { version: opened.body.version, narrative: { results: '<p>&nbsp;</p>\u0000' } });
    expect(empty.status).toBe(422);
    expect(empty.body).toMatchObject({ code: 'report.results_required', errors: [{ field: 'narrative.results' }] });
    expect((await commune.get(`/api/v1/reports/submissions/${opened.body.id}`)).body.status).toBe('draft');
    const tooLong = await commune.request('PUT', `/api/v1/reports/submissions/${opened.body.id}`, { body: { version: opened.body.version, narrative: { results: 'x'.repeat(20_001) } } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].field).toBe('body.narrative.results');
    // Another commune's officer cannot see it.
    expect((await agency.get(`/api/v1/reports/submissions/${opened.body.id}`)).status).toBe(403);
  });

  it('accepts attachments of document types only, and nothing is written for a refused one', async () => {
    const o = await obligation('pcgd-commune');
    const opened = (await commune.post('/api/v1/reports/submissions', { obligationId: o.id, unitId: unitIds['25459'], period: 2026 })).body;
    const upload = (name: string, type: string, content: string) => {
      const form = new FormData();
      form.append('file', new Blob([content], { type }), name);
      return commune.request('POST', `/api/v1/reports/submissions/${opened.id}/attachments`, { raw: form });
    };
    const before = await count('report_attachment');
    const exe = await upload('caidat.exe', 'application/x-msdownload', 'MZ');
    expect(exe.status).toBe(415);
    expect(exe.body.code).toBe('attachment.bad_type');
    expect((await upload('../../etc/passwd', 'text/plain', 'x')).body.code).toBe('attachment.bad_name');
    expect(await count('report_attachment')).toBe(before);
    const ok = await upload('bieu-thong-ke.pdf', 'application/pdf', '%PDF-1.4 thử');
    expect(ok.status).toBe(201);
    expect((await commune.get(`/api/v1/reports/submissions/${opened.id}`)).body.attachments).toMatchObject([{ fileName: 'bieu-thong-ke.pdf', mediaType: 'application/pdf' }]);
  });
});
