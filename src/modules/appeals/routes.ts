import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses, errorSchema, idParams } from '../../platform/http/schemas.ts';
import { ACTION_INPUTS, type ActionInput } from './action-inputs.ts';
import { submit } from './intake.ts';
import * as read from './read.ts';
import { appealDetail, appealListItem, listQuery, stateSchema, submitBody } from './schemas.ts';
import { act, type AppealDeps } from './service.ts';
import { ACTIONS, ACTION_NAMES, rulesFor } from './workflow.ts';

const APPEAL_READERS = ['enterprise', 'specialist', 'coordinator', 'handler', 'cadre', 'leader', 'admin'] as const;

export function appealRoutes(app: FastifyInstance, deps: AppealDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['appeals'];
  const { db } = deps;

  r.post(
    '/api/appeals',
    {
      config: { access: ['enterprise', 'specialist', 'coordinator', 'cadre'] },
      schema: {
        tags,
        summary: '提交诉求（企业自行提交，或工作人员代企业录入并注明渠道）',
        description: '同一提交人以相同的 Idempotency-Key 重复提交，只生成一件诉求，返回首次生成的诉求。',
        headers: z.object({ 'idempotency-key': z.string().trim().min(1).max(100).optional() }),
        body: submitBody,
        response: {
          200: z.object({ id: z.number(), number: z.string() }),
          201: z.object({ id: z.number(), number: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const res = await submit(deps, requireUser(req), actorOf(req), req.body, req.headers['idempotency-key']);
      return reply.status(res.created ? 201 : 200).send({ id: res.id, number: res.number });
    },
  );

  r.post(
    '/api/appeals/suggest',
    {
      config: { access: ['enterprise', 'specialist', 'coordinator', 'cadre'] },
      schema: {
        tags,
        summary: '按诉求文本推荐服务事项（前三项及置信度）',
        body: z.object({ text: z.string().trim().min(2).max(5000) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                serviceItemId: z.number(),
                name: z.string(),
                categoryName: z.string(),
                departmentName: z.string(),
                confidence: z.number(),
                terms: z.array(z.string()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ items: await read.suggestions(db, deps.suggester.suggest(req.body.text, 3)) }),
  );

  r.get(
    '/api/appeals',
    {
      config: { access: APPEAL_READERS },
      schema: {
        tags,
        summary: '诉求列表（按角色可见范围；红灯在前）',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(appealListItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => read.list(db, requireUser(req), req.query),
  );

  r.get(
    '/api/appeals/:id',
    {
      config: { access: APPEAL_READERS },
      schema: {
        tags,
        summary: '诉求详情、时间线与当前可执行的动作',
        params: idParams,
        response: { 200: z.object({ appeal: appealDetail }), ...errorResponses },
      },
    },
    async (req) => ({ appeal: await read.detail(db, requireUser(req), req.params.id) }),
  );

  // One route per workflow action; who may call it comes from the workflow rules themselves.
  for (const action of ACTIONS) {
    const rule = rulesFor(action);
    r.post(
      `/api/appeals/:id/${action.replaceAll('_', '-')}`,
      {
        config: { access: rule.roles },
        schema: {
          tags,
          summary: `${ACTION_NAMES[action]}（${action}）`,
          description: `允许的状态：${rule.from.join('、')}`,
          params: idParams,
          body: ACTION_INPUTS[action],
          response: { 200: z.object({ state: stateSchema }), ...errorResponses, 409: errorSchema },
        },
      },
      async (req) => act(deps, requireUser(req), actorOf(req), req.params.id, action, req.body as ActionInput<typeof action>),
    );
  }
}
