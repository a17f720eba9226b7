import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_ROLES, requireUser } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/context.ts';
import { enterpriseListItem, enterpriseSchema, industryTreeSchema, listQuery, overviewSchema, usccCheck } from './schemas.ts';
import { validateUscc } from './uscc.ts';
import { industryTree } from './industry.ts';
import { assertCanReadEnterprise } from './policy.ts';
import * as service from './service.ts';

export function enterpriseRoutes(app: FastifyInstance, { db }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];

  r.get(
    '/api/validate/uscc',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '校验统一社会信用代码（GB 32100-2015），无效时说明原因',
        querystring: z.object({ code: z.string().max(40) }),
        response: { 200: usccCheck, ...errorResponses },
      },
    },
    async (req) => {
      const v = validateUscc(req.query.code);
      return v.valid
        ? { valid: true, normalized: v.normalized, warnings: v.warnings }
        : { valid: false, reason: v.reason, expectedCheck: v.expectedCheck };
    },
  );

  r.get(
    '/api/industries',
    {
      config: { access: 'public' },
      schema: { tags, summary: '国民经济行业分类（GB/T 4754-2017）：门类、大类、中类、小类四级', response: { 200: industryTreeSchema } },
    },
    async () => ({ sections: industryTree() }),
  );

  r.get(
    '/api/enterprises',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: '企业库检索',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(enterpriseListItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => service.search(db, req.query),
  );

  r.get(
    '/api/enterprises/mine',
    {
      config: { access: ['enterprise'] },
      schema: { tags, summary: '本企业档案（企业用户）', response: { 200: z.object({ enterprise: enterpriseSchema }), ...errorResponses } },
    },
    async (req) => {
      const user = requireUser(req);
      if (user.enterpriseId === null) throw AppError.notFound('企业');
      return { enterprise: await service.get(db, user.enterpriseId) };
    },
  );

  r.get(
    '/api/enterprises/:id',
    {
      config: { access: [...STAFF_ROLES, 'enterprise'] },
      schema: {
        tags,
        summary: '企业档案（企业用户只能查看本企业）',
        params: idParams,
        response: { 200: z.object({ enterprise: enterpriseSchema }), ...errorResponses },
      },
    },
    async (req) => {
      assertCanReadEnterprise(requireUser(req), req.params.id);
      return { enterprise: await service.get(db, req.params.id) };
    },
  );

  r.get(
    '/api/overview',
    {
      config: { access: STAFF_ROLES },
      schema: { tags, summary: '辖区企业概况（工作台统计）', response: { 200: overviewSchema, ...errorResponses } },
    },
    async () => service.overview(db),
  );
}
