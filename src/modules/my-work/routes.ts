import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db/index.ts';
import { requireUser } from '../../platform/http/access.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { todoResponse } from './schemas.ts';
import { myTodo, TODO_ROLES } from './service.ts';

/** 我的待办: each role's own queues, counted as the lists they link to count them. */
export function myWorkRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/my/todo',
    {
      config: { access: TODO_ROLES },
      schema: {
        tags: ['my-work'],
        summary: '我的待办：本角色（本部门、本人挂点）的各项待办数量与最早的几项',
        response: { 200: todoResponse, ...errorResponses },
      },
    },
    async (req) => ({ queues: await myTodo(db, requireUser(req)) }),
  );
}
