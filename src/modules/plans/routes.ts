import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { excelDate, sendXlsx, xlsxBuffer } from '../../http/xlsx.ts';
import { formatVnDate } from './deadlines.ts';
import { sendStoredFile } from '../../http/download.ts';
import { readUpload } from '../../http/upload.ts';
import { EVIDENCE_TYPES, OverdueQuery, PlanSummary, ProgressBody, TaskView } from './model.ts';
import { addEvidence, getEvidence, getPlan, getTask, listPlans, myTasks, overdue, planTasks, reportProgress } from './store.ts';

const IdParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ') });
const FormatQuery = z.strictObject({ format: z.enum(['json', 'xlsx']).default('json') });

export async function planRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { preHandler: requirePermission('plan.read') };

  app.get('/api/v1/plans', { ...read, schema: { tags: ['plans'], summary: 'Danh sách kế hoạch', response: { 200: z.array(PlanSummary) } } },
    async (req) => listPlans(deps.db, req.actor, deps.today()));

  app.get('/api/v1/plans/:id', { ...read, schema: { tags: ['plans'], summary: 'Một kế hoạch với các mục', params: IdParams } },
    async (req) => getPlan(deps.db, req.actor, req.params.id));

  app.get('/api/v1/plans/:id/tasks', {
    ...read, schema: { tags: ['plans'], summary: 'Nhiệm vụ của kế hoạch, kèm trạng thái (format=xlsx: tệp Excel)', params: IdParams, querystring: FormatQuery, response: { 200: z.array(TaskView) } },
  }, async (req, reply) => {
    const tasks = await planTasks(deps.db, req.actor, req.params.id, deps.today());
    if (req.query.format === 'json') return tasks;
    const plan = await getPlan(deps.db, req.actor, req.params.id);
    const body = await xlsxBuffer<(typeof tasks)[number]>('Nhiệm vụ', `Kế hoạch ${plan.number} — tình hình thực hiện đến ngày ${formatVnDate(deps.today())}`, [
      { header: 'Mục', value: (t) => t.code, width: 10 },
      { header: 'Nhiệm vụ', value: (t) => t.text, width: 70 },
      { header: 'Cơ quan chủ trì', value: (t) => t.leadAgency.name, width: 32 },
      { header: 'Cơ quan phối hợp', value: (t) => [...t.coordinatingAgencies.map((c) => c.name), t.coordinatingText].filter(Boolean).join('; '), width: 32 },
      { header: 'Thời hạn', value: (t) => t.dueRuleText, width: 24 },
      { header: 'Hạn kế tiếp', value: (t) => excelDate(t.nextDueDate), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Trạng thái', value: (t) => t.statusLabel, width: 20 },
      { header: 'Số đơn vị thực hiện', value: (t) => t.assignments.length, width: 10 },
    ], tasks);
    return sendXlsx(reply, `nhiem-vu-${plan.number.replace(/\//g, '-')}.xlsx`, body);
  });

  app.get('/api/v1/tasks/:id', { ...read, schema: { tags: ['plans'], summary: 'Chi tiết nhiệm vụ và lịch sử báo cáo', params: IdParams } },
    async (req) => getTask(deps.db, req.actor, req.params.id, deps.today()));

  app.get('/api/v1/my-tasks', { ...read, schema: { tags: ['plans'], summary: 'Nhiệm vụ đơn vị tôi chủ trì (format=xlsx: tệp Excel)', querystring: FormatQuery } }, async (req, reply) => {
    const rows = await myTasks(deps.db, req.actor, deps.today());
    if (req.query.format === 'json') return rows;
    const body = await xlsxBuffer<(typeof rows)[number]>('Nhiệm vụ của tôi', `Nhiệm vụ của ${req.actor.displayName} đến ngày ${formatVnDate(deps.today())}`, [
      { header: 'Kế hoạch', value: (r) => r.plan.number, width: 16 },
      { header: 'Mục', value: (r) => r.task.code, width: 10 },
      { header: 'Nhiệm vụ', value: (r) => r.task.text, width: 70 },
      { header: 'Đơn vị', value: (r) => r.assignment.unit.name, width: 32 },
      { header: 'Thời hạn', value: (r) => r.task.dueRuleText, width: 24 },
      { header: 'Hạn', value: (r) => excelDate(r.assignment.dueDate), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Trạng thái', value: (r) => r.assignment.statusLabel, width: 20 },
      { header: 'Tiến độ (%)', value: (r) => r.assignment.percent, width: 10 },
    ], rows);
    return sendXlsx(reply, `nhiem-vu-cua-toi-${deps.today()}.xlsx`, body);
  });

  app.post('/api/v1/assignments/:id/progress', {
    preHandler: requirePermission('task.report'),
    schema: { tags: ['plans'], summary: 'Báo cáo tiến độ nhiệm vụ', params: IdParams, body: ProgressBody },
  }, async (req, reply) => reply.code(201).send(await reportProgress(deps.db, req.actor, req.params.id, req.body, deps.today())));

  app.post('/api/v1/assignments/:id/evidence', {
    preHandler: requirePermission('task.report'),
    schema: { tags: ['plans'], summary: 'Tải lên tệp minh chứng (multipart, trường "file")', params: IdParams, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    return reply.code(201).send(await addEvidence(deps.db, req.actor, req.params.id, await readUpload(req, 'evidence', EVIDENCE_TYPES)));
  });

  app.get('/api/v1/evidence/:id', { ...read, schema: { tags: ['plans'], summary: 'Tải tệp minh chứng', params: IdParams } }, async (req, reply) => {
    const f = await getEvidence(deps.db, req.actor, req.params.id);
    return sendStoredFile(reply, f);
  });

  app.get('/api/v1/overdue', {
    preHandler: requirePermission('overdue.read'),
    schema: { tags: ['plans'], summary: 'Nhiệm vụ quá hạn (lọc; xuất XLSX với format=xlsx)', querystring: OverdueQuery },
  }, async (req, reply) => {
    const { format, ...filter } = req.query;
    const rows = await overdue(deps.db, req.actor, deps.today(), filter);
    if (format === 'json') return rows;
    type Row = (typeof rows)[number];
    const body = await xlsxBuffer<Row>('Quá hạn', `Nhiệm vụ quá hạn tính đến ngày ${formatVnDate(deps.today())}`, [
      { header: 'Kế hoạch', value: (r) => r.planNumber, width: 16 },
      { header: 'Mục', value: (r) => r.taskCode, width: 10 },
      { header: 'Nhiệm vụ', value: (r) => r.taskText, width: 70 },
      { header: 'Đơn vị chủ trì', value: (r) => r.unit.name, width: 36 },
      { header: 'Thời hạn', value: (r) => r.dueRuleText, width: 24 },
      { header: 'Hạn phải hoàn thành', value: (r) => excelDate(r.dueDate), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Kỳ', value: (r) => r.period, width: 8 },
      { header: 'Số ngày quá hạn', value: (r) => r.daysOverdue, format: '#,##0', width: 12 },
      { header: 'Tiến độ (%)', value: (r) => r.percent, width: 10 },
    ], rows);
    return sendXlsx(reply, `qua-han-${deps.today()}.xlsx`, body);
  });
}
