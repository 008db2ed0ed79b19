import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { formatVnDate } from '../plans/deadlines.ts';
import { excelDate, sendXlsx, xlsxBuffer, xlsxWorkbook } from '../../http/xlsx.ts';
import { EntryBody, FundBody, ReverseBody } from './fund-model.ts';
import { addEntry, createFund, fundEntries, listFunds, reverseEntry, type FundEntries } from './funds.ts';
import { BudgetLineBody, BudgetLineDelete, BudgetLineUpdate, BudgetQuery } from './model.ts';
import { createLine, deleteLine, planBudget, updateLine, type BudgetLineView, type PlanBudget } from './store.ts';

const Id = z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ');
const IdParams = z.object({ id: Id });
const EntryParams = z.object({ id: Id, entryId: Id });
const AtQuery = z.iso.date('Ngày dạng yyyy-mm-dd').optional().describe('Số dư cuối ngày này (mặc định: mọi khoản đã ghi)');
const VND = '#,##0 "₫"';
const PERCENT = '0.0"%"';

function budgetXlsx(b: PlanBudget) {
  type Total = PlanBudget['totals']['bySource'][number];
  return xlsxWorkbook([
    {
      name: 'Kinh phi', title: `Kinh phí thực hiện ${b.plan.number} năm ${b.year}`, rows: b.lines, columns: [
        { header: 'Nhiệm vụ', width: 10, value: (l: BudgetLineView) => l.task.code },
        { header: 'Nội dung nhiệm vụ', width: 48, value: (l) => l.task.text },
        { header: 'Đơn vị', width: 30, value: (l) => l.unit.name },
        { header: 'Nguồn', value: (l) => l.sourceLabel },
        { header: 'Dự toán', format: VND, value: (l) => l.planned },
        { header: 'Được giao', format: VND, value: (l) => l.allocated },
        { header: 'Đã chi', format: VND, value: (l) => l.spent },
        { header: 'Lý do chi vượt', width: 30, value: (l) => l.overspendReason },
      ],
    },
    {
      name: 'Tong hop', title: `Tổng hợp theo nguồn, năm ${b.year}`, rows: [...b.totals.bySource, { label: 'Tổng cộng', ...b.totals.overall }], columns: [
        { header: 'Nguồn', width: 24, value: (t: Pick<Total, 'label' | 'planned' | 'allocated' | 'spent' | 'executionRate'>) => t.label },
        { header: 'Dự toán', format: VND, value: (t) => t.planned },
        { header: 'Được giao', format: VND, value: (t) => t.allocated },
        { header: 'Đã chi', format: VND, value: (t) => t.spent },
        { header: 'Tỷ lệ giải ngân', format: PERCENT, value: (t) => t.executionRate },
      ],
    },
  ]);
}

export async function budgetRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const write = { preHandler: requirePermission('budget.write') };
  const tags = ['budget'];

  app.get('/api/v1/budget', { preHandler: requirePermission('budget.read'), schema: { tags, summary: 'Kinh phí của kế hoạch theo năm: các dòng và tổng theo nguồn (format=xlsx: tệp Excel)', querystring: BudgetQuery } },
    async (req, reply) => {
      const b = await planBudget(deps.db, req.actor, req.query.plan, req.query.year);
      return req.query.format === 'json' ? b : sendXlsx(reply, `kinh-phi-${b.plan.number}-${b.year}.xlsx`, await budgetXlsx(b));
    });
  app.post('/api/v1/budget/lines', { ...write, schema: { tags, summary: 'Thêm dòng kinh phí của một nhiệm vụ (đơn vị, năm, nguồn)', body: BudgetLineBody } },
    async (req, reply) => reply.code(201).send(await createLine(deps.db, req.actor, req.body)));
  app.put('/api/v1/budget/lines/:id', { ...write, schema: { tags, summary: 'Sửa số liệu của dòng kinh phí', params: IdParams, body: BudgetLineUpdate } },
    async (req) => updateLine(deps.db, req.actor, req.params.id, req.body));
  app.delete('/api/v1/budget/lines/:id', { ...write, schema: { tags, summary: 'Xóa dòng kinh phí nhập nhầm (theo phiên bản, nêu lý do; dòng đã ghi số chi không xóa được)', params: IdParams, body: BudgetLineDelete } },
    async (req, reply) => {
      await deleteLine(deps.db, req.actor, req.params.id, req.body);
      return reply.code(204).send();
    });

  // ---- study-promotion funds (scholarships name pupils: fund.read is restricted and entry reads are logged)
  const fundRead = { preHandler: requirePermission('fund.read') };
  const fundWrite = { preHandler: requirePermission('fund.write') };
  app.get('/api/v1/funds', { ...fundRead, schema: { tags, summary: 'Quỹ khuyến học trong phạm vi: tổng thu, tổng chi, số dư (at=ngày: tính đến cuối ngày đó)', querystring: z.strictObject({ at: AtQuery }) } },
    async (req) => listFunds(deps.db, req.actor, req.query.at));
  app.post('/api/v1/funds', { ...fundWrite, schema: { tags, summary: 'Lập quỹ khuyến học của một đơn vị', body: FundBody } },
    async (req, reply) => reply.code(201).send(await createFund(deps.db, req.actor, req.body)));
  app.post('/api/v1/funds/:id/entries', { ...fundWrite, schema: { tags, summary: 'Ghi khoản thu hoặc chi (học bổng cho học sinh); số dư không được âm', params: IdParams, body: EntryBody } },
    async (req, reply) => reply.code(201).send(await addEntry(deps.db, req.actor, req.params.id, req.body)));
  app.post('/api/v1/funds/:id/entries/:entryId/reverse', { ...fundWrite, schema: { tags, summary: 'Điều chỉnh khoản ghi sai bằng bút toán đảo (nêu lý do), rồi ghi khoản đúng', params: EntryParams, body: ReverseBody } },
    async (req, reply) => reply.code(201).send(await reverseEntry(deps.db, req.actor, req.params.id, req.params.entryId, req.body)));
  app.get('/api/v1/funds/:id/entries', { ...fundRead, schema: { tags, summary: 'Sổ thu chi của quỹ (có tên học sinh; mỗi lần xem được ghi nhật ký; format=xlsx)', params: IdParams, querystring: z.strictObject({ format: z.enum(['json', 'xlsx']).default('json'), at: AtQuery }) } },
    async (req, reply) => {
      const f = await fundEntries(deps.db, req.actor, req.params.id, req.query.at);
      if (req.query.format === 'json') return f;
      type Entry = FundEntries['entries'][number];
      return sendXlsx(reply, `quy-khuyen-hoc-${f.fund.id}.xlsx`, await xlsxBuffer('So thu chi', `${f.fund.name} – ${f.fund.unit.name}${f.asOf ? ` (đến ngày ${formatVnDate(f.asOf)})` : ''}`, [
        { header: 'Ngày', format: 'dd/mm/yyyy', value: (e: Entry) => excelDate(e.date) },
        { header: 'Thu/Chi', value: (e) => e.kindLabel },
        { header: 'Nội dung', width: 40, value: (e) => e.description },
        { header: 'Người ủng hộ', width: 24, value: (e) => e.donor },
        { header: 'Học sinh nhận', width: 24, value: (e) => e.pupil?.name ?? null },
        { header: 'Trường', width: 24, value: (e) => e.pupil?.school ?? null },
        { header: 'Số tiền', format: VND, value: (e) => e.amount },
        { header: 'Lý do điều chỉnh', width: 30, value: (e) => e.reason },
        { header: 'Số dư', format: VND, value: (e) => e.balance },
      ], f.entries));
    });
}
