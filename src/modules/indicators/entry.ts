import { sql } from 'kysely';
import type { ApprovalLevel, Db, ReportStatus, Tx } from '../../db/schema.ts';
import { problem } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import { can, type Actor } from '../auth/model.ts';
import { coversUnit, inScope } from '../auth/scope.ts';
import { approvalChain, editable, lastApprovedLevel, OPEN, pendingLevel, type ApprovalAction, type ReportState } from './approval.ts';
import type { Category } from './model.ts';
import { parsePeriod, shift, type Period } from './periods.ts';
import { disaggregationProblem, jumpWarning, ratioProblems, totalOf, valueProblem, type ElementRule, type Issue, type RatioPair } from './validate.ts';

/** Data entry (issue 3 §4–5): values of a data set per unit and period, validated as a whole, then locked by approval. */

export interface ElementDef extends ElementRule { id: string }
export interface DataSetDef {
  id: string;
  code: string;
  name: string;
  periodType: string;
  unitKinds: string[];
  deadlineDays: number;
  jumpWarning: number;
  elements: ElementDef[];
  ratioPairs: RatioPair[];
}

/** Every data set with its elements in order and the numerator ≤ denominator pairs its percentage indicators imply. */
export async function dataSets(db: Db | Tx): Promise<DataSetDef[]> {
  const sets = await db.selectFrom('data_set').selectAll().orderBy('code').execute();
  const elements = await db.selectFrom('data_set_element as e').innerJoin('data_element as d', 'd.id', 'e.data_element_id')
    .select(['e.data_set_id', 'd.id', 'd.code', 'd.name', 'd.value_type', 'd.categories', 'd.max_value']).orderBy('e.position').execute();
  const pairs = await db.selectFrom('indicator as i').innerJoin('data_element as n', 'n.id', 'i.numerator_id').innerJoin('data_element as d', 'd.id', 'i.denominator_id')
    .select(['i.code', 'n.code as numerator', 'd.code as denominator']).where('i.aggregation', '=', 'ratio').where('i.unit_label', '=', '%').execute();
  return sets.map((s) => {
    const els: ElementDef[] = elements.filter((e) => e.data_set_id === s.id).map((e) => ({
      id: e.id, code: e.code, name: e.name, valueType: e.value_type, categories: e.categories as Category[], maxValue: e.max_value === null ? null : Number(e.max_value),
    }));
    const codes = new Set(els.map((e) => e.code));
    return {
      id: s.id, code: s.code, name: s.name, periodType: s.period_type, unitKinds: s.unit_kinds, deadlineDays: s.deadline_days, jumpWarning: Number(s.jump_warning),
      elements: els, ratioPairs: pairs.filter((p) => codes.has(p.numerator) && codes.has(p.denominator)).map((p) => ({ indicator: p.code, numerator: p.numerator, denominator: p.denominator })),
    };
  });
}

