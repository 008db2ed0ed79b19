import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, SHOTS, signIn as signInAs } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';

// Periodic reports as their users meet them: an agency fills and submits its yearly report, the coordinator accepts it on the board.
let server: TestServer;
let browser: Browser;

browserSession((s, b) => { server = s; browser = b; });

describe('periodic reports in the browser', () => {
  it('the agency submits its yearly report from the pre-filled form; the coordinator accepts it on the board', async () => {
    const agency = await signInAs(browser, server.url, 'agency');
    await agency.goto(`${server.url}/bao-cao/cua-toi`);
    const row = agency.getByTestId('my-report-row').filter({ hasText: 'Báo cáo sơ kết, đánh giá việc triển khai thực hiện Kế hoạch' }).filter({ hasText: '2026' }).first();
    await row.waitFor();
    await agency.screenshot({ path: `${SHOTS}/reports-mine.png`, fullPage: true });
    await row.getByTestId('my-report-start').click();
    await agency.waitForURL(/\/bao-cao\/\d+$/);
    await agency.getByTestId('prefill-tasks').getByText('III.1.3').waitFor(); // the unit's tasks are pre-filled
    await agency.getByTestId('report-results').fill('Tổ chức Tuần lễ hưởng ứng học tập suốt đời tại 96 xã, phường (kiểm thử đầu-cuối).');
    await agency.getByTestId('report-lessons').fill('Phối hợp sớm với Hội Khuyến học.');
    await agency.getByTestId('report-save').click();
    await agency.getByText('Đang soạn').first().waitFor();
    await agency.screenshot({ path: `${SHOTS}/reports-form.png`, fullPage: true });
    await agency.getByTestId('report-submit').click();
    await agency.getByRole('button', { name: 'Gửi', exact: true }).click();
    await expect.poll(() => agency.getByTestId('report-status').innerText()).toBe('Đã gửi');

    const obligation = await server.db.selectFrom('report_obligation').select('id').where('code', '=', 'tn-2042-yearly').executeTakeFirstOrThrow();
    const coordinator = await signInAs(browser, server.url, 'coordinator');
    await coordinator.goto(`${server.url}/bao-cao/tinh-hinh?nghiaVu=${obligation.id}&nam=2026`);
    const boardRow = coordinator.getByTestId('board-row').filter({ hasText: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh' });
    await boardRow.getByText('Trễ hạn').waitFor(); // sent after 15/10
    await coordinator.screenshot({ path: `${SHOTS}/reports-board.png`, fullPage: true });
    await boardRow.getByTestId('board-accept').click();
    await boardRow.getByText('Đã chấp nhận').waitFor();
    await coordinator.screenshot({ path: `${SHOTS}/reports-board-accepted.png`, fullPage: true });
    await coordinator.goto(`${server.url}/bao-cao/nghia-vu`);
    await coordinator.getByText('Công văn số 6782/BGDĐT-GDTX', { exact: false }).first().waitFor();
    await coordinator.screenshot({ path: `${SHOTS}/reports-obligations.png`, fullPage: true });
    const row2 = await server.db.selectFrom('report_submission').select(['status', 'late']).where('obligation_id', '=', obligation.id).where('period', '=', 2026).executeTakeFirstOrThrow();
    expect(row2).toEqual({ status: 'accepted', late: true });
  });
});
