import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/modules/notifications/mailer.ts';
import { tick, type ReminderSource } from '../../src/modules/notifications/scheduler.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

/**
 * The scheduler and the outbox with a real SMTP server on loopback: a reminder derived twice, or again after a
 * restart, is notified and mailed once; an e-mail refused while the SMTP server is down is kept and sent later.
 */
let server: TestServer;
let admin: Client, agency: Client, viewer: Client;
let agencyId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await Client.login(server.url, 'admin');
  agency = await Client.login(server.url, 'agency');
  viewer = await Client.login(server.url, 'viewer');
  const users = (await admin.get('/api/v1/users')).body as { id: string; username: string; version: number }[];
  const a = users.find((u) => u.username === 'agency')!;
  agencyId = a.id;
  expect((await admin.request('PATCH', `/api/v1/users/${a.id}`, { body: { email: 'Can.Bo@SoGD.example.vn', version: a.version } })).status).toBe(200);
});
afterAll(async () => { await server.close(); });

const source = (key: string): ReminderSource => async () => [{
  userIds: [agencyId], kind: 'report.reminder', title: 'Nhắc hạn báo cáo năm 2026', body: 'Báo cáo năm 2026 còn 7 ngày đến hạn (01/12/2026)', link: '/bao-cao', key,
}];

describe('reminders', () => {
  it('refuses a malformed e-mail address, naming the field', async () => {
    const users = (await admin.get('/api/v1/users')).body as { id: string; username: string; version: number }[];
    const v = users.find((u) => u.username === 'viewer')!;
    const res = await admin.request('PATCH', `/api/v1/users/${v.id}`, { body: { email: 'not-an-address', version: v.version } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'body.email' }));
  });

  it('notifies and mails once, however often and from however many restarts the reminder is derived', async () => {
    const sink = await startSmtpSink();
    try {
      const deps = () => ({ db: server.db, today: () => '2026-11-24', sources: [source('report:1:2026:-7')], mailer: smtpMailer(`smtp://127.0.0.1:${sink.port}`, 'xhht <no-reply@xhht.test>'), publicUrl: 'https://xhht.example.vn' });
      expect(await tick(deps())).toEqual({ notified: 1, sent: 1, failed: 0 });
      expect(await tick(deps())).toEqual({ notified: 0, sent: 0, failed: 0 });
      expect(await tick(deps())).toEqual({ notified: 0, sent: 0, failed: 0 }); // a new scheduler: the restart
      expect(sink.mails).toHaveLength(1);
      expect(sink.mails[0]!.to).toEqual(['can.bo@sogd.example.vn']);
      expect(sink.mails[0]!.raw).toContain('https://xhht.example.vn/bao-cao');

      const mine = (await agency.get('/api/v1/notifications')).body;
      expect(mine.unread).toBe(1);
      expect(mine.items[0]).toMatchObject({ title: 'Nhắc hạn báo cáo năm 2026', link: '/bao-cao', readAt: null });
      expect((await viewer.get('/api/v1/notifications')).body.items).toEqual([]); // someone else's stay theirs
      expect((await viewer.post('/api/v1/notifications/read', { ids: [mine.items[0].id] })).body).toEqual({ updated: 0 });
      expect((await agency.post('/api/v1/notifications/read', { ids: [mine.items[0].id] })).body).toEqual({ updated: 1 });
      expect((await agency.get('/api/v1/notifications')).body.unread).toBe(0);
      const audited = await server.db.selectFrom('audit_log').select(['actor_id', 'after']).where('action', '=', 'notification.read').execute();
      expect(audited).toEqual([{ actor_id: agencyId, after: { ids: [mine.items[0].id] } }]);
    } finally {
      await sink.close();
    }
  });

  it('keeps an e-mail the SMTP server did not take and sends it once the server is back', async () => {
    const down = await startSmtpSink();
    const port = down.port;
    await down.close();
    const deps = { db: server.db, today: () => '2026-11-30', sources: [source('report:1:2026:-1')], mailer: smtpMailer(`smtp://127.0.0.1:${port}`, 'xhht <no-reply@xhht.test>') };
    expect(await tick(deps)).toEqual({ notified: 1, sent: 0, failed: 1 });
    const pending = await server.db.selectFrom('outbound_email').select(['attempts', 'last_error', 'sent_at']).where('sent_at', 'is', null).execute();
    expect(pending).toEqual([expect.objectContaining({ attempts: 1, sent_at: null })]);
    expect(pending[0]!.last_error).toBeTruthy();
    expect(await tick(deps)).toEqual({ notified: 0, sent: 0, failed: 0 }); // waits for its retry time

    const up = await startSmtpSink(port);
    try {
      await server.db.updateTable('outbound_email').set({ next_attempt_at: new Date() }).where('sent_at', 'is', null).execute(); // the retry time has come
      expect(await tick(deps)).toEqual({ notified: 0, sent: 1, failed: 0 });
      expect(up.mails).toHaveLength(1);
      expect(up.mails[0]!.to).toEqual(['can.bo@sogd.example.vn']);
    } finally {
      await up.close();
    }
  });
});
