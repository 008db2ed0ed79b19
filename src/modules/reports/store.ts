import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { storedFile } from '../../http/file-types.ts';
import { forbidden, problem, staleVersion } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import { can, type Actor } from '../auth/model.ts';
import { coversUnit, inScope } from '../auth/scope.ts';
import { dueDateFor, isLate, isOpenPeriod, openPeriods } from './due.ts';
import { sanitiseNarrative, type Narrative } from './narrative.ts';
import { getObligation, listObligations, obligationView, reportersOn, windowOf, type Obligation } from './obligations.ts';
import { prefill, type Prefill } from './prefill.ts';
import { remindNow } from './reminders.ts';
import { STATUS_LABELS, transition, type ReportAction, type ReportStatus } from './workflow.ts';

const noObligation = (o: Obligation, period: number) =>
  problem(400, 'report.no_obligation', `Nghĩa vụ “${o.title}” không yêu cầu báo cáo kỳ ${period} (hoặc kỳ này chưa bắt đầu)`, { errors: [{ field: 'period', message: 'Không có nghĩa vụ báo cáo cho kỳ này' }] });

/** The due date of an obligation's period open at `today`, or a clear refusal. */
function openDue(o: Obligation, period: number, today: string): string {
  const due = dueDateFor(o.due, windowOf(o), period);
  if (!o.active || due === null || !isOpenPeriod(o.due, windowOf(o), period, today)) throw noObligation(o, period);
  return due;
}

/**
 * Opens (or finds) a unit's report for one period of an obligation. The unit must be in the actor's scope and owe the
 * report on that period's due date.
 */
export async function openReport(db: Db, actor: Actor, input: { obligationId: string; unitId: string; period: number }, today: string) {
  const o = await getObligation(db, actor, input.obligationId);
  const due = openDue(o, input.period, today);
  if (!(await coversUnit(db, actor, input.unitId))) throw forbidden('org_unit');
  if (!(await reportersOn(db, o, due)).some((u) => u.id === input.unitId)) {
    throw problem(422, 'report.not_reporter', 'Đơn vị này không có nghĩa vụ báo cáo theo nội dung này trong kỳ đã chọn', { errors: [{ field: 'unitId', message: 'Không thuộc diện báo cáo' }] });
  }
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('report_submission').values({ obligation_id: o.id, unit_id: input.unitId, period: input.period, due_date: due, created_by: actor.id })
      .onConflict((oc) => oc.columns(['obligation_id', 'unit_id', 'period']).doNothing()).returningAll().executeTakeFirst();
    if (!row) {
      return (await tx.selectFrom('report_submission').select('id').where('obligation_id', '=', o.id).where('unit_id', '=', input.unitId).where('period', '=', input.period).executeTakeFirstOrThrow()).id;
    }
    await tx.insertInto('report_event').values({ submission_id: row.id, actor_id: actor.id, action: 'create', to_status: 'draft' }).execute();
    await audit(tx, actor, 'report_submission.create', 'report_submission', row.id, null, row);
    return row.id;
  });
  return getReport(db, actor, id, today);
}

function submissionQuery(db: Db) {
  return db.selectFrom('report_submission as s').innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.obligation_id', 's.unit_id', 'u.code as unit_code', 'u.name as unit_name', 'u.kind as unit_kind', 'u.short_name as unit_short_name', 'u.parent_id as unit_parent_id',
      's.period', 's.due_date', 's.status', 's.narrative', 's.prefilled', 's.first_submitted_on', 's.submitted_on', 's.submitted_at', 's.accepted_at', 's.version']);
}

