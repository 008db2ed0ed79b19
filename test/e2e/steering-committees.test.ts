import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedDemoSteeringCommittees } from '../../src/modules/steering-committees/demo.ts';
import { browserSession, SHOTS, signIn } from '../support/browser.ts';
import { TEST_TODAY } from '../support/constants.ts';
import type { TestServer } from '../support/server.ts';

// The steering committee of Tây Ninh as the department's coordinator meets it over the demo data of `serve --demo`:
// members of a day and their history across the 2025 merger, a meeting, and a task given from it that reaches the agency.
let server: TestServer;
let browser: Browser;

browserSession(async (s, b) => {
  server = s;
  browser = b;
  expect(await seedDemoSteeringCommittees(server.db, TEST_TODAY)).toBe(3);
});

describe('steering committees in the browser', () => {
  it('a coordinator reads the committee, its history and a meeting, and assigns a task the agency then sees', async () => {
    const page = await signIn(browser, server.url, 'coordinator');
    await page.goto(`${server.url}/ban-chi-dao`);
    await page.getByText('Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh Tây Ninh (mẫu)').waitFor();
    await page.screenshot({ path: `${SHOTS}/steering-list.png`, fullPage: true });
    await page.getByText('Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh Tây Ninh (mẫu)').click();
    await page.waitForURL(/\/ban-chi-dao\/\d+$/);
    await page.getByText('Huỳnh Ngọc Lan (mẫu)').waitFor();
    const committeeUrl = page.url();
    await page.getByText('Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh Tây Ninh giai đoạn 2021–2030 (mẫu)').waitFor(); // its predecessor
    await page.getByText('Sơ kết công tác XMC-PCGD-XDXHHT sau sắp xếp', { exact: false }).waitFor();
    fs.mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/steering-committee.png', fullPage: true });

    // The predecessor's history: the head replaced in 2023.
    await page.getByText('Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh Tây Ninh giai đoạn 2021–2030 (mẫu)').click();
    await page.getByRole('heading', { name: /giai đoạn 2021–2030/ }).waitFor();
    await page.locator('strong', { hasText: 'Lê Thị Hồng (mẫu)' }).waitFor(); // the head on its last day, 30/06/2025
    expect(await page.getByText('Trần Văn Minh (mẫu)', { exact: true }).count()).toBe(0);
    await page.getByTestId('history-toggle').click();
    await page.getByText('Trần Văn Minh (mẫu)', { exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}/steering-history.png`, fullPage: true });
    await page.goto(committeeUrl);

    // The meeting and the task it assigned, with its live state.
    await page.getByRole('link', { name: '15/09/2025' }).click();
    await page.waitForURL(/\/ban-chi-dao\/cuoc-hop\/\d+$/);
    await page.getByText('kiện toàn Ban Chỉ đạo XMC-PCGD-XDXHHT cấp xã (mẫu)', { exact: false }).waitFor();
    await page.getByTestId('assign-tasks').click();
    await page.getByTestId('assign-text').fill('Tổng hợp danh sách Ban Chỉ đạo cấp xã đã kiện toàn (kiểm thử đầu-cuối)');
    await page.getByTestId('assign-lead').click();
    await page.keyboard.type('Giáo dục');
    await page.locator('.ant-select-item-option', { hasText: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh' }).first().click();
    const deadline = page.getByTestId('assign-deadline').locator('input').or(page.locator('input[data-testid="assign-deadline"]')).first();
    await deadline.click();
    await deadline.fill('30/06/2026');
    await deadline.press('Enter');
    await page.getByRole('button', { name: 'Giao nhiệm vụ' }).last().click();
    const row = page.locator('.ant-table-row', { hasText: 'Tổng hợp danh sách Ban Chỉ đạo cấp xã đã kiện toàn (kiểm thử đầu-cuối)' });
    await row.waitFor();
    await row.getByText('Quá hạn').waitFor(); // due 30/06/2026, before the test's today
    await row.getByText('2042/KH-UBND').waitFor(); // tracked in the plan the meeting already assigns into
    await page.screenshot({ path: `${SHOTS}/steering-meeting.png`, fullPage: true });

    const agency = await signIn(browser, server.url, 'agency');
    await agency.goto(`${server.url}/nhiem-vu-cua-toi`);
    // The department answers for many plan tasks: keep the overdue ones and page through them.
    await agency.getByTestId('my-tasks-filter').getByText(/^Quá hạn/).click();
    const mine = agency.getByText('Tổng hợp danh sách Ban Chỉ đạo cấp xã đã kiện toàn (kiểm thử đầu-cuối)');
    await agency.locator('.ant-table-row').first().waitFor();
    for (let i = 0; i < 20 && (await mine.count()) === 0 && (await agency.locator('.ant-pagination-next:not(.ant-pagination-disabled)').count()) > 0; i++) {
      await agency.locator('.ant-pagination-next').click();
    }
    await agency.screenshot({ path: `${SHOTS}/steering-agency-tasks.png`, fullPage: true });
    await mine.waitFor();
  });
});
