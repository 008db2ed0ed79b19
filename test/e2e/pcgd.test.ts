import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signIn as signInAs } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRegister } from '../support/register.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A commune officer imports the register, reads the levels with their rates, and opens the list of people to teach.
let server: TestServer;
let browser: Browser;
let dir: string;
const SHOTS = 'test-results/screenshots';

beforeAll(async () => {
  server = await startTestServer();
  fs.mkdirSync(SHOTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xhht-e2e-'));
  const files = sampleRegister();
  fs.writeFileSync(path.join(dir, 'communes.csv'), files.communes);
  fs.writeFileSync(path.join(dir, 'residents.csv'), files.residents);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const signIn = (username: string) => signInAs(browser, server.url, username);

describe('universal-education register in the browser', () => {
  it('commune officer imports the register, sees the levels explained and the people to teach', async () => {
    const page = await signIn('commune');
    await page.goto(`${server.url}/pcgd/nhap?year=2024`);
    await page.getByTestId('pcgd-import-communes').setInputFiles(path.join(dir, 'communes.csv'));
    await page.getByTestId('pcgd-import-residents').setInputFiles(path.join(dir, 'residents.csv'));
    await page.getByTestId('pcgd-dry-run').click();
    await page.getByTestId('pcgd-import').and(page.locator(':enabled')).waitFor();
    await page.screenshot({ path: `${SHOTS}/pcgd-dry-run.png`, fullPage: true });
    await page.getByTestId('pcgd-import').click();
    await page.getByTestId('pcgd-import-summary').waitFor();
    await page.screenshot({ path: `${SHOTS}/pcgd-imported.png`, fullPage: true });
    expect(Number((await server.db.selectFrom('resident').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(18);

    await page.goto(`${server.url}/pcgd?unit=25456&year=2024`);
    await page.getByTestId('pcgd-level-literacy').waitFor();
    await page.getByText('11/12').first().waitFor(); // literate level 2: 11 of the 12 people aged 15–60
    await page.screenshot({ path: `${SHOTS}/pcgd-results.png`, fullPage: true });

    await page.goto(`${server.url}/pcgd/danh-sach?list=not-literate-2&unit=25456&year=2024`);
    await page.getByTestId('name-list-row').first().waitFor();
    expect(await page.getByTestId('name-list-row').count()).toBe(1);
    await page.getByText('Nguyễn Văn Mười').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/pcgd-name-list.png`, fullPage: true });
  });
});
