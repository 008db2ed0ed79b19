import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { problem } from '../../http/problem.ts';
import { excelDate, xlsxBuffer, xlsxWorkbook } from '../../http/xlsx.ts';
import type { Actor } from '../auth/model.ts';
import { unitById } from '../indicators/analytics.ts';
import { formatVnDate } from '../plans/deadlines.ts';
import { consolidatedReport, unitReport, type IssuingUnit, type PlanRef } from './docx/content.ts';
import { officialDocx } from './docx/official.ts';
import { dueDateFor } from './due.ts';
import type { Narrative } from './narrative.ts';
import { listObligations, reportersOn, windowOf, type Obligation } from './obligations.ts';
import { indicatorRows } from './prefill.ts';
import { board, getReport } from './store.ts';
import { zipFiles } from './zip.ts';

/** The province a unit belongs to (itself for a province), by its parent chain. */
async function provinceName(db: Db, unitId: string): Promise<string> {
  const r = await sql<{ name: string }>`
    WITH RECURSIVE up AS (SELECT id, parent_id, kind, name FROM org_unit WHERE id = ${unitId}
      UNION ALL SELECT o.id, o.parent_id, o.kind, o.name FROM org_unit o JOIN up ON o.id = up.parent_id)
    SELECT name FROM up WHERE kind = 'province' LIMIT 1`.execute(db);
  return r.rows[0]?.name ?? '';
}

async function issuingUnit(db: Db, u: { id: string; kind: string; name: string; shortName: string | null }): Promise<IssuingUnit> {
  return { kind: u.kind, name: u.name, shortName: u.shortName, province: await provinceName(db, u.id) };
}

/** A unit named in an obligation as it stands on `date` (its successor once it has ended). */
async function standing(db: Db, code: string, date: string) {
  return (await reportersOn(db, { planId: null, reporters: { units: [code] } }, date))[0] ?? null;
}

async function planRef(db: Db, planId: string): Promise<PlanRef> {
  const p = await db.selectFrom('plan as p').innerJoin('org_unit as i', 'i.id', 'p.issuer_id').select(['p.number', 'p.issued_on', 'p.title', 'i.name as issuer'])
    .where('p.id', '=', planId).executeTakeFirstOrThrow();
  return { number: p.number, issuedOn: p.issued_on, title: p.title, issuerName: committeeOf(p.issuer) };
}
/** "Ủy ban nhân dân tỉnh Tây Ninh": the type word in lower case, except "Thành phố Hồ Chí Minh", which ND 30/2020 Phụ lục II writes with a capital. */
const committeeOf = (unitName: string) => `Ủy ban nhân dân ${unitName === 'Thành phố Hồ Chí Minh' ? unitName : unitName.charAt(0).toLocaleLowerCase('vi') + unitName.slice(1)}`;

/** A unit's report as an official DOCX, dated the day it was last submitted (today while it is a draft). */
export async function unitReportDocx(db: Db, actor: Actor, id: string, today: string): Promise<{ fileName: string; body: Buffer }> {
  const r = await getReport(db, actor, id, today);
  const o = r.obligation;
  const recipient = o.recipient ? (await standing(db, o.recipient.code, today))?.name ?? o.recipient.name : o.recipientText;
  const doc = unitReport({
    unit: await issuingUnit(db, r.unit), plan: o.plan ? await planRef(db, o.plan.id) : null, obligationTitle: o.title, legalSource: o.legalSource,
    period: r.period, date: r.submittedOn && r.status !== 'returned' ? r.submittedOn : today,
    addressee: recipient, narrative: r.narrative, tasks: r.prefill.tasks, indicators: r.prefill.indicators, targetsOf: r.prefill.targetsOf?.name ?? null, asOf: r.prefill.asOf,
  });
  return { fileName: `bao-cao-${r.unit.code}-${r.period}.docx`, body: await officialDocx(doc) };
}

