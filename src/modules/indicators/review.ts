import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { problem } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import { can, type Actor } from '../auth/model.ts';
import { coveredUnitIds, coversUnit } from '../auth/scope.ts';
import { LEVEL_LABELS, transition, type ApprovalAction } from './approval.ts';
import { approverUnit, chainOf, dataSetByCode, dueOn, entryUnit, lockReport, periodOfDataSet, stateOf } from './entry.ts';

/** Submission and multi-level approval of a data set report (issue 3 §5), and completeness (§6). */
export async function actOnReport(db: Db, actor: Actor, input: { dataSet: string; unitId: string; period: string; action: ApprovalAction; comment?: string | undefined; version: number }) {
  return db.transaction().execute(async (tx) => {
    const ds = await dataSetByCode(tx, input.dataSet);
    const period = periodOfDataSet(ds, input.period, 'period');
    const unit = await entryUnit(tx, actor, input.unitId, period.end);
    if (!unit) throw problem(404, 'unit.not_found', 'Không có đơn vị này');
    if (!unit.inForce) throw problem(422, 'unit.not_in_force', `Đơn vị ${unit.name} không tồn tại vào cuối kỳ ${period.id}`);
    const report = await lockReport(tx, ds, unit.id, period);
    if ((report?.version ?? 0) !== input.version) throw problem(409, 'data_report.stale_version', 'Báo cáo đã được người khác cập nhật; hãy tải lại', { currentVersion: report?.version ?? 0 });
    const chain = chainOf(unit);
    const step = transition(stateOf(report), input.action, chain);
    if (!step.ok) throw problem(409, step.code, step.title);

    if (input.action === 'submit') {
      if (!can(actor.role, 'data.enter')) throw problem(403, 'role.forbidden', 'Vai trò của bạn không được gửi số liệu');
      if (!unit.inScope) throw problem(403, 'scope.forbidden', 'Đơn vị ngoài phạm vi của bạn');
      const any = await tx.selectFrom('data_value').select('unit_id').where('unit_id', '=', unit.id).where('period', '=', period.id)
        .where('data_element_id', 'in', ds.elements.map((e) => e.id)).limit(1).executeTakeFirst();
      if (!any) throw problem(422, 'report.empty', 'Chưa nhập giá trị nào; không gửi báo cáo trống');
    } else {
      if (!can(actor.role, 'data.approve')) throw problem(403, 'role.forbidden', 'Vai trò của bạn không được duyệt số liệu');
      const approver = approverUnit(unit, step.level!);
      // The approving level is checked in SQL like every scope: the actor must cover the district or province itself.
      if (!(await coversUnit(tx, actor, approver))) throw problem(403, 'scope.forbidden', `Bạn không thuộc ${LEVEL_LABELS[step.level!]} có thẩm quyền duyệt báo cáo này`);
      if (input.action === 'return' && !input.comment?.trim()) throw problem(422, 'report.comment_required', 'Trả lại báo cáo cần ghi rõ lý do', { errors: [{ field: 'comment', message: 'Bắt buộc' }] });
    }

    const values = {
      status: step.state.status, approved_level: step.state.approvedLevel, final: step.state.final, comment: input.comment?.trim() || null,
      ...(input.action === 'submit' ? { submitted_at: new Date() } : {}),
    };
    if (report) {
      await tx.updateTable('data_report').set((eb) => ({ ...values, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('data_set_id', '=', ds.id).where('unit_id', '=', unit.id).where('period', '=', period.id).execute();
    } else {
      await tx.insertInto('data_report').values({ data_set_id: ds.id, unit_id: unit.id, period: period.id, due_on: dueOn(ds, period), ...values }).execute();
    }
    await tx.insertInto('data_report_event').values({
      data_set_id: ds.id, unit_id: unit.id, period: period.id, action: input.action, level: step.level, actor_id: actor.id, comment: input.comment?.trim() || null,
    }).execute();
    await audit(tx, actor, `data_report.${input.action}`, 'data_report', `${ds.code}/${unit.code}/${period.id}`, stateOf(report), step.state);
    return { ...step.state, level: step.level, version: (report?.version ?? 0) + 1 };
  });
}

/**
 * Expected, received and on-time reports of a data set in a period: every unit of the data set's kinds in force at
 * the period's end, under `under` and within the actor's scope.
 */
export async function completeness(db: Db, actor: Actor, input: { dataSet: string; period: string; under?: string | undefined }) {
  const ds = await dataSetByCode(db, input.dataSet);
  const period = periodOfDataSet(ds, input.period, 'period');
  const under = input.under ? sql`AND u.id IN (SELECT unit_id FROM org_unit_cover WHERE ancestor_id = ${input.under})` : sql``;
  const rows = await sql<{
    id: string; code: string; name: string; kind: string; parent: string | null; status: string | null; approved_level: string | null; final: boolean | null;
    submitted_at: Date | null; due_on: string | null; values: string; demo: boolean | null;
  }>`
    SELECT u.id::text, u.code, u.name, u.kind, p.name AS parent, r.status, r.approved_level, r.final, r.submitted_at, r.due_on::text, r.demo,
      (SELECT count(*) FROM data_value v WHERE v.unit_id = u.id AND v.period = ${period.id} AND v.disaggregation = ''
        AND v.data_element_id = ANY(${ds.elements.map((e) => e.id)}::bigint[])) AS values
    FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id
    LEFT JOIN data_report r ON r.unit_id = u.id AND r.data_set_id = ${ds.id} AND r.period = ${period.id}
    WHERE u.kind = ANY(${ds.unitKinds}::text[])
      AND (u.valid_from IS NULL OR u.valid_from <= ${period.end}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${period.end}::date)
      AND u.id IN ${coveredUnitIds(actor)} ${under}
    ORDER BY p.name, u.name`.execute(db);
  const due = dueOn(ds, period);
  const units = rows.rows.map((r) => {
    const received = r.status === 'submitted' || r.status === 'approved';
    const submittedOn = r.submitted_at ? vietnamDate(r.submitted_at) : null;
    return {
      unit: { id: r.id, code: r.code, name: r.name, kind: r.kind, parent: r.parent },
      status: r.status ?? 'open', approvedLevel: r.approved_level, final: r.final ?? false, values: Number(r.values),
      received, submittedOn, onTime: received && submittedOn !== null && submittedOn <= (r.due_on ?? due), demo: r.demo ?? false,
    };
  });
  const expected = units.length, received = units.filter((u) => u.received).length;
  return {
    dataSet: { code: ds.code, name: ds.name }, period: period.id, dueOn: due,
    summary: {
      expected, received, onTime: units.filter((u) => u.onTime).length, approved: units.filter((u) => u.final).length,
      completeness: expected ? (received / expected) * 100 : null, timeliness: received ? (units.filter((u) => u.onTime).length / received) * 100 : null,
    },
    units,
  };
}

/** The calendar day of an instant in Vietnam (UTC+7, no daylight saving): deadlines are Vietnamese days. */
const vietnamDate = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
