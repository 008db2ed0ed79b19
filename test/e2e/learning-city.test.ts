import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedDemoLearningCities } from '../../src/modules/learning-city/demo.ts';
import { browserSession, signIn } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';

// The learning-city page as the department meets it, over the demo data of `serve --demo` (issue 8: "the learning-city
// page for Thủ Dầu Một shows its self-assessment").
const SHOTS = 'docs/screenshots';
let server: TestServer;
let browser: Browser;

browserSession(async (s, b) => {
  server = s;
  browser = b;
  expect(await seedDemoLearningCities(server.db)).toBe(4);
  fs.mkdirSync(SHOTS, { recursive: true });
});

describe('learning cities in the browser', () => {
  it('Thủ Dầu Một shows its submitted 2024 self-assessment: areas, ratings, scores chart, figures; the DOCX downloads', async () => {
    const page = await signIn(browser, server.url, 'coordinator');
    await page.getByRole('menuitem', { name: 'Thành phố học tập' }).click();
    await page.waitForURL(/\/thanh-pho-hoc-tap$/);
    await page.getByText('Thành phố học tập Tây Ninh').waitFor();
    await page.getByTestId('city-718').click();
    await page.waitForURL(/\/thanh-pho-hoc-tap\/\d+\?year=2024$/);
    await expect.poll(() => page.getByTestId('city-name').textContent()).toBe('Thành phố học tập Thủ Dầu Một');
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Đã gửi Sở');
    await expect.poll(() => page.getByTestId('overall-score').textContent()).toBe('3,4');
    await page.getByTestId('area-scores').locator('canvas').waitFor();
    // The first area is open: its features with their ratings (the inferred scale is marked) and the engine's figures.
    const literacy = page.getByTestId('feature-1.1.1');
    await literacy.getByText('4 – Tốt [I]').waitFor();
    await literacy.getByTestId('indicator-LITERACY_L2_SHARE').waitFor();
    await literacy.getByText(/Năm 2024 thành phố đã triển khai/).waitFor();
    expect(await page.getByTestId('save').count()).toBe(0); // submitted: not editable
    await page.getByTestId('accept').waitFor(); // the department may review it
    await page.setViewportSize({ width: 1440, height: 1500 }); // the overview and the first area's features
    await page.getByTestId('area-scores').locator('canvas').waitFor();
    await page.waitForTimeout(500); // the chart redraws at the new size
    await page.screenshot({ path: `${SHOTS}/learning-city.png`, fullPage: false });

    const download = page.waitForEvent('download');
    await page.getByTestId('download-docx').click();
    expect((await download).suggestedFilename()).toBe('tu-danh-gia-thanh-pho-hoc-tap-thu-dau-mot-2024.docx');

    // The print-friendly view: no menu, the areas and the features with their ratings.
    await page.setViewportSize({ width: 1000, height: 1400 });
    await page.getByRole('link', { name: 'Bản in' }).click();
    await page.waitForURL(/\/thanh-pho-hoc-tap\/\d+\/in\?year=2024$/);
    await page.getByText('KẾT QUẢ TỰ ĐÁNH GIÁ THÀNH PHỐ HỌC TẬP NĂM 2024').waitFor();
    await page.getByText('3.3. Huy động và sử dụng nguồn lực').waitFor();
    expect(await page.getByRole('menuitem', { name: 'Thành phố học tập' }).count()).toBe(0);
    await page.screenshot({ path: 'test-results/screenshots/learning-city-print.png', fullPage: false });
  });

  it('a year not yet assessed says so; the department starts a draft and saves a rating', async () => {
    const page = await signIn(browser, server.url, 'coordinator');
    const id = (await server.db.selectFrom('learning_city').select('id').where('name', '=', 'Thành phố học tập Thủ Dầu Một').executeTakeFirstOrThrow()).id;
    await page.goto(`${server.url}/thanh-pho-hoc-tap/${id}?year=2025`);
    await page.getByTestId('no-assessment').waitFor();
    await page.getByText('Chưa có đặc trưng nào được chấm năm 2025.').waitFor();
    await page.getByTestId('rating-1.1.1').click();
    await page.locator('.ant-select-item-option', { hasText: '3 – Đang phát triển [I]' }).click();
    await page.getByLabel('Thuyết minh 1.1.1').fill('Mở 14 lớp xóa mù chữ tại các phường kế thừa');
    await page.getByTestId('save').click();
    await page.getByText('Đã lưu bản tự đánh giá năm 2025').waitFor();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Đang soạn');
    await page.getByTestId('area-scores').locator('canvas').waitFor();
    await page.screenshot({ path: 'test-results/screenshots/learning-city-draft.png', fullPage: false });

    // Evidence added by mistake is removed after a confirmation; the list of the feature no longer shows it.
    await page.getByLabel('Liên kết minh chứng 1.1.1').fill('https://example.org/nham');
    await page.getByTestId('feature-1.1.1').getByRole('button', { name: 'Thêm liên kết' }).click();
    const wrong = page.getByTestId('feature-1.1.1').getByRole('link', { name: /example\.org\/nham/ });
    await wrong.waitFor();
    await page.getByRole('button', { name: 'Gỡ minh chứng https://example.org/nham' }).click();
    await page.getByText('Gỡ minh chứng này?').waitFor();
    await page.waitForTimeout(400); // the confirmation fades in
    await page.screenshot({ path: 'test-results/screenshots/learning-city-evidence-remove.png', fullPage: false });
    await page.getByRole('button', { name: 'Gỡ', exact: true }).click();
    await page.getByText('Đã gỡ minh chứng').waitFor();
    await expect.poll(() => wrong.count()).toBe(0);
    expect(await server.db.selectFrom('audit_log').select('id').where('action', '=', 'learning_city_evidence.delete').execute()).toHaveLength(1);
  });

  it('the department adds a city through the form: Vietnamese errors per field, then the list shows it', async () => {
    const page = await signIn(browser, server.url, 'coordinator');
    await page.goto(`${server.url}/thanh-pho-hoc-tap`);
    await page.getByText('Thành phố học tập Tây Ninh').waitFor();
    await page.getByTestId('add-city').click();
    const dialog = page.getByRole('dialog', { name: 'Thêm thành phố học tập' });
    await dialog.getByRole('button', { name: 'Thêm', exact: true }).click();
    await dialog.getByText('Nhập tên thành phố học tập').waitFor();
    await dialog.getByText('Chọn đơn vị hành chính của thành phố').waitFor();
    // A name already taken: the server's answer lands on the name field.
    await dialog.getByLabel('Tên thành phố học tập').fill('Thành phố học tập Tây Ninh');
    await dialog.getByTestId('pcgd-unit').click();
    await page.keyboard.type('Bến Cát');
    await page.locator('.ant-select-item-option', { hasText: 'Thành phố Bến Cát (721)' }).click();
    await dialog.getByLabel('Năm kết nạp GNLC').fill('2012');
    await dialog.getByRole('button', { name: 'Thêm', exact: true }).click();
    await dialog.getByText(/Năm từ 2013 đến/).waitFor();
    await dialog.getByLabel('Năm kết nạp GNLC').fill('');
    await dialog.getByRole('button', { name: 'Thêm', exact: true }).click();
    await dialog.getByText('Đã có “Thành phố học tập Tây Ninh”; chọn tên khác').waitFor();
    await page.screenshot({ path: `${SHOTS}/learning-city-add.png`, fullPage: false });
    await dialog.getByLabel('Tên thành phố học tập').fill('Thành phố học tập Bến Cát');
    await dialog.getByRole('button', { name: 'Thêm', exact: true }).click();
    await page.getByText('Đã thêm Thành phố học tập Bến Cát').waitFor();
    await page.getByTestId('city-721').waitFor();
    expect(await page.getByTestId('city-721').textContent()).toBe('Thành phố học tập Bến Cát');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.screenshot({ path: 'test-results/screenshots/learning-city-added.png', fullPage: false });
    // A viewer sees no such button.
    const viewer = await signIn(browser, server.url, 'viewer');
    await viewer.goto(`${server.url}/thanh-pho-hoc-tap`);
    await viewer.getByText('Thành phố học tập Tây Ninh').waitFor();
    expect(await viewer.getByTestId('add-city').count()).toBe(0);
  });
});
