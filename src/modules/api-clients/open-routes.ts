import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, requireUser, type ApiClientRef } from '../../platform/http/access.ts';
import { errorResponses, errorSchema } from '../../platform/http/schemas.ts';
import { submit } from '../appeals/intake.ts';
import type { AppealDeps } from '../appeals/service.ts';
import { STATE_NAMES, type AppealState } from '../appeals/workflow.ts';
import { clientRateLimit } from './limits.ts';
import * as repo from './repository.ts';
import { appealStatus, intakeResult, openIntakeBody } from './schemas.ts';

/** The calling client, on a route declared `access: 'api-client'` (the access plugin has refused everyone else). */
export function requireClient(req: FastifyRequest): ApiClientRef {
  // Only a route declared otherwise gets here without a client: refuse as the plugin would, so the access matrix shows it.
  if (!req.apiClient) throw AppError.forbidden('此接口供对接系统以 API 密钥调用');
  return req.apiClient;
}

async function channelOf(db: Db, clientId: number) {
  const c = await repo.findClient(db, clientId);
  if (!c) throw AppError.forbidden();
  return c.channel;
}

export function openIntakeRoutes(app: FastifyInstance, deps: AppealDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['open-platform'];
  const { db } = deps;
  const rateLimit = clientRateLimit;

  r.post(
    '/api/open/appeals',
    {
      config: { access: 'api-client', scope: 'appeals:write', rateLimit },
      schema: {
        tags,
        summary: '对接系统代企业提交诉求（幂等）',
        description:
          '以 `Authorization: Bearer <API 密钥>` 调用。相同的 `Idempotency-Key` 重复提交只生成一件诉求（按客户端区分）；不带该头时以 externalRef 作幂等键。',
        headers: z.object({ 'idempotency-key': z.string().trim().min(1).max(100).optional() }),
        body: openIntakeBody,
        response: { 200: intakeResult, 201: intakeResult, ...errorResponses, 429: errorSchema },
      },
    },
    async (req, reply) => {
      const client = requireClient(req);
      const key = req.headers['idempotency-key'] ?? `ref:${req.body.externalRef}`;
      const res = await submit(deps, requireUser(req), actorOf(req), { ...req.body, channel: await channelOf(db, client.id) }, key);
      return reply
        .status(res.created ? 201 : 200)
        .send({ id: res.id, number: res.number, externalRef: req.body.externalRef, created: res.created });
    },
  );

  r.get(
    '/api/open/appeals/by-ref/:externalRef',
    {
      config: { access: 'api-client', scope: 'appeals:read', rateLimit },
      schema: {
        tags,
        summary: '按来源系统单号查询诉求状态与公开时间线',
        params: z.object({ externalRef: z.string().trim().min(1).max(100) }),
        response: { 200: appealStatus, ...errorResponses, 429: errorSchema },
      },
    },
    async (req) => {
      requireClient(req);
      const a = await repo.appealByRef(db, requireUser(req).id, req.params.externalRef);
      if (!a || a.external_ref === null) throw AppError.notFound('该单号的诉求');
      const state = a.state as AppealState;
      const events = await repo.publicEvents(db, a.id);
      return {
        id: a.id,
        number: a.number,
        externalRef: a.external_ref,
        state,
        stateName: STATE_NAMES[state],
        appealType: a.appeal_type,
        closed: state === 'closed' || state === 'declined',
        department: a.department_name,
        submittedAt: a.submitted_at.toISOString(),
        updatedAt: a.updated_at.toISOString(),
        deadlineAt: a.deadline_at?.toISOString() ?? null,
        reply: a.reply,
        rating: a.rating,
        ratingSource: a.rating_source,
        events: events.map((e) => ({ at: e.at.toISOString(), action: e.action, state: e.to_state, note: e.note })),
      };
    },
  );
}
