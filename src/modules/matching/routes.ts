import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { matchAll } from './engine.ts';
import { evaluate } from './evaluate.ts';
import type { Profile } from './fields.ts';
import { FIELD_KEYS } from './fields.ts';
import { recentRuns } from './repository.ts';
import { evaluateBody, evaluationSchema, runItem, runsQuery, runSummary } from './schemas.ts';

const OFFICERS = ['policy_officer', 'admin'] as const;

/** The live count and the field catalogue are served with the rule editor's routes (/api/policy-rules). */
export function matchingRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/matching/evaluate',
    {
      config: { access: OFFICERS },
      schema: {
        tags: ['matching'],
        summary: '用给定画像检验规则（规则测试用例），逐条说明结果',
        body: evaluateBody,
        response: { 200: evaluationSchema, ...errorResponses },
      },
    },
    async (req) => {
      const given = req.body.profile as Record<string, Profile[keyof Profile] | undefined>;
      const profile = Object.fromEntries(FIELD_KEYS.map((k) => [k, given[k] ?? null])) as Profile;
      return evaluate(req.body.rule, profile);
    },
  );

  r.get(
    '/api/matching/runs',
    {
      config: { access: OFFICERS },
      schema: {
        tags: ['matching'],
        summary: '最近的匹配运行记录',
        querystring: runsQuery,
        response: { 200: z.array(runItem), ...errorResponses },
      },
    },
    async (req) =>
      (await recentRuns(db, req.query.limit)).map((x) => ({
        id: x.id,
        scope: x.scope,
        policyId: x.policy_id,
        policyTitle: x.title,
        policies: x.policies,
        enterprises: x.enterprises,
        changed: x.changed,
        durationMs: x.duration_ms,
        ranAt: new Date(x.ran_at).toISOString(),
      })),
  );

  r.post(
    '/api/matching/run',
    {
      config: { access: ['admin'] },
      schema: { tags: ['matching'], summary: '全量重新匹配所有生效政策与全部企业', response: { 200: runSummary, ...errorResponses } },
    },
    async () => matchAll(db),
  );
}
