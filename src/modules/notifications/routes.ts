import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../http/app.ts';
import { listNotifications, markRead } from './store.ts';

const ReadBody = z.union([
  z.strictObject({ ids: z.array(z.string().regex(/^\d{1,18}$/)).min(1).max(200) }),
  z.strictObject({ all: z.literal(true) }),
]);

/** Every signed-in user reads and clears their own notifications (the user is part of each query). */
export async function notificationRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/notifications', { schema: { tags: ['notifications'], summary: 'Thông báo của tôi (mới nhất trước) và số chưa đọc' } },
    async (req) => listNotifications(deps.db, req.actor));
  app.post('/api/v1/notifications/read', { schema: { tags: ['notifications'], summary: 'Đánh dấu đã đọc (một số, hoặc tất cả)', body: ReadBody } },
    async (req) => ({ updated: await markRead(deps.db, req.actor, 'all' in req.body ? 'all' : req.body.ids) }));
}
