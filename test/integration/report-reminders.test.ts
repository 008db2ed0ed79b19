import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/modules/notifications/mailer.ts';
import { tick } from '../../src/modules/notifications/scheduler.ts';
import { reportReminders } from '../../src/modules/reports/reminders.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

/**
 * Reminders of the Tây Ninh yearly report (2042/KH-UBND: to the Department before 15/10) as the days pass in 2026:
 * a week before, the reporting agency is reminded in the app and by e-mail, once; the coordinator's button reminds
 * once a day; after the agency submitted, the day-before reminder skips it.
 */
let server: TestServer;
let coordinator: Client, agency: Client;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let obligationId: string, sgddt: string;

beforeAll(async () => {
  server = await startTestServer({ today: '2026-10-09' });
  sink = await startSmtpSink();
  const admin = await Client.login(server.url, 'admin');
  coordinator = await Client.login(server.url, 'coordinator');
  agency = await Client.login(server.url, 'agency');
  const users = (await admin.get('/api/v1/users')).body as { id: string; username: string; version: number }[];
  const a = users.find((u) => u.username === 'agency')!;
  expect((await admin.request('PATCH', `/api/v1/users/${a.id}`, { body: { email: 'baocao@sogddt.tayninh.example.vn', version: a.version } })).status).toBe(200);
  obligationId = ((await coordinator.get('/api/v1/reports/obligations')).body as { id: string; code: string }[]).find((o) => o.code === 'tn-2042-yearly')!.id;
  sgddt = (await server.db.selectFrom('org_unit').select('id').where('code', '=', '80.SGDDT').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await sink.close(); await server.close(); });

const on = (today: string) => tick({ db: server.db, today: () => today, sources: [reportReminders], mailer: smtpMailer(`smtp://127.0.0.1:${sink.port}`, 'xhht <no-reply@xhht.test>') });
const agencyReminders = async () => ((await agency.get('/api/v1/notifications')).body.items as { kind: string; title: string; body: string }[]).filter((n) => n.kind === 'report.reminder');

describe('report reminders', () => {
  it('says nothing eight days before the due date, then reminds the agency once a week before', async () => {
    const board = (await coordinator.get(`/api/v1/reports/board?obligation=${obligationId}&year=2026`)).body;
    expect(board.dueDate).toBe('2026-10-15');
    expect(board.rows.map((r: { unit: { code: string } }) => r.unit.code)).toContain('80.SGDDT');

    await on('2026-10-07');
    expect(await agencyReminders()).toEqual([]);
    const first = await on('2026-10-08');
    expect(first.notified).toBeGreaterThanOrEqual(1);
    expect(await on('2026-10-09')).toMatchObject({ notified: 0, sent: 0 }); // the same offset: nothing new
    const mine = await agencyReminders();
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toContain('còn 7 ngày đến hạn (15/10/2026)');
    expect(sink.mails.filter((m) => m.to.includes('baocao@sogddt.tayninh.example.vn'))).toHaveLength(1);
  });

  it('reminds on the coordinator’s button once a day, and refuses it to the agency', async () => {
    const pressed = await coordinator.post('/api/v1/reports/board/remind', { obligation: obligationId, year: 2026, unitIds: [sgddt] });
    expect(pressed.status).toBe(200);
    expect(pressed.body).toEqual({ units: 1, notified: 1 });
    expect((await coordinator.post('/api/v1/reports/board/remind', { obligation: obligationId, year: 2026, unitIds: [sgddt] })).body).toEqual({ units: 1, notified: 0 });
    expect((await agency.post('/api/v1/reports/board/remind', { obligation: obligationId, year: 2026 })).status).toBe(403);
    const noReport = await coordinator.post('/api/v1/reports/board/remind', { obligation: obligationId, year: 2019 }); // the plan asks no 2019 report
    expect(noReport.status).toBe(400);
    expect(noReport.body.code).toBe('report.no_obligation');
    expect(await agencyReminders()).toHaveLength(2);
  });

  it('skips a unit whose report is in', async () => {
    const opened = (await agency.post('/api/v1/reports/submissions', { obligationId, unitId: sgddt, period: 2026 })).body;
    const submitted = await agency.post(`/api/v1/reports/submissions/${opened.id}/submit`, { version: opened.version, narrative: {
      results: 'Tổ chức Tuần lễ hưởng ứng học tập suốt đời.', shortcomings: 'Không.', lessons: 'Phối hợp sớm.', nextYear: 'Tiếp tục.', proposals: 'Không.',
    } });
    expect(submitted.status).toBe(200);
    await on('2026-10-14');
    expect(await agencyReminders()).toHaveLength(2);
    expect((await coordinator.post('/api/v1/reports/board/remind', { obligation: obligationId, year: 2026, unitIds: [sgddt] })).body).toEqual({ units: 0, notified: 0 });
  });

  it('follows the offsets the coordinator sets on the obligation, refusing impossible ones', async () => {
    const full = (await coordinator.get(`/api/v1/reports/obligations/${obligationId}`)).body;
    expect(full.reminderOffsets).toEqual([-7, -1, 3]);
    const body = {
      code: full.code, planId: full.plan?.id ?? null, recipientId: full.recipient?.id ?? null, active: true, title: full.title, reporters: full.reporters,
      reporterText: full.reporterText, recipientText: full.recipientText, due: full.due, periodType: full.periodType, firstPeriod: full.firstPeriod,
      lastPeriod: full.lastPeriod, legalSource: full.legalSource, clause: full.clause, verified: full.verified, version: full.version,
    };
    const bad = await coordinator.request('PUT', `/api/v1/reports/obligations/${obligationId}`, { body: { ...body, reminderOffsets: [-2, 200] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ field: 'body.reminderOffsets.1' }));
    const saved = await coordinator.request('PUT', `/api/v1/reports/obligations/${obligationId}`, { body: { ...body, reminderOffsets: [5, -2, -2] } });
    expect(saved.status).toBe(200);
    expect(saved.body.reminderOffsets).toEqual([-2, 5]);

    await on('2027-10-12'); // three days before the 2027 report is due: no offset yet
    expect((await agencyReminders()).filter((n) => n.title.includes('2027'))).toEqual([]);
    await on('2027-10-13');
    const reminders2027 = (await agencyReminders()).filter((n) => n.title.includes('2027'));
    expect(reminders2027).toHaveLength(1);
    expect(reminders2027[0]!.body).toContain('còn 2 ngày đến hạn (15/10/2027)');
  });
});
