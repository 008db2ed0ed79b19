import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { forbidden, problem } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import { logAccess } from '../audit/access.ts';
import type { Actor } from '../auth/model.ts';
import { coversUnit, inScope } from '../auth/scope.ts';
import { balanceAfter, ENTRY_LABELS, type EntryBody, type EntryKind } from './fund-model.ts';

const balanceOf = sql<string>`coalesce((SELECT sum(CASE WHEN e.kind = 'receipt' THEN e.amount ELSE -e.amount END) FROM fund_entry e WHERE e.fund_id = f.id), 0)`;
const sumOf = (kind: EntryKind) => sql<string>`coalesce((SELECT sum(e.amount) FROM fund_entry e WHERE e.fund_id = f.id AND e.kind = ${kind}), 0)`;

export async function createFund(db: Db, actor: Actor, input: { unitId: string; name: string }) {
  return db.transaction().execute(async (tx) => {
    if (!(await coversUnit(tx, actor, input.unitId))) throw problem(403, 'scope.forbidden', 'Đơn vị không thuộc phạm vi của bạn', { errors: [{ field: 'unitId', message: 'Ngoài phạm vi' }] });
    const row = await tx.insertInto('study_fund').values({ unit_id: input.unitId, name: input.name, created_by: actor.id })
      .onConflict((oc) => oc.column('unit_id').doNothing()).returningAll().executeTakeFirst();
    if (!row) throw problem(409, 'fund.exists', 'Đơn vị này đã có quỹ khuyến học', { errors: [{ field: 'unitId', message: 'Đã có quỹ' }] });
    await audit(tx, actor, 'study_fund.create', 'study_fund', row.id, null, row);
    return { id: row.id, unitId: row.unit_id, name: row.name };
  });
}

/** The funds in scope with their totals and balance (no personal data). */
export async function listFunds(db: Db, actor: Actor) {
  const rows = await db.selectFrom('study_fund as f').innerJoin('org_unit as u', 'u.id', 'f.unit_id')
    .select(['f.id', 'f.name', 'u.id as unit_id', 'u.name as unit_name']).select([sumOf('receipt').as('receipts'), sumOf('disbursement').as('disbursements'), balanceOf.as('balance')])
    .where(inScope(actor, 'f.unit_id')).orderBy('u.code').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, unit: { id: r.unit_id, name: r.unit_name }, receipts: Number(r.receipts), disbursements: Number(r.disbursements), balance: Number(r.balance) }));
}

/** A receipt or disbursement; a disbursement that would take the fund below zero is refused. The fund row is locked. */
export async function addEntry(db: Db, actor: Actor, fundId: string, input: EntryBody) {
  return db.transaction().execute(async (tx) => {
    // Lock first, then read the balance in a later statement: it then sees what a concurrent entry committed.
    const locked = await tx.selectFrom('study_fund as f').select('f.id').where('f.id', '=', fundId).where(inScope(actor, 'f.unit_id')).forUpdate().executeTakeFirst();
    if (!locked) throw forbidden('study_fund');
    const fund = await tx.selectFrom('study_fund as f').select(['f.id', balanceOf.as('balance')]).where('f.id', '=', locked.id).executeTakeFirstOrThrow();
    const balance = balanceAfter(Number(fund.balance), input);
    if (balance === null) {
      throw problem(422, 'fund.insufficient_balance', `Số dư quỹ (${Number(fund.balance).toLocaleString('vi-VN')} ₫) không đủ để chi khoản này`, { errors: [{ field: 'amount', message: 'Vượt số dư quỹ' }] });
    }
    const row = await tx.insertInto('fund_entry').values({
      fund_id: fund.id, kind: input.kind, entry_date: input.date, amount: input.amount, description: input.description, donor: input.donor ?? null,
      pupil_name: input.pupil?.name ?? null, pupil_school: input.pupil?.school ?? null, created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'fund_entry.create', 'study_fund', fund.id, null, row);
    return { id: row.id, balance };
  });
}

/** The entries of a fund, pupils' names included: a read of personal data, logged. */
export async function fundEntries(db: Db, actor: Actor, fundId: string) {
  const fund = await db.selectFrom('study_fund as f').innerJoin('org_unit as u', 'u.id', 'f.unit_id').select(['f.id', 'f.name', 'f.unit_id', 'u.name as unit_name'])
    .where('f.id', '=', fundId).where(inScope(actor, 'f.unit_id')).executeTakeFirst();
  if (!fund) throw forbidden('study_fund');
  const rows = await db.selectFrom('fund_entry').selectAll().where('fund_id', '=', fund.id).orderBy('entry_date').orderBy('id').execute();
  await logAccess(db, actor, 'fund.entries', fund.unit_id, { fundId: fund.id, rows: rows.length });
  let balance = 0;
  const entries = rows.map((r) => {
    balance += r.kind === 'receipt' ? Number(r.amount) : -Number(r.amount);
    return {
      id: r.id, kind: r.kind, kindLabel: ENTRY_LABELS[r.kind], date: r.entry_date, amount: Number(r.amount), description: r.description, donor: r.donor,
      pupil: r.pupil_name ? { name: r.pupil_name, school: r.pupil_school } : null, balance,
    };
  });
  return { fund: { id: fund.id, name: fund.name, unit: { id: fund.unit_id, name: fund.unit_name } }, entries, balance };
}
export type FundEntries = Awaited<ReturnType<typeof fundEntries>>;
