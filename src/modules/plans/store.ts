import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { storedFile } from '../../http/file-types.ts';
import { forbidden, problem, staleVersion } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import { can, type Actor } from '../auth/model.ts';
import { coveredUnitIds, inScope } from '../auth/scope.ts';
import { currentCycle, describeDueRule, firstCycle, type DueRule } from './deadlines.ts';
import type { ProgressBody } from './model.ts';
import { assignmentState, earliestDue, STATUS_LABELS, taskStatus, type LatestReport, type TaskStatus } from './status.ts';

/** A plan is visible to whoever's scope covers its issuer or one of the units it assigns work to. */
function planVisible(actor: Actor, planIdColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`(
    (SELECT issuer_id FROM plan WHERE id = ${sql.ref(planIdColumn)}) IN ${coveredUnitIds(actor)}
    OR EXISTS (SELECT 1 FROM task_assignment va JOIN task vt ON vt.id = va.task_id
               WHERE vt.plan_id = ${sql.ref(planIdColumn)} AND va.unit_id IN ${coveredUnitIds(actor)}))`;
}

interface AssignmentRow {
  id: string; task_id: string; unit_id: string; unit_code: string; unit_name: string; unit_kind: string; version: number;
  due_rule: DueRule; issued_on: string; in_scope: boolean; last_reported_at: Date | null;
  latest: { period: number | null; status: 'in_progress' | 'done'; percent: number; completed_on: string | null }[] | null;
}

/** Assignments with the latest report of each period; `where` narrows them (always scoped by the caller). */
async function assignments(db: Db, actor: Actor, where: Expression<SqlBool>): Promise<AssignmentRow[]> {
  const rows = await db.selectFrom('task_assignment as a')
    .innerJoin('task as t', 't.id', 'a.task_id').innerJoin('plan as p', 'p.id', 't.plan_id').innerJoin('org_unit as u', 'u.id', 'a.unit_id')
    .select([
      'a.id', 'a.task_id', 'a.unit_id', 'u.code as unit_code', 'u.name as unit_name', 'u.kind as unit_kind', 'a.version', 't.due_rule', 'p.issued_on',
      inScope(actor, 'a.unit_id').as('in_scope'),
    ])
    .where(where).orderBy('t.position').orderBy('u.code').execute() as unknown as Omit<AssignmentRow, 'latest' | 'last_reported_at'>[];
  if (rows.length === 0) return [];
  // One pass over the reports of these assignments: the latest per (assignment, period).
  const reports = await db.selectFrom('task_progress')
    .select(['assignment_id', 'period', 'status', 'percent', 'completed_on', 'reported_at'])
    .distinctOn(['assignment_id', 'period'])
    .where('assignment_id', 'in', rows.map((r) => r.id))
    .orderBy('assignment_id').orderBy('period').orderBy('reported_at', 'desc').orderBy('id', 'desc').execute();
  const byAssignment = new Map<string, typeof reports>();
  for (const r of reports) {
    if (!byAssignment.has(r.assignment_id)) byAssignment.set(r.assignment_id, []);
    byAssignment.get(r.assignment_id)!.push(r);
  }
  return rows.map((r) => {
    const latest = byAssignment.get(r.id) ?? [];
    const last = latest.reduce<Date | null>((m, x) => (m === null || x.reported_at > m ? x.reported_at : m), null);
    return { ...r, latest, last_reported_at: last };
  });
}

function stateOf(row: AssignmentRow, today: string) {
  const reports = new Map<number | null, LatestReport>((row.latest ?? []).map((r) => [r.period, { status: r.status, percent: r.percent, completedOn: r.completed_on }]));
  return assignmentState(row.due_rule, row.issued_on, today, reports);
}

function assignmentView(actor: Actor, row: AssignmentRow, today: string) {
  const s = stateOf(row, today);
  return {
    id: row.id, unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name }, status: s.status, statusLabel: STATUS_LABELS[s.status],
    dueDate: s.dueDate, period: s.period, percent: s.percent, version: row.version,
    lastReportedAt: row.last_reported_at ? new Date(row.last_reported_at).toISOString() : null,
    canReport: row.in_scope && can(actor.role, 'task.report'),
  };
}