/** One report with its obligation, read-only figures (live while it is being written, as submitted afterwards), history and files. */
export async function getReport(db: Db, actor: Actor, id: string, today: string) {
  const s = await submissionQuery(db).where('s.id', '=', id).where(inScope(actor, 's.unit_id')).executeTakeFirst();
  if (!s) throw forbidden('report_submission');
  const o = await getObligation(db, actor, s.obligation_id);
  const editable = s.status === 'draft' || s.status === 'returned';
  const figures = editable || !s.prefilled
    ? await prefill(db, actor, { planId: o.planId, planNumber: o.planNumber, unitId: s.unit_id, period: s.period, today })
    : (s.prefilled as Prefill);
  const events = await db.selectFrom('report_event as e').innerJoin('app_user as a', 'a.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.action', 'e.from_status', 'e.to_status', 'e.comment', 'a.display_name as actor'])
    .where('e.submission_id', '=', id).orderBy('e.at').orderBy('e.id').execute();
  const files = await db.selectFrom('report_attachment').select(['id', 'file_name as fileName', 'media_type as mediaType', 'size_bytes as sizeBytes', 'sha256'])
    .where('submission_id', '=', id).orderBy('id').execute();
  return {
    id: s.id, obligation: obligationView(o, today), unit: { id: s.unit_id, code: s.unit_code, name: s.unit_name, kind: s.unit_kind, shortName: s.unit_short_name, parentId: s.unit_parent_id },
    period: s.period, dueDate: s.due_date, status: s.status, statusLabel: STATUS_LABELS[s.status], narrative: s.narrative as Narrative,
    firstSubmittedOn: s.first_submitted_on, submittedOn: s.submitted_on, submittedAt: s.submitted_at?.toISOString() ?? null, acceptedAt: s.accepted_at?.toISOString() ?? null,
    late: isLate(s.due_date, s.first_submitted_on, today), version: s.version, prefill: figures, figuresLive: editable || !s.prefilled,
    canEdit: editable && can(actor.role, 'report.submit'), canReview: s.status === 'submitted' && can(actor.role, 'report.review'),
    events: events.map((e) => ({ ...e, at: e.at.toISOString(), toStatusLabel: STATUS_LABELS[e.to_status as ReportStatus] })),
    attachments: files,
  };
}

/** Who made the latest submission of a report (the four-eyes rule of a review). */
async function lastSubmitter(tx: Tx, id: string): Promise<string | null> {
  const e = await tx.selectFrom('report_event').select('actor_id').where('submission_id', '=', id).where('action', '=', 'submit').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return e?.actor_id ?? null;
}

/**
 * One step of the workflow. The row is locked in a query that checks the actor's scope; a stale version gets 409; the
 * narrative is cleaned before it is stored; a submission keeps the figures it was made with.
 */
