import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { problem } from '../../http/problem.ts';
import { sendXlsx, xlsxBuffer } from '../../http/xlsx.ts';
import { sendStoredFile } from '../../http/download.ts';
import { readUpload } from '../../http/upload.ts';
import { campaignInScope, createCampaign, listCampaigns, publicCampaign, selfServiceSubmit } from './campaign.ts';
import { certificateDocx, qrImage, registrationCertificate, verifyCertificate } from './certificate.ts';
import { importRegistrations, registrationTemplate } from './bulk-import.ts';
import { addEvidence, getEvidenceFile } from './evidence.ts';
import {
  ActionBody, AssessmentBody, CampaignBody, IdParams, LinkBody, RecogniseBody, RegistrationBody, RegistrationQuery, RevokeBody, SelfServiceBody, SubjectBody, SubjectQuery,
} from './model.ts';
import { recognise, revoke } from './recognition.ts';
import { actOnRegistration, createRegistration, EXPORT_LIMIT, getRegistration, listRegistrations, saveAssessment } from './registration.ts';
import { addMember, createSubject, listMembers, listSubjects, removeMember } from './subjects.ts';
import { MODEL_LABELS, MODEL_TYPES, STATUS_LABELS, SUBJECT_KIND_LABELS } from './workflow.ts';

/** Learning models (issue 5): subjects, registrations and their workflow, certificates, campaigns, and the public pages' API. */
const CodeParams = z.object({ code: z.string().trim().min(4).max(20) });
const channelLabel = { officer: 'Cán bộ nhập', on_behalf: 'Nhập hộ', self_service: 'Người dân tự đăng ký' } as const;
const vnDate = (iso: string | null) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '');
const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
/** The honest line an export carries when the filtered list is longer than one file holds. */
const capNote = (exported: number, total: number) =>
  exported < total ? `CHỈ XUẤT ${exported.toLocaleString('vi-VN')}/${total.toLocaleString('vi-VN')} dòng đầu; hãy lọc thêm để xuất phần còn lại` : null;

