import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, SHOTS, signIn } from '../support/browser.ts';
import { Client, type TestServer } from '../support/server.ts';

// Open learning resources and the budget of plan tasks as their users meet them.
let server: TestServer;
let browser: Browser;
const PLAN = '1144/KH-UBND';
const YEAR = new Date().getFullYear();

browserSession(async (s, b) => {
  server = s;
  browser = b;
  const coordinator = await Client.login(server.url, 'coordinator');
  for (const [title, subject, format, description] of [
    ['Kỹ năng số cho người cao tuổi', 'Kỹ năng số', 'video', 'Sử dụng điện thoại thông minh, dịch vụ công trực tuyến; góp phần học tập suốt đời ở cộng đồng.'],
    ['Học tập suốt đời cho mọi người', 'Xây dựng xã hội học tập', 'document', 'Tài liệu tuyên truyền Tuần lễ hưởng ứng học tập suốt đời (1–7/10).'],
    ['Đọc sách cùng con', 'Văn hóa đọc', 'document', 'Hướng dẫn gia đình đọc sách nhân Ngày Sách và Văn hóa đọc Việt Nam 21/4.'],
  ]) {
    const r = await coordinator.post('/api/v1/resources', { title, subject, audience: 'Người lớn', format, licence: 'CC BY 4.0', description, url: 'https://hoclieu.tayninh.gov.vn/' });
    await coordinator.post(`/api/v1/resources/${r.body.id}/publish`);
  }
  const agency = await Client.login(server.url, 'agency');
  const unit = await server.db.selectFrom('org_unit').select('id').where('code', '=', '80.SGDDT').orderBy(sql`coalesce(valid_to, '9999-12-31')`, 'desc').executeTakeFirstOrThrow(); // the unit in force
  const tasks = await server.db.selectFrom('task as t').innerJoin('plan as p', 'p.id', 't.plan_id').select('t.id').where('p.number', '=', PLAN).orderBy('t.position').limit(3).execute();
  const amounts = [[450_000_000, 400_000_000, 310_500_000], [120_000_000, 120_000_000, 98_750_000], [80_000_000, 60_000_000, 0]];
  for (const [i, t] of tasks.entries()) {
    const [planned, allocated, spent] = amounts[i]!;
    await agency.post('/api/v1/budget/lines', { taskId: t.id, unitId: unit.id, year: YEAR, source: 'state', planned, allocated, spent });
  }
  await agency.post('/api/v1/budget/lines', { taskId: tasks[0]!.id, unitId: unit.id, year: YEAR, source: 'mobilised', planned: 200_000_000, allocated: 150_000_000, spent: 165_000_000, overspendReason: 'Doanh nghiệp tài trợ thêm học bổng' });
});

