import dayjs from 'dayjs';
import { sql } from 'kysely';
import type { Tx } from '../../db/schema.ts';
import type { DueRule } from '../plans/deadlines.ts';
import { reminderDue, reminderPhrase } from '../notifications/schedule.ts';
import type { ReminderSource } from '../notifications/scheduler.ts';
import { notify, type NewNotification } from '../notifications/store.ts';
import { dueDateFor } from './due.ts';
import type { ReporterSelector } from './model.ts';
import { reportersOn, type ReporterUnit } from './obligations.ts';

/** A reminder later than this after its day is not sent any more (a server down for months does not wake everyone). */
const STALE_DAYS = 30;

/** The reporting officers of a unit: active agency reporters and commune officers whose scope covers it. */
async function officersOf(tx: Tx, unitId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT DISTINCT u.id::text FROM app_user u JOIN user_scope s ON s.user_id = u.id
    JOIN org_unit_cover c ON c.ancestor_id = s.unit_id AND c.unit_id = ${unitId}
    WHERE u.active AND u.role IN ('agency_reporter', 'unit_officer')`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** Units of a report that are not in yet: no report, or one still in draft or returned. */
async function notIn(tx: Tx, obligationId: string, period: number, units: readonly ReporterUnit[]): Promise<ReporterUnit[]> {
  if (units.length === 0) return [];
  const done = await tx.selectFrom('report_submission').select('unit_id').where('obligation_id', '=', obligationId).where('period', '=', period)
    .where('status', 'in', ['submitted', 'accepted']).where('unit_id', 'in', units.map((u) => u.id)).execute();
  const doneIds = new Set(done.map((d) => d.unit_id));
  return units.filter((u) => !doneIds.has(u.id));
}

function reminderFor(o: { id: string; title: string }, unit: ReporterUnit, period: number, due: string, today: string, key: string, userIds: string[]): NewNotification {
  return {
    userIds, kind: 'report.reminder', key,
    title: `Nhắc hạn báo cáo: ${o.title} — năm ${period}`,
    body: `${unit.name}: báo cáo ${reminderPhrase(due, today)}${due < today ? '. Đề nghị gửi ngay.' : '.'}`,
    link: '/bao-cao/cua-toi',
  };
}

/**
 * The scheduler's source: for every active obligation, the periods whose due date is near, the reminder offset due
 * today, and each reporting unit whose report is not in. The key names obligation, unit, period and offset.
 */
export const reportReminders: ReminderSource = async (tx, today) => {
  const obligations = await tx.selectFrom('report_obligation').select(['id', 'title', 'plan_id', 'reporter_selector', 'due_rule', 'first_period', 'last_period', 'reminder_offsets'])
    .where('active', '=', true).execute();
  const year = Number(today.slice(0, 4));
  const out: NewNotification[] = [];
  for (const o of obligations) {
    for (const period of [year - 1, year, year + 1]) {
      const due = dueDateFor(o.due_rule as DueRule, { first: o.first_period, last: o.last_period }, period);
      const r = due && reminderDue(due, o.reminder_offsets, today);
      if (!due || !r || dayjs(today).diff(dayjs(r.day), 'day') > STALE_DAYS) continue;
      const units = await notIn(tx, o.id, period, await reportersOn(tx, { planId: o.plan_id, reporters: o.reporter_selector as ReporterSelector }, due));
      for (const unit of units) {
        const userIds = await officersOf(tx, unit.id);
        if (userIds.length) out.push(reminderFor(o, unit, period, due, today, `report:${o.id}:${unit.id}:${period}:${due}:${r.offset}`, userIds));
      }
    }
  }
  return out;
};

/**
 * The coordinator's "remind" button: the units (of those given, in the coordinator's reach) whose report is not in.
 * Keyed by day, so pressing it twice on one day reminds once.
 */
export async function remindNow(tx: Tx, o: { id: string; title: string }, period: number, due: string, units: readonly ReporterUnit[], today: string): Promise<{ units: number; notified: number }> {
  let notified = 0, reached = 0;
  for (const unit of await notIn(tx, o.id, period, units)) {
    const userIds = await officersOf(tx, unit.id);
    if (userIds.length === 0) continue;
    reached++;
    notified += await notify(tx, reminderFor(o, unit, period, due, today, `report:${o.id}:${unit.id}:${period}:manual:${today}`, userIds));
  }
  return { units: reached, notified };
}
