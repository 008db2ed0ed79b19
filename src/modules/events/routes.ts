import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { excelDate, sendXlsx, xlsxBuffer } from '../../http/xlsx.ts';
import { createExemplary, listExemplary, publicExemplary, publicExemplaryProvinces, updateExemplary } from './exemplary.ts';
import { ActivityBody, ActivityUpdateBody, EventBody, EventDetailQuery, EventParams, EventQuery, ExemplaryBody, ExemplaryQuery, ExemplaryUpdateBody, IdParams, PublicExemplaryQuery } from './model.ts';
import { createActivity, createEvent, getEvent, listEvents, updateActivity, type EventDetail, type EventRow } from './store.ts';

type Activity = EventDetail['activities'][number];
const num = { format: '#,##0', width: 12 };
const date = { format: 'dd/mm/yyyy', width: 12 };

export async function eventRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { preHandler: requirePermission('event.read') };
  const write = { preHandler: requirePermission('event.write') };
  const manage = { preHandler: requirePermission('event.manage') };
  const tags = ['events'];

  app.get('/api/v1/events', { ...read, schema: { tags, summary: 'Lịch sự kiện của năm: sự kiện toàn quốc (tự sinh) và sự kiện, phong trào của địa phương (format=xlsx)', querystring: EventQuery } }, async (req, reply) => {
    const events = await listEvents(deps.db, req.actor, req.query.year);
    if (req.query.format === 'json') return events;
    return sendXlsx(reply, `su-kien-${req.query.year}.xlsx`, await xlsxBuffer<EventRow>('Sự kiện', `Lịch sự kiện năm ${req.query.year}`, [
      { header: 'Sự kiện', value: (e) => e.title, width: 40 },
      { header: 'Loại', value: (e) => (e.kind === 'national' ? 'Toàn quốc' : 'Địa phương'), width: 12 },
      { header: 'Đơn vị tổ chức', value: (e) => e.organiser?.name ?? null, width: 28 },
      { header: 'Từ ngày', value: (e) => excelDate(e.startsOn), ...date },
      { header: 'Đến ngày', value: (e) => excelDate(e.endsOn), ...date },
      { header: 'Số hoạt động', value: (e) => e.totals.activities, ...num },
      { header: 'Đã báo cáo', value: (e) => e.totals.reported, ...num },
      { header: 'Số buổi', value: (e) => e.totals.sessions, ...num },
      { header: 'Người tham gia', value: (e) => e.totals.participants, ...num },
      { header: 'Tin, bài truyền thông', value: (e) => e.totals.mediaPieces, ...num },
    ], events));
  });
  app.get('/api/v1/events/:id', { ...read, schema: { tags, summary: 'Một sự kiện và các hoạt động của các đơn vị trong phạm vi (format=xlsx)', params: EventParams, querystring: EventDetailQuery } }, async (req, reply) => {
    const e = await getEvent(deps.db, req.actor, req.params.id);
    if (req.query.format === 'json') return e;
    return sendXlsx(reply, `hoat-dong-${e.id}.xlsx`, await xlsxBuffer<Activity>('Hoạt động', `${e.title} (${e.startsOn.slice(0, 4)}): hoạt động của các đơn vị`, [
      { header: 'Đơn vị', value: (a) => a.unit.name, width: 28 },
      { header: 'Hoạt động', value: (a) => a.title, width: 40 },
      { header: 'Từ ngày', value: (a) => excelDate(a.startsOn), ...date },
      { header: 'Đến ngày', value: (a) => excelDate(a.endsOn), ...date },
      { header: 'Trạng thái', value: (a) => a.statusLabel, width: 16 },
      { header: 'Số buổi', value: (a) => a.sessions, ...num },
      { header: 'Người tham gia', value: (a) => a.participants, ...num },
      { header: 'Tin, bài truyền thông', value: (a) => a.mediaPieces, ...num },
      { header: 'Dữ liệu mẫu', value: (a) => (a.demo ? 'mẫu' : null), width: 10 },
    ], e.activities));
  });
  app.post('/api/v1/events', { ...manage, schema: { tags, summary: 'Thêm sự kiện, phong trào của địa phương', body: EventBody } },
    async (req, reply) => reply.code(201).send(await createEvent(deps.db, req.actor, req.body)));
  app.post('/api/v1/events/:id/activities', { ...write, schema: { tags, summary: 'Đơn vị lập kế hoạch hoặc báo cáo hoạt động hưởng ứng sự kiện', params: EventParams, body: ActivityBody } },
    async (req, reply) => reply.code(201).send(await createActivity(deps.db, req.actor, req.params.id, req.body, deps.today())));
  app.put('/api/v1/event-activities/:id', { ...write, schema: { tags, summary: 'Sửa, báo cáo kết quả hoạt động', params: IdParams, body: ActivityUpdateBody } },
    async (req) => updateActivity(deps.db, req.actor, req.params.id, req.body, deps.today()));

  app.get('/api/v1/exemplary', { ...read, schema: { tags, summary: 'Người học, mô hình tiêu biểu trong phạm vi', querystring: ExemplaryQuery } },
    async (req) => listExemplary(deps.db, req.actor, req.query.year));
  app.post('/api/v1/exemplary', { ...write, schema: { tags, summary: 'Thêm người học, mô hình tiêu biểu (kèm sự đồng ý công khai)', body: ExemplaryBody } },
    async (req, reply) => reply.code(201).send(await createExemplary(deps.db, req.actor, req.body, deps.today())));
  app.put('/api/v1/exemplary/:id', { ...write, schema: { tags, summary: 'Sửa; bỏ đồng ý thì gỡ khỏi cổng công khai ngay', params: IdParams, body: ExemplaryUpdateBody } },
    async (req) => updateExemplary(deps.db, req.actor, req.params.id, req.body, deps.today()));
  app.get('/api/public/v1/exemplary/provinces', { schema: { tags: ['public'], summary: 'Tỉnh, thành phố có người học, mô hình tiêu biểu đã đồng ý công khai' } },
    async () => publicExemplaryProvinces(deps.db, deps.today()));
  app.get('/api/public/v1/exemplary', { schema: { tags: ['public'], summary: 'Người học, mô hình tiêu biểu đã đồng ý công khai của một tỉnh', querystring: PublicExemplaryQuery } },
    async (req) => publicExemplary(deps.db, req.query.province));
}
