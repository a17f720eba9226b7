import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db/index.ts';
import { requireUser, type SessionUser } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { ensureFresh, explainFor } from '../matching/index.ts';
import { policyView, searchPolicies } from '../policies/read.ts';
import { explanationOf } from '../matching/index.ts';
import { benefitsOf, markPolicyRead, myApplications, outcomesFor, policiesForMe } from './repository.ts';
import { benefitsQuery, benefitsResult, browseQuery, browseResult, forMeQuery, forMeResult, portalPolicy } from './schemas.ts';

const ENTERPRISE = ['enterprise'] as const;
const tags = ['portal-policies'];

/** An enterprise user acts for its own enterprise only; the id never comes from the request. */
function enterpriseOf(user: SessionUser): number {
  if (user.enterpriseId === null) throw AppError.forbidden('账号未关联企业');
  return user.enterpriseId;
}

export function portalPolicyRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/portal/policies/for-me',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: '为我推荐的政策：符合条件的在前，其后为可能符合（需补充数据）',
        querystring: forMeQuery,
        response: { 200: forMeResult, ...errorResponses },
      },
    },
    async (req) => {
      const enterpriseId = enterpriseOf(requireUser(req));
      await ensureFresh(db);
      return policiesForMe(db, enterpriseId, req.query);
    },
  );

  r.get(
    '/api/portal/policies',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: '检索已发布的政策（政策库全文检索），附本企业的匹配结果',
        querystring: browseQuery,
        response: { 200: browseResult, ...errorResponses },
      },
    },
    async (req) => {
      const enterpriseId = enterpriseOf(requireUser(req));
      await ensureFresh(db);
      const found = await searchPolicies(db, req.query, true);
      const outcomes = await outcomesFor(
        db,
        enterpriseId,
        found.items.map((p) => p.id),
      );
      return { ...found, items: found.items.map((p) => ({ ...p, outcome: outcomes.get(p.id) ?? null })) };
    },
  );

  r.get(
    '/api/portal/policies/:id',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        params: idParams,
        response: { 200: portalPolicy, ...errorResponses },
        summary: '政策详情（企业）：原文、解读、申报通知、本企业是否符合及每个条件的说明；打开即将对本企业的推送标记为已读',
      },
    },
    async (req) => {
      const user = requireUser(req);
      const enterpriseId = enterpriseOf(user);
      const policy = await policyView(db, req.params.id, true);
      if (!policy) throw AppError.notFound('政策');
      const [evaluation, applications, benefits] = await Promise.all([
        explainFor(db, policy.id, enterpriseId),
        myApplications(db, enterpriseId, policy.id),
        benefitsOf(db, enterpriseId, { policyId: policy.id, page: 1, pageSize: 50 }),
      ]);
      await markPolicyRead(db, enterpriseId, user.id, policy.id);
      return {
        policy,
        eligibility: evaluation ? explanationOf(evaluation) : null,
        applications,
        benefits: benefits.items.map((b) => ({ id: b.id, amount: b.amount, paidOn: b.paidOn })),
      };
    },
  );

  r.get(
    '/api/portal/benefits',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: '本企业享受的惠企兑现：政策、金额、日期、来源（免申即享批次或申报）',
        querystring: benefitsQuery,
        response: { 200: benefitsResult, ...errorResponses },
      },
    },
    async (req) => benefitsOf(db, enterpriseOf(requireUser(req)), req.query),
  );
}
