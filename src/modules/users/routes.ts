import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/context.ts';
import { createBody, listQuery, patchBody, resetBody, userListItem } from './schemas.ts';
import * as service from './service.ts';

const admin = { access: ['admin'] as const };

export function userRoutes(app: FastifyInstance, { db }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/api/admin/users',
    {
      config: admin,
      schema: {
        tags,
        summary: '用户列表（手机号脱敏）',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(userListItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => service.list(db, req.query),
  );

  r.post(
    '/api/admin/users',
    {
      config: admin,
      schema: {
        tags,
        summary: '新建用户（首次登录须改密码）',
        body: createBody,
        response: { 201: z.object({ id: z.number() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await service.create(db, req.body, actorOf(req)) }),
  );

  r.patch(
    '/api/admin/users/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: '修改用户（角色、部门、启停用）',
        params: idParams,
        body: patchBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.update(db, req.params.id, req.body, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/admin/users/:id/reset-password',
    {
      config: admin,
      schema: {
        tags,
        summary: '重置密码（用户下次登录须修改）',
        params: idParams,
        body: resetBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.resetPassword(db, req.params.id, req.body.password, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/admin/users/:id/unlock',
    {
      config: admin,
      schema: { tags, summary: '解除登录锁定', params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await service.unlock(db, req.params.id, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