export async function act(db: Db, actor: Actor, id: string, action: ReportAction, body: { narrative?: Narrative; comment?: string | undefined; version: number }, today: string) {
  let snapshot: Prefill | null = null;
  if (action === 'submit') {
    const s = await db.selectFrom('report_submission as s').innerJoin('report_obligation as o', 'o.id', 's.obligation_id').leftJoin('plan as p', 'p.id', 'o.plan_id')
      .select(['s.unit_id', 's.period', 'o.plan_id', 'p.number']).where('s.id', '=', id).where(inScope(actor, 's.unit_id')).executeTakeFirst();
    if (!s) throw forbidden('report_submission');
    snapshot = await prefill(db, actor, { planId: s.plan_id, planNumber: s.number, unitId: s.unit_id, period: s.period, today });
  }
  await db.transaction().execute(async (tx) => {
    const reviewing = action === 'return' || action === 'accept';
    // A review is the receiving unit's: its scope must hold the obligation's recipient as well as the reporting unit.
    const before = await tx.selectFrom('report_submission as s').selectAll('s').where('s.id', '=', id).where(inScope(actor, 's.unit_id'))
      .$if(reviewing, (q) => q.where(({ exists, selectFrom }) => exists(selectFrom('report_obligation as o').select('o.id')
        .whereRef('o.id', '=', 's.obligation_id').where(sql<boolean>`(o.recipient_id IS NULL OR ${inScope(actor, 'o.recipient_id')})`))))
      .forUpdate('s').executeTakeFirst();
    if (!before) throw forbidden('report_submission');
    if (reviewing && before.status === 'submitted' && await lastSubmitter(tx, id) === actor.id) {
      throw problem(403, 'report.self_review', 'Người gửi báo cáo không tự xem xét báo cáo của mình; cần một cán bộ khác của đơn vị nhận');
    }
    if (before.version !== body.version) throw staleVersion('report_submission', before.version);
    const comment = body.comment?.trim() ? body.comment.trim() : undefined;
    const t = transition(before.status, action, { comment });
    if (!t.ok) throw problem(t.code === 'report.comment_required' ? 400 : 409, t.code, t.message, t.code === 'report.comment_required' ? { errors: [{ field: 'comment', message: 'Bắt buộc' }] } : {});
    const narrative = body.narrative ? sanitiseNarrative(body.narrative) : (before.narrative as Narrative);
    if (action === 'submit' && !narrative.results) {
      throw problem(422, 'report.results_required', 'Cần nêu “Kết quả đạt được” trước khi gửi báo cáo', { errors: [{ field: 'narrative.results', message: 'Bắt buộc' }] });
    }
    const after = await tx.updateTable('report_submission').set({
      status: t.to, narrative: JSON.stringify(narrative), version: before.version + 1, updated_at: new Date(),
      ...(action === 'submit' ? { prefilled: JSON.stringify(snapshot), submitted_at: new Date(), submitted_on: today, first_submitted_on: before.first_submitted_on ?? today } : {}),
      ...(action === 'accept' ? { accepted_at: new Date() } : {}),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    if (action !== 'save' || before.status !== t.to || JSON.stringify(before.narrative) !== JSON.stringify(narrative)) {
      await tx.insertInto('report_event').values({ submission_id: id, actor_id: actor.id, action, from_status: before.status, to_status: t.to, comment: comment ?? null }).execute();
    }
    await audit(tx, actor, `report_submission.${action}`, 'report_submission', id, before, { ...after, comment });
  });
  return getReport(db, actor, id, today);
}

export interface UploadedFile { fileName: string; mediaType: string; content: Buffer }

/** A file attached to a report still being written. */
export async function addAttachment(db: Db, actor: Actor, id: string, file: UploadedFile) {
  return db.transaction().execute(async (tx) => {
    const s = await tx.selectFrom('report_submission as s').select(['s.id', 's.status']).where('s.id', '=', id).where(inScope(actor, 's.unit_id')).forUpdate().executeTakeFirst();
    if (!s) throw forbidden('report_submission');
    const t = transition(s.status, 'save');
    if (!t.ok) throw problem(409, t.code, t.message);
    const row = await tx.insertInto('report_attachment').values({
      submission_id: id, ...storedFile(file.fileName, file.mediaType, file.content), uploaded_by: actor.id,
    }).returning(['id', 'file_name as fileName', 'media_type as mediaType', 'size_bytes as sizeBytes', 'sha256']).executeTakeFirstOrThrow();
    await audit(tx, actor, 'report_attachment.create', 'report_attachment', row.id, null, { submissionId: id, ...row });
    return row;
  });
}

export async function getAttachment(db: Db, actor: Actor, fileId: string) {
  const f = await db.selectFrom('report_attachment as f').innerJoin('report_submission as s', 's.id', 'f.submission_id')
    .select(['f.file_name', 'f.media_type', 'f.content', 'f.sha256']).where('f.id', '=', fileId).where(inScope(actor, 's.unit_id')).executeTakeFirst();
  if (!f) throw forbidden('report_attachment');
  return f;
}

/**
 * The reports an actor files: for each active obligation and open period (this year and last, or the year asked), the
 * units of the actor's own scope that owe it, with the report if one was opened.
 */
export async function myReports(db: Db, actor: Actor, today: string, year?: number) {
  const own = new Set((await db.selectFrom('user_scope').select('unit_id').where('user_id', '=', actor.id).execute()).map((r) => r.unit_id));
  const out = [];
  for (const o of await listObligations(db, actor, { activeOnly: true })) {
    const periods = year !== undefined ? [year].filter((p) => isOpenPeriod(o.due, windowOf(o), p, today)) : openPeriods(o.due, windowOf(o), today).slice(0, 2);
    for (const period of periods) {
      const due = dueDateFor(o.due, windowOf(o), period)!;
      const units = (await reportersOn(db, o, due, actor)).filter((u) => own.has(u.id));
      if (units.length === 0) continue;
      const subs = await db.selectFrom('report_submission').select(['id', 'unit_id', 'status', 'due_date', 'first_submitted_on', 'version']).where('obligation_id', '=', o.id).where('period', '=', period)
        .where('unit_id', 'in', units.map((u) => u.id)).execute();
      for (const u of units) {
        const s = subs.find((x) => x.unit_id === u.id);
        out.push({
          obligation: obligationView(o, today), period, dueDate: due, overdue: !s && today > due, unit: { id: u.id, code: u.code, name: u.name },
          submission: s ? { id: s.id, status: s.status, statusLabel: STATUS_LABELS[s.status], late: isLate(s.due_date, s.first_submitted_on, today), version: s.version } : null,
        });
      }
    }
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) * -1 || a.unit.code.localeCompare(b.unit.code));
}

const BOARD_STATUS_LABELS = { ...STATUS_LABELS, not_started: 'Chưa báo cáo' } as const;

/** The completeness board of one obligation and period: every unit that owes the report (in the actor's scope) and where it stands. */
export async function board(db: Db, actor: Actor, obligationId: string, year: number, today: string) {
  const o = await getObligation(db, actor, obligationId);
  const due = dueDateFor(o.due, windowOf(o), year);
  if (due === null) throw noObligation(o, year);
  const units = await reportersOn(db, o, due, actor);
  const subs = units.length ? await db.selectFrom('report_submission as s')
    .select(['s.id', 's.unit_id', 's.status', 's.due_date', 's.first_submitted_on', 's.submitted_at', 's.accepted_at', 's.version'])
    .select(sql<number>`(SELECT count(*)::int FROM report_event e WHERE e.submission_id = s.id AND e.action = 'return')`.as('returns'))
    .where('s.obligation_id', '=', o.id).where('s.period', '=', year).where('s.unit_id', 'in', units.map((u) => u.id)).execute() : [];
  const rows = units.map((u) => {
    const s = subs.find((x) => x.unit_id === u.id);
    const status = s?.status ?? 'not_started';
    return {
      unit: { id: u.id, code: u.code, name: u.name, kind: u.kind }, submissionId: s?.id ?? null, status, statusLabel: BOARD_STATUS_LABELS[status],
      firstSubmittedOn: s?.first_submitted_on ?? null, submittedAt: s?.submitted_at?.toISOString() ?? null, acceptedAt: s?.accepted_at?.toISOString() ?? null,
      late: isLate(s?.due_date ?? due, s?.first_submitted_on ?? null, today), returns: s?.returns ?? 0, version: s?.version ?? null,
    };
  });
  const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  return {
    obligation: obligationView(o, today), year, dueDate: due, today,
    summary: {
      expected: rows.length, submitted: count((r) => r.firstSubmittedOn !== null), onTime: count((r) => r.firstSubmittedOn !== null && !r.late),
      late: count((r) => r.late), accepted: count((r) => r.status === 'accepted'), returned: count((r) => r.status === 'returned'), missing: count((r) => r.firstSubmittedOn === null),
    },
    rows,
  };
}

/**
 * The board's "remind" button: the units owing the report (those asked for, within the coordinator's scope) whose
 * report is not in get a reminder now. Pressing it again the same day reminds nobody twice.
 */
export async function remindOnBoard(db: Db, actor: Actor, obligationId: string, year: number, unitIds: readonly string[] | undefined, today: string) {
  const o = await getObligation(db, actor, obligationId);
  const due = dueDateFor(o.due, windowOf(o), year);
  if (due === null) throw noObligation(o, year);
  const units = (await reportersOn(db, o, due, actor)).filter((u) => !unitIds || unitIds.includes(u.id));
  return db.transaction().execute(async (tx) => {
    const result = await remindNow(tx, o, year, due, units, today);
    await audit(tx, actor, 'report.remind', 'report_obligation', o.id, null, { year, unitIds: unitIds ?? null, ...result });
    return result;
  });
}
