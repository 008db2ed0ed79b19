import fs from 'node:fs/promises';
import { sql, type Expression, type SqlBool } from 'kysely';
import { parse as parseYaml } from 'yaml';
import type { Db, Tx } from '../../db/schema.ts';
import { forbidden, problem, staleVersion } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { coveredUnitIds } from '../auth/scope.ts';
import { inForce } from '../org-units/store.ts';
import { describeDueRule, type DueRule } from '../plans/deadlines.ts';
import { nextDue } from './due.ts';
import { ObligationFile, PERIOD_TYPE_LABELS, type ObligationBody, type ReporterSelector } from './model.ts';

const FILE = new URL('../../../data/reports/obligations.yaml', import.meta.url);

export async function readObligationFile(file: URL = FILE): Promise<ObligationFile[]> {
  const doc = parseYaml(await fs.readFile(file, 'utf8'), { schema: 'core' }) as { obligations: unknown[] };
  return doc.obligations.map((o, i) => {
    const parsed = ObligationFile.safeParse(o);
    if (!parsed.success) throw new Error(`data/reports/obligations.yaml #${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return parsed.data;
  });
}

/** Adds the obligations of the data file not yet loaded (by code); loaded ones may have been edited and are kept. */
export async function loadObligations(db: Db, actor: Actor | null, entries: ObligationFile[]): Promise<{ added: number }> {
  return db.transaction().execute(async (tx) => {
    let added = 0;
    for (const o of entries) {
      if (await tx.selectFrom('report_obligation').select('id').where('code', '=', o.code).executeTakeFirst()) continue;
      const plan = o.plan ? await tx.selectFrom('plan').select('id').where('number', '=', o.plan).executeTakeFirst() : null;
      if (o.plan && !plan) throw new Error(`data/reports/obligations.yaml ${o.code}: chưa nạp kế hoạch ${o.plan}`);
      const recipient = o.recipient
        ? await tx.selectFrom('org_unit as u').select('u.id').where('u.code', '=', o.recipient.code).where(inForce(o.recipient.at)).executeTakeFirst()
        : null;
      if (o.recipient && !recipient) throw new Error(`data/reports/obligations.yaml ${o.code}: không có đơn vị ${o.recipient.code} ngày ${o.recipient.at}`);
      const row = await tx.insertInto('report_obligation').values({ ...rowOf(o), code: o.code, plan_id: plan?.id ?? null, recipient_id: recipient?.id ?? null, source: 'data/reports/obligations.yaml' })
        .returning('id').executeTakeFirstOrThrow();
      await audit(tx, actor, 'report_obligation.load', 'report_obligation', row.id, null, o);
      added++;
    }
    return { added };
  });
}

function rowOf(o: Omit<ObligationFile, 'code' | 'plan' | 'recipient'>) {
  return {
    title: o.title, reporter_selector: JSON.stringify(o.reporters), reporter_text: o.reporterText, recipient_text: o.recipientText,
    due_rule: JSON.stringify(o.due), period_type: o.periodType, first_period: o.firstPeriod, last_period: o.lastPeriod ?? null,
    legal_source: o.legalSource, clause: o.clause ?? null, verified: o.verified,
    ...(o.reminderOffsets && { reminder_offsets: [...new Set(o.reminderOffsets)].sort((a, b) => a - b) }),
  };
}

export interface Obligation {
  id: string; code: string; planId: string | null; planNumber: string | null; title: string; reporters: ReporterSelector; reporterText: string;
  recipientId: string | null; recipientCode: string | null; recipientName: string | null; recipientText: string; due: DueRule;
  periodType: 'year' | 'mid_term' | 'final'; firstPeriod: number; lastPeriod: number | null; legalSource: string; clause: string | null;
  verified: 'V' | 'P' | 'I'; active: boolean; version: number; reminderOffsets: number[];
}

/** An obligation is visible to whoever sees its plan (issuer or an assigned unit in scope); national duties to everyone. */
function obligationVisible(actor: Actor): Expression<SqlBool> {
  return sql<SqlBool>`(o.plan_id IS NULL
    OR (SELECT issuer_id FROM plan WHERE id = o.plan_id) IN ${coveredUnitIds(actor)}
    OR EXISTS (SELECT 1 FROM task_assignment va JOIN task vt ON vt.id = va.task_id WHERE vt.plan_id = o.plan_id AND va.unit_id IN ${coveredUnitIds(actor)}))`;
}

function obligationQuery(db: Db | Tx) {
  return db.selectFrom('report_obligation as o').leftJoin('plan as p', 'p.id', 'o.plan_id').leftJoin('org_unit as r', 'r.id', 'o.recipient_id')
    .select(['o.id', 'o.code', 'o.plan_id', 'p.number as plan_number', 'o.title', 'o.reporter_selector', 'o.reporter_text', 'o.recipient_id', 'r.code as recipient_code',
      'r.name as recipient_name', 'o.recipient_text', 'o.due_rule', 'o.period_type', 'o.first_period', 'o.last_period', 'o.legal_source', 'o.clause', 'o.verified', 'o.active', 'o.version', 'o.reminder_offsets']);
}

type ObligationRow = Awaited<ReturnType<ReturnType<typeof obligationQuery>['executeTakeFirstOrThrow']>>;
const fromRow = (r: ObligationRow): Obligation => ({
  id: r.id, code: r.code, planId: r.plan_id, planNumber: r.plan_number, title: r.title, reporters: r.reporter_selector as ReporterSelector, reporterText: r.reporter_text,
  recipientId: r.recipient_id, recipientCode: r.recipient_code, recipientName: r.recipient_name, recipientText: r.recipient_text, due: r.due_rule as DueRule,
  periodType: r.period_type, firstPeriod: r.first_period, lastPeriod: r.last_period, legalSource: r.legal_source, clause: r.clause, verified: r.verified,
  active: r.active, version: r.version, reminderOffsets: r.reminder_offsets,
});

export async function listObligations(db: Db, actor: Actor, filter: { plan?: string | undefined; activeOnly?: boolean }): Promise<Obligation[]> {
  let q = obligationQuery(db).where(obligationVisible(actor)).orderBy('p.number').orderBy('o.code');
  if (filter.plan) q = q.where('p.number', '=', filter.plan);
  if (filter.activeOnly) q = q.where('o.active', '=', true);
  return (await q.execute()).map(fromRow);
}

export async function getObligation(db: Db | Tx, actor: Actor, id: string): Promise<Obligation> {
  const r = await obligationQuery(db).where('o.id', '=', id).where(obligationVisible(actor)).executeTakeFirst();
  if (!r) throw forbidden('report_obligation');
  return fromRow(r);
}

export const windowOf = (o: Pick<Obligation, 'firstPeriod' | 'lastPeriod'>) => ({ first: o.firstPeriod, last: o.lastPeriod });

export function obligationView(o: Obligation, today: string) {
  return {
    id: o.id, code: o.code, plan: o.planId ? { id: o.planId, number: o.planNumber! } : null, title: o.title, reporters: o.reporters, reporterText: o.reporterText,
    recipient: o.recipientId ? { id: o.recipientId, code: o.recipientCode!, name: o.recipientName! } : null, recipientText: o.recipientText,
    due: o.due, dueRuleText: describeDueRule(o.due), periodType: o.periodType, periodTypeLabel: PERIOD_TYPE_LABELS[o.periodType],
    firstPeriod: o.firstPeriod, lastPeriod: o.lastPeriod, nextDue: o.active ? nextDue(o.due, windowOf(o), today) : null,
    legalSource: o.legalSource, clause: o.clause, verified: o.verified, active: o.active, version: o.version, reminderOffsets: o.reminderOffsets,
  };
}

async function checkRefs(db: Db | Tx, body: ObligationBody) {
  if (body.planId && !(await db.selectFrom('plan').select('id').where('id', '=', body.planId).executeTakeFirst())) {
    throw problem(422, 'report_obligation.unknown_plan', 'Không có kế hoạch này', { errors: [{ field: 'planId', message: 'Không tìm thấy' }] });
  }
  if (body.recipientId && !(await db.selectFrom('org_unit').select('id').where('id', '=', body.recipientId).executeTakeFirst())) {
    throw problem(422, 'report_obligation.unknown_unit', 'Không có đơn vị nhận này', { errors: [{ field: 'recipientId', message: 'Không tìm thấy' }] });
  }
}

export async function createObligation(db: Db, actor: Actor, body: ObligationBody) {
  await checkRefs(db, body);
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('report_obligation').values({ ...rowOf(body), code: body.code, plan_id: body.planId ?? null, recipient_id: body.recipientId ?? null, active: body.active })
      .returning('id').executeTakeFirstOrThrow()
      .catch((err: { code?: string }) => { throw err.code === '23505' ? problem(409, 'report_obligation.duplicate', `Mã ${body.code} đã được dùng`, { errors: [{ field: 'code', message: 'Mã đã tồn tại' }] }) : err; });
    await audit(tx, actor, 'report_obligation.create', 'report_obligation', row.id, null, body);
    return getObligation(tx, actor, row.id);
  });
}

/** Edits an obligation (optimistic). Reports already opened keep the due date they were opened with. */
export async function updateObligation(db: Db, actor: Actor, id: string, body: ObligationBody & { version: number }) {
  await checkRefs(db, body);
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('report_obligation as o').selectAll().where('o.id', '=', id).where(obligationVisible(actor)).forUpdate().executeTakeFirst();
    if (!before) throw forbidden('report_obligation');
    if (before.version !== body.version) throw staleVersion('report_obligation', before.version);
    if (before.code !== body.code) throw problem(422, 'report_obligation.code_change', 'Không đổi được mã của nghĩa vụ báo cáo', { errors: [{ field: 'code', message: 'Mã cố định' }] });
    await tx.updateTable('report_obligation').set({ ...rowOf(body), plan_id: body.planId ?? null, recipient_id: body.recipientId ?? null, active: body.active, source: null, version: before.version + 1 })
      .where('id', '=', id).execute();
    await audit(tx, actor, 'report_obligation.update', 'report_obligation', id, before, body);
    return getObligation(tx, actor, id);
  });
}

export interface ReporterUnit { id: string; code: string; name: string; kind: string; parentId: string | null; shortName: string | null }

/**
 * The units owing the report due on `due`. The selector's units are taken as they stand on that date: a unit that
 * ended before it is replaced by its successors of the same kind (Sở GDĐT Tây Ninh 72 → 80 on 01/07/2025); one with
 * no successor (the districts) owes nothing more. `scoped` keeps only units in the actor's scope (in the SQL).
 */
export async function reportersOn(db: Db | Tx, o: Pick<Obligation, 'planId' | 'reporters'>, due: string, scoped?: Actor): Promise<ReporterUnit[]> {
  const s = o.reporters;
  const base = 'task' in s
    ? sql`SELECT a.unit_id AS id FROM task_assignment a JOIN task t ON t.id = a.task_id WHERE t.plan_id = ${o.planId ?? '0'} AND t.code = ${s.task}`
    : sql`SELECT id FROM org_unit WHERE code = ANY(${'units' in s ? s.units : s.within}::text[])`;
  const carried = sql`
    SELECT u.id FROM org_unit u WHERE u.id IN (${base}) AND ${inForce(due)}
    UNION
    SELECT u.id FROM org_unit u JOIN org_unit_cover c ON c.ancestor_id = u.id AND c.via_succession
      JOIN org_unit b ON b.id = c.unit_id AND b.kind = u.kind
    WHERE b.id IN (${base}) AND ${inForce(due)}`;
  const wanted = 'unitKind' in s
    ? sql`SELECT u.id FROM org_unit u WHERE u.kind = ${s.unitKind} AND ${inForce(due)}
            AND u.id IN (SELECT c.unit_id FROM org_unit_cover c WHERE c.ancestor_id IN (${carried}))`
    : carried;
  const rows = await sql<{ id: string; code: string; name: string; kind: string; parent_id: string | null; short_name: string | null }>`
    SELECT u.id::text, u.code, u.name, u.kind, u.parent_id::text, u.short_name FROM org_unit u
    WHERE u.id IN (${wanted}) ${scoped ? sql`AND u.id IN ${coveredUnitIds(scoped)}` : sql``}
    ORDER BY u.kind, u.code`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id, shortName: r.short_name }));
}
