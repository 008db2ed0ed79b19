import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signIn as signInAs } from '../support/browser.ts';
import { TEST_PASSWORD } from '../support/constants.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

/**
 * Indicator data collection as its users meet it: a commune officer fills in the year's form (the numerator above its
 * denominator is refused), saves and submits it; a coordinator approves it at district and then province level on the
 * approval board. The test defines its own catalogue (E2E_*) so that it does not depend on the shipped one.
 */
let server: TestServer;
let browser: Browser;
let admin: Client;
let thuDauMot: string;
const SHOTS = 'test-results/screenshots';

const unitId = async (code: string, at: string) => (await server.db.selectFrom('org_unit').select('id').where('code', '=', code)
  .where((eb) => eb.and([eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', at)]), eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', at)])]))
  .executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  server = await startTestServer();
  fs.mkdirSync(SHOTS, { recursive: true });
  admin = await Client.login(server.url, 'admin');
  // Old Thủ Dầu Một (718) in old Bình Dương (74): its ward Hiệp Thành (25741) reported to the district before 01/07/2025.
  const [hiepThanh, tdm, bd] = await Promise.all([unitId('25741', '2024-12-31'), unitId('718', '2024-12-31'), unitId('74', '2024-12-31')]);
  thuDauMot = tdm;
  for (const body of [
    { code: 'E2E_POP', name: 'Dân số trong độ tuổi lao động (15–60)', aboutPeople: true },
    { code: 'E2E_SKILLS', name: 'Người trong độ tuổi lao động có kỹ năng sống', categories: ['sex'], aboutPeople: true },
    { code: 'E2E_CLC_IT', name: 'Trung tâm học tập cộng đồng có ứng dụng công nghệ thông tin', valueType: 'boolean' },
  ]) expect((await admin.post('/api/v1/data-elements', body)).status).toBe(201);
  expect((await admin.post('/api/v1/data-sets', {
    code: 'E2E_YEAR', name: 'Báo cáo năm xây dựng xã hội học tập cấp xã', periodType: 'year', unitKinds: ['commune'], deadlineDays: -30, elements: ['E2E_POP', 'E2E_SKILLS', 'E2E_CLC_IT'],
  })).status).toBe(201);
  expect((await admin.post('/api/v1/indicators', { code: 'E2E_SKILLS_RATE', name: 'Tỷ lệ người trong độ tuổi lao động có kỹ năng sống', aggregation: 'ratio', numerator: 'E2E_SKILLS', denominator: 'E2E_POP', factor: 100 })).status).toBe(201);
  // Last year's figure, so that the form shows it and warns about a jump.
  expect((await admin.post('/api/v1/data-values', [{ dataElement: 'E2E_POP', unit: '25741', period: '2023', value: 1200 }])).status).toBe(200);
  for (const u of [
    { username: 'e2e.officer', displayName: 'Cán bộ phường Hiệp Thành', role: 'unit_officer', scopeUnitIds: [hiepThanh] },
    { username: 'e2e.coord', displayName: 'Điều phối Sở GDĐT Bình Dương', role: 'coordinator', scopeUnitIds: [bd] },
  ]) expect((await admin.post('/api/v1/users', { ...u, password: TEST_PASSWORD })).status).toBe(201);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (username: string) => signInAs(browser, server.url, username);
const fill = async (page: Page, testId: string, value: string) => {
  const input = page.getByTestId(testId);
  await input.fill(value);
  await input.blur();
};
const reportState = async () => server.db.selectFrom('data_report as r').innerJoin('data_set as s', 's.id', 'r.data_set_id')
  .select(['r.status', 'r.approved_level', 'r.final']).where('s.code', '=', 'E2E_YEAR').where('r.period', '=', '2024').executeTakeFirst();