export async function learningModelRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['learning-models'];
  const read = { preHandler: requirePermission('model.read') };
  const register = { preHandler: requirePermission('model.register') };

  app.post('/api/v1/learning-subjects', { ...register, schema: { tags, summary: 'Thêm đối tượng (công dân, gia đình, dòng họ, cộng đồng, đơn vị…)', body: SubjectBody } },
    async (req, reply) => reply.code(201).send(await createSubject(deps.db, req.actor, req.body)));

  app.get('/api/v1/learning-subjects', {
    ...read, schema: { tags, summary: 'Tìm đối tượng trong phạm vi (theo trang: page, pageSize; format=xlsx: cả danh sách đã lọc)', querystring: SubjectQuery },
  }, async (req, reply) => {
    const { format, page, pageSize, ...filter } = req.query;
    if (format === 'json') {
      const r = await listSubjects(deps.db, req.actor, filter, { offset: (page - 1) * pageSize, limit: pageSize });
      return { ...r, page, pageSize };
    }
    const r = await listSubjects(deps.db, req.actor, filter, { offset: 0, limit: EXPORT_LIMIT }, 'export');
    type Row = (typeof r.items)[number];
    const title = ['Đối tượng mô hình học tập', filter.kind && SUBJECT_KIND_LABELS[filter.kind], filter.q && `tìm “${filter.q}”`, capNote(r.items.length, r.total)].filter(Boolean).join(' — ');
    const body = await xlsxBuffer<Row>('Đối tượng', title, [
      { header: 'Tên', value: (x) => x.name, width: 32 },
      { header: 'Loại', value: (x) => SUBJECT_KIND_LABELS[x.kind], width: 18 },
      { header: 'Năm sinh', value: (x) => x.birthYear, width: 10 },
      { header: 'Đơn vị', value: (x) => x.unit.name, width: 28 },
      { header: 'Thuộc gia đình / dòng họ', value: (x) => x.memberOf?.name ?? null, width: 28 },
      { header: 'Số thành viên', value: (x) => x.members, width: 12 },
    ], r.items);
    return sendXlsx(reply.header('x-total-count', String(r.total)), `doi-tuong-mo-hinh-hoc-tap-${deps.today()}.xlsx`, body);
  });

  const MemberParams = IdParams.extend({ memberId: IdParams.shape.id });
  app.get('/api/v1/learning-subjects/:id/members', { ...read, schema: { tags, summary: 'Thành viên của gia đình (công dân) hoặc dòng họ (hộ gia đình) trong phạm vi', params: IdParams } },
    async (req) => listMembers(deps.db, req.actor, req.params.id));

  app.post('/api/v1/learning-subjects/:id/members', {
    ...register, schema: { tags, summary: 'Thêm công dân vào gia đình, hoặc hộ gia đình vào dòng họ (cả hai trong phạm vi)', params: IdParams, body: z.strictObject({ memberId: IdParams.shape.id }) },
  }, async (req, reply) => reply.code(201).send(await addMember(deps.db, req.actor, req.params.id, req.body.memberId)));

  app.delete('/api/v1/learning-subjects/:id/members/:memberId', { ...register, schema: { tags, summary: 'Bỏ một thành viên khỏi gia đình hoặc dòng họ', params: MemberParams } },
    async (req) => removeMember(deps.db, req.actor, req.params.id, req.params.memberId));

  app.post('/api/v1/model-registrations', { ...register, schema: { tags, summary: 'Đăng ký mô hình học tập của một năm (nhập hộ: onBehalf)', body: RegistrationBody } }, async (req, reply) => {
    const r = await createRegistration(deps.db, req.actor, req.body, deps.today());
    return reply.code(r.replayed ? 200 : 201).send(r);
  });

  app.get('/api/v1/model-registrations', { ...read, schema: { tags, summary: 'Danh sách hồ sơ đăng ký (lọc; format=xlsx: tệp Excel)', querystring: RegistrationQuery } }, async (req, reply) => {
    const { format, page, pageSize, ...filter } = req.query;
    if (format === 'json') {
      const r = await listRegistrations(deps.db, req.actor, filter, { offset: (page - 1) * pageSize, limit: pageSize }, deps.today());
      return { ...r, page, pageSize };
    }
    const { items: rows, total } = await listRegistrations(deps.db, req.actor, filter, { offset: 0, limit: EXPORT_LIMIT }, deps.today());
    type Row = (typeof rows)[number];
    const title = ['Hồ sơ đăng ký mô hình học tập', filter.modelType && MODEL_LABELS[filter.modelType], filter.year && `năm ${filter.year}`, filter.status && STATUS_LABELS[filter.status], capNote(rows.length, total)]
      .filter(Boolean).join(' — ');
    const body = await xlsxBuffer<Row>('Hồ sơ', title, [
      { header: 'Đối tượng', value: (r) => r.subject.name, width: 32 },
      { header: 'Năm sinh', value: (r) => r.subject.birthYear, width: 10 },
      { header: 'Đơn vị', value: (r) => r.unit.name, width: 28 },
      { header: 'Mô hình', value: (r) => r.modelLabel, width: 26 },
      { header: 'Năm', value: (r) => r.year, width: 8 },
      { header: 'Trạng thái', value: (r) => r.statusLabel, width: 22 },
      { header: 'Cách đăng ký', value: (r) => channelLabel[r.channel as keyof typeof channelLabel], width: 20 },
      { header: 'Tự đánh giá', value: (r) => r.selfTotal, width: 12 },
      { header: 'Thẩm định', value: (r) => r.reviewTotal, width: 12 },
      { header: 'Điểm tối đa', value: (r) => r.maxTotal, width: 12 },
      { header: 'Số quyết định', value: (r) => r.decision?.number ?? null, width: 18 },
      { header: 'Ngày quyết định', value: (r) => vnDate(r.decision?.decidedOn ?? null), width: 14 },
    ], rows);
    return sendXlsx(reply.header('x-total-count', String(total)), `ho-so-mo-hinh-hoc-tap-${deps.today()}.xlsx`, body);
  });

  const BulkQuery = z.strictObject({ modelType: z.enum(MODEL_TYPES), year: z.coerce.number().int().min(2000, 'Năm từ 2000').max(2100) });
  app.get('/api/v1/model-registrations/template.xlsx', { ...register, schema: { tags, summary: 'Mẫu Excel đăng ký kèm điểm tự đánh giá (cột = chỉ số của bộ tiêu chí)', querystring: BulkQuery } }, async (req, reply) =>
    sendXlsx(reply, `mau-dang-ky-${req.query.modelType.replace(/_/g, '-')}-${req.query.year}.xlsx`, await registrationTemplate(deps.db, req.query.modelType, req.query.year)));

  app.post('/api/v1/model-registrations/imports', {
    ...register, schema: { tags, summary: 'Nhập hồ sơ đăng ký từ mẫu Excel; dryRun=true (mặc định) chỉ kiểm tra, ghi khi mọi dòng hợp lệ', querystring: BulkQuery.extend({ dryRun: z.enum(['true', 'false']).default('true') }), consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const { content } = await readUpload(req, 'import'); // past the configured size: 413; the content is checked by parsing it
    const r = await importRegistrations(deps.db, req.actor, content, { ...req.query, dryRun: req.query.dryRun === 'true' }, deps.today());
    if (r.errors.length) {
      throw problem(422, 'import.invalid', `Tệp có ${r.errors.length.toLocaleString('vi-VN')} lỗi; chưa ghi hồ sơ nào`, {
        errors: r.errors.map((e) => ({ field: e.cell, code: e.code, message: e.message })),
      });
    }
    return reply.code(r.dryRun ? 200 : 201).send({ dryRun: r.dryRun, rows: r.rows, created: r.created, reused: r.reused, passed: r.passed });
  });

  app.get('/api/v1/model-registrations/:id', { ...read, schema: { tags, summary: 'Hồ sơ: điểm, minh chứng, lịch sử, thao tác được phép', params: IdParams } },
    async (req) => getRegistration(deps.db, req.actor, req.params.id, deps.today()));

  app.put('/api/v1/model-registrations/:id/self-assessment', { ...register, schema: { tags, summary: 'Lưu điểm tự đánh giá (khi đang lập hoặc bị trả lại)', params: IdParams, body: AssessmentBody } },
    async (req) => saveAssessment(deps.db, req.actor, req.params.id, 'self', req.body));

  app.put('/api/v1/model-registrations/:id/review', { ...read, schema: { tags, summary: 'Lưu điểm thẩm định của cấp đang xét', params: IdParams, body: AssessmentBody } },
    async (req) => saveAssessment(deps.db, req.actor, req.params.id, 'review', req.body));

  app.post('/api/v1/model-registrations/:id/actions', { ...read, schema: { tags, summary: 'Nộp, đề nghị công nhận, trả lại, không công nhận', params: IdParams, body: ActionBody } },
    async (req) => actOnRegistration(deps.db, req.actor, req.params.id, req.body, deps.today()));

  app.post('/api/v1/model-registrations/:id/recognition', {
    preHandler: requirePermission('model.recognise'), schema: { tags, summary: 'Công nhận theo quyết định (số, ngày, người ký, thời hạn); cấp giấy chứng nhận', params: IdParams, body: RecogniseBody },
  }, async (req) => recognise(deps.db, req.actor, req.params.id, req.body, deps.today()));

  app.post('/api/v1/model-registrations/:id/revocation', {
    preHandler: requirePermission('model.recognise'),
    schema: { tags, summary: 'Thu hồi công nhận theo quyết định (số, ngày) với lý do; chỉ cấp đã công nhận; giấy chứng nhận hết hiệu lực', params: IdParams, body: RevokeBody },
  }, async (req) => revoke(deps.db, req.actor, req.params.id, req.body, deps.today()));

  app.post('/api/v1/model-registrations/:id/evidence', {
    ...register, schema: { tags, summary: 'Tải lên minh chứng (multipart, trường "file"; PDF, JPG, PNG, DOCX, XLSX)', params: IdParams, querystring: z.strictObject({ indicator: z.string().max(40).optional() }), consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const { fileName, content } = await readUpload(req, 'evidence'); // the type is checked by content in addEvidence
    return reply.code(201).send(await addEvidence(deps.db, req.actor, req.params.id, { fileName, content, indicator: req.query.indicator }));
  });

  app.post('/api/v1/model-registrations/:id/evidence-links', { ...register, schema: { tags, summary: 'Thêm liên kết minh chứng', params: IdParams, body: LinkBody } },
    async (req, reply) => reply.code(201).send(await addEvidence(deps.db, req.actor, req.params.id, req.body)));

  app.get('/api/v1/model-evidence/:id', { ...read, schema: { tags, summary: 'Tải tệp minh chứng', params: IdParams } }, async (req, reply) => {
    const f = await getEvidenceFile(deps.db, req.actor, req.params.id);
    return sendStoredFile(reply, f);
  });

  app.get('/api/v1/model-registrations/:id/certificate', { ...read, schema: { tags, summary: 'Giấy chứng nhận (DOCX) có mã QR xác minh', params: IdParams } }, async (req, reply) => {
    const c = await registrationCertificate(deps.db, req.actor, req.params.id);
    const body = await certificateDocx(c, `${origin(req)}/xac-minh/${c.code}`);
    return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="giay-chung-nhan-${c.code}.docx"`).send(body);
  });

  app.post('/api/v1/model-campaigns', { ...register, schema: { tags, summary: 'Tạo đợt đăng ký có mã QR cho người dân', body: CampaignBody } },
    async (req, reply) => reply.code(201).send(await createCampaign(deps.db, req.actor, req.body, deps.today())));

  app.get('/api/v1/model-campaigns', { ...read, schema: { tags, summary: 'Các đợt đăng ký trong phạm vi' } }, async (req) => listCampaigns(deps.db, req.actor));

  app.get('/api/v1/model-campaigns/:id/qr', {
    ...read, schema: { tags, summary: 'Mã QR của trang đăng ký công khai (PNG hoặc SVG)', params: IdParams, querystring: z.strictObject({ format: z.enum(['png', 'svg']).default('png') }) },
  }, async (req, reply) => {
    const c = await campaignInScope(deps.db, req.actor, req.params.id);
    const image = await qrImage(`${origin(req)}/cong-khai/hoc-tap/${c.code}`, req.query.format);
    return reply.type(req.query.format === 'png' ? 'image/png' : 'image/svg+xml').header('content-disposition', `inline; filename="qr-${c.code}.${req.query.format}"`).send(image);
  });

  // Anonymous: rate-limited per address; nothing here reveals more than a masked name.
  app.get('/api/public/v1/certificates/:code', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags: ['public'], summary: 'Xác minh giấy chứng nhận theo mã', params: CodeParams },
  }, async (req) => verifyCertificate(deps.db, req.params.code, deps.today()));

  app.get('/api/public/v1/model-campaigns/:code', {
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags: ['public'], summary: 'Đợt đăng ký và bộ tiêu chí để người dân tự đánh giá', params: CodeParams },
  }, async (req) => publicCampaign(deps.db, req.params.code.toUpperCase(), deps.today()));

  app.post('/api/public/v1/model-campaigns/:code/submissions', {
    // Generous and configurable: a commune hall's residents often share one address behind the same Wi-Fi.
    config: { rateLimit: { max: deps.config.selfServicePerMinute, timeWindow: '1 minute' } },
    schema: { tags: ['public'], summary: 'Người dân đăng ký và nộp tự đánh giá (gửi lại cùng submissionKey không tạo hồ sơ mới)', params: CodeParams, body: SelfServiceBody },
  }, async (req, reply) => {
    const r = await selfServiceSubmit(deps.db, req.params.code.toUpperCase(), req.body, deps.today());
    return reply.code(r.replayed ? 200 : 201).send(r);
  });
}
