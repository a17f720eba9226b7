import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses, errorSchema, idParams, pageQuery } from '../../platform/http/schemas.ts';
import { clientRateLimit } from '../api-clients/limits.ts';
import { requireClient } from '../api-clients/open-routes.ts';
import { deliverySchema, subscriptionBody, subscriptionSchema, subscriptionWithSecret } from './schemas.ts';
import * as service from './service.ts';

const deliveries = z.object({ items: z.array(deliverySchema), total: z.number() });

/** Webhook subscriptions: by an administrator for any client, or by a client for itself. */
export function webhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['webhooks'];
  const admin = ['admin'] as const;

  r.get(
    '/api/admin/api-clients/:id/webhooks',
    {
      config: { access: admin },
      schema: {
        tags,
        summary: '客户端的事件订阅',
        params: idParams,
        response: { 200: z.object({ items: z.array(subscriptionSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await service.listSubscriptions(db, req.params.id) }),
  );

  r.post(
    '/api/admin/api-clients/:id/webhooks',
    {
      config: { access: admin },
      schema: {
        tags,
        summary: '为客户端订阅事件（签名密钥只显示一次）',
        params: idParams,
        body: subscriptionBody,
        response: { 201: subscriptionWithSecret, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.subscribe(db, actorOf(req), req.params.id, req.body, ctx.config.webhookAllowPrivate)),
  );

  r.post(
    '/api/admin/webhooks/:id/unsubscribe',
    {
      config: { access: admin },
      schema: { tags, summary: '取消订阅（投递记录保留）', params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await service.unsubscribe(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/admin/webhooks/:id/deliveries',
    {
      config: { access: admin },
      schema: {
        tags,
        summary: '投递记录及结果（最新在前）',
        params: idParams,
        querystring: z.object(pageQuery),
        response: { 200: deliveries, ...errorResponses },
      },
    },
    async (req) => service.listDeliveries(db, req.params.id, req.query.page, req.query.pageSize),
  );

  r.post(
    '/api/admin/webhook-deliveries/:id/redeliver',
    {
      config: { access: admin },
      schema: {
        tags,
        summary: '重新投递（失败或等待重试的投递立即重发，重试次数清零；已送达、正在发送或订阅已结束的不重发）',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.redeliver(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // The same, for a connected system managing its own subscriptions with its key.
  const own = { access: 'api-client' as const, scope: 'webhooks:manage', rateLimit: clientRateLimit };
  r.get(
    '/api/open/webhooks',
    {
      config: own,
      schema: {
        tags,
        summary: '本客户端的事件订阅',
        response: { 200: z.object({ items: z.array(subscriptionSchema) }), ...errorResponses, 429: errorSchema },
      },
    },
    async (req) => ({ items: await service.listSubscriptions(db, requireClient(req).id) }),
  );

  r.post(
    '/api/open/webhooks',
    {
      config: own,
      schema: {
        tags,
        summary: '订阅事件（签名密钥只显示一次）',
        body: subscriptionBody,
        response: { 201: subscriptionWithSecret, ...errorResponses, 429: errorSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.subscribe(db, actorOf(req), requireClient(req).id, req.body, ctx.config.webhookAllowPrivate)),
  );

  r.delete(
    '/api/open/webhooks/:id',
    {
      config: own,
      schema: { tags, summary: '取消订阅', params: idParams, response: { 204: z.null(), ...errorResponses, 429: errorSchema } },
    },
    async (req, reply) => {
      await service.unsubscribe(db, actorOf(req), req.params.id, requireClient(req).id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/open/webhooks/:id/deliveries',
    {
      config: own,
      schema: {
        tags,
        summary: '投递记录及结果',
        params: idParams,
        querystring: z.object(pageQuery),
        response: { 200: deliveries, ...errorResponses, 429: errorSchema },
      },
    },
    async (req) => service.listDeliveries(db, req.params.id, req.query.page, req.query.pageSize, requireClient(req).id),
  );

  r.post(
    '/api/open/webhook-deliveries/:id/redeliver',
    {
      config: own,
      schema: {
        tags,
        summary: '重新投递本客户端的一条投递',
        params: idParams,
        response: { 204: z.null(), ...errorResponses, 429: errorSchema },
      },
    },
    async (req, reply) => {
      await service.redeliver(db, actorOf(req), req.params.id, requireClient(req).id);
      return reply.status(204).send(null);
    },
  );
}