describe('indicator data entry and approval in the browser', () => {
  it('officer enters, is stopped by numerator > denominator, saves and submits; the coordinator approves at both levels', async () => {
    const officer = await signIn('e2e.officer');
    await officer.goto(`${server.url}/chi-so/nhap?ds=E2E_YEAR&period=2024`);
    await officer.getByTestId('entry-row-E2E_POP').waitFor();
    await officer.getByTestId('report-status-empty').first().waitFor();
    expect(await officer.getByTestId('report-unit').innerText()).toContain('Hiệp Thành');

    await fill(officer, 'entry-E2E_POP', '2000');
    await fill(officer, 'entry-E2E_SKILLS[sex:male]', '1500');
    await fill(officer, 'entry-E2E_SKILLS[sex:female]', '900');
    expect(await officer.getByTestId('entry-total-E2E_SKILLS').innerText()).toBe('2.400');
    expect(await officer.getByTestId('entry-E2E_POP').inputValue()).toBe('2.000');
    await officer.getByTestId('entry-save').click();
    const errors = officer.getByTestId('entry-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('lớn hơn');
    await officer.screenshot({ path: `${SHOTS}/indicator-entry-error.png`, fullPage: true });
    expect(await reportState()).toBeUndefined(); // nothing written

    await fill(officer, 'entry-E2E_SKILLS[sex:male]', '900');
    await fill(officer, 'entry-E2E_SKILLS[sex:female]', '700');
    await officer.getByTestId('entry-E2E_CLC_IT').click();
    await officer.getByTestId('entry-save').click();
    await officer.getByTestId('entry-warnings').waitFor(); // 1.200 → 2.000: a jump, warned about but saved
    await officer.getByText('Không có thay đổi chưa lưu').waitFor();
    await officer.getByTestId('report-status-open').first().waitFor();
    expect(await officer.getByTestId('entry-errors').count()).toBe(0);
    expect(await officer.getByTestId('jump-warning').count()).toBe(1);
    await officer.screenshot({ path: `${SHOTS}/indicator-entry.png`, fullPage: true });

    await officer.getByTestId('entry-submit').click();
    await officer.getByTestId('submit-ok').click();
    await officer.getByTestId('report-locked').waitFor();
    await officer.getByTestId('report-header').getByTestId('report-status-submitted').waitFor();
    expect(await reportState()).toMatchObject({ status: 'submitted' });
    await officer.screenshot({ path: `${SHOTS}/indicator-submitted.png`, fullPage: true });

    // The coordinator approves at district level on the board, then at province level from the report drawer.
    const coord = await signIn('e2e.coord');
    await coord.goto(`${server.url}/chi-so/duyet?ds=E2E_YEAR&period=2024&under=${thuDauMot}`);
    const row = coord.getByTestId('review-row-25741');
    await row.getByTestId('report-status-submitted').waitFor();
    await row.getByTestId('row-approve').click();
    await row.getByTestId('report-status-approved:district').waitFor();
    expect(await reportState()).toMatchObject({ status: 'approved', approved_level: 'district', final: false });

    await row.getByTestId('review-open').click();
    const drawer = coord.getByRole('dialog');
    await drawer.getByTestId('report-approve').waitFor();
    expect(await drawer.getByTestId('report-approve').innerText()).toContain('cấp tỉnh');
    await drawer.getByTestId('report-approve').click();
    await drawer.getByTestId('report-status-approved:province').waitFor();
    await drawer.getByTestId('report-unapprove').waitFor();
    expect(await drawer.getByTestId('report-history-item').count()).toBe(3);
    expect(await reportState()).toMatchObject({ status: 'approved', approved_level: 'province', final: true });
    await coord.screenshot({ path: `${SHOTS}/indicator-approval-drawer.png` });
    await drawer.getByRole('button', { name: /close|đóng/i }).first().click();
    await row.getByTestId('report-status-approved:province').waitFor();
    expect(await coord.getByTestId('review-summary').innerText()).toContain('1/');
    await coord.screenshot({ path: `${SHOTS}/indicator-approval.png`, fullPage: true });

    // The officer's form is now read-only and says why.
    await officer.reload();
    await officer.getByTestId('report-locked').waitFor();
    expect(await officer.getByTestId('entry-E2E_POP').innerText()).toBe('2.000');
  });
});
