import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { STAFF_ROLES, actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses, idParams, pageQuery } from '../../platform/http/schemas.ts';
import { offsetPages } from '../../platform/excel.ts';
import { sendXlsx } from '../../platform/http/download.ts';
import { countMatches, enterpriseExplanationSchema, explainFor, ruleSchema } from '../matching/index.ts';
import { fieldItem, fieldList } from '../matching/schemas.ts';
import { industryCodeField } from '../enterprises/industry.ts';
import { SCALE_NAMES, scaleSchema } from '../enterprises/schemas.ts';
import { eligibleWorkbook } from './excel.ts';
import { ruleOptions } from './repository-rules.ts';
import { checkRule } from './rule-check.ts';
import { WRITERS, visiblePolicy } from './routes.ts';
import { deleteCase, eligibleEnterprises, listCases, ruleVersions, runCases, saveCase, saveRule } from './rules-service.ts';

const tags = ['policy-rules'];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const eligibility = z.enum(['eligible', 'ineligible', 'unknown']);
const ruleJson = z
  .unknown()
  .describe('政策画像规则：{all|any:[…]} / {not:…} / {id, field, op, value, clause}，见 /api/policy-rules/fields');
const caseBody = z.object({
  name: z.string().trim().min(1, '请填写用例名称').max(100),
  profile: z.record(z.string(), z.unknown()).describe('部分画像：未给出的字段视为数据缺失'),
  expected: eligibility,
});
const caseParams = z.object({ id: z.coerce.number().int().positive(), caseId: z.coerce.number().int().positive() });
const conditionResult = z.object({
  id: z.string(),
  field: z.string(),
  op: z.string(),
  required: z.unknown(),
  held: z.unknown(),
  outcome: z.enum(['pass', 'fail', 'unknown']),
  clause: z.string(),
});
const eligibleQuery = z.object({
  streetId: z.coerce.number().int().positive().optional(),
  industry: industryCodeField.optional(),
  scale: scaleSchema.optional(),
  outcome: z.enum(['eligible', 'unknown']).optional(),
  q: z.string().trim().max(100).optional(),
});
const eligibleItem = z.object({
  enterpriseId: z.number(),
  name: z.string(),
  uscc: z.string(),
  industryCode: z.string(),
  industryName: z.string().nullable(),
  scale: z.string(),
  street: z.string().nullable(),
  outcome: z.enum(['eligible', 'unknown']),
  ruleVersion: z.number(),
  matchedAt: z.string(),
});
const ruleVersion = z.object({
  version: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  rule: ruleSchema,
  note: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  current: z.boolean(),
});
const ruleCase = z.object({ id: z.number(), name: z.string(), profile: z.record(z.string(), z.unknown()), expected: eligibility });
const options = z.array(z.object({ value: z.string(), label: z.string() }));

