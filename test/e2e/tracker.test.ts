import type { Browser, Page } from 'playwright-core';
import { browserSession, SHOTS, signIn as signInAs } from '../support/browser.ts';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';

// The plan tracker as its users meet it: an agency reporter reports progress in Chromium, the coordinator sees it.
let server: TestServer;
let browser: Browser;

browserSession((s, b) => { server = s; browser = b; });

const signIn = (username: string) => signInAs(browser, server.url, username);

async function overdueCount(page: Page): Promise<number> {
  await page.goto(`${server.url}/qua-han`);
  await page.getByTestId('overdue-row').first().waitFor(); // the list has loaded
  const text = await page.getByTestId('overdue-count').innerText();
  return Number(text.replace(/\D/g, ''));
}

describe('plan tracker in the browser', () => {
  it('agency reports progress, the coordinator sees it and the overdue list changes', async () => {
    const coordinator = await signIn('coordinator');
    const before = await overdueCount(coordinator);
    expect(before).toBeGreaterThan(0);
    await coordinator.screenshot({ path: `${SHOTS}/overdue-before.png`, fullPage: true });

    // The address `npm start` prints opens the app (not a directory listing refused with 403).
    const home = await (await browser.newPage()).goto(`${server.url}/`);
    expect(home?.status()).toBe(200);
    const agency = await signIn('agency');
    await agency.goto(`${server.url}/nhiem-vu-cua-toi`);
    const row = agency.getByTestId('my-task-row').filter({ has: agency.getByTestId('status-overdue') }).first();
    await row.waitFor();
    await agency.screenshot({ path: `${SHOTS}/my-tasks.png`, fullPage: true });
    const taskCode = (await row.innerText()).match(/II\.[\w.]+|III\.[\w.]+/)?.[0];
    await row.getByRole('link').first().click();
    await agency.waitForURL(/\/nhiem-vu\/\d+/);
    await agency.getByTestId('report-progress').first().click();
    await agency.getByTestId('progress-narrative').waitFor(); // the dialog has opened
    await agency.locator('label', { has: agency.getByTestId('progress-status-done') }).click();
    await expect.poll(() => agency.getByTestId('progress-status-done').isChecked()).toBe(true);
    await agency.getByTestId('progress-narrative').fill('Đã hoàn thành, kèm biên bản (kiểm thử đầu-cuối)');
    await agency.screenshot({ path: `${SHOTS}/report-form.png` });
    await agency.getByTestId('progress-submit').click();
    await agency.getByText('Đã hoàn thành, kèm biên bản (kiểm thử đầu-cuối)').first().waitFor();
    await agency.screenshot({ path: `${SHOTS}/task-after-report.png`, fullPage: true });

    const after = await overdueCount(coordinator);
    expect(after).toBe(before - 1);
    await coordinator.screenshot({ path: `${SHOTS}/overdue-after.png`, fullPage: true });

    // The coordinator sees the report in the plan view's task.
    await coordinator.goto(`${server.url}/ke-hoach`);
    await coordinator.getByText('2042/KH-UBND').first().click();
    await coordinator.waitForURL(/\/ke-hoach\/\d+/);
    await coordinator.getByText(taskCode ?? 'II.').first().waitFor();
    await coordinator.screenshot({ path: `${SHOTS}/plan-view.png`, fullPage: true });
  });
});
