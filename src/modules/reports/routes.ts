import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { sendXlsx } from '../../http/xlsx.ts';
import { attachment, sendStoredFile } from '../../http/download.ts';
import { readUpload } from '../../http/upload.ts';
import { EVIDENCE_TYPES } from '../plans/model.ts';
import { boardArchive, boardXlsx, consolidatedAnnex, consolidatedDocx, unitReportDocx } from './documents.ts';
import { BoardQuery, ConsolidatedQuery, DOCX_TYPE, MyQuery, ObligationBody, ObligationQuery, ObligationUpdateBody, ObligationView, OpenBody, ReviewBody, SaveBody } from './model.ts';
import { createObligation, getObligation, listObligations, obligationView, updateObligation } from './obligations.ts';
import { act, addAttachment, board, getAttachment, getReport, myReports, openReport, remindOnBoard } from './store.ts';

const IdParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ') });
const sendDocx = (reply: FastifyReply, f: { fileName: string; body: Buffer }) => reply.type(DOCX_TYPE).header('content-disposition', attachment(f.fileName)).send(f.body);

export async function reportRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { preHandler: requirePermission('plan.read') };
  const submit = { preHandler: requirePermission('report.submit') };
  const review = { preHandler: requirePermission('report.review') };
  const tags = ['reports'];

  // ---- obligations
  app.get('/api/v1/reports/obligations', { ...read, schema: { tags, summary: 'Nghĩa vụ báo cáo (ai báo cáo, gửi ai, hạn, hạn kế tiếp)', querystring: ObligationQuery, response: { 200: z.array(ObligationView) } } },
    async (req) => (await listObligations(deps.db, req.actor, { plan: req.query.plan })).map((o) => obligationView(o, deps.today())));
  app.get('/api/v1/reports/obligations/:id', { ...read, schema: { tags, summary: 'Một nghĩa vụ báo cáo', params: IdParams, response: { 200: ObligationView } } },
    async (req) => obligationView(await getObligation(deps.db, req.actor, req.params.id), deps.today()));
  app.post('/api/v1/reports/obligations', { ...review, schema: { tags, summary: 'Thêm nghĩa vụ báo cáo', body: ObligationBody } },
    async (req, reply) => reply.code(201).send(obligationView(await createObligation(deps.db, req.actor, req.body), deps.today())));
  app.put('/api/v1/reports/obligations/:id', { ...review, schema: { tags, summary: 'Sửa nghĩa vụ báo cáo', params: IdParams, body: ObligationUpdateBody } },
    async (req) => obligationView(await updateObligation(deps.db, req.actor, req.params.id, req.body), deps.today()));

  // ---- a unit's reports
  app.get('/api/v1/reports/my', { ...submit, schema: { tags, summary: 'Báo cáo đơn vị tôi phải gửi (năm nay và năm trước)', querystring: MyQuery } },
    async (req) => myReports(deps.db, req.actor, deps.today(), req.query.year));
  app.post('/api/v1/reports/submissions', { ...submit, schema: { tags, summary: 'Mở (hoặc lấy) báo cáo của một đơn vị cho một kỳ', body: OpenBody } },
    async (req, reply) => reply.code(201).send(await openReport(deps.db, req.actor, req.body, deps.today())));
  app.get('/api/v1/reports/submissions/:id', { ...read, schema: { tags, summary: 'Một báo cáo: số liệu điền sẵn, nội dung, lịch sử', params: IdParams } },
    async (req) => getReport(deps.db, req.actor, req.params.id, deps.today()));
  app.put('/api/v1/reports/submissions/:id', { ...submit, schema: { tags, summary: 'Lưu nháp nội dung báo cáo', params: IdParams, body: SaveBody } },
    async (req) => act(deps.db, req.actor, req.params.id, 'save', req.body, deps.today()));
  app.post('/api/v1/reports/submissions/:id/submit', { ...submit, schema: { tags, summary: 'Gửi báo cáo', params: IdParams, body: SaveBody } },
    async (req) => act(deps.db, req.actor, req.params.id, 'submit', req.body, deps.today()));
  app.post('/api/v1/reports/submissions/:id/return', { ...review, schema: { tags, summary: 'Trả lại báo cáo kèm ý kiến', params: IdParams, body: ReviewBody } },
    async (req) => act(deps.db, req.actor, req.params.id, 'return', req.body, deps.today()));
  app.post('/api/v1/reports/submissions/:id/accept', { ...review, schema: { tags, summary: 'Chấp nhận báo cáo', params: IdParams, body: ReviewBody } },
    async (req) => act(deps.db, req.actor, req.params.id, 'accept', req.body, deps.today()));
  app.get('/api/v1/reports/submissions/:id/docx', { ...read, schema: { tags, summary: 'Báo cáo của đơn vị dạng DOCX (thể thức Nghị định 30/2020/NĐ-CP)', params: IdParams } },
    async (req, reply) => sendDocx(reply, await unitReportDocx(deps.db, req.actor, req.params.id, deps.today())));

  app.post('/api/v1/reports/submissions/:id/attachments', {
    ...submit, schema: { tags, summary: 'Đính kèm tệp vào báo cáo (multipart, trường "file")', params: IdParams, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    return reply.code(201).send(await addAttachment(deps.db, req.actor, req.params.id, await readUpload(req, 'attachment', EVIDENCE_TYPES)));
  });
  app.get('/api/v1/reports/attachments/:id', { ...read, schema: { tags, summary: 'Tải tệp đính kèm', params: IdParams } }, async (req, reply) => {
    const f = await getAttachment(deps.db, req.actor, req.params.id);
    return sendStoredFile(reply, f);
  });

  // ---- the coordinator's side
  app.get('/api/v1/reports/board', { ...review, schema: { tags, summary: 'Tình hình gửi báo cáo theo nghĩa vụ và năm (format=xlsx: tệp Excel)', querystring: BoardQuery } }, async (req, reply) => {
    const b = await board(deps.db, req.actor, req.query.obligation, req.query.year, deps.today());
    if (req.query.format === 'json') return b;
    const f = await boardXlsx(b);
    return sendXlsx(reply, f.fileName, f.body);
  });
  app.post('/api/v1/reports/board/remind', {
    ...review, schema: {
      tags, summary: 'Nhắc ngay các đơn vị chưa gửi báo cáo (một lần mỗi ngày cho mỗi đơn vị)',
      body: z.strictObject({ obligation: z.string().regex(/^\d{1,18}$/), year: z.number().int().min(2000).max(2100), unitIds: z.array(z.string().regex(/^\d{1,18}$/)).min(1).max(500).optional() }),
    },
  }, async (req) => remindOnBoard(deps.db, req.actor, req.body.obligation, req.body.year, req.body.unitIds, deps.today()));
  app.get('/api/v1/reports/board/archive', { ...review, schema: { tags, summary: 'Tải tất cả: báo cáo DOCX của các đơn vị đã gửi và bảng tình hình (ZIP)', querystring: BoardQuery.omit({ format: true }) } },
    async (req, reply) => {
      const f = await boardArchive(deps.db, req.actor, req.query.obligation, req.query.year, deps.today());
      return reply.type('application/zip').header('content-disposition', attachment(f.fileName)).send(f.body);
    });
  app.get('/api/v1/reports/consolidated', { ...review, schema: { tags, summary: 'Báo cáo tổng hợp của kế hoạch theo năm (DOCX) hoặc phụ lục số liệu (format=xlsx)', querystring: ConsolidatedQuery } },
    async (req, reply) => {
      const { plan, year, format } = req.query;
      if (format === 'xlsx') {
        const f = await consolidatedAnnex(deps.db, req.actor, plan, year, deps.today());
        return sendXlsx(reply, f.fileName, f.body);
      }
      return sendDocx(reply, await consolidatedDocx(deps.db, req.actor, plan, year, deps.today()));
    });
}
