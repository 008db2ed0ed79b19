import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signIn } from '../support/browser.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

// A commune officer files last season's paper forms at once: downloads the template, fills it, sees every wrong cell,
// corrects the file and writes all dossiers.
let server: TestServer;
let browser: Browser;
let dir: string;
const SHOTS = 'docs/screenshots';
const CDHT = ['CDHT_1_1', 'CDHT_1_2', 'CDHT_1_3', 'CDHT_1_4', 'CDHT_2_1', 'CDHT_2_2', 'CDHT_2_3', 'CDHT_2_4', 'CDHT_3_1', 'CDHT_3_2'];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xhht-import-'));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function filled(name: string, rows: (string | number | null)[][]): Promise<string> {
  const commune = await Client.login(server.url, 'commune');
  const year = new Date().getFullYear();
  const res = await commune.get(`/api/v1/model-registrations/template.xlsx?modelType=learning_citizen&year=${year}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as Buffer as never);
  for (const r of rows) wb.getWorksheet('Đăng ký')!.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('bulk registration in the browser', () => {
  it('lists the wrong cells of a file, then writes a corrected file', async () => {
    const page = await signIn(browser, server.url, 'commune');
    await page.goto(`${server.url}/mo-hinh-hoc-tap`);
    await page.getByTestId('import-registrations').click();
    await page.getByTestId('model-import-template').waitFor();
    expect(await page.getByTestId('model-import-write').isDisabled()).toBe(true);

    const nine = CDHT.map(() => 9);
    await page.getByTestId('model-import-file').setInputFiles(await filled('loi.xlsx', [
      ['Phan Văn Tài', '25459', 1970, 'nong_dan', null, ...nine],
      ['Hồ Thị Mỹ', '25459', 1988, 'nong_dan', null, 12, ...nine.slice(1)],
      ['Lâm Thị Cúc', '99999', 1966, 'nong_dan', null, ...nine],
    ]));
    await page.getByTestId('model-import-check').click();
    await page.getByTestId('model-import-errors').waitFor();
    const errors = await page.getByTestId('model-import-errors').innerText();
    expect(errors).toContain('Đăng ký!F4');
    expect(errors).toContain('Đăng ký!B5');
    expect(await page.getByTestId('model-import-write').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/learning-model-import-errors.png` });

    await page.getByTestId('model-import-file').setInputFiles(await filled('dung.xlsx', [
      ['Phan Văn Tài', '25459', 1970, 'nong_dan', null, ...nine],
      ['Hồ Thị Mỹ', '25459', 1988, 'nong_dan', null, ...nine],
    ]));
    await page.getByTestId('model-import-check').click();
    await page.getByTestId('model-import-ok').waitFor();
    expect(await page.getByTestId('model-import-ok').innerText()).toContain('2 hồ sơ');
    await page.getByTestId('model-import-write').click();
    await page.getByTestId('model-import-done').waitFor();
    await page.screenshot({ path: `${SHOTS}/learning-model-import-done.png` });
    await page.getByRole('button', { name: 'Đóng' }).last().click();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: 'Phan Văn Tài' }).count()).toBe(1);
  });
});
