import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { excelDate, sendXlsx, xlsxBuffer } from '../../http/xlsx.ts';
import { formatVnDate } from '../plans/deadlines.ts';
import { CentreBody, CentreQuery, CentreUpdateBody, CentreYearParams, IdParams, ReorganiseBody, ReviewBody, YearBody } from './model.ts';
import { centreSummary, createCentre, getCentre, listCentres, reorganiseCentre, reviewYear, saveYear, updateCentre, type CentreRow } from './store.ts';

export async function learningCentreRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { preHandler: requirePermission('centre.read') };
  const write = { preHandler: requirePermission('centre.write') };
  const review = { preHandler: requirePermission('centre.review') };
  const tags = ['learning-centres'];

  app.get('/api/v1/learning-centres', { ...read, schema: { tags, summary: 'Trung tâm học tập cộng đồng hoạt động tại một ngày (format=xlsx: tệp Excel)', querystring: CentreQuery } }, async (req, reply) => {
    const { format, ...f } = req.query;
    const at = f.at ?? deps.today();
    const year = f.year ?? Number(at.slice(0, 4));
    const rows = await listCentres(deps.db, req.actor, { ...f, at, year });
    if (format === 'json') return rows;
    const yes = (b: boolean) => (b ? 'có' : 'không');
    const body = await xlsxBuffer<CentreRow>('TTHTCĐ', `Trung tâm học tập cộng đồng hoạt động ngày ${formatVnDate(at)}; số liệu năm ${year}`, [
      { header: 'Tên trung tâm', value: (c) => c.name, width: 36 },
      { header: 'Xã, phường (tại ngày)', value: (c) => c.commune.name, width: 26 },
      { header: 'Mã xã', value: (c) => c.commune.code, width: 10 },
      { header: 'Trực thuộc', value: (c) => c.commune.parent?.name ?? null, width: 26 },
      { header: 'Hoạt động từ', value: (c) => excelDate(c.validFrom), format: 'dd/mm/yyyy', width: 14 },
      { header: 'Cần sắp xếp lại', value: (c) => yes(c.needsReorganisation), width: 12 },
      { header: 'Cán bộ quản lý', value: (c) => c.staff.managers, format: '#,##0', width: 10 },
      { header: 'Giáo viên', value: (c) => c.staff.teachers, format: '#,##0', width: 10 },
      { header: 'Cộng tác viên', value: (c) => c.staff.collaborators, format: '#,##0', width: 10 },
      { header: 'Ứng dụng CNTT trong quản lý', value: (c) => yes(c.itManagement), width: 12 },
      { header: 'Ứng dụng CNTT trong dạy học', value: (c) => yes(c.itTeaching), width: 12 },
      { header: 'Số buổi', value: (c) => c.sessions, format: '#,##0', width: 10 },
      { header: 'Lượt người tham gia', value: (c) => c.participants, format: '#,##0', width: 12 },
      { header: 'Tự đánh giá', value: (c) => c.selfRatingLabel, width: 12 },
      { header: 'Đánh giá (thẩm định)', value: (c) => c.reviewedRatingLabel, width: 12 },
      { header: 'Dữ liệu mẫu', value: (c) => (c.demo ? 'mẫu' : null), width: 10 },
    ], rows);
    return sendXlsx(reply, `tthtcd-${at}.xlsx`, body);
  });

  app.get('/api/v1/learning-centres/summary', {
    ...read, schema: { tags, summary: 'Tổng hợp cho chỉ số: số trung tâm, tỷ lệ ứng dụng CNTT, người tham gia trong năm', querystring: z.strictObject({ within: CentreQuery.shape.within, year: CentreQuery.shape.year.unwrap() }) },
  }, async (req) => centreSummary(deps.db, req.actor, { ...req.query, today: deps.today() }));

  app.get('/api/v1/learning-centres/:id', { ...read, schema: { tags, summary: 'Một trung tâm: xã, nhân sự, sắp xếp lại, số liệu từng năm', params: IdParams } },
    async (req) => getCentre(deps.db, req.actor, req.params.id));
  app.post('/api/v1/learning-centres', { ...write, schema: { tags, summary: 'Thêm trung tâm học tập cộng đồng', body: CentreBody } },
    async (req, reply) => reply.code(201).send(await createCentre(deps.db, req.actor, req.body)));
  app.put('/api/v1/learning-centres/:id', { ...write, schema: { tags, summary: 'Sửa tên, quyết định thành lập, nhân sự', params: IdParams, body: CentreUpdateBody } },
    async (req) => updateCentre(deps.db, req.actor, req.params.id, req.body));
  app.post('/api/v1/learning-centres/:id/reorganise', { ...write, schema: { tags, summary: 'Sắp xếp lại trung tâm của xã đã sáp nhập vào trung tâm của xã kế thừa', params: IdParams, body: ReorganiseBody } },
    async (req) => reorganiseCentre(deps.db, req.actor, req.params.id, req.body));
  app.put('/api/v1/learning-centres/:id/years/:year', { ...write, schema: { tags, summary: 'Báo cáo năm: lớp, buổi, người tham gia theo chủ đề; ứng dụng CNTT; tự đánh giá', params: CentreYearParams, body: YearBody } },
    async (req) => saveYear(deps.db, req.actor, req.params.id, req.params.year, req.body));
  app.post('/api/v1/learning-centres/:id/years/:year/review', { ...review, schema: { tags, summary: 'Đánh giá (thẩm định) năm của trung tâm', params: CentreYearParams, body: ReviewBody } },
    async (req) => reviewYear(deps.db, req.actor, req.params.id, req.params.year, req.body));
}
