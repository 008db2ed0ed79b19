import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { TEST_PASSWORD } from './constants.ts';
import { startTestServer, type TestServer } from './server.ts';

/** Where end-to-end tests keep their screenshots (CI artefacts). */
export const SHOTS = 'test-results/screenshots';

/**
 * One test server and one Chromium for a test file: started before its tests (then `ready` is called with them),
 * closed after.
 */
export function browserSession(ready: (server: TestServer, browser: Browser) => void | Promise<void>) {
  let server: TestServer | undefined, browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    await ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** Debian's Chromium, headless, with the flags this closed network needs (no background connections). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new page signed in as a demo user through the login form. */
export async function signIn(browser: Browser, base: string, username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  await page.goto(`${base}/dang-nhap`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
  return page;
}