/** Everything the consolidated report of a plan and year is made of: the yearly obligations' boards, targets and accepted reports. */
async function consolidatedData(db: Db, actor: Actor, planNumber: string, year: number, today: string) {
  const obligations = (await listObligations(db, actor, { plan: planNumber, activeOnly: true }))
    .filter((o): o is Obligation & { planId: string } => o.periodType === 'year' && o.planId !== null && dueDateFor(o.due, windowOf(o), year) !== null);
  if (obligations.length === 0) {
    throw problem(404, 'report.no_obligation', `Kế hoạch ${planNumber} không có nghĩa vụ báo cáo hằng năm cho năm ${year} (hoặc ngoài phạm vi của bạn)`, { errors: [{ field: 'year', message: 'Không có nghĩa vụ báo cáo' }] });
  }
  const withRecipient = obligations.find((o) => o.recipientCode !== null);
  const issuer = withRecipient ? await standing(db, withRecipient.recipientCode!, today) : null;
  if (!issuer) throw problem(422, 'report.no_recipient', 'Nghĩa vụ báo cáo không nêu đơn vị tổng hợp đang hoạt động');
  const boards = await Promise.all(obligations.map((o) => board(db, actor, o.id, year, today)));
  const plan = await db.selectFrom('plan').select(['id', 'issuer_id']).where('id', '=', obligations[0]!.planId).executeTakeFirstOrThrow();
  const provinceUnit = (await unitById(db, plan.issuer_id))!;
  const accepted = await db.selectFrom('report_submission as s').innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select(['u.name', 's.narrative', 's.obligation_id']).where('s.obligation_id', 'in', obligations.map((o) => o.id)).where('s.period', '=', year).where('s.status', '=', 'accepted')
    .where('s.unit_id', 'in', boards.flatMap((b) => b.rows.map((r) => r.unit.id)).concat('0')).orderBy('s.obligation_id').orderBy('u.kind').orderBy('u.code').execute();
  return {
    obligations, boards, issuer, plan: await planRef(db, plan.id), provinceUnit,
    indicators: await indicatorRows(db, provinceUnit, planNumber, year, today),
    accepted: accepted.map((a) => ({ unit: a.name, narrative: a.narrative as Narrative })),
  };
}

export async function consolidatedDocx(db: Db, actor: Actor, planNumber: string, year: number, today: string): Promise<{ fileName: string; body: Buffer }> {
  const d = await consolidatedData(db, actor, planNumber, year, today);
  const issuer = await issuingUnit(db, d.issuer);
  const toMinistry = d.obligations.some((o) => o.recipientText.includes('Bộ Giáo dục và Đào tạo'));
  const doc = consolidatedReport({
    issuer, plan: d.plan, year, date: today, addressee: committeeOf(issuer.province), copiesTo: toMinistry ? ['Bộ Giáo dục và Đào tạo (để báo cáo)'] : [],
    obligations: d.boards.map((b, i) => ({
      reporterText: d.obligations[i]!.reporterText, duePhrase: (d.obligations[i]!.due as { phrase?: string }).phrase ?? b.obligation.dueRuleText, dueDate: b.dueDate, summary: b.summary,
      rows: b.rows.map((r) => ({ unit: r.unit.name, statusLabel: r.statusLabel, submittedOn: r.firstSubmittedOn, late: r.late })),
    })),
    indicators: d.indicators, targetsOf: d.provinceUnit.name, accepted: d.accepted,
  });
  return { fileName: `bao-cao-tong-hop-${planNumber.replace(/\//g, '-')}-${year}.docx`, body: await officialDocx(doc) };
}

