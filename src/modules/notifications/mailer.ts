import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

export interface Mail { to: string; subject: string; text: string }
export interface Mailer { send(mail: Mail): Promise<void> }

/** SMTP through nodemailer; `url` as nodemailer takes it (smtp://user:pass@host:587, smtps://…). */
export function smtpMailer(url: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) { await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text }); },
    close() { transport.close(); },
  };
}

/** Minutes before the next attempt after `attempts` failures: 1, 5, 25, … at most a day. */
export const retryDelayMinutes = (attempts: number) => Math.min(24 * 60, 5 ** Math.max(0, attempts - 1));

/**
 * Sends what waits in the outbox, one e-mail per transaction: the row is claimed with FOR UPDATE SKIP LOCKED (two
 * servers never send the same e-mail) and marked sent in the same short transaction, so an e-mail stays in the
 * outbox until the SMTP server accepted it, and a crash re-sends at most the one in flight (never zero times).
 * Failures are retried with a growing delay.
 */
export async function deliverPending(db: Db, mailer: Mailer, opts: { publicUrl?: string | undefined; limit?: number } = {}) {
  let sent = 0, failed = 0;
  for (let k = 0; k < (opts.limit ?? 50); k++) {
    const done = await db.transaction().execute(async (tx) => {
      const r = (await sql<{ id: string; to_address: string; subject: string; body: string; link: string | null; attempts: number }>`
        SELECT e.id::text, e.to_address, e.subject, e.body, n.link, e.attempts FROM outbound_email e JOIN notification n ON n.id = e.notification_id
        WHERE e.sent_at IS NULL AND e.next_attempt_at <= now() ORDER BY e.id LIMIT 1
        FOR UPDATE OF e SKIP LOCKED`.execute(tx)).rows[0];
      if (!r) return null;
      const link = r.link ? `\n\n${opts.publicUrl ? new URL(r.link, opts.publicUrl).toString() : r.link}` : '';
      try {
        await mailer.send({ to: r.to_address, subject: `[xhht] ${r.subject}`, text: `${r.body}${link}\n\n— Hệ thống xây dựng xã hội học tập (thư tự động, không trả lời)` });
        await tx.updateTable('outbound_email').set({ sent_at: new Date(), attempts: r.attempts + 1, last_error: null }).where('id', '=', r.id).execute();
        return 'sent' as const;
      } catch (err) {
        await tx.updateTable('outbound_email').set({
          attempts: r.attempts + 1, last_error: String((err as Error).message ?? err).slice(0, 500),
          next_attempt_at: new Date(Date.now() + retryDelayMinutes(r.attempts + 1) * 60_000),
        }).where('id', '=', r.id).execute();
        return 'failed' as const;
      }
    });
    if (done === null) break;
    if (done === 'sent') sent++; else failed++;
  }
  return { sent, failed };
}
