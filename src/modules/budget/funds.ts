import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { forbidden, problem } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import { logAccess } from '../audit/access.ts';
import type { Actor } from '../auth/model.ts';
import { coversUnit, inScope } from '../auth/scope.ts';
import { formatVnDate } from '../plans/deadlines.ts';
import { ENTRY_LABELS, firstShortfall, signedAmount, type EntryBody, type EntryKind, type ReverseBody } from './fund-model.ts';

/** An entry's effect on the balance in SQL (see signedAmount): a reversing entry counts against its original. */
const signed = sql`(CASE WHEN e.kind = 'receipt' THEN e.amount ELSE -e.amount END) * (CASE WHEN e.reverses_id IS NULL THEN 1 ELSE -1 END)`;
/** Entries up to a date (inclusive), or all of them. */
const upTo = (at: string | undefined) => (at ? sql`AND e.entry_date <= ${at}::date` : sql``);
const balanceOf = (at?: string) => sql<string>`coalesce((SELECT sum(${signed}) FROM fund_entry e WHERE e.fund_id = f.id ${upTo(at)}), 0)`;
/** Receipts (or disbursements) net of their reversals. */
const sumOf = (kind: EntryKind, at?: string) =>
  sql<string>`coalesce((SELECT sum(CASE WHEN e.reverses_id IS NULL THEN e.amount ELSE -e.amount END) FROM fund_entry e WHERE e.fund_id = f.id AND e.kind = ${kind} ${upTo(at)}), 0)`;

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

/** The funds in scope with their totals and balance (no personal data), as of the end of a day when `at` is given. */
export async function listFunds(db: Db, actor: Actor, at?: string) {
  const rows = await db.selectFrom('study_fund as f').innerJoin('org_unit as u', 'u.id', 'f.unit_id')
    .select(['f.id', 'f.name', 'u.id as unit_id', 'u.name as unit_name']).select([sumOf('receipt', at).as('receipts'), sumOf('disbursement', at).as('disbursements'), balanceOf(at).as('balance')])
    .where(inScope(actor, 'f.unit_id')).orderBy('u.code').execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, unit: { id: r.unit_id, name: r.unit_name }, receipts: Number(r.receipts), disbursements: Number(r.disbursements), balance: Number(r.balance), asOf: at ?? null,
  }));
}

/** Locks a fund in scope; reads after this see what a concurrent entry committed. */
async function lockFund(tx: Tx, actor: Actor, fundId: string) {
  const locked = await tx.selectFrom('study_fund as f').select('f.id').where('f.id', '=', fundId).where(inScope(actor, 'f.unit_id')).forUpdate().executeTakeFirst();
  if (!locked) throw forbidden('study_fund');
  return locked.id;
}

/**
 * Refuses an entry that would take the balance below zero on its own date or on any later day (a back-dated
 * disbursement must have had the money then, and must not empty the fund for payments made since).
 */
async function refuseShortfall(tx: Tx, fundId: string, entry: { date: string; net: number }, field: string) {
  const days = (await sql<{ date: string; net: string }>`
    SELECT e.entry_date::text AS date, sum(${signed}) AS net FROM fund_entry e WHERE e.fund_id = ${fundId} GROUP BY e.entry_date`.execute(tx)).rows;
  const short = firstShortfall(days.map((d) => ({ date: d.date, net: Number(d.net) })), entry);
  if (short) {
    const had = short.balance - entry.net;
    throw problem(422, 'fund.insufficient_balance', `Số dư quỹ cuối ngày ${formatVnDate(short.date)} (${had.toLocaleString('vi-VN')} ₫) không đủ cho khoản này`, {
      errors: [{ field, message: `Vượt số dư quỹ: ngày ${formatVnDate(short.date)} số dư sẽ là ${short.balance.toLocaleString('vi-VN')} ₫` }],
    });
  }
}