/** The annex of the consolidated report: targets and results, and who reported, as spreadsheets. */
export async function consolidatedAnnex(db: Db, actor: Actor, planNumber: string, year: number, today: string): Promise<{ fileName: string; body: Buffer }> {
  const d = await consolidatedData(db, actor, planNumber, year, today);
  type Ind = (typeof d.indicators)[number];
  type Row = (typeof d.boards)[number]['rows'][number] & { obligation: string };
  const body = await xlsxWorkbook([
    {
      name: 'Chỉ tiêu', title: `Phụ lục: kết quả thực hiện các chỉ tiêu của Kế hoạch ${planNumber} năm ${year} — ${d.provinceUnit.name} (số liệu đến ngày ${formatVnDate(today)})`,
      columns: [
        { header: 'Mục', value: (r: Ind) => r.clause, width: 12 }, { header: 'Chỉ tiêu', value: (r: Ind) => r.text ?? r.name, width: 60 }, { header: 'Chỉ số', value: (r: Ind) => r.name, width: 40 },
        { header: 'Đơn vị tính', value: (r: Ind) => r.unitLabel, width: 10 }, { header: 'Năm mục tiêu', value: (r: Ind) => r.targetYear, width: 10 },
        { header: 'Mục tiêu', value: (r: Ind) => r.target, format: '#,##0.0', width: 12 }, { header: `Kết quả ${year}`, value: (r: Ind) => r.value, format: '#,##0.0', width: 12 },
        { header: 'Đánh giá', value: (r: Ind) => r.outlookLabel, width: 24 },
      ],
      rows: d.indicators,
    },
    {
      name: 'Tình hình báo cáo', title: `Tình hình gửi báo cáo năm ${year} theo Kế hoạch ${planNumber} (đến ngày ${formatVnDate(today)})`,
      columns: [
        { header: 'Nghĩa vụ', value: (r: Row) => r.obligation, width: 30 }, { header: 'Cơ quan, đơn vị', value: (r: Row) => r.unit.name, width: 44 },
        { header: 'Tình trạng', value: (r: Row) => r.statusLabel, width: 16 }, { header: 'Ngày gửi', value: (r: Row) => r.firstSubmittedOn && new Date(`${r.firstSubmittedOn}T00:00:00Z`), format: 'dd/mm/yyyy', width: 12 },
        { header: 'Trễ hạn', value: (r: Row) => (r.late ? 'Có' : 'Không'), width: 10 }, { header: 'Số lần trả lại', value: (r: Row) => r.returns, width: 12 },
      ],
      rows: d.boards.flatMap((b) => b.rows.map((r) => ({ ...r, obligation: `${b.obligation.reporterText} (hạn ${formatVnDate(b.dueDate)})` }))),
    },
  ]);
  return { fileName: `phu-luc-${planNumber.replace(/\//g, '-')}-${year}.xlsx`, body };
}

type Board = Awaited<ReturnType<typeof board>>;

/** The completeness board as a spreadsheet. */
export async function boardXlsx(b: Board): Promise<{ fileName: string; body: Buffer }> {
  type Row = Board['rows'][number];
  const body = await xlsxBuffer<Row>('Tình hình báo cáo', `${b.obligation.title} năm ${b.year} — hạn ${formatVnDate(b.dueDate)}, tính đến ngày ${formatVnDate(b.today)}`, [
    { header: 'Mã', value: (r) => r.unit.code, width: 12 }, { header: 'Cơ quan, đơn vị', value: (r) => r.unit.name, width: 44 },
    { header: 'Tình trạng', value: (r) => r.statusLabel, width: 16 }, { header: 'Ngày gửi lần đầu', value: (r) => excelDate(r.firstSubmittedOn), format: 'dd/mm/yyyy', width: 14 },
    { header: 'Trễ hạn', value: (r) => (r.late ? 'Có' : 'Không'), width: 10 }, { header: 'Số lần trả lại', value: (r) => r.returns, width: 12 },
  ], b.rows);
  return { fileName: `tinh-hinh-bao-cao-${b.obligation.code}-${b.year}.xlsx`, body };
}

/** "Tải tất cả": every report sent for the period (as DOCX) and the board, in one ZIP. */
export async function boardArchive(db: Db, actor: Actor, obligationId: string, year: number, today: string): Promise<{ fileName: string; body: Buffer }> {
  const b = await board(db, actor, obligationId, year, today);
  const files = [await boardXlsx(b)];
  for (const r of b.rows) if (r.submissionId && r.firstSubmittedOn) files.push(await unitReportDocx(db, actor, r.submissionId, today));
  return { fileName: `bao-cao-${b.obligation.code}-${year}.zip`, body: zipFiles(files.map((f) => ({ name: f.fileName, body: f.body })), today) };
}
