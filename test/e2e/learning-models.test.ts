import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, signIn } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';

// Learning models as their users meet them: a citizen registers and self-assesses on a phone from the campaign's QR
// page, the commune officer proposes and recognises with a decision, and anyone verifies the certificate on a phone.
let server: TestServer;
let browser: Browser;
const SHOTS = 'docs/screenshots';
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

browserSession((s, b) => { server = s; browser = b; });

const field = (page: Page, testId: string) => page.locator(`:is(input[data-testid="${testId}"], [data-testid="${testId}"] input)`).first();

describe('learning models in the browser', () => {
  it('citizen self-registers on a phone, the commune recognises, the certificate verifies publicly', async () => {
    // The commune officer opens a campaign; its QR code leads to the public page.
    const officer = await signIn(browser, server.url, 'commune');
    await officer.goto(`${server.url}/mo-hinh-hoc-tap/dot-dang-ky`);
    await officer.getByTestId('campaign-title-input').fill('Đăng ký Công dân học tập năm 2026');
    await officer.getByTestId('campaign-create').click();
    const card = officer.locator('[data-testid^="campaign-"]').filter({ hasText: 'Đăng ký Công dân học tập năm 2026' }).first();
    await card.waitFor();
    const code = (await card.getAttribute('data-testid'))!.replace('campaign-', '');
    await expect.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await officer.screenshot({ path: `${SHOTS}/learning-model-campaign.png` });

    // The citizen, on a phone.
    const phone = await browser.newPage(PHONE);
    await phone.goto(`${server.url}/cong-khai/hoc-tap/${code}`);
    await phone.getByTestId('campaign-title').waitFor();
    await phone.getByTestId('citizen-name').fill('Nguyễn Văn An');
    await field(phone, 'birth-year').fill('1985');
    await phone.getByTestId('target-group').click();
    await phone.locator('.ant-select-item-option', { hasText: 'Nông dân và lao động nông thôn' }).click();
    const codes = ['CDHT_1_1', 'CDHT_1_2', 'CDHT_1_3', 'CDHT_1_4', 'CDHT_2_1', 'CDHT_2_2', 'CDHT_2_3', 'CDHT_2_4', 'CDHT_3_1', 'CDHT_3_2'];
    for (const c of codes) await field(phone, `score-${c}`).fill('9');
    await field(phone, 'score-CDHT_3_2').blur();
    await expect.poll(() => phone.getByTestId('live-total').innerText()).toContain('90/100');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390); // no sideways scrolling
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.screenshot({ path: `${SHOTS}/learning-model-self-service.png` });
    await phone.getByTestId('submit-self-service').click();
    await phone.getByTestId('receipt').waitFor();
    expect(await phone.getByTestId('receipt').innerText()).toContain('90/100');
    await phone.screenshot({ path: `${SHOTS}/learning-model-receipt.png` });

    // The commune finds it in its queue, proposes and recognises it.
    await officer.goto(`${server.url}/mo-hinh-hoc-tap?status=submitted`);
    await officer.getByRole('link', { name: 'Nguyễn Văn An' }).click();
    await officer.getByTestId('action-propose').click();
    await expect.poll(() => officer.getByTestId('registration-status').innerText()).toBe('Đã đề nghị công nhận');
    await officer.getByTestId('action-recognise').click();
    await officer.getByTestId('decision-number').fill('125/QĐ-UBND');
    await officer.getByTestId('decision-signer').fill('Trần Văn Bảy');
    await officer.getByRole('button', { name: 'Công nhận và cấp giấy chứng nhận' }).click();
    await officer.getByTestId('recognised').waitFor();
    const certificate = (await officer.getByTestId('certificate-code').innerText()).trim();
    expect(certificate).toMatch(/^[0-9A-Z]{10}$/);
    await officer.screenshot({ path: `${SHOTS}/learning-model-recognised.png`, fullPage: true });
    await officer.goto(`${server.url}/mo-hinh-hoc-tap?year=2026`);
    await officer.getByRole('link', { name: 'Nguyễn Văn An' }).waitFor();
    await officer.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await officer.waitForTimeout(500); // the table's fade-in, for a readable screenshot
    await officer.screenshot({ path: `${SHOTS}/learning-model-list.png` });

    // Anyone with the code (or the QR on the certificate) verifies it on a phone.
    const verifier = await browser.newPage(PHONE);
    await verifier.goto(`${server.url}/xac-minh/${certificate}`);
    await verifier.getByTestId('verified').waitFor();
    const text = await verifier.getByTestId('verified').innerText();
    expect(text).toContain('Giấy chứng nhận hợp lệ');
    expect(text).toContain('Nguyễn V. A.');
    expect(text).not.toContain('Nguyễn Văn An');
    expect(text).toContain('125/QĐ-UBND');
    await verifier.screenshot({ path: `${SHOTS}/certificate-verification.png` });

    await verifier.goto(`${server.url}/xac-minh/ABCDE-FGHJK`);
    await verifier.getByText('Không tìm thấy giấy chứng nhận').waitFor();

    // The commune withdraws the title by a decision with a reason; the same code now reads "Đã thu hồi".
    await officer.getByRole('link', { name: 'Nguyễn Văn An' }).click();
    await officer.getByTestId('action-revoke').click();
    await officer.getByTestId('revoke-number').fill('130/QĐ-UBND');
    await officer.getByTestId('revoke-reason').fill('Kê khai tham gia lớp học không đúng sự thật');
    await officer.getByTestId('revoke-confirm').click();
    await officer.getByTestId('revoked').waitFor();
    expect(await officer.getByTestId('registration-status').innerText()).toBe('Đã thu hồi công nhận');
    await officer.waitForTimeout(400); // the status tag's colour transition, for a truthful screenshot
    await officer.screenshot({ path: `${SHOTS}/learning-model-revoked.png` });
    await verifier.goto(`${server.url}/xac-minh/${certificate}`);
    await verifier.getByTestId('revocation').waitFor();
    const revoked = await verifier.getByTestId('verified').innerText();
    expect(revoked).toContain('Đã thu hồi');
    expect(revoked).toContain('Kê khai tham gia lớp học không đúng sự thật');
    expect(revoked).not.toContain('Giấy chứng nhận hợp lệ');
    await verifier.screenshot({ path: `${SHOTS}/certificate-revoked.png` });
  });

  it('lists, adds and removes the member households of a clan on its registration page', async () => {
    const officer = await signIn(browser, server.url, 'commune');
    const post = async (path: string, data: unknown) => {
      const res = await officer.request.post(`${server.url}${path}`, { data, headers: { 'x-requested-with': 'xhht' } });
      expect(res.status()).toBe(201);
      return (await res.json()).id as string;
    };
    const me = await (await officer.request.get(`${server.url}/api/v1/auth/me`)).json();
    const unitId = me.scope[0].id;
    const clan = await post('/api/v1/learning-subjects', { kind: 'clan', name: 'Dòng họ Trần Văn', unitId });
    for (const name of ['Gia đình ông Trần Văn Tư', 'Gia đình bà Trần Thị Năm']) await post('/api/v1/learning-subjects', { kind: 'family', name, unitId });
    const registration = await post('/api/v1/model-registrations', { subjectId: clan, modelType: 'learning_clan', year: 2026 });
    await officer.goto(`${server.url}/mo-hinh-hoc-tap/${registration}`);
    const card = officer.getByTestId('members-card');
    await card.getByText('Chưa có hộ thành viên nào').waitFor();
    for (const name of ['Trần Văn Tư', 'Trần Thị Năm']) {
      await card.getByTestId('member-search').click();
      await officer.keyboard.type(name);
      await officer.locator('.ant-select-item-option', { hasText: name }).click();
      await card.getByText(`Gia đình ${name.includes('Văn') ? 'ông' : 'bà'} ${name}`).waitFor();
    }
    await officer.screenshot({ path: `${SHOTS}/learning-model-clan-members.png`, fullPage: true });
    await card.locator('[data-testid^="member-row-"]').filter({ hasText: 'Trần Thị Năm' }).getByRole('button', { name: 'Bỏ' }).click();
    await officer.getByRole('button', { name: 'Bỏ', exact: true }).last().click();
    await expect.poll(() => card.locator('[data-testid^="member-row-"]').filter({ hasText: 'Gia đình' }).count()).toBe(1);

    // The subjects list: paged with its total, one household left in the clan, exportable.
    await officer.goto(`${server.url}/mo-hinh-hoc-tap/doi-tuong?kind=clan`);
    const row = officer.getByTestId('subjects-table').locator('tr', { hasText: 'Dòng họ Trần Văn' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Dòng họ\s+Phường Tân Ninh\s+1$/);
    expect(await officer.getByText(/\d+ đối tượng/).count()).toBeLessThanOrEqual(1);
    await expect.poll(() => officer.getByRole('link', { name: 'Xuất Excel' }).getAttribute('href')).toContain('kind=clan&format=xlsx');
    await officer.waitForTimeout(600); // the table's fade-in, for a readable screenshot
    await officer.screenshot({ path: `${SHOTS}/learning-model-subjects.png` });
  });
});