export async function listPlans(db: Db, actor: Actor, today: string) {
  const plans = await db.selectFrom('plan as p').innerJoin('org_unit as i', 'i.id', 'p.issuer_id')
    .select(['p.id', 'p.slug', 'p.number', 'p.issued_on', 'p.title', 'p.legal_basis', 'p.period_from', 'p.period_to', 'i.code as issuer_code', 'i.name as issuer_name'])
    .where(planVisible(actor, 'p.id')).orderBy('p.issued_on', 'desc').execute();
  if (plans.length === 0) return [];
  const tasks = await taskViews(db, actor, sql<SqlBool>`t.plan_id IN (${sql.join(plans.map((p) => p.id))})`, today);
  return plans.map((p) => {
    const mine = tasks.filter((t) => t.planId === p.id);
    const statusCounts: Record<string, number> = {};
    for (const t of mine) statusCounts[t.status] = (statusCounts[t.status] ?? 0) + 1;
    return {
      id: p.id, slug: p.slug, number: p.number, issuedOn: p.issued_on, issuer: { code: p.issuer_code, name: p.issuer_name }, title: p.title,
      legalBasis: p.legal_basis, periodFrom: p.period_from, periodTo: p.period_to, taskCount: mine.length, statusCounts,
    };
  });
}

export async function getPlan(db: Db, actor: Actor, planId: string) {
  const plan = await db.selectFrom('plan as p').innerJoin('org_unit as i', 'i.id', 'p.issuer_id')
    .select(['p.id', 'p.slug', 'p.number', 'p.issued_on', 'p.title', 'p.legal_basis', 'p.period_from', 'p.period_to', 'p.targets', 'p.source', 'i.code as issuer_code', 'i.name as issuer_name'])
    .where('p.id', '=', planId).where(planVisible(actor, 'p.id')).executeTakeFirst();
  if (!plan) throw forbidden('plan');
  const sections = await db.selectFrom('plan_section').select(['id', 'parent_id as parentId', 'code', 'title', 'text', 'position'])
    .where('plan_id', '=', planId).orderBy('position').execute();
  return {
    id: plan.id, slug: plan.slug, number: plan.number, issuedOn: plan.issued_on, title: plan.title, legalBasis: plan.legal_basis,
    periodFrom: plan.period_from, periodTo: plan.period_to, targets: plan.targets, source: plan.source,
    issuer: { code: plan.issuer_code, name: plan.issuer_name }, sections,
  };
}

/** Tasks with their assignments and derived status; `where` is over alias `t` and must be within visible plans. */
async function taskViews(db: Db, actor: Actor, where: Expression<SqlBool>, today: string) {
  const tasks = await db.selectFrom('task as t')
    .select(['t.id', 't.plan_id', 't.section_id', 't.code', 't.position', 't.text', 't.lead_code', 't.lead_label', 't.coordinating', 't.coordinating_text', 't.due_rule'])
    .where(where).where(planVisible(actor, 't.plan_id')).orderBy('t.plan_id').orderBy('t.position').execute();
  if (tasks.length === 0) return [];
  const rows = await assignments(db, actor, sql<SqlBool>`a.task_id IN (${sql.join(tasks.map((t) => t.id))})`);
  const byTask = new Map<string, AssignmentRow[]>();
  for (const r of rows) {
    if (!byTask.has(r.task_id)) byTask.set(r.task_id, []);
    byTask.get(r.task_id)!.push(r);
  }
  return tasks.map((t) => {
    const views = (byTask.get(t.id) ?? []).map((r) => assignmentView(actor, r, today));
    const status = taskStatus(views.map((v) => v.status));
    return {
      id: t.id, planId: t.plan_id, sectionId: t.section_id, code: t.code, position: t.position, text: t.text,
      leadAgency: { code: t.lead_code, name: t.lead_label }, coordinatingAgencies: t.coordinating, coordinatingText: t.coordinating_text,
      dueRule: t.due_rule, dueRuleText: describeDueRule(t.due_rule as DueRule), nextDueDate: earliestDue(views),
      status, statusLabel: STATUS_LABELS[status], assignments: views,
    };
  });
}

export async function planTasks(db: Db, actor: Actor, planId: string, today: string) {
  const visible = await db.selectFrom('plan as p').select('p.id').where('p.id', '=', planId).where(planVisible(actor, 'p.id')).executeTakeFirst();
  if (!visible) throw forbidden('plan');
  return taskViews(db, actor, sql<SqlBool>`t.plan_id = ${planId}`, today);
}