/** A receipt or disbursement; one that would take the fund below zero on any day from its date on is refused. */
export async function addEntry(db: Db, actor: Actor, fundId: string, input: EntryBody) {
  return db.transaction().execute(async (tx) => {
    const id = await lockFund(tx, actor, fundId);
    await refuseShortfall(tx, id, { date: input.date, net: signedAmount({ kind: input.kind, amount: input.amount, reversal: false }) }, 'amount');
    const row = await tx.insertInto('fund_entry').values({
      fund_id: id, kind: input.kind, entry_date: input.date, amount: input.amount, description: input.description, donor: input.donor ?? null,
      pupil_name: input.pupil?.name ?? null, pupil_school: input.pupil?.school ?? null, created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'fund_entry.create', 'study_fund', id, null, row);
    return { id: row.id, balance: await balance(tx, id) };
  });
}

async function balance(tx: Tx, fundId: string) {
  return Number((await tx.selectFrom('study_fund as f').select(balanceOf().as('b')).where('f.id', '=', fundId).executeTakeFirstOrThrow()).b);
}

/**
 * Corrects a wrong entry the way books are kept: an entry is never edited or deleted; a reversing entry (same kind and
 * amount, opposite effect, with the reason) cancels it from its date, then the right entry is written. An entry is
 * reversed once; a reversal is not reversed. Reversing a receipt must not leave the fund short on any later day.
 */
export async function reverseEntry(db: Db, actor: Actor, fundId: string, entryId: string, input: ReverseBody) {
  return db.transaction().execute(async (tx) => {
    const id = await lockFund(tx, actor, fundId);
    const original = await tx.selectFrom('fund_entry').selectAll().where('id', '=', entryId).where('fund_id', '=', id).executeTakeFirst();
    if (!original) throw problem(404, 'fund.entry_not_found', 'Quỹ không có khoản thu chi này', { errors: [{ field: 'params.entryId', message: 'Không tồn tại' }] });
    if (original.reverses_id !== null) throw problem(422, 'fund.reversal_of_reversal', 'Đây là bút toán điều chỉnh; không điều chỉnh tiếp được. Hãy ghi khoản đúng', { errors: [{ field: 'params.entryId', message: 'Là bút toán điều chỉnh' }] });
    const done = await tx.selectFrom('fund_entry').select(['id', 'entry_date']).where('reverses_id', '=', entryId).executeTakeFirst();
    if (done) throw problem(409, 'fund.already_reversed', `Khoản này đã được điều chỉnh ngày ${formatVnDate(done.entry_date)}`, { errors: [{ field: 'params.entryId', message: 'Đã điều chỉnh' }] });
    if (input.date < original.entry_date) {
      throw problem(422, 'fund.reversal_before_entry', `Ngày điều chỉnh không được trước ngày của khoản gốc (${formatVnDate(original.entry_date)})`, { errors: [{ field: 'body.date', message: 'Trước ngày khoản gốc' }] });
    }
    const amount = Number(original.amount);
    await refuseShortfall(tx, id, { date: input.date, net: signedAmount({ kind: original.kind, amount, reversal: true }) }, 'body.date');
    const row = await tx.insertInto('fund_entry').values({
      fund_id: id, kind: original.kind, entry_date: input.date, amount, description: `Điều chỉnh: ${original.description}`.slice(0, 500),
      reverses_id: original.id, reason: input.reason, created_by: actor.id,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'fund_entry.reverse', 'study_fund', id, original, row);
    return { id: row.id, reverses: original.id, balance: await balance(tx, id) };
  });
}

/** The entries of a fund, pupils' names included (up to a day when `at` is given): a read of personal data, logged. */
export async function fundEntries(db: Db, actor: Actor, fundId: string, at?: string) {
  const fund = await db.selectFrom('study_fund as f').innerJoin('org_unit as u', 'u.id', 'f.unit_id').select(['f.id', 'f.name', 'f.unit_id', 'u.name as unit_name'])
    .where('f.id', '=', fundId).where(inScope(actor, 'f.unit_id')).executeTakeFirst();
  if (!fund) throw forbidden('study_fund');
  const rows = await db.selectFrom('fund_entry').selectAll().where('fund_id', '=', fund.id).$if(at !== undefined, (q) => q.where('entry_date', '<=', at!))
    .orderBy('entry_date').orderBy('id').execute();
  await logAccess(db, actor, 'fund.entries', fund.unit_id, { fundId: fund.id, rows: rows.length, ...(at ? { at } : {}) });
  const reversedBy = new Map(rows.filter((r) => r.reverses_id !== null).map((r) => [r.reverses_id!, r.id]));
  let running = 0;
  const entries = rows.map((r) => {
    const net = signedAmount({ kind: r.kind, amount: Number(r.amount), reversal: r.reverses_id !== null });
    running += net;
    return {
      id: r.id, kind: r.kind, kindLabel: r.reverses_id ? `Điều chỉnh ${ENTRY_LABELS[r.kind].toLowerCase()}` : ENTRY_LABELS[r.kind], date: r.entry_date, amount: Number(r.amount), net,
      description: r.description, donor: r.donor, pupil: r.pupil_name ? { name: r.pupil_name, school: r.pupil_school } : null, balance: running,
      reverses: r.reverses_id, reason: r.reason, reversedBy: reversedBy.get(r.id) ?? null,
    };
  });
  return { fund: { id: fund.id, name: fund.name, unit: { id: fund.unit_id, name: fund.unit_name } }, asOf: at ?? null, entries, balance: running };
}
export type FundEntries = Awaited<ReturnType<typeof fundEntries>>;
