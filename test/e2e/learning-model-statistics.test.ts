import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, SHOTS as TEST_SHOTS, signIn } from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/constants.ts';
import { CITIZEN_INDICATORS, fileDossier } from '../support/learning-models.ts';
import { Client, type TestServer } from '../support/server.ts';

/**
 * The statistics page of the learning models (issue 5 §5) in Chromium. Dossiers are filed and recognised through the
 * API (the demo has none) in Hồ Chí Minh City, which carries old Bình Dương's learning-citizen targets, and in Tây
 * Ninh, which has none. The coordinator reads figures equal to the API's, the target progress, exports and reads
 * back the workbooks, and opens the named list (logged); the province's viewer sees counts, not names; anyone reads
 * the public list of recognised units from the province's public page.
 */
let server: TestServer;
let browser: Browser;
let admin: Client, coordinator: Client, viewer: Client;
const SHOTS = 'docs/screenshots';
const YEAR = 2026;
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const CDHT = CITIZEN_INDICATORS;
/** The web's number format (web/src/format.ts): up to two decimals unless said otherwise. */
const vi = (n: number, digits = 2) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }).format(n);

let hcm: string, tayNinh: string, vungTau: string, tanNinh: string;

const unitId = async (code: string, at = '2026-01-01') => (await server.db.selectFrom('org_unit').select('id').where('code', '=', code)
  .where((eb) => eb.and([eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', at)]), eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', at)])]))
  .executeTakeFirstOrThrow()).id;
const namedReads = async () => (await server.db.selectFrom('access_log').select('id').where('action', '=', 'learning_model.recognised_list').execute()).length;

const dossier = (c: Client, subject: Record<string, unknown>, modelType: string, assessment: Record<string, unknown>, decision?: Record<string, unknown>) =>
  fileDossier(c, subject, modelType, assessment, { year: YEAR, decision });

/** A commune's year: citizens in two target groups (some recognised), and the province agency recognised as a learning unit. */
async function seedProvince(officer: Client, commune: string, agencyCode: string, people: { name: string; group: string; recognised: boolean }[], agencyName: string) {
  const decision = { number: '301/QĐ-UBND', decidedOn: '2026-11-20', signer: 'Trần Văn Bảy' };
  for (const p of people) {
    await dossier(officer, { kind: 'citizen', name: p.name, unitId: commune, birthYear: 1980 }, 'learning_citizen',
      { scores: Object.fromEntries(CDHT.map((c) => [c, 9])), targetGroup: p.group }, p.recognised ? decision : undefined);
  }
  const set = await server.db.selectFrom('criteria_set').select('definition').where('model_type', '=', 'learning_unit').orderBy('version', 'desc').executeTakeFirstOrThrow();
  const scores = Object.fromEntries((set.definition as any).groups.flatMap((g: any) => g.indicators.map((i: any) => [i.code, i.maxPoints ?? true])));
  await dossier(admin, { kind: 'learning_unit', name: agencyName, unitId: await unitId(agencyCode) }, 'learning_unit', { scores },
    { number: '88/QĐ-UBND', decidedOn: '2026-11-15', signer: 'Nguyễn Văn Tỉnh' });
}

/** The learning-citizen targets the dashboard gives a unit (its own and its predecessors'), the one for YEAR first. */
async function citizenTarget(unit: string) {
  const items = ((await coordinator.get(`/api/v1/dashboard?unitId=${unit}`)).body.items as any[])
    .filter((i) => i.indicator.code === 'LEARNING_CITIZEN_RATE').sort((a, b) => a.target.year - b.target.year);
  return items.find((i) => i.target.year >= YEAR) ?? items.at(-1) ?? null;
}

/** Clicks an export button and reads the downloaded workbook. */
async function download(page: Page, button: ReturnType<Page['locator']>) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await file.path())!) as never);
  return { wb, name: file.suggestedFilename() };
}

const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

browserSession(async (s, b) => {
  server = s; browser = b;
  admin = await Client.login(server.url, 'admin');
  coordinator = await Client.login(server.url, 'coordinator');
  viewer = await Client.login(server.url, 'viewer');
  hcm = await unitId('79');
  tayNinh = await unitId('80');
  vungTau = await unitId('26506');
  tanNinh = await unitId('25459');
  expect((await admin.post('/api/v1/users', { username: 'st.vungtau', displayName: 'Cán bộ Phường Vũng Tàu', role: 'unit_officer', password: TEST_PASSWORD, scopeUnitIds: [vungTau] })).status).toBe(201);
  const vungTauOfficer = await Client.login(server.url, 'st.vungtau');
  const communeOfficer = await Client.login(server.url, 'commune'); // Phường Tân Ninh, Tây Ninh

  await seedProvince(vungTauOfficer, vungTau, '79.SGDDT', [
    { name: 'Phạm Thị Lan', group: 'nong_dan', recognised: true },
    { name: 'Võ Minh Tâm', group: 'nong_dan', recognised: true },
    { name: 'Hồ Văn Sơn', group: 'nong_dan', recognised: false },
  ], 'Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh');
  await seedProvince(communeOfficer, tanNinh, '80.SGDDT', [
    { name: 'Lý Thị Hạnh', group: 'nong_dan', recognised: true },
    { name: 'Đặng Văn Khoa', group: 'nong_dan', recognised: true },
  ], 'Sở Giáo dục và Đào tạo Tây Ninh');
  // The adult population of Vũng Tàu for the year (the statistical office's figure, entered as a data value).
  const pop = await server.db.selectFrom('data_element').select('id').where('code', '=', 'POP15').executeTakeFirstOrThrow();
  await server.db.insertInto('data_value').values({ unit_id: vungTau, data_element_id: pop.id, period: String(YEAR), disaggregation: '', value: 40 } as never).execute();
});