export async function getTask(db: Db, actor: Actor, taskId: string, today: string) {
  const [task] = await taskViews(db, actor, sql<SqlBool>`t.id = ${taskId}`, today);
  if (!task) throw forbidden('task');
  const plan = await db.selectFrom('plan').select(['id', 'number', 'title']).where('id', '=', task.planId).executeTakeFirstOrThrow();
  const history = await db.selectFrom('task_progress as r').innerJoin('task_assignment as a', 'a.id', 'r.assignment_id')
    .innerJoin('org_unit as u', 'u.id', 'a.unit_id').innerJoin('app_user as w', 'w.id', 'r.reporter_id')
    .select(['r.id', 'r.assignment_id as assignmentId', 'u.name as unitName', 'r.period', 'r.status', 'r.percent', 'r.completed_on as completedOn', 'r.narrative', 'r.reported_at as reportedAt', 'w.display_name as reporter'])
    .where('a.task_id', '=', taskId).orderBy('r.reported_at', 'desc').orderBy('r.id', 'desc').execute();
  const files = await db.selectFrom('evidence_file').select(['id', 'progress_id', 'file_name as fileName', 'size_bytes as sizeBytes', 'sha256', 'media_type as mediaType'])
    .where('assignment_id', 'in', task.assignments.map((a) => a.id).concat('0')).where('progress_id', 'is not', null).orderBy('id').execute();
  return {
    ...task, plan: { id: plan.id, number: plan.number, title: plan.title },
    history: history.map((h) => ({ ...h, reportedAt: h.reportedAt.toISOString(), statusLabel: h.status === 'done' ? 'Hoàn thành' : 'Đang thực hiện', evidence: files.filter((f) => f.progress_id === h.id).map(({ progress_id: _, ...f }) => f) })),
  };
}

/** The assignments an actor answers for, across plans, with their state: the "my tasks" page. */
export async function myTasks(db: Db, actor: Actor, today: string) {
  const rows = await assignments(db, actor, inScope(actor, 'a.unit_id'));
  const tasks = rows.length ? await db.selectFrom('task as t').innerJoin('plan as p', 'p.id', 't.plan_id')
    .select(['t.id', 't.code', 't.text', 't.due_rule', 'p.id as plan_id', 'p.number as plan_number'])
    .where('t.id', 'in', [...new Set(rows.map((r) => r.task_id))]).execute() : [];
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return rows.map((r) => {
    const t = byId.get(r.task_id)!;
    return { task: { id: t.id, code: t.code, text: t.text, dueRuleText: describeDueRule(t.due_rule as DueRule) }, plan: { id: t.plan_id, number: t.plan_number }, assignment: assignmentView(actor, r, today) };
  });
}

export interface OverdueFilter { planId?: string; unit?: string; kind?: string; dueBefore?: string }

/** Overdue assignments within the actor's scope, most overdue first. */
export async function overdue(db: Db, actor: Actor, today: string, f: OverdueFilter) {
  let where: Expression<SqlBool> = inScope(actor, 'a.unit_id');
  if (f.planId) where = sql<SqlBool>`${where} AND t.plan_id = ${f.planId}`;
  if (f.unit) where = sql<SqlBool>`${where} AND u.code = ${f.unit}`;
  if (f.kind) where = sql<SqlBool>`${where} AND u.kind = ${f.kind}`;
  const rows = (await assignments(db, actor, where)).map((r) => ({ row: r, state: stateOf(r, today) }))
    .filter(({ state }) => state.status === 'overdue' && (!f.dueBefore || state.dueDate! <= f.dueBefore));
  if (rows.length === 0) return [];
  const tasks = await db.selectFrom('task as t').innerJoin('plan as p', 'p.id', 't.plan_id')
    .select(['t.id', 't.code', 't.text', 't.due_rule', 'p.id as plan_id', 'p.number as plan_number'])
    .where('t.id', 'in', [...new Set(rows.map((r) => r.row.task_id))]).execute();
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const dayMs = 86_400_000;
  return rows.map(({ row, state }) => {
    const t = byId.get(row.task_id)!;
    return {
      assignmentId: row.id, taskId: t.id, taskCode: t.code, taskText: t.text, planId: t.plan_id, planNumber: t.plan_number,
      unit: { code: row.unit_code, name: row.unit_name, kind: row.unit_kind }, dueDate: state.dueDate!, period: state.period,
      daysOverdue: Math.round((Date.parse(today) - Date.parse(state.dueDate!)) / dayMs), percent: state.percent,
      dueRuleText: describeDueRule(t.due_rule as DueRule),
      lastReportedAt: row.last_reported_at ? new Date(row.last_reported_at).toISOString() : null,
    };
  }).sort((a, b) => b.daysOverdue - a.daysOverdue || a.planNumber.localeCompare(b.planNumber) || a.taskCode.localeCompare(b.taskCode));
}

