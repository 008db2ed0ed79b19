import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, SHOTS, signIn } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';

/**
 * The criteria-set page as an admin meets it: the list of the shipped sets with their marks, the tree of the learning
 * unit set, an edit of one point value saved as version 2 (version 1 kept), and a try-scoring that shows the band.
 */
let server: TestServer;
let browser: Browser;

browserSession((s, b) => { server = s; browser = b; });

describe('criteria sets in the browser', () => {
  it('admin edits a point value into version 2 and tries a scoring', async () => {
    const page = await signIn(browser, server.url, 'admin');
    await page.getByRole('menuitem', { name: 'Bộ tiêu chí' }).click();
    await page.getByTestId('criteria-row-dvht-tt22-2020').waitFor();
    expect(await page.getByTestId('criteria-row-cdht-244-2022').innerText()).toContain('Công dân học tập');
    expect(await page.getByTestId('criteria-row-dhht-448-2015').innerText()).toContain('Chưa xác minh');
    await page.screenshot({ path: `${SHOTS}/criteria-sets.png`, fullPage: true });

    await page.getByTestId('criteria-link-dvht-tt22-2020').click();
    await page.getByTestId('indicator-DVHT_1_3').waitFor();
    expect(await page.getByTestId('max-DVHT_1_3').innerText()).toBe('10');
    expect(await page.getByTestId('indicator-DVHT_1_3').getByTestId('mark-I').count()).toBe(1);
    expect(await page.getByTestId('criteria-rule').innerText()).toContain('Tốt từ 85');
    await page.screenshot({ path: `${SHOTS}/criteria-set-tree.png`, fullPage: true });

    await page.getByTestId('criteria-edit').click();
    const max = page.getByTestId('edit-max-DVHT_1_3');
    await max.fill('5');
    await max.blur();
    await page.screenshot({ path: `${SHOTS}/criteria-editor.png`, fullPage: true });
    const v1 = page.url();
    await page.getByTestId('editor-save').click();
    await page.waitForURL((u) => u.href !== v1);
    await page.getByTestId('criteria-version').getByText(/^2 ·/).waitFor();
    expect(await page.getByTestId('max-DVHT_1_3').innerText()).toBe('5');

    await page.getByTestId('tab-try').click();
    await page.getByTestId('try-fill-max').click();
    await page.getByTestId('try-run').click();
    await page.getByTestId('try-result').waitFor();
    expect(await page.getByTestId('try-passed').innerText()).toBe('Đạt');
    expect(await page.getByTestId('try-level').innerText()).toBe('Tốt');
    expect(await page.getByTestId('try-total').innerText()).toContain('95 / 95');
    await page.screenshot({ path: `${SHOTS}/criteria-set-try.png`, fullPage: true });

    const rows = await server.db.selectFrom('criteria_set').select(['version', 'definition']).where('code', '=', 'dvht-tt22-2020').orderBy('version').execute();
    const points = (d: unknown) => (d as { groups: { indicators: { code: string; maxPoints: number }[] }[] }).groups[0]!.indicators.find((i) => i.code === 'DVHT_1_3')!.maxPoints;
    expect(rows.map((r) => [r.version, points(r.definition)])).toEqual([[1, 10], [2, 5]]);
  });

  it('a missing score is named next to its indicator', async () => {
    const page = await signIn(browser, server.url, 'commune');
    await page.goto(`${server.url}/bo-tieu-chi`);
    await page.getByTestId('criteria-link-cdht-244-2022').click();
    await page.getByTestId('tab-try').click();
    await page.getByTestId('try-fill-max').click();
    await page.getByTestId('try-score-CDHT_2_2').fill('');
    await page.getByTestId('try-run').click();
    await page.getByText('Thiếu điểm chỉ số CDHT_2_2').waitFor();
    expect(await page.getByTestId('criteria-edit').count()).toBe(0); // not an admin
  });
});
