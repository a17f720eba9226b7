import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/context.ts';
import * as repo from './repository.ts';

const item = z
  .object({
    id: z.number(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    appealId: z.number().nullable(),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .meta({ id: 'Notification' });

export function notificationRoutes(app: FastifyInstance, { db }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  r.get(
    '/api/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '我的站内消息',
        querystring: z.object({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(100).default(30) }),
        response: { 200: z.object({ items: z.array(item), unread: z.number() }), ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const [rows, unread] = await Promise.all([
        repo.listFor(db, user.id, req.query.unread === 'true', req.query.limit),
        repo.unreadCount(db, user.id),
      ]);
      return {
        unread,
        items: rows.map((n) => ({
          id: n.id,
          title: n.title,
          body: n.body,
          link: n.link,
          appealId: n.appeal_id,
          createdAt: n.created_at.toISOString(),
          read: n.read_at !== null,
        })),
      };
    },
  );

  r.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '标记已读', params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await repo.markRead(db, requireUser(req).id, req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/notifications/read-all',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '全部标记已读', response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await repo.markRead(db, requireUser(req).id);
      return reply.status(204).send(null);
    },
  );
}
