import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../http/app.ts';
import { attachment, sendStoredFile } from '../../http/download.ts';
import { notAllowed } from '../../http/problem.ts';
import { readUpload } from '../../http/upload.ts';
import { sendXlsx, xlsxBuffer } from '../../http/xlsx.ts';
import { officialDocx } from '../reports/docx/official.ts';
import { assessmentDocument, figureText } from './document.ts';
import { ActionBody, CityBody, CityParams, EvidenceParams, LinkBody, ReviewBody, ROLES, SaveBody, VersionBody, YearParams } from './model.ts';
import {
  addEvidence, createCity, currentFramework, getAssessment, getCity, getEvidenceFile, listCities, removeEvidence, reviewAssessment, saveAssessment, submitAssessment, updateCity,
  type AssessmentView,
} from './store.ts';

const role = (what: keyof typeof ROLES) => async (req: FastifyRequest) => {
  if (!(ROLES[what] as readonly string[]).includes(req.actor.role)) throw notAllowed(`learning_city.${what}`);
};

type FeatureRow = AssessmentView['areas'][number]['features'][number] & { area: string };

export async function learningCityRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['learning-cities'];
  const read = { preHandler: role('read') };
  const write = { preHandler: role('write') };

  app.get('/api/v1/learning-city-framework', { ...read, schema: { tags, summary: 'Khung "Các đặc trưng chính của thành phố học tập" (UNESCO) đang dùng, với dấu xác minh' } },
    async () => currentFramework(deps.db));

  app.get('/api/v1/learning-cities', { ...read, schema: { tags, summary: 'Thành phố học tập trong phạm vi, với bản tự đánh giá gần nhất' } },
    async (req) => listCities(deps.db, req.actor, deps.today()));
  app.post('/api/v1/learning-cities', { preHandler: role('manage'), schema: { tags, summary: 'Thêm thành phố học tập (gắn với đơn vị hành chính; sau sắp xếp phủ các đơn vị kế thừa)', body: CityBody } },
    async (req, reply) => reply.code(201).send(await getCity(deps.db, req.actor, await createCity(deps.db, req.actor, req.body), deps.today())));
  app.get('/api/v1/learning-cities/:id', { ...read, schema: { tags, summary: 'Một thành phố học tập: các đơn vị theo thời gian, các năm tự đánh giá', params: CityParams } },
    async (req) => getCity(deps.db, req.actor, req.params.id, deps.today()));
  app.put('/api/v1/learning-cities/:id', {
    preHandler: role('manage'), schema: { tags, summary: 'Sửa năm kết nạp GNLC, ghi chú', params: CityParams, body: z.strictObject({ gnlcYear: CityBody.shape.gnlcYear.unwrap(), note: CityBody.shape.note, version: z.number().int().min(1) }) },
  }, async (req) => {
    await updateCity(deps.db, req.actor, req.params.id, req.body);
    return getCity(deps.db, req.actor, req.params.id, deps.today());
  });

  app.get('/api/v1/learning-cities/:id/assessments/:year', {
    ...read, schema: { tags, summary: 'Bản tự đánh giá của một năm (format=xlsx: bảng đặc trưng; format=docx: báo cáo tóm tắt để in)', params: YearParams, querystring: z.strictObject({ format: z.enum(['json', 'xlsx', 'docx']).default('json') }) },
  }, async (req, reply) => {
    const v = await getAssessment(deps.db, req.actor, req.params.id, req.params.year, deps.today());
    if (req.query.format === 'json') return v;
    const slug = `tu-danh-gia-${v.city.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${v.year}`;
    if (req.query.format === 'xlsx') {
      const rows: FeatureRow[] = v.areas.flatMap((a) => a.features.map((f) => ({ ...f, area: `${a.code}. ${a.name}` })));
      const body = await xlsxBuffer<FeatureRow>('Đặc trưng', `${v.city.name} — tự đánh giá thành phố học tập năm ${v.year} (${v.framework.name}, phiên bản ${v.framework.version})`, [
        { header: 'Lĩnh vực', value: (f) => f.area, width: 36 },
        { header: 'Mã', value: (f) => f.code, width: 8 },
        { header: 'Đặc trưng', value: (f) => f.name, width: 50 },
        { header: 'Xác minh', value: (f) => f.mark, width: 8 },
        { header: 'Mức', value: (f) => f.rating, width: 8 },
        { header: 'Mức (chữ)', value: (f) => f.ratingLabel, width: 18 },
        { header: 'Căn cứ', value: (f) => (f.basis === 'indicators' ? 'Chỉ số' : 'Minh chứng'), width: 12 },
        { header: 'Số liệu của hệ thống', value: (f) => f.indicators.map(figureText).join('\n') || null, width: 50 },
        { header: 'Số minh chứng', value: (f) => f.evidence.length, width: 10 },
        { header: 'Thuyết minh', value: (f) => f.narrative, width: 60 },
        { header: 'Ý kiến của Sở', value: (f) => f.reviewComment, width: 40 },
      ], rows);
      return sendXlsx(reply, `${slug}.xlsx`, body);
    }
    const province = v.city.provinceNow ?? v.city.province.name;
    const anchorAlive = v.city.anchor && (!v.city.anchor.validTo || v.city.anchor.validTo >= `${v.year}-12-31`);
    const doc = assessmentDocument(v, {
      date: deps.today(), province: anchorAlive ? v.city.province.name : province,
      addressee: anchorAlive ? 'Sở Giáo dục và Đào tạo' : `Ủy ban nhân dân ${province.replace(/^Tỉnh\s+/, 'tỉnh ').replace(/^Thành phố\s+/, 'thành phố ')}`,
    });
    return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').header('content-disposition', attachment(`${slug}.docx`)).send(await officialDocx(doc));
  });

  app.put('/api/v1/learning-cities/:id/assessments/:year', { ...write, schema: { tags, summary: 'Lưu mức, thuyết minh của các đặc trưng (bản nháp hoặc bản bị trả lại)', params: YearParams, body: SaveBody } }, async (req) => {
    await saveAssessment(deps.db, req.actor, req.params.id, req.params.year, req.body);
    return getAssessment(deps.db, req.actor, req.params.id, req.params.year, deps.today());
  });
  app.post('/api/v1/learning-cities/:id/assessments/:year/submit', { ...write, schema: { tags, summary: 'Thành phố gửi bản tự đánh giá cho Sở GDĐT', params: YearParams, body: ActionBody } }, async (req) => {
    await submitAssessment(deps.db, req.actor, req.params.id, req.params.year, req.body);
    return getAssessment(deps.db, req.actor, req.params.id, req.params.year, deps.today());
  });
  app.post('/api/v1/learning-cities/:id/assessments/:year/review', { preHandler: role('review'), schema: { tags, summary: 'Sở GDĐT chấp nhận hoặc trả lại kèm ý kiến', params: YearParams, body: ReviewBody } }, async (req) => {
    await reviewAssessment(deps.db, req.actor, req.params.id, req.params.year, req.body);
    return getAssessment(deps.db, req.actor, req.params.id, req.params.year, deps.today());
  });
  app.post('/api/v1/learning-cities/:id/assessments/:year/evidence-links', { ...write, schema: { tags, summary: 'Thêm liên kết minh chứng cho một đặc trưng', params: YearParams, body: LinkBody } },
    async (req, reply) => reply.code(201).send(await addEvidence(deps.db, req.actor, req.params.id, req.params.year, req.body)));
  app.post('/api/v1/learning-cities/:id/assessments/:year/evidence', {
    ...write, schema: { tags, summary: 'Tải lên tệp minh chứng (multipart, trường "file"; PDF, JPG, PNG, DOCX, XLSX)', params: YearParams, querystring: z.strictObject({ featureCode: z.string().max(20) }), consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const { fileName, content } = await readUpload(req, 'evidence');
    return reply.code(201).send(await addEvidence(deps.db, req.actor, req.params.id, req.params.year, { featureCode: req.query.featureCode, fileName, content }));
  });
  app.delete('/api/v1/learning-cities/:id/assessments/:year/evidence/:evidenceId', {
    ...write, schema: { tags, summary: 'Gỡ một minh chứng (liên kết hoặc tệp) của bản nháp hoặc bản bị trả lại (theo phiên bản)', params: EvidenceParams, body: VersionBody },
  }, async (req) => removeEvidence(deps.db, req.actor, req.params.id, req.params.year, req.params.evidenceId, req.body));
  app.get('/api/v1/learning-city-evidence/:id', { ...read, schema: { tags, summary: 'Tải tệp minh chứng', params: CityParams } },
    async (req, reply) => sendStoredFile(reply, await getEvidenceFile(deps.db, req.actor, req.params.id)));
}