describe('learning-model statistics in the browser', () => {
  it('shows the API figures, the target progress and exports every table for the coordinator', async () => {
    const api = (await coordinator.get(`/api/v1/learning-models/statistics?unitId=${hcm}&year=${YEAR}`)).body;
    const citizens = api.byModel.find((m: any) => m.modelType === 'learning_citizen');
    expect(citizens).toMatchObject({ registered: 3, recognised: 2, share: { value: 5, denominator: 40, denominatorKind: 'dataElement' } });

    const page = await signIn(browser, server.url, 'coordinator');
    // The menu leads there: the learning-models group holds the dossiers and their statistics.
    await page.goto(`${server.url}/ke-hoach`);
    await page.getByTestId('me-name').waitFor();
    await page.locator('.ant-menu-submenu-title', { hasText: 'Mô hình học tập' }).click();
    const entry = page.locator('.ant-menu-item', { hasText: 'Thống kê' });
    await entry.waitFor();
    await page.waitForTimeout(300); // the group's opening animation
    await entry.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/mo-hinh-hoc-tap/thong-ke');
    await page.goto(`${server.url}/mo-hinh-hoc-tap/thong-ke?unitId=${hcm}&year=${YEAR}`);
    await expect.poll(() => page.getByTestId('statistics-unit').innerText()).toBe(api.unit.name);
    expect(await page.locator('.ant-menu-item-selected').innerText()).toBe('Thống kê');

    // Every model row carries the API's counts and share, with its denominator named.
    for (const m of api.byModel) {
      const cells = await page.getByTestId(`model-row-${m.modelType}`).locator('td').allInnerTexts();
      expect(cells.slice(0, 5)).toEqual([m.modelLabel, vi(m.registered), vi(m.submitted), vi(m.recognised), vi(m.rejected)]);
      expect(cells[5]).toBe(m.share.value === null ? '—' : `${vi(m.share.value)}%`);
    }
    expect(await page.getByTestId('denominator-learning_citizen').innerText()).toBe('trên dân số từ 15 tuổi trở lên (POP15)');
    expect(await page.getByTestId('denominator-learning_unit').innerText()).toBe('trên số đăng ký trong năm');
    const levels = await page.getByTestId('by-level').locator('tr.ant-table-row').allInnerTexts();
    expect(levels).toHaveLength(api.byLevel.length);
    api.byLevel.forEach((l: any, i: number) => expect(levels[i]).toContain(l.level));
    const groups = await page.getByTestId('by-group').locator('tr.ant-table-row').allInnerTexts();
    expect(groups).toHaveLength(api.byTargetGroup.length);
    expect(groups[0]).toContain(api.byTargetGroup[0].targetGroupLabel);

    // Hồ Chí Minh City carries old Bình Dương's targets: the share is set against the one due next, never a made-up one.
    const target = await citizenTarget(hcm);
    if (target) {
      const text = await page.getByTestId('citizen-target').innerText();
      expect(text).toContain(`${vi(target.target.value)}% đến năm ${target.target.year}`);
      expect(text).toContain(target.target.document);
      expect(await page.getByTestId('citizen-progress').innerText()).toContain(`đạt ${vi((5 / target.target.value) * 100, 1)}% mục tiêu`);
    } else {
      await page.getByTestId('citizen-no-target').waitFor();
    }

    // The three tables' workbook: the sheet of each, with the API's rows.
    const stats = await download(page, page.getByTestId('by-model').getByRole('link', { name: /Xuất Excel/ }));
    expect(stats.name).toBe(`thong-ke-mo-hinh-hoc-tap-79-${YEAR}.xlsx`);
    expect(stats.wb.worksheets.map((w) => w.name)).toEqual(['Theo mô hình', 'Theo mức', 'Theo nhóm đối tượng']);
    const byModel = stats.wb.getWorksheet('Theo mô hình')!;
    api.byModel.forEach((m: any, i: number) => expect(rowValues(byModel, 3 + i).slice(0, 5)).toEqual([m.modelLabel, m.registered, m.submitted, m.recognised, m.rejected]));
    expect(rowValues(byModel, 3)[5]).toBe(5);
    expect(rowValues(byModel, 3)[7]).toBe('Dân số từ 15 tuổi trở lên (POP15)');

    // The named list opens on request, and that read is logged once.
    await page.getByTestId('recognised-closed').waitFor();
    const before = await namedReads();
    await page.getByTestId('recognised-open').click();
    await page.getByTestId('recognised-logged').waitFor();
    const names = await page.getByTestId('recognised-items').locator('tr.ant-table-row').allInnerTexts();
    expect(names.join('\n')).toContain('Phạm Thị Lan');
    expect(names.join('\n')).toContain('Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh');
    expect(names.join('\n')).not.toContain('Hồ Văn Sơn'); // not (yet) recognised
    expect(await namedReads()).toBe(before + 1);
    const list = await download(page, page.getByTestId('recognised').getByRole('link', { name: /Xuất Excel/ }));
    const listed = list.wb.getWorksheet('Được công nhận')!;
    expect([3, 4, 5].map((n) => rowValues(listed, n)[1])).toEqual(expect.arrayContaining(['Phạm Thị Lan', 'Võ Minh Tâm', 'Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh']));

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(400); // the tables' fade-in, for a readable screenshot
    await page.screenshot({ path: `${SHOTS}/learning-model-statistics.png`, fullPage: true });

    // A province without a learning-citizen target says so.
    expect(await citizenTarget(tayNinh)).toBeNull();
    await page.goto(`${server.url}/mo-hinh-hoc-tap/thong-ke?unitId=${tayNinh}&year=${YEAR}`);
    await page.getByTestId('citizen-no-target').waitFor();
    // A year without dossiers: a helpful empty state, not a table of zeros.
    await page.getByTestId('statistics-year').click();
    await page.locator('.ant-select-item-option', { hasText: '2024' }).click();
    await page.waitForURL((u) => u.searchParams.get('year') === '2024');
    await expect.poll(() => page.getByTestId('by-model').innerText()).toContain('Chưa có hồ sơ đăng ký mô hình học tập nào');
    await page.close();
  });

  it('fits a 390 px phone without sideways scrolling', async () => {
    const ctx = await browser.newContext(PHONE);
    const phone = await ctx.newPage();
    await phone.goto(`${server.url}/dang-nhap`);
    await phone.getByTestId('login-username').fill('coordinator');
    await phone.getByTestId('login-password').fill(TEST_PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
    await phone.goto(`${server.url}/mo-hinh-hoc-tap/thong-ke?unitId=${hcm}&year=${YEAR}`);
    // One block per model, the share in front.
    const block = await phone.getByTestId('model-block-learning_citizen').innerText();
    expect(block).toMatch(/Công dân học tập\s+5%/);
    expect(block).toContain('trên dân số từ 15 tuổi trở lên (POP15) (2 / 40)');
    await phone.waitForTimeout(400);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}/learning-model-statistics-mobile.png`, fullPage: true });
    await ctx.close();
  });

  it('gives the viewer counts per unit, not names', async () => {
    const api = (await viewer.get(`/api/v1/learning-models/recognised?unitId=${tayNinh}&year=${YEAR}`)).body;
    expect(api.names).toBe(false);
    const before = await namedReads();
    const page = await signIn(browser, server.url, 'viewer');
    await page.goto(`${server.url}/mo-hinh-hoc-tap/thong-ke?year=${YEAR}`); // the viewer's own province by default
    await expect.poll(() => page.getByTestId('statistics-unit').innerText()).toBe('Tỉnh Tây Ninh');
    await page.getByTestId('recognised-aggregated').waitFor(); // no button: counts carry no personal data
    const aggregates = await page.getByTestId('recognised-aggregates').locator('tr.ant-table-row').allInnerTexts();
    expect(aggregates[0]).toContain('Phường Tân Ninh');
    expect(aggregates[0]).toContain(String(api.aggregated[0].recognised));
    const card = await page.getByTestId('recognised').innerText();
    expect(card).toContain('Sở Giáo dục và Đào tạo Tây Ninh'); // organisations by name
    expect(card).not.toMatch(/Hạnh|Khoa/);
    expect(await page.locator('body').innerText()).not.toMatch(/Lý Thị Hạnh|Đặng Văn Khoa/);
    expect(await namedReads()).toBe(before);
    await page.screenshot({ path: `${TEST_SHOTS}/learning-model-statistics-viewer.png`, fullPage: true });
    await page.close();
  });

  it('links the public province page to its recognised units, organisations only', async () => {
    const page = await browser.newPage(PHONE); // the public portal is read on phones
    await page.goto(`${server.url}/cong-khai/${hcm}`);
    await page.getByTestId('public-recognised-link').click();
    await page.waitForURL((u) => u.pathname === `/cong-khai/${hcm}/mo-hinh-hoc-tap`);
    await page.getByTestId('public-recognised-year').waitFor();
    await page.getByTestId('public-recognised-unit').first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh');
    expect(text).toContain('88/QĐ-UBND');
    expect(text).not.toMatch(/Phạm Thị Lan|Võ Minh Tâm/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${TEST_SHOTS}/public-recognised-units.png`, fullPage: true });
    await page.goto(`${server.url}/cong-khai/${hcm}/mo-hinh-hoc-tap?year=2024`);
    await page.getByText('Chưa có đơn vị, cộng đồng học tập nào được công nhận trong năm 2024').waitFor();
    await page.close();
  });
});
