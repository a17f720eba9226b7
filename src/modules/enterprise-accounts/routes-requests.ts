import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { sendUpload } from '../../platform/http/uploads.ts';
import * as requests from './requests.ts';
import { approveBody, refuseBody, requestCounts, requestListQuery, requestSchema } from './schemas.ts';

/** The front desk: specialists and the coordination office, and administrators. */
const FRONT_DESK = { access: ['specialist', 'coordinator', 'admin'] as const };

/** 注册审核: registration requests (授权委托书, enterprises to add) and their decisions. */
export function registrationRequestRoutes(app: FastifyInstance, { db }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprise-accounts'];

  r.get(
    '/api/registration-requests',
    {
      config: FRONT_DESK,
      schema: {
        tags,
        summary: '注册申请列表（手机号脱敏）',
        querystring: requestListQuery,
        response: { 200: z.object({ items: z.array(requestSchema), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => requests.list(db, req.query),
  );

  r.get(
    '/api/registration-requests/counts',
    {
      config: FRONT_DESK,
      schema: { tags, summary: '待处理的注册申请数', response: { 200: requestCounts, ...errorResponses } },
    },
    async () => requests.pendingCounts(db),
  );

  r.get(
    '/api/registration-requests/:id',
    {
      config: FRONT_DESK,
      schema: { tags, summary: '注册申请详情', params: idParams, response: { 200: requestSchema, ...errorResponses } },
    },
    async (req) => requests.get(db, req.params.id),
  );

  r.get(
    '/api/registration-requests/:id/letter',
    {
      config: FRONT_DESK,
      schema: { tags, summary: '下载授权委托书', params: idParams, response: errorResponses },
    },
    async (req, reply) => sendUpload(reply, await requests.letter(db, req.params.id)),
  );

  r.post(
    '/api/registration-requests/:id/approve',
    {
      config: FRONT_DESK,
      schema: {
        tags,
        summary: '批准：授权委托书 → 开通账号；申请添加企业 → 企业录入企业库（尚未录入时须填写行业代码和规模）。短信通知申请人',
        params: idParams,
        body: approveBody,
        response: { 200: z.object({ userId: z.number().nullable(), enterpriseId: z.number() }), ...errorResponses },
      },
    },
    async (req) => requests.approve(db, req.params.id, req.body, actorOf(req)),
  );

  r.post(
    '/api/registration-requests/:id/refuse',
    {
      config: FRONT_DESK,
      schema: {
        tags,
        summary: '不通过（须写明原因，短信通知申请人）',
        params: idParams,
        body: refuseBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await requests.refuse(db, req.params.id, req.body.reason, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
