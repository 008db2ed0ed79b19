import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { forbidden, problem, staleVersion } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { coversUnit, inScope } from '../auth/scope.ts';
import { deleteRefusal, overspendError, SOURCE_LABELS, totalsBySource, type BudgetLineBody, type BudgetLineDelete, type BudgetLineUpdate, type BudgetSource } from './model.ts';

const refuseOverspend = (l: Parameters<typeof overspendError>[0]) => {
  const e = overspendError(l);
  if (e) throw problem(422, 'budget.overspend_reason_required', 'Số đã chi vượt số được giao: cần nêu lý do', { errors: [e] });
};

/** A budget line of one plan task, agency, year and source. The agency must be in the actor's scope. */
export async function createLine(db: Db, actor: Actor, input: BudgetLineBody) {
  refuseOverspend(input);
  const id = await db.transaction().execute(async (tx) => {
    if (!(await coversUnit(tx, actor, input.unitId))) throw problem(403, 'scope.forbidden', 'Đơn vị không thuộc phạm vi của bạn', { errors: [{ field: 'unitId', message: 'Ngoài phạm vi' }] });
    const task = await tx.selectFrom('task').select('id').where('id', '=', input.taskId).executeTakeFirst();
    if (!task) throw problem(404, 'budget.task_not_found', 'Không tìm thấy nhiệm vụ của kế hoạch', { errors: [{ field: 'taskId', message: 'Không tồn tại' }] });
    const row = await tx.insertInto('budget_line').values({
      task_id: input.taskId, unit_id: input.unitId, year: input.year, source: input.source, planned: input.planned, allocated: input.allocated, spent: input.spent,
      overspend_reason: input.overspendReason?.trim() || null, note: input.note?.trim() || null, created_by: actor.id,
    }).onConflict((oc) => oc.columns(['task_id', 'unit_id', 'year', 'source']).doNothing()).returningAll().executeTakeFirst();
    if (!row) throw problem(409, 'budget.duplicate_line', 'Nhiệm vụ này đã có dòng kinh phí của đơn vị, năm và nguồn này; hãy sửa dòng đó', { errors: [{ field: 'source', message: 'Đã có' }] });
    await audit(tx, actor, 'budget_line.create', 'budget_line', row.id, null, row);
    return row.id;
  });
  return getLine(db, actor, id);
}

/** New amounts for a line (e.g. spending reported during the year), against its version. */
export async function updateLine(db: Db, actor: Actor, id: string, input: BudgetLineUpdate) {
  refuseOverspend(input);
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('budget_line').selectAll().where('id', '=', id).where(inScope(actor, 'budget_line.unit_id')).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('budget_line');
    if (before.version !== input.version) throw staleVersion('budget_line', before.version);
    const after = await tx.updateTable('budget_line').set({
      planned: input.planned, allocated: input.allocated, spent: input.spent, overspend_reason: input.overspendReason?.trim() || null,
      note: input.note?.trim() || null, version: before.version + 1, updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'budget_line.update', 'budget_line', id, before, after);
  });
  return getLine(db, actor, id);
}

/**
 * Removes a line of an agency in scope entered by mistake, against its version and with a reason kept in the audit log
 * with the deleted amounts. A line with spending recorded is refused (see deleteRefusal).
 */
export async function deleteLine(db: Db, actor: Actor, id: string, input: BudgetLineDelete) {
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('budget_line').selectAll().where('id', '=', id).where(inScope(actor, 'budget_line.unit_id')).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('budget_line');
    if (before.version !== input.version) throw staleVersion('budget_line', before.version);
    const refusal = deleteRefusal({ spent: Number(before.spent) });
    if (refusal) throw problem(409, 'budget.line_has_spending', 'Dòng kinh phí đã ghi số chi nên không xóa được; nếu nhập nhầm, hãy sửa số đã chi về 0 rồi xóa', { errors: [refusal] });
    await tx.deleteFrom('budget_line').where('id', '=', id).execute();
    await audit(tx, actor, 'budget_line.delete', 'budget_line', id, before, { reason: input.reason });
  });
}

function lineQuery(db: Db, actor: Actor) {
  return db.selectFrom('budget_line as b').innerJoin('task as t', 't.id', 'b.task_id').innerJoin('plan as p', 'p.id', 't.plan_id').innerJoin('org_unit as u', 'u.id', 'b.unit_id')
    .select(['b.id', 'b.year', 'b.source', 'b.planned', 'b.allocated', 'b.spent', 'b.overspend_reason', 'b.note', 'b.version', 't.id as task_id', 't.code as task_code',
      't.text as task_text', 'p.number as plan_number', 'u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name'])
    .where(inScope(actor, 'b.unit_id'));
}
type Row = Awaited<ReturnType<ReturnType<typeof lineQuery>['executeTakeFirstOrThrow']>>;

function view(r: Row) {
  return {
    id: r.id, year: r.year, source: r.source as BudgetSource, sourceLabel: SOURCE_LABELS[r.source as BudgetSource],
    planned: Number(r.planned), allocated: Number(r.allocated), spent: Number(r.spent), overspendReason: r.overspend_reason, note: r.note, version: r.version,
    task: { id: r.task_id, code: r.task_code, text: r.task_text, planNumber: r.plan_number }, unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
  };
}
export type BudgetLineView = ReturnType<typeof view>;

export async function getLine(db: Db, actor: Actor, id: string) {
  const r = await lineQuery(db, actor).where('b.id', '=', id).executeTakeFirst();
  if (!r) throw forbidden('budget_line');
  return view(r);
}

/** The budget of a plan in one year: the lines of the agencies in scope, in task order, and totals by source. */
export async function planBudget(db: Db, actor: Actor, planNumber: string, year: number) {
  const plan = await db.selectFrom('plan').select(['id', 'number', 'title']).where('number', '=', planNumber).orderBy('id').executeTakeFirst();
  if (!plan) throw problem(404, 'plan.not_found', `Không tìm thấy kế hoạch số ${planNumber}`, { errors: [{ field: 'plan', message: 'Không tồn tại' }] });
  const rows = await lineQuery(db, actor).where('t.plan_id', '=', plan.id).where('b.year', '=', year)
    .orderBy('t.position').orderBy('u.code').orderBy(sql`b.source <> 'state'`).execute(); // state budget first
  const lines = rows.map(view);
  return { plan, year, lines, totals: totalsBySource(lines) };
}
export type PlanBudget = Awaited<ReturnType<typeof planBudget>>;
