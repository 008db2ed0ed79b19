import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, SHOTS, signIn } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';

// Plan import as the coordinator meets it: a Word file of an unseen plan → review → published plan in the tracker.
let server: TestServer;
let browser: Browser;
const DOCX = fileURLToPath(new URL('../fixtures/plans/ho-chi-minh-4187-2025.docx', import.meta.url));

browserSession((s, b) => { server = s; browser = b; });

describe('plan import in the browser', () => {
  it('reads a .docx, shows every piece against its source line, takes the review and publishes the plan', async () => {
    const page = await signIn(browser, server.url, 'coordinator');
    await page.goto(`${server.url}/ke-hoach`);
    await page.getByTestId('plan-import-start').click();
    await page.waitForURL(/\/ke-hoach\/nhap$/);

    await page.getByRole('tab', { name: /Chọn tệp/ }).click();
    await page.getByTestId('plan-import-file').setInputFiles(DOCX);
    await page.getByTestId('plan-import-parse').click();
    await page.getByTestId('plan-import-tree').waitFor();

    // header fields read from the text, dates as dd/mm/yyyy
    await expect.poll(() => page.getByTestId('plan-import-number').inputValue()).toBe('4187/KH-UBND');
    expect(await page.locator('input[data-testid="plan-import-date"], [data-testid="plan-import-date"] input').first().inputValue()).toBe('22/09/2025');
    expect(await page.getByTestId('plan-import-task').count()).toBe(7);
    expect(await page.getByTestId('plan-import-unresolved').count()).toBe(3);
    expect(await page.getByTestId('plan-import-unresolved-count').innerText()).toContain('Còn 3 cơ quan');
    await expect.poll(() => page.getByTestId('plan-import-publish').isDisabled()).toBe(true);

    // traceability: a task's line link highlights its line in the source pane
    const task = page.locator('[data-testid="plan-import-task"][data-code="III.1"]');
    await task.getByRole('button', { name: /^dòng \d+/ }).click();
    await page.getByTestId('plan-import-source').locator('div[data-line][style*="background"]').first().waitFor();
    expect(await page.getByTestId('plan-import-source').locator('div[data-line][style*="background"]').first().innerText()).toContain('Sở Giáo dục và Đào tạo chủ trì');
    await page.screenshot({ path: `${SHOTS}/plan-import.png`, fullPage: false });

    // the review: unnamed coordinating bodies kept as text; the culture department's task given to "các sở, ban, ngành"
    await task.getByTestId('plan-import-to-text-III.1').click();
    const lead = page.getByTestId('plan-import-lead-III.2');
    await lead.locator('.ant-tag-close-icon').first().click();
    await lead.click();
    await page.keyboard.type('sở, ban');
    await page.locator('.ant-select-item-option', { hasText: 'Các sở, ban, ngành' }).first().click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('plan-import-unresolved').count()).toBe(0);

    await page.getByTestId('plan-import-publish').click();
    await page.getByTestId('plan-import-open').click();
    await page.waitForURL(/\/ke-hoach\/\d+$/);
    await page.getByText('Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025').first().waitFor();
    await page.getByText('IV.2.1').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/plan-import-published.png`, fullPage: true });
  });

  it('says clearly why a file cannot be read', async () => {
    const page = await signIn(browser, server.url, 'coordinator');
    await page.goto(`${server.url}/ke-hoach/nhap`);
    await page.getByTestId('plan-import-text').fill('Uû ban nh©n d©n tØnh B×nh D­¬ng. Céng hoµ x· héi chñ nghÜa ViÖt Nam. KÕ ho¹ch x©y dùng x· héi häc tËp.');
    await page.getByTestId('plan-import-parse').click();
    await expect.poll(() => page.getByTestId('plan-import-error').innerText()).toContain('TCVN3');
  });
});
