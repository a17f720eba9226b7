import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { followUpDetail, followUpList, followUpQuery } from './follow-up-schemas.ts';
import { followUpOf, followUpQueue } from './follow-ups.ts';
import type { AppealDeps } from './service.ts';
import { FOLLOW_UP_ROLES } from './workflow.ts';

/** The follow-up queue (回访) and one appeal's calls; a call itself is the workflow action POST /api/appeals/:id/follow-up. */
export function followUpRoutes(app: FastifyInstance, deps: AppealDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['appeals-follow-up'];

  r.get(
    '/api/appeals/follow-ups',
    {
      config: { access: FOLLOW_UP_ROLES },
      schema: {
        tags,
        summary: '待回访诉求：已答复未评价的诉求与现场答复办结的咨询，答复最早的在前',
        description: '回访期限 = 答复后第 N 个工作日（诉求设置 followUpAfterWorkingDays）；记录回访用 POST /api/appeals/{id}/follow-up。',
        querystring: followUpQuery,
        response: { 200: followUpList, ...errorResponses },
      },
    },
    async (req) => followUpQueue(deps, req.query),
  );

  r.get(
    '/api/appeals/:id/follow-ups',
    {
      config: { access: FOLLOW_UP_ROLES },
      schema: {
        tags,
        summary: '单件诉求的回访：完整回访电话、期限与每次回访记录',
        params: idParams,
        response: { 200: followUpDetail, ...errorResponses },
      },
    },
    async (req) => followUpOf(deps, req.params.id),
  );
}