/** Records a progress report. Scope is checked in the locking query; a stale `version` gets 409. */
export async function reportProgress(db: Db, actor: Actor, assignmentId: string, body: ProgressBody, today: string) {
  return db.transaction().execute(async (tx) => {
    const a = await tx.selectFrom('task_assignment as a').innerJoin('task as t', 't.id', 'a.task_id').innerJoin('plan as p', 'p.id', 't.plan_id')
      .select(['a.id', 'a.version', 'a.task_id', 't.due_rule', 'p.issued_on'])
      .where('a.id', '=', assignmentId).where(inScope(actor, 'a.unit_id')).forUpdate('a').executeTakeFirst();
    if (!a) throw forbidden('task_assignment');
    if (a.version !== body.version) throw staleVersion('task_progress', a.version);
    const period = checkPeriod(a.due_rule as DueRule, a.issued_on, today, body.period);
    if (body.completedOn && body.completedOn > today) {
      throw problem(400, 'task_progress.future_date', 'Ngày hoàn thành không thể sau hôm nay', { errors: [{ field: 'body.completedOn', message: 'sau ngày hôm nay' }] });
    }
    const row = await tx.insertInto('task_progress').values({
      assignment_id: a.id, period, reporter_id: actor.id, status: body.status, percent: body.percent,
      completed_on: body.status === 'done' ? (body.completedOn ?? today) : null, narrative: body.narrative,
    }).returningAll().executeTakeFirstOrThrow();
    if (body.evidenceIds.length) {
      const linked = await tx.updateTable('evidence_file').set({ progress_id: row.id })
        .where('id', 'in', body.evidenceIds).where('assignment_id', '=', a.id).where('progress_id', 'is', null).where('uploaded_by', '=', actor.id)
        .returning('id').execute();
      if (linked.length !== body.evidenceIds.length) {
        throw problem(400, 'task_progress.evidence_invalid', 'Tệp minh chứng không thuộc nhiệm vụ này hoặc đã được dùng', { errors: [{ field: 'body.evidenceIds', message: 'tệp không hợp lệ' }] });
      }
    }
    const updated = await tx.updateTable('task_assignment').set({ version: a.version + 1 }).where('id', '=', a.id).returning('version').executeTakeFirstOrThrow();
    await audit(tx, actor, 'task_progress.create', 'task_progress', row.id, null, { ...row, evidenceIds: body.evidenceIds });
    return { id: row.id, assignmentId: a.id, taskId: a.task_id, period, status: row.status, percent: row.percent, completedOn: row.completed_on, version: updated.version };
  });
}

/** Recurring tasks are reported per yearly cycle (up to the current one); one-off tasks have no period. */
function checkPeriod(rule: DueRule, issuedOn: string, today: string, period: number | undefined): number | null {
  if (rule.kind !== 'yearly') {
    if (period !== undefined) throw problem(400, 'task_progress.period_not_allowed', 'Nhiệm vụ không định kỳ: không ghi kỳ báo cáo', { errors: [{ field: 'body.period', message: 'không dùng cho nhiệm vụ này' }] });
    return null;
  }
  const current = currentCycle(rule, issuedOn, today);
  const p = period ?? current;
  if (p < firstCycle(rule, issuedOn) || p > current) {
    throw problem(400, 'task_progress.period_invalid', `Kỳ báo cáo phải từ năm ${firstCycle(rule, issuedOn)} đến năm ${current}`, { errors: [{ field: 'body.period', message: 'ngoài phạm vi' }] });
  }
  return p;
}

export interface UploadedFile { fileName: string; mediaType: string; content: Buffer }

export async function addEvidence(db: Db, actor: Actor, assignmentId: string, file: UploadedFile) {
  return db.transaction().execute(async (tx) => {
    const a = await tx.selectFrom('task_assignment as a').select('a.id').where('a.id', '=', assignmentId).where(inScope(actor, 'a.unit_id')).executeTakeFirst();
    if (!a) throw forbidden('task_assignment');
    const row = await tx.insertInto('evidence_file').values({
      assignment_id: a.id, ...storedFile(file.fileName, file.mediaType, file.content), uploaded_by: actor.id,
    }).returning(['id', 'file_name as fileName', 'size_bytes as sizeBytes', 'sha256', 'media_type as mediaType']).executeTakeFirstOrThrow();
    await audit(tx, actor, 'evidence_file.create', 'evidence_file', row.id, null, row);
    return row;
  });
}

export async function getEvidence(db: Db, actor: Actor, fileId: string) {
  const f = await db.selectFrom('evidence_file as f').innerJoin('task_assignment as a', 'a.id', 'f.assignment_id').innerJoin('task as t', 't.id', 'a.task_id')
    .select(['f.file_name', 'f.media_type', 'f.content', 'f.sha256']).where('f.id', '=', fileId).where(planVisible(actor, 't.plan_id')).executeTakeFirst();
  if (!f) throw forbidden('evidence_file');
  return f;
}

export type { TaskStatus };
