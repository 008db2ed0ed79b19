import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { sendXlsx, xlsxBuffer } from '../../http/xlsx.ts';
import { readUpload } from '../../http/upload.ts';
import { FORMAT_LABELS, FORMATS } from './formats.ts';
import { ResourceBody, ResourceDeleteBody, ResourceUpdateBody, SearchQuery, StatsQuery } from './model.ts';
import { attachResourceFile, createResource, deleteResource, getResource, publishResource, updateResource, resourceCounts, resourceFile, searchResources, type ResourceView } from './store.ts';
import { sendStoredFile } from '../../http/download.ts';

const IdParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ') });
const tags = ['resources'];

async function catalogueXlsx(reply: FastifyReply, rows: ResourceView[]) {
  const body = await xlsxBuffer('Hoc lieu', 'Danh mục học liệu mở', [
    { header: 'Tiêu đề', width: 40, value: (r: ResourceView) => r.title },
    { header: 'Chủ đề', value: (r) => r.subject },
    { header: 'Đối tượng', value: (r) => r.audience },
    { header: 'Định dạng', value: (r) => r.formatLabel },
    { header: 'Giấy phép', value: (r) => r.licence },
    { header: 'Đơn vị xuất bản', width: 30, value: (r) => r.publisher.name },
    { header: 'Liên kết', width: 40, value: (r) => r.url },
    { header: 'Trạng thái', value: (r) => (r.status === 'published' ? 'Đã công bố' : 'Bản nháp') },
  ], rows);
  return sendXlsx(reply, 'hoc-lieu-mo.xlsx', body);
}

export async function resourceRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { preHandler: requirePermission('resource.read') };
  const write = { preHandler: requirePermission('resource.write') };

  app.get('/api/v1/resources', { ...read, schema: { tags, summary: 'Tìm học liệu mở (không phân biệt dấu, phù hợp nhất trước; format=xlsx: tệp Excel)', querystring: SearchQuery } },
    async (req, reply) => {
      const rows = await searchResources(deps.db, req.actor, req.query.q, req.query.limit);
      return req.query.format === 'xlsx' ? catalogueXlsx(reply, rows) : rows;
    });
  app.post('/api/v1/resources', { ...write, schema: { tags, summary: 'Thêm học liệu mở (bản nháp)', body: ResourceBody } },
    async (req, reply) => reply.code(201).send(await createResource(deps.db, req.actor, req.body)));
  app.get('/api/v1/resources/:id', { ...read, schema: { tags, summary: 'Một học liệu (đã công bố, hoặc bản nháp của đơn vị trong phạm vi)', params: IdParams } },
    async (req) => getResource(deps.db, req.actor, req.params.id));
  app.put('/api/v1/resources/:id', { ...write, schema: { tags, summary: 'Sửa học liệu (theo phiên bản)', params: IdParams, body: ResourceUpdateBody } },
    async (req) => updateResource(deps.db, req.actor, req.params.id, req.body));
  app.delete('/api/v1/resources/:id', { ...write, schema: { tags, summary: 'Xóa học liệu (theo phiên bản, nêu lý do)', params: IdParams, body: ResourceDeleteBody } },
    async (req, reply) => {
      await deleteResource(deps.db, req.actor, req.params.id, req.body);
      return reply.code(204).send();
    });
  app.post('/api/v1/resources/:id/publish', { preHandler: requirePermission('resource.publish'), schema: { tags, summary: 'Công bố học liệu (hiện trên cổng công khai)', params: IdParams } },
    async (req) => publishResource(deps.db, req.actor, req.params.id));
  app.post('/api/v1/resources/:id/file', { ...write, schema: { tags, summary: 'Tải tệp học liệu lên (multipart, trường "file"; PDF, DOCX, XLSX, PPTX, MP4, JPG, PNG)', params: IdParams, consumes: ['multipart/form-data'] } },
    async (req) => {
      const { fileName, content } = await readUpload(req, 'resource.file'); // the type is checked by content
      return attachResourceFile(deps.db, req.actor, req.params.id, { fileName, content });
    });
  app.get('/api/v1/resources/:id/file', { ...read, schema: { tags, summary: 'Tải tệp học liệu', params: IdParams } },
    async (req, reply) => sendStoredFile(reply, await resourceFile(deps.db, req.actor, req.params.id)));
  app.get('/api/v1/resources/counts', { ...read, schema: { tags, summary: 'Số học liệu số đã công bố theo đơn vị và định dạng trong năm (format=xlsx: tệp Excel)', querystring: StatsQuery } },
    async (req, reply) => {
      const c = await resourceCounts(deps.db, req.actor, req.query.year);
      if (req.query.format === 'json') return c;
      const body = await xlsxBuffer('Hoc lieu so', `Số học liệu số đã công bố năm ${c.year}`, [
        { header: 'Mã đơn vị', value: (u: (typeof c.units)[number]) => u.unit.code },
        { header: 'Đơn vị xuất bản', width: 36, value: (u) => u.unit.name },
        ...FORMATS.map((f) => ({ header: FORMAT_LABELS[f], format: '#,##0', value: (u: (typeof c.units)[number]) => u.byFormat[f] ?? 0 })),
        { header: 'Tổng', format: '#,##0', value: (u) => u.total },
      ], c.units);
      return sendXlsx(reply, `hoc-lieu-so-${c.year}.xlsx`, body);
    });

  // ---- public portal: published resources only, no session
  app.get('/api/public/v1/resources', { schema: { tags: ['public'], summary: 'Học liệu mở đã công bố (tìm không phân biệt dấu)', querystring: SearchQuery.omit({ format: true }) } },
    async (req) => searchResources(deps.db, null, req.query.q, req.query.limit));
  app.get('/api/public/v1/resources/:id/file', { schema: { tags: ['public'], summary: 'Tải tệp học liệu đã công bố', params: IdParams } },
    async (req, reply) => sendStoredFile(reply, await resourceFile(deps.db, null, req.params.id)));
}
