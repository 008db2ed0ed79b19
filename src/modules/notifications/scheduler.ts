import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { deliverPending, type Mailer } from './mailer.ts';
import { notify, type NewNotification } from './store.ts';

/** Something that knows which reminders are due on a day (e.g. reports not yet submitted), read from the data. */
export type ReminderSource = (tx: Tx, today: string) => Promise<NewNotification[]>;

export interface SchedulerDeps {
  db: Db;
  today(): string;
  sources: readonly ReminderSource[];
  mailer: Mailer | null;
  publicUrl?: string | undefined;
}

const LOCK = 727_2044; // one server at a time derives reminders

/**
 * The PostgreSQL-backed scheduler: no queue of future jobs to lose, only state. Each tick derives the reminders due
 * today from the data (a reminder has a key, so deriving it again changes nothing), then drains the e-mail outbox.
 * A restart therefore loses nothing and repeats nothing.
 */
export async function tick(deps: SchedulerDeps): Promise<{ notified: number; sent: number; failed: number }> {
  const today = deps.today();
  const notified = await deps.db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${LOCK}) AS locked`.execute(tx);
    if (!rows[0]!.locked) return 0;
    let n = 0;
    for (const source of deps.sources) for (const r of await source(tx, today)) n += await notify(tx, r);
    return n;
  });
  const mail = deps.mailer ? await deliverPending(deps.db, deps.mailer, { publicUrl: deps.publicUrl }) : { sent: 0, failed: 0 };
  return { notified, ...mail };
}

/** Runs `tick` every interval until stopped; a failing tick is reported and retried at the next one. */
export function startScheduler(deps: SchedulerDeps, intervalMs: number, log: (msg: string) => void = console.error) {
  // One tick at a time: a slow tick is not overlapped by the next, and stop() waits for the one in flight.
  let inFlight: Promise<unknown> | null = null;
  let stopped = false;
  const run = () => {
    if (stopped || inFlight) return;
    inFlight = tick(deps).catch((err) => log(`Nhắc việc: lỗi ${(err as Error).message}`)).finally(() => { inFlight = null; });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}
