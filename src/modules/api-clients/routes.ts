import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses, idParams, pageQuery } from '../../platform/http/schemas.ts';
import { callSchema, clientBody, clientPatch, clientSchema, clientWithKey } from './schemas.ts';
import * as service from './service.ts';

/** Administration of connected systems: register, scopes, rate limit, key rotation, revocation, call log. */
export function apiClientAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['api-clients'];
  const access = ['admin'] as const;

  r.get(
    '/api/admin/api-clients',
    {
      config: { access },
      schema: {
        tags,
        summary: 'API 客户端列表（对接系统）',
        response: { 200: z.object({ items: z.array(clientSchema) }), ...errorResponses },
      },
    },
    async () => ({ items: await service.listClients(db) }),
  );

  r.post(
    '/api/admin/api-clients',
    {
      config: { access },
      schema: {
        tags,
        summary: '登记对接系统并生成 API 密钥（密钥只显示一次）',
        body: clientBody,
        response: { 201: clientWithKey, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createClient(db, requireUser(req), actorOf(req), req.body)),
  );

  r.patch(
    '/api/admin/api-clients/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: '修改名称、渠道、权限范围、限流',
        params: idParams,
        body: clientPatch,
        response: { 200: z.object({ client: clientSchema }), ...errorResponses },
      },
    },
    async (req) => ({ client: await service.updateClient(db, actorOf(req), req.params.id, req.body) }),
  );

  r.post(
    '/api/admin/api-clients/:id/rotate',
    {
      config: { access },
      schema: {
        tags,
        summary: '更换密钥（旧密钥立即失效，新密钥只显示一次）',
        params: idParams,
        response: { 200: clientWithKey, ...errorResponses },
      },
    },
    async (req) => service.rotateKey(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/admin/api-clients/:id/revoke',
    {
      config: { access },
      schema: {
        tags,
        summary: '吊销（密钥立即失效，不可恢复）',
        params: idParams,
        response: { 200: z.object({ client: clientSchema }), ...errorResponses },
      },
    },
    async (req) => ({ client: await service.revokeClient(db, actorOf(req), req.params.id) }),
  );

  r.get(
    '/api/admin/api-clients/:id/calls',
    {
      config: { access },
      schema: {
        tags,
        summary: '调用日志（最新在前）',
        params: idParams,
        querystring: z.object(pageQuery),
        response: { 200: z.object({ items: z.array(callSchema), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => service.listCalls(db, req.params.id, req.query.page, req.query.pageSize),
  );
}