export async function dataSetByCode(db: Db | Tx, code: string): Promise<DataSetDef> {
  const ds = (await dataSets(db)).find((d) => d.code === code);
  if (!ds) throw problem(404, 'data_set.not_found', `Không có bộ dữ liệu ${code}`);
  return ds;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** A report is due `deadlineDays` after its period ends (negative: before, e.g. "before 01/12 each year"). */
export const dueOn = (ds: Pick<DataSetDef, 'deadlineDays'>, period: Period) => addDays(period.end, ds.deadlineDays);

export function periodOfDataSet(ds: DataSetDef, id: string, field: string): Period {
  const p = parsePeriod(id);
  if (!p) throw problem(400, 'period.invalid', `Kỳ "${id}" không hợp lệ`, { errors: [{ field, message: 'Ví dụ: 2024, 2024Q3, 2024-07, 2024-2025' }] });
  if (p.type !== ds.periodType) throw problem(422, 'period.not_in_data_set', `Bộ dữ liệu ${ds.code} thu thập theo kỳ loại ${ds.periodType}, không nhận kỳ "${id}"`, { errors: [{ field, message: 'Kỳ không khớp bộ dữ liệu' }] });
  return p;
}

/** A unit as data entry sees it on a date: in the actor's scope or not, with the units that approve it. */
export interface EntryUnit {
  id: string; code: string; name: string; kind: string; inScope: boolean; inForce: boolean;
  parentId: string | null; parentKind: string | null; grandparentId: string | null;
}

interface EntryUnitRow { id: string; code: string; name: string; kind: string; in_scope: boolean; parent_id: string | null; parent_kind: string | null; grandparent_id: string | null }
const toEntryUnit = (r: EntryUnitRow, inForce: boolean): EntryUnit => ({
  id: r.id, code: r.code, name: r.name, kind: r.kind, inScope: r.in_scope, inForce, parentId: r.parent_id, parentKind: r.parent_kind, grandparentId: r.grandparent_id,
});

/** One unit by id, as data entry sees it on a date. */
export async function entryUnit(db: Db | Tx, actor: Actor, id: string, at: string): Promise<EntryUnit | undefined> {
  const r = await db.selectFrom('org_unit as u').leftJoin('org_unit as p', 'p.id', 'u.parent_id')
    .select(['u.id', 'u.code', 'u.name', 'u.kind', 'p.id as parent_id', 'p.kind as parent_kind', 'p.parent_id as grandparent_id'])
    .select(inScope(actor, 'u.id').as('in_scope'))
    .select(sql<boolean>`(u.valid_from IS NULL OR u.valid_from <= ${at}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${at}::date)`.as('in_force'))
    .where('u.id', '=', id).executeTakeFirst();
  return r && toEntryUnit(r, r.in_force);
}

/** Units by code as each stood at the end of a period (codes are reused across the reform), in one query. */
async function unitsByCode(db: Db | Tx, actor: Actor, pairs: { code: string; at: string }[]): Promise<Map<string, EntryUnit>> {
  const uniq = [...new Map(pairs.map((p) => [`${p.code}|${p.at}`, p])).values()];
  if (uniq.length === 0) return new Map();
  const rows = await sql<EntryUnitRow & { key: string }>`
    SELECT x.code || '|' || x.at AS key, u.id::text, u.code, u.name, u.kind, p.id::text AS parent_id, p.kind AS parent_kind,
           p.parent_id::text AS grandparent_id, ${inScope(actor, 'u.id')} AS in_scope
    FROM unnest(${uniq.map((p) => p.code)}::text[], ${uniq.map((p) => p.at)}::date[]) AS x(code, at)
    JOIN org_unit u ON u.code = x.code AND (u.valid_from IS NULL OR u.valid_from <= x.at) AND (u.valid_to IS NULL OR u.valid_to >= x.at)
    LEFT JOIN org_unit p ON p.id = u.parent_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.key, toEntryUnit(r, true)]));
}

export const chainOf = (unit: EntryUnit): ApprovalLevel[] => approvalChain(unit.kind, unit.parentKind === 'district');
/** The unit that approves at a level: the commune's district, or the province above the unit. */
export function approverUnit(unit: EntryUnit, level: ApprovalLevel): string | null {
  if (level === 'district') return unit.parentKind === 'district' ? unit.parentId : null;
  if (unit.kind === 'province') return unit.id;
  return unit.parentKind === 'province' ? unit.parentId : unit.grandparentId;
}

/** What the actor may do with a report now, so that the interface offers only those actions. */
async function allowedActions(db: Db, actor: Actor, unit: EntryUnit, state: ReportState, chain: ApprovalLevel[], canEdit: boolean): Promise<ApprovalAction[]> {
  const out: ApprovalAction[] = [];
  if (canEdit && unit.inScope && can(actor.role, 'data.enter')) out.push('submit');
  if (!can(actor.role, 'data.approve')) return out;
  const pending = pendingLevel(state, chain);
  if (pending && await coversUnit(db, actor, approverUnit(unit, pending))) out.push('approve', 'return');
  const last = lastApprovedLevel(state);
  if (last && await coversUnit(db, actor, approverUnit(unit, last))) out.push('unapprove');
  return out;
}

export interface ReportRow { status: ReportStatus; approved_level: ApprovalLevel | null; final: boolean; version: number; submitted_at: Date | null; due_on: string; comment: string | null }
export const stateOf = (r: ReportRow | undefined): ReportState => (r ? { status: r.status, approvedLevel: r.approved_level, final: r.final } : OPEN);

export async function lockReport(tx: Tx, ds: DataSetDef, unitId: string, period: Period): Promise<ReportRow | undefined> {
  return tx.selectFrom('data_report').select(['status', 'approved_level', 'final', 'version', 'submitted_at', 'due_on', 'comment'])
    .where('data_set_id', '=', ds.id).where('unit_id', '=', unitId).where('period', '=', period.id).forUpdate().executeTakeFirst();
}

/** Stored values of units in periods for a data set's elements: `${unit}|${period}` → element code → disaggregation → value. */
async function storedValues(db: Db | Tx, ds: DataSetDef, keys: { unitId: string; period: string }[]) {
  const out = new Map<string, Map<string, Map<string, number>>>();
  if (keys.length === 0) return out;
  const rows = await sql<{ unit_id: string; period: string; element: string; disaggregation: string; value: string }>`
    SELECT v.unit_id::text, v.period, e.code AS element, v.disaggregation, v.value FROM data_value v JOIN data_element e ON e.id = v.data_element_id
    JOIN unnest(${keys.map((k) => k.unitId)}::bigint[], ${keys.map((k) => k.period)}::text[]) AS k(unit_id, period) ON k.unit_id = v.unit_id AND k.period = v.period
    WHERE v.data_element_id = ANY(${ds.elements.map((e) => e.id)}::bigint[])`.execute(db);
  for (const r of rows.rows) {
    const key = `${r.unit_id}|${r.period}`;
    const byEl = out.get(key) ?? new Map<string, Map<string, number>>();
    out.set(key, byEl);
    const byDis = byEl.get(r.element) ?? new Map<string, number>();
    byEl.set(r.element, byDis);
    byDis.set(r.disaggregation, Number(r.value));
  }
  return out;
}

function totals(ds: DataSetDef, values: Map<string, Map<string, number>> | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const el of ds.elements) {
    const t = totalOf(el, values?.get(el.code) ?? new Map());
    if (t !== null) out.set(el.code, t);
  }
  return out;
}

/** Checks of a report's values as a whole: numerators within denominators (errors), jumps against the previous period (warnings). */
function reportIssues(ds: DataSetDef, current: Map<string, number>, previous: Map<string, number>, where: string): Issue[] {
  const names = new Map(ds.elements.map((e) => [e.code, e.name]));
  const issues = ratioProblems(current, ds.ratioPairs, names, where);
  for (const el of ds.elements) {
    const v = current.get(el.code);
    if (v === undefined || el.valueType === 'boolean') continue;
    const w = jumpWarning(el.name, `${where}${el.code}`, v, previous.get(el.code) ?? null, ds.jumpWarning);
    if (w) issues.push(w);
  }
  return issues;
}

/** One value to write (null removes it), already resolved to its element, unit and period. */
export interface Cell {
  row: number;
  field: string;
  ds: DataSetDef;
  element: ElementDef;
  unit: EntryUnit;
  period: Period;
  disaggregation: string;
  value: number | null;
  comment?: string;
}

export interface WriteResult {
  written: number;
  rows: { row: number; status: 'written' | 'invalid' | 'skipped'; errors: Issue[] }[];
  warnings: Issue[];
}

/**
 * Validates and writes cells in the caller's transaction. `mode: 'all'` writes nothing unless every cell of every
 * report is valid; `mode: 'valid'` writes the reports whose cells are all valid and reports the others.
 */
export async function writeCells(tx: Tx, actor: Actor, cells: Cell[], mode: 'all' | 'valid', unresolved: Map<number, Issue[]> = new Map()): Promise<WriteResult> {
  const errors = new Map<number, Issue[]>(unresolved);
  const fail = (c: Cell, code: string, message: string) => errors.set(c.row, [...(errors.get(c.row) ?? []), { severity: 'error', code, message, field: c.field }]);
  const groups = new Map<string, Cell[]>();
  for (const c of cells) {
    const p = valueProblem(c.element, c.value ?? 0) ?? disaggregationProblem(c.element, c.disaggregation);
    if (p) fail(c, p.code, p.message);
    if (!c.unit.inScope) fail(c, 'scope.forbidden', `Đơn vị ${c.unit.code} ngoài phạm vi của bạn`);
    else if (!c.unit.inForce) fail(c, 'unit.not_in_force', `Đơn vị ${c.unit.code} không tồn tại vào cuối kỳ ${c.period.id}`);
    else if (!c.ds.unitKinds.includes(c.unit.kind)) fail(c, 'unit.not_in_data_set', `Bộ dữ liệu ${c.ds.code} không thu thập từ đơn vị loại ${c.unit.kind}`);
    const key = `${c.ds.id}|${c.unit.id}|${c.period.id}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }

  const warnings: Issue[] = [];
  const plans: { cells: Cell[]; ds: DataSetDef; unit: EntryUnit; period: Period; report: ReportRow | undefined; before: Map<string, Map<string, number>> | undefined }[] = [];
  for (const group of groups.values()) {
    const { ds, unit, period } = group[0]!;
    if (!unit.inScope || !unit.inForce) continue;
    const report = await lockReport(tx, ds, unit.id, period);
    if (!editable(stateOf(report))) {
      for (const c of group) fail(c, 'report.locked', `Số liệu ${ds.code} của ${unit.name} kỳ ${period.id} đã gửi/duyệt nên bị khóa; cần được trả lại để sửa`);
      continue;
    }
    const stored = await storedValues(tx, ds, [{ unitId: unit.id, period: period.id }, { unitId: unit.id, period: shift(period, -1).id }]);
    const before = stored.get(`${unit.id}|${period.id}`);
    const after = new Map<string, Map<string, number>>([...(before ?? [])].map(([k, v]) => [k, new Map(v)]));
    for (const c of group) {
      const m = after.get(c.element.code) ?? new Map<string, number>();
      after.set(c.element.code, m);
      if (c.value === null) m.delete(c.disaggregation); else m.set(c.disaggregation, c.value);
    }
    const issues = reportIssues(ds, totals(ds, after), totals(ds, stored.get(`${unit.id}|${shift(period, -1).id}`)), `${unit.code}/${period.id}/`);
    for (const i of issues) {
      if (i.severity === 'warning') { warnings.push(i); continue; }
      // A report-level error belongs to the numerator's cells when they are in this write, else to every cell.
      const own = group.filter((c) => i.field.endsWith(`/${c.element.code}`));
      for (const c of own.length ? own : group) fail(c, i.code, i.message);
    }
    plans.push({ cells: group, ds, unit, period, report, before });
  }

  const invalid = (c: Cell) => errors.has(c.row);
  const rows = [...new Set([...cells.map((c) => c.row), ...unresolved.keys()])].sort((a, b) => a - b);
  if (errors.size > 0 && mode === 'all') {
    return { written: 0, rows: rows.map((row) => ({ row, status: errors.has(row) ? 'invalid' : 'skipped', errors: errors.get(row) ?? [] })), warnings };
  }
  let written = 0;
  for (const plan of plans) {
    if (plan.cells.some(invalid)) continue;
    for (const c of plan.cells) {
      if (c.value === null) {
        await tx.deleteFrom('data_value').where('unit_id', '=', c.unit.id).where('data_element_id', '=', c.element.id).where('period', '=', c.period.id).where('disaggregation', '=', c.disaggregation).execute();
      } else {
        const v = { unit_id: c.unit.id, data_element_id: c.element.id, period: c.period.id, disaggregation: c.disaggregation, value: c.value, comment: c.comment ?? null, updated_by: actor.id, updated_at: new Date() };
        await tx.insertInto('data_value').values(v).onConflict((oc) => oc.columns(['unit_id', 'data_element_id', 'period', 'disaggregation'])
          .doUpdateSet({ value: v.value, comment: v.comment, updated_by: v.updated_by, updated_at: v.updated_at })).execute();
      }
      written++;
    }
    await refreshTotals(tx, plan.cells);
    if (plan.report) {
      await tx.updateTable('data_report').set((eb) => ({ updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('data_set_id', '=', plan.ds.id).where('unit_id', '=', plan.unit.id).where('period', '=', plan.period.id).execute();
    } else {
      await tx.insertInto('data_report').values({ data_set_id: plan.ds.id, unit_id: plan.unit.id, period: plan.period.id, due_on: dueOn(plan.ds, plan.period) }).execute();
    }
    await audit(tx, actor, 'data_value.write', 'data_report', `${plan.ds.code}/${plan.unit.code}/${plan.period.id}`,
      plan.before ? Object.fromEntries([...plan.before].map(([k, v]) => [k, Object.fromEntries(v)])) : null,
      plan.cells.map((c) => ({ element: c.element.code, disaggregation: c.disaggregation, value: c.value })));
  }
  return { written, rows: rows.map((row) => ({ row, status: errors.has(row) ? 'invalid' : 'written', errors: errors.get(row) ?? [] })), warnings };
}

/** A disaggregated element keeps its total as the '' row, so that roll-ups read one row per unit. */
async function refreshTotals(tx: Tx, cells: Cell[]) {
  const seen = new Set<string>();
  for (const c of cells) {
    if (c.element.categories.length === 0) continue;
    const key = `${c.unit.id}|${c.element.id}|${c.period.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    await sql`DELETE FROM data_value WHERE unit_id = ${c.unit.id} AND data_element_id = ${c.element.id} AND period = ${c.period.id} AND disaggregation = ''`.execute(tx);
    await sql`INSERT INTO data_value (unit_id, data_element_id, period, disaggregation, value)
      SELECT unit_id, data_element_id, period, '', sum(value) FROM data_value
      WHERE unit_id = ${c.unit.id} AND data_element_id = ${c.element.id} AND period = ${c.period.id} AND disaggregation <> ''
      GROUP BY unit_id, data_element_id, period`.execute(tx);
  }
}

export interface BatchRow { dataElement: string; unit: string; period: string; disaggregation: string; value: number; comment?: string | undefined }

class DryRun extends Error {
  constructor(readonly result: WriteResult) { super('dry run'); }
}

/**
 * The contract's batch write: rows named by codes, each resolved and checked; all-or-nothing unless mode is 'valid'.
 * `fields` names where each row came from (an XLSX cell); a dry run does everything, then rolls back.
 */
export async function writeBatch(db: Db, actor: Actor, rows: BatchRow[], mode: 'all' | 'valid', opts: { fields?: string[]; dryRun?: boolean } = {}): Promise<WriteResult & { dryRun: boolean }> {
  const where = (row: number, f: string) => opts.fields?.[row] ?? `[${row}].${f}`;
  try {
    const result = await db.transaction().execute(async (tx) => {
      const sets = await dataSets(tx);
      const byElement = new Map(sets.flatMap((ds) => ds.elements.map((e) => [e.code, { ds, element: e }] as const)));
      const unresolved = new Map<number, Issue[]>();
      const pending: { row: number; ds: DataSetDef; element: ElementDef; period: Period; r: BatchRow }[] = [];
      rows.forEach((r, row) => {
        const found = byElement.get(r.dataElement);
        const p = parsePeriod(r.period);
        const bad = (code: string, message: string, f: string) => unresolved.set(row, [...(unresolved.get(row) ?? []), { severity: 'error', code, message, field: where(row, f) }]);
        if (!found) bad('data_element.not_found', `Không có phần tử dữ liệu ${r.dataElement} (hoặc nó chưa thuộc bộ dữ liệu nào)`, 'dataElement');
        if (!p) bad('period.invalid', `Kỳ "${r.period}" không hợp lệ`, 'period');
        else if (found && p.type !== found.ds.periodType) bad('period.not_in_data_set', `Bộ dữ liệu ${found.ds.code} thu thập theo kỳ loại ${found.ds.periodType}, không nhận kỳ "${r.period}"`, 'period');
        if (found && p && !unresolved.has(row)) pending.push({ row, ds: found.ds, element: found.element, period: p, r });
      });
      const units = await unitsByCode(tx, actor, pending.map((p) => ({ code: p.r.unit, at: p.period.end })));
      const cells: Cell[] = [];
      for (const p of pending) {
        const unit = units.get(`${p.r.unit}|${p.period.end}`);
        if (!unit) { unresolved.set(p.row, [{ severity: 'error', code: 'unit.not_found', message: `Không có đơn vị mã ${p.r.unit} vào cuối kỳ ${p.period.id}`, field: where(p.row, 'unit') }]); continue; }
        cells.push({ row: p.row, field: where(p.row, 'value'), ds: p.ds, element: p.element, unit, period: p.period, disaggregation: p.r.disaggregation, value: p.r.value, comment: p.r.comment });
      }
      const written = await writeCells(tx, actor, cells, mode, unresolved);
      if (opts.dryRun) throw new DryRun(written);
      return written;
    });
    if (mode === 'all' && result.rows.some((r) => r.status === 'invalid')) throw invalidBatch(result);
    return { ...result, dryRun: false };
  } catch (err) {
    if (err instanceof DryRun) return { ...err.result, written: 0, dryRun: true };
    throw err;
  }
}

const invalidBatch = (result: WriteResult) =>
  problem(422, 'data_value.batch_invalid', 'Có giá trị không hợp lệ; chưa ghi giá trị nào', { errors: result.rows.flatMap((r) => r.errors), rows: result.rows, warnings: result.warnings });

/** Stored values of units in a period for the data set, keyed `unit code|ELEMENT[|disaggregation]` (the XLSX template's columns). */
export async function valuesByUnitCode(db: Db, ds: DataSetDef, period: string, unitIds: string[]): Promise<Map<string, number>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db.selectFrom('data_value as v').innerJoin('org_unit as u', 'u.id', 'v.unit_id').innerJoin('data_element as e', 'e.id', 'v.data_element_id')
    .select(['u.code', 'e.code as element', 'v.disaggregation', 'v.value']).where('v.period', '=', period)
    .where('v.unit_id', 'in', unitIds).where('v.data_element_id', 'in', ds.elements.map((e) => e.id)).execute();
  return new Map(rows.map((v) => [`${v.code}|${v.element}${v.disaggregation ? `|${v.disaggregation}` : ''}`, Number(v.value)]));
}

/** The entry form of one report: elements, values by disaggregation, last period's totals, state and what may be done. */
export async function reportForm(db: Db, actor: Actor, dsCode: string, unitId: string, periodId: string) {
  const ds = await dataSetByCode(db, dsCode);
  const period = periodOfDataSet(ds, periodId, 'period');
  const unit = await entryUnit(db, actor, unitId, period.end);
  if (!unit || !unit.inScope) throw problem(403, 'scope.forbidden', 'Đơn vị ngoài phạm vi của bạn (hoặc không tồn tại)');
  const previous = shift(period, -1);
  const stored = await storedValues(db, ds, [{ unitId, period: period.id }, { unitId, period: previous.id }]);
  const current = stored.get(`${unitId}|${period.id}`);
  const report = await db.selectFrom('data_report').selectAll().where('data_set_id', '=', ds.id).where('unit_id', '=', unitId).where('period', '=', period.id).executeTakeFirst();
  const events = await db.selectFrom('data_report_event as e').leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'e.level', 'e.at', 'e.comment', 'u.display_name as actor'])
    .where('e.data_set_id', '=', ds.id).where('e.unit_id', '=', unitId).where('e.period', '=', period.id).orderBy('e.at').orderBy('e.id').execute();
  const state = stateOf(report);
  const chain = chainOf(unit);
  const prevTotals = totals(ds, stored.get(`${unitId}|${previous.id}`));
  const canEdit = editable(state) && unit.inForce && ds.unitKinds.includes(unit.kind);
  return {
    dataSet: { code: ds.code, name: ds.name, periodType: ds.periodType },
    unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, inForce: unit.inForce, accepted: ds.unitKinds.includes(unit.kind) },
    period: { id: period.id, start: period.start, end: period.end, previous: previous.id },
    dueOn: report?.due_on ?? dueOn(ds, period),
    report: { ...state, version: report?.version ?? 0, submittedAt: report?.submitted_at ?? null, demo: report?.demo ?? false, comment: report?.comment ?? null },
    chain, pendingLevel: pendingLevel(state, chain), editable: canEdit, allowedActions: await allowedActions(db, actor, unit, state, chain, canEdit),
    elements: ds.elements.map((el) => ({
      code: el.code, name: el.name, valueType: el.valueType, categories: el.categories, maxValue: el.maxValue,
      values: Object.fromEntries(current?.get(el.code) ?? new Map()),
      total: totalOf(el, current?.get(el.code) ?? new Map()), previousTotal: prevTotals.get(el.code) ?? null,
    })),
    issues: reportIssues(ds, totals(ds, current), prevTotals, ''),
    history: events,
  };
}

export interface FormValue { element: string; disaggregation: string; value: number | null }

/** Saves the form of one report (optimistic: the report version the user loaded). */
export async function saveForm(db: Db, actor: Actor, dsCode: string, unitId: string, periodId: string, values: FormValue[], version: number): Promise<WriteResult> {
  return db.transaction().execute(async (tx) => {
    const ds = await dataSetByCode(tx, dsCode);
    const period = periodOfDataSet(ds, periodId, 'period');
    const unit = await entryUnit(tx, actor, unitId, period.end);
    if (!unit || !unit.inScope) throw problem(403, 'scope.forbidden', 'Đơn vị ngoài phạm vi của bạn (hoặc không tồn tại)');
    const report = await lockReport(tx, ds, unitId, period);
    if ((report?.version ?? 0) !== version) throw problem(409, 'data_report.stale_version', 'Số liệu đã được người khác cập nhật; hãy tải lại trước khi lưu', { currentVersion: report?.version ?? 0 });
    const byCode = new Map(ds.elements.map((e) => [e.code, e]));
    const unknown = values.map((v, i) => [v, i] as const).filter(([v]) => !byCode.has(v.element));
    if (unknown.length) throw problem(422, 'data_element.not_in_data_set', 'Phần tử dữ liệu không thuộc bộ dữ liệu', { errors: unknown.map(([v, i]) => ({ field: `values[${i}].element`, message: `${v.element} không thuộc ${ds.code}` })) });
    const cells: Cell[] = values.map((v, row) => ({
      row, field: v.disaggregation ? `${v.element}[${v.disaggregation}]` : v.element, ds, element: byCode.get(v.element)!, unit, period, disaggregation: v.disaggregation, value: v.value,
    }));
    const result = await writeCells(tx, actor, cells, 'all');
    if (result.rows.some((r) => r.status === 'invalid')) {
      throw problem(422, 'data_value.form_invalid', 'Biểu mẫu có giá trị không hợp lệ; chưa lưu', { errors: result.rows.flatMap((r) => r.errors), warnings: result.warnings });
    }
    return result;
  });
}
