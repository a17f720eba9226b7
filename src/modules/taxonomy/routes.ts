import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/context.ts';
import { categoryCreate, categoryPatch, categorySchema, itemCreate, itemPatch } from './schemas.ts';
import * as service from './service.ts';

const admin = { access: ['admin'] as const };
const created = { 201: z.object({ id: z.number() }), ...errorResponses };
const noContent = { 204: z.null(), ...errorResponses };

export function taxonomyRoutes(app: FastifyInstance, { db }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['taxonomy'];

  r.get(
    '/api/taxonomy',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '诉求分类与服务事项（每项注明责任部门）',
        querystring: z.object({ all: z.enum(['true', 'false']).optional().describe('管理员可取含停用项的完整清单') }),
        response: { 200: z.object({ categories: z.array(categorySchema) }), ...errorResponses },
      },
    },
    async (req) => ({ categories: await service.tree(db, req.query.all === 'true' && req.user?.role === 'admin') }),
  );

  r.post(
    '/api/admin/taxonomy/categories',
    { config: admin, schema: { tags, summary: '新增一级分类', body: categoryCreate, response: created } },
    async (req, reply) => reply.status(201).send({ id: await service.createCategory(db, req.body, actorOf(req)) }),
  );

  r.patch(
    '/api/admin/taxonomy/categories/:id',
    {
      config: admin,
      schema: { tags, summary: '修改一级分类', params: idParams, body: categoryPatch, response: noContent },
    },
    async (req, reply) => {
      await service.updateCategory(db, req.params.id, req.body, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/admin/taxonomy/items',
    { config: admin, schema: { tags, summary: '新增服务事项', body: itemCreate, response: created } },
    async (req, reply) => reply.status(201).send({ id: await service.createItem(db, req.body, actorOf(req)) }),
  );

  r.patch(
    '/api/admin/taxonomy/items/:id',
    {
      config: admin,
      schema: { tags, summary: '修改服务事项（责任部门、等级、关键词、启停用）', params: idParams, body: itemPatch, response: noContent },
    },
    async (req, reply) => {
      await service.updateItem(db, req.params.id, req.body, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