/** 政策画像: versioned rules, their test cases, the live count and the eligible enterprises. */
export function policyRuleRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/policy-rules/fields',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: '规则可用的画像字段（单位、类型、可用运算）及取值选项（街道、规模、标签）',
        response: {
          200: z.object({ fields: z.array(fieldItem), options: z.object({ street: options, scale: options, tags: options }) }),
          ...errorResponses,
        },
      },
    },
    async () => {
      const { streets, tags: tagNames } = await ruleOptions(db);
      return {
        fields: fieldList,
        options: {
          street: streets.map((s) => ({ value: s.code, label: s.name })),
          scale: Object.entries(SCALE_NAMES).map(([value, label]) => ({ value, label })),
          tags: tagNames.map((t) => ({ value: t, label: t })),
        },
      };
    },
  );

  r.post(
    '/api/policy-rules/count',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: '草稿规则的实时计数：符合、数据不全的企业数（编辑器随编辑调用）',
        body: z.object({ rule: ruleJson }),
        response: {
          200: z.object({ eligible: z.number(), unknown: z.number(), total: z.number(), tookMs: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const rule = checkRule(req.body.rule);
      const started = performance.now();
      const c = await countMatches(db, rule);
      return { ...c, tookMs: Math.round(performance.now() - started) };
    },
  );

  r.get(
    '/api/policies/:id/rules',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: '政策画像的版本历史（新版本在前）',
        params: idParams,
        response: { 200: z.object({ items: z.array(ruleVersion) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await ruleVersions(db, req.params.id) }),
  );

  r.post(
    '/api/policies/:id/rules',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: '保存政策画像为新版本（validFrom 起生效，上一版本于前一日失效），随后重新匹配',
        params: idParams,
        body: z.object({ rule: ruleJson, validFrom: isoDate.optional(), note: z.string().trim().max(500).default('') }),
        response: { 201: z.object({ version: z.number() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send({ version: await saveRule(db, actorOf(req), req.params.id, req.body) }),
  );

  r.get(
    '/api/policies/:id/rule-cases',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: '政策画像的测试用例',
        params: idParams,
        response: { 200: z.object({ items: z.array(ruleCase) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listCases(db, req.params.id) }),
  );

  r.post(
    '/api/policies/:id/rule-cases',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: '新增测试用例：给定画像，预期符合 / 不符合 / 数据不全',
        params: idParams,
        body: caseBody,
        response: { 201: z.object({ id: z.number() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await saveCase(db, actorOf(req), req.params.id, null, req.body) }),
  );

  r.put(
    '/api/policies/:id/rule-cases/:caseId',
    {
      config: { access: WRITERS },
      schema: { tags, summary: '修改测试用例', params: caseParams, body: caseBody, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await saveCase(db, actorOf(req), req.params.id, req.params.caseId, req.body);
      return reply.status(204).send(null);
    },
  );

  r.delete(
    '/api/policies/:id/rule-cases/:caseId',
    {
      config: { access: WRITERS },
      schema: { tags, summary: '删除测试用例', params: caseParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await deleteCase(db, actorOf(req), req.params.id, req.params.caseId);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/policies/:id/rule-cases/run',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: '用全部测试用例检验规则（提交 rule 则检验草稿，否则检验当前生效版本），逐条给出通过与否及条件说明',
        params: idParams,
        body: z.object({ rule: ruleJson.optional() }),
        response: {
          200: z.object({
            version: z.number().nullable(),
            passed: z.number(),
            failed: z.number(),
            results: z.array(
              z.object({
                id: z.number(),
                name: z.string(),
                expected: eligibility,
                actual: eligibility,
                pass: z.boolean(),
                conditions: z.array(conditionResult),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => runCases(db, req.params.id, req.body.rule),
  );

  r.get(
    '/api/policies/:id/eligible',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: '符合条件企业（及数据不全企业），按街道、行业、规模、结果筛选',
        params: idParams,
        querystring: eligibleQuery.extend(pageQuery),
        response: {
          200: z.object({ items: z.array(eligibleItem), total: z.number(), eligible: z.number(), unknown: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      return eligibleEnterprises(db, req.params.id, f, { page, pageSize });
    },
  );

  r.get(
    '/api/policies/:id/eligible.xlsx',
    {
      config: { access: STAFF_ROLES },
      schema: { tags, summary: '符合条件企业导出（Excel）', params: idParams, querystring: eligibleQuery },
    },
    async (req, reply) => {
      const p = await visiblePolicy(db, requireUser(req), req.params.id);
      // Every row, page after page: an export is never cut.
      const items = offsetPages(
        async (page, pageSize) => (await eligibleEnterprises(db, p.id, req.query, { page, pageSize }, page === 1)).items,
      );
      return sendXlsx(
        reply,
        await eligibleWorkbook(p.title, items),
        `符合条件企业_${p.title.slice(0, 40)}.xlsx`,
        `policy-${p.code}-eligible.xlsx`,
      );
    },
  );

  r.get(
    '/api/policies/:id/eligible/:enterpriseId',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: '一家企业对该政策的逐条件说明（持有值、要求、通过 / 不通过 / 数据缺失）',
        params: z.object({ id: z.coerce.number().int().positive(), enterpriseId: z.coerce.number().int().positive() }),
        response: {
          200: enterpriseExplanationSchema.nullable().describe('null：政策尚无生效画像或企业不存在'),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      await visiblePolicy(db, requireUser(req), req.params.id);
      return (await explainFor(db, req.params.id, req.params.enterpriseId)) ?? null;
    },
  );
}