describe('resources and budget in the browser', () => {
  it('finds "Học tập suốt đời" first when the search is typed without accents', async () => {
    const page = await signIn(browser, server.url, 'coordinator');
    await page.goto(`${server.url}/hoc-lieu`);
    await page.getByTestId('resource-search').locator('input').fill('hoc tap suot doi');
    await page.getByTestId('resource-search').locator('input').press('Enter');
    const first = page.getByTestId('resource-results').locator('.ant-list-item').first();
    await expect.poll(() => first.innerText()).toContain('Học tập suốt đời cho mọi người');
    expect(await page.getByTestId('resource-results').locator('.ant-list-item').count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/resources.png`, fullPage: true });
    const visitor = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' }); // the public page, on a phone, no login
    await visitor.goto(`${server.url}/cong-khai/hoc-lieu`);
    await visitor.getByText('Đọc sách cùng con').waitFor(); // all published resources before any search
    await visitor.getByPlaceholder('Tìm học liệu (có dấu hoặc không dấu)').fill('doc sach');
    await visitor.getByPlaceholder('Tìm học liệu (có dấu hoặc không dấu)').press('Enter');
    await expect.poll(() => visitor.getByTestId('resource-results').locator('.ant-list-item').count()).toBe(1);
    await visitor.screenshot({ path: `${SHOTS}/resources-public.png`, fullPage: true });
  });

  it('shows budget lines in đồng and the execution rate by source', async () => {
    const page = await signIn(browser, server.url, 'agency');
    await page.goto(`${server.url}/kinh-phi?ke-hoach=${encodeURIComponent(PLAN)}`);
    await page.getByText('450.000.000 ₫').first().waitFor();
    await expect.poll(() => page.locator('body').innerText()).toContain('Tỷ lệ giải ngân: 70,6 %'); // 409.250.000 / 580.000.000
    await page.screenshot({ path: `${SHOTS}/budget.png`, fullPage: true });
  });

  it('shows a fund book with its scholarship pupils and the commendations of the year', async () => {
    const commune = await Client.login(server.url, 'commune');
    const unit = await server.db.selectFrom('org_unit').select('id').where('code', '=', '25459').orderBy(sql`coalesce(valid_to, '9999-12-31')`, 'desc').executeTakeFirstOrThrow(); // the unit in force
    const fund = await commune.post('/api/v1/funds', { unitId: unit.id, name: 'Quỹ khuyến học phường Tân Ninh' });
    await commune.post(`/api/v1/funds/${fund.body.id}/entries`, { kind: 'receipt', date: `${YEAR}-09-05`, amount: 25_000_000, description: 'Ủng hộ đầu năm học', donor: 'Công ty TNHH Minh Phát' });
    await commune.post(`/api/v1/funds/${fund.body.id}/entries`, { kind: 'disbursement', date: `${YEAR}-09-20`, amount: 2_000_000, description: 'Học bổng vượt khó', pupil: { name: 'Nguyễn Văn An', school: 'THCS Tân Ninh' } });
    await commune.post('/api/v1/commendations', { issuerUnitId: unit.id, number: '45/QĐ-UBND', decidedOn: `${YEAR}-10-08`, form: 'commendation_letter', reason: 'Tích cực trong Tuần lễ hưởng ứng học tập suốt đời', recipients: [{ personName: 'Trần Thị Mai', title: 'Giám đốc TTHTCĐ' }] });
    const page = await signIn(browser, server.url, 'commune');
    await page.goto(`${server.url}/quy-khuyen-hoc`);
    await page.getByRole('button', { name: 'Sổ thu chi' }).click();
    await page.getByText('Nguyễn Văn An').waitFor();
    expect(await page.locator('.ant-modal').innerText()).toContain('23.000.000 ₫');
    await page.waitForTimeout(500); // the modal's opening animation
    await page.screenshot({ path: `${SHOTS}/funds.png`, fullPage: true });
    await page.goto(`${server.url}/khen-thuong`);
    await page.getByText('45/QĐ-UBND').waitFor();
    await page.screenshot({ path: `${SHOTS}/commendations.png`, fullPage: true });
  });

  it('edits and deletes a resource (with a reason) from the list', async () => {
    const page = await signIn(browser, server.url, 'coordinator');
    await page.goto(`${server.url}/hoc-lieu`);
    const item = page.getByTestId('resource-results').locator('.ant-list-item', { hasText: 'Đọc sách cùng con' });
    await item.getByRole('button', { name: 'Sửa' }).click();
    const title = page.locator('.ant-modal').getByLabel('Tiêu đề');
    await title.fill('Đọc sách cùng con mỗi tối');
    await page.getByTestId('resource-form-ok').click();
    await page.getByText('Đọc sách cùng con mỗi tối').waitFor();
    const other = page.getByTestId('resource-results').locator('.ant-list-item', { hasText: 'Kỹ năng số cho người cao tuổi' });
    await other.getByRole('button', { name: 'Xóa' }).click();
    await page.getByTestId('resource-delete-ok').click();
    await page.getByText('Cần nêu lý do (tối thiểu 3 ký tự)').waitFor(); // nothing deleted without a reason
    await page.getByTestId('resource-delete-reason').fill('Trùng với học liệu của Sở');
    await expect.poll(() => page.getByText('Cần nêu lý do (tối thiểu 3 ký tự)').count()).toBe(0); // the field is valid again
    await page.screenshot({ path: `${SHOTS}/resource-delete.png`, fullPage: true });
    await page.getByTestId('resource-delete-ok').click();
    await expect.poll(() => page.getByTestId('resource-results').locator('.ant-list-item', { hasText: 'Kỹ năng số cho người cao tuổi' }).count()).toBe(0);
  });

  it('shows edit and delete only on resources the user may change', async () => {
    const page = await signIn(browser, server.url, 'agency'); // writes resources, but of the department only
    await page.goto(`${server.url}/hoc-lieu`);
    const item = page.getByTestId('resource-results').locator('.ant-list-item', { hasText: 'Học tập suốt đời cho mọi người' });
    await item.waitFor();
    expect(await item.getByRole('button').count()).toBe(0); // the province's resource: no Sửa, Xóa or upload
    expect(await page.getByRole('button', { name: 'Thêm học liệu' }).count()).toBe(1);
  });

  it('deletes a budget line without spending, with a reason; a line with spending cannot be deleted', async () => {
    const page = await signIn(browser, server.url, 'agency');
    await page.goto(`${server.url}/kinh-phi?ke-hoach=${encodeURIComponent(PLAN)}`);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await page.getByText('450.000.000 ₫').first().waitFor();
    expect(await rows.count()).toBe(4);
    expect(await rows.filter({ hasText: '450.000.000 ₫' }).getByRole('button', { name: 'Xóa' }).isDisabled()).toBe(true); // 310.500.000 ₫ spent
    await rows.filter({ hasText: '80.000.000 ₫' }).getByRole('button', { name: 'Xóa' }).click();
    await page.getByTestId('budget-delete-ok').click();
    await page.getByText('Cần nêu lý do (tối thiểu 3 ký tự)').waitFor(); // nothing deleted without a reason
    await page.getByTestId('budget-delete-reason').fill('Nhiệm vụ đã chuyển sang năm sau');
    await page.waitForTimeout(500); // the modal's opening animation
    await page.screenshot({ path: `${SHOTS}/budget-delete.png`, fullPage: true });
    await page.getByTestId('budget-delete-ok').click();
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.filter({ hasText: '80.000.000 ₫' }).count()).toBe(0);
  });

  it('records a commendation of a collective, and reads a fund balance on a past day and corrects an entry', async () => {
    const page = await signIn(browser, server.url, 'commune');
    await page.goto(`${server.url}/khen-thuong`);
    await page.getByTestId('commendation-add').click();
    await page.getByTestId('commendation-number').fill('46/QĐ-UBND');
    const dateInput = page.locator('input[data-testid="commendation-date"], [data-testid="commendation-date"] input').first(); // antd puts the id on the input or around it
    await dateInput.fill(`09/10/${YEAR}`);
    await dateInput.press('Enter');
    await page.locator('.ant-modal').getByText('Tập thể', { exact: true }).first().click(); // the first row becomes a collective
    await page.getByTestId('commendation-unit').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click(); // the ward itself, first in scope
    await page.screenshot({ path: `${SHOTS}/commendation-collective.png`, fullPage: true });
    await page.getByTestId('commendation-ok').click();
    const row = page.getByTestId('commendation-table').locator('tr', { hasText: '46/QĐ-UBND' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Tập thể: Phường Tân Ninh');

    await page.goto(`${server.url}/quy-khuyen-hoc`);
    const atInput = page.locator('input[data-testid="fund-at"], [data-testid="fund-at"] input').first();
    await atInput.fill(`10/09/${YEAR}`);
    await atInput.press('Enter');
    await expect.poll(() => page.getByTestId('fund-balance').first().innerText()).toBe('25.000.000 ₫'); // before the scholarship of 20/09
    await page.getByRole('heading', { name: 'Quỹ khuyến học' }).click(); // closes the calendar
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/funds-at.png`, fullPage: true });
    await page.locator('.ant-picker', { has: atInput }).hover();
    await page.locator('.ant-picker', { has: atInput }).locator('.ant-picker-clear').click();
    await expect.poll(() => page.getByTestId('fund-balance').first().innerText()).toBe('23.000.000 ₫');
    await page.getByRole('button', { name: 'Sổ thu chi' }).click();
    await page.locator('.ant-modal').getByRole('button', { name: 'Điều chỉnh' }).nth(1).click(); // the scholarship
    await page.getByTestId('fund-reverse-reason').fill('Ghi nhầm học sinh nhận học bổng');
    await page.getByTestId('fund-reverse-ok').click();
    await page.getByText('Lý do điều chỉnh: Ghi nhầm học sinh nhận học bổng').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SHOTS}/funds-reversal.png`, fullPage: true });
  });

  it('leads a visitor of the public portal to the open resources', async () => {
    const visitor = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await visitor.goto(`${server.url}/cong-khai`);
    await visitor.getByTestId('public-resources-link').click();
    await visitor.waitForURL(/\/cong-khai\/hoc-lieu$/);
    await visitor.getByText('Học tập suốt đời cho mọi người').waitFor();
    await visitor.getByTestId('public-nav-resources').waitFor();
  });
});
