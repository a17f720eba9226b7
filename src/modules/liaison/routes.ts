import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { shanghaiDate } from '../calendar/working-days.ts';
import type { AppealDeps } from '../appeals/service.ts';
import { sendXlsx, XLSX_TYPE } from '../../platform/http/download.ts';
import { assessment, assessmentWorkbook, loadWeights, saveWeights } from './assessment.ts';
import { assessmentDetail } from './assessment-detail.ts';
import {
  assessmentDetailParams,
  assessmentDetailSchema,
  assessmentQuery,
  assessmentSchema,
  assignBody,
  briefingQuery,
  briefingSchema,
  bulkAssignBody,
  bulkAssignResult,
  coverageQuery,
  coverageSchema,
  logBody,
  myEnterprise,
  planBody,
  tierSchema,
  visitSchema,
  visitsQuery,
  weeklyQuery,
  weeklyReport,
  weightsSchema,
} from './schemas.ts';
import * as reports from './repository-reports.ts';
import * as service from './service.ts';

const OFFICE = ['coordinator', 'admin'] as const;
const OFFICE_VIEW = ['coordinator', 'leader', 'admin'] as const;
const CADRES = ['cadre', 'handler', 'leader', 'coordinator', 'specialist', 'policy_officer', 'admin'] as const;

export function liaisonRoutes(app: FastifyInstance, deps: AppealDeps): void {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['liaison'];

  r.post(
    '/api/liaisons/bulk-assign',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary: '按条件批量挂点（一人或轮流分配）',
        body: bulkAssignBody,
        response: { 200: bulkAssignResult, ...errorResponses },
      },
    },
    async (req) => service.bulkAssign(db, requireUser(req), actorOf(req), req.body),
  );

  r.put(
    '/api/liaisons/enterprises/:id',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary: '为一家企业指定挂点干部（原挂点记入历史）',
        params: idParams,
        body: assignBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.assignOne(db, requireUser(req), actorOf(req), req.params.id, req.body.userId, req.body.tier);
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/api/liaisons/enterprises/:id',
    {
      config: { access: OFFICE },
      schema: { tags, summary: '结束一家企业的挂点', params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await service.endAssignment(db, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/liaisons/enterprises/:id',
    {
      config: { access: ['coordinator', 'leader', 'admin', 'specialist', 'cadre'] },
      schema: {
        tags,
        summary: '企业的挂点干部、挂点历史与走访',
        params: idParams,
        response: {
          200: z.object({
            current: z
              .object({ userId: z.number(), name: z.string(), tier: tierSchema, assignedAt: z.string(), endedAt: z.string().nullable() })
              .nullable(),
            history: z.array(
              z.object({ userId: z.number(), name: z.string(), tier: tierSchema, assignedAt: z.string(), endedAt: z.string().nullable() }),
            ),
            visits: z.array(visitSchema),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => service.enterpriseLiaison(db, req.params.id),
  );

  r.get(
    '/api/liaisons/coverage',
    {
      config: { access: OFFICE_VIEW },
      schema: {
        tags,
        summary: '挂点覆盖：没有挂点干部的重点企业，按街道、层级统计',
        querystring: coverageQuery,
        response: { 200: coverageSchema, ...errorResponses },
      },
    },
    async (req) => service.coverage(db, req.query),
  );

  r.get(
    '/api/liaisons/cadres',
    {
      config: { access: OFFICE_VIEW },
      schema: {
        tags,
        summary: '可挂点的工作人员及其挂点企业数',
        querystring: z.object({
          role: z.enum(['cadre', 'leader', 'handler', 'coordinator', 'specialist', 'policy_officer', 'admin']).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.number(), name: z.string(), role: z.string(), unit: z.string().nullable(), enterprises: z.number() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const rows = await reports.cadreList(db, req.query.role);
      return { items: rows.map((u) => ({ id: u.id, name: u.display_name, role: u.role, unit: u.unit, enterprises: Number(u.n ?? 0) })) };
    },
  );

  r.get(
    '/api/liaisons/mine',
    {
      config: { access: CADRES },
      schema: {
        tags,
        summary: '我的挂点企业（含在办诉求数）',
        response: { 200: z.object({ items: z.array(myEnterprise) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await service.myEnterprises(db, requireUser(req).id) }),
  );

  r.get(
    '/api/liaisons/visits',
    {
      config: { access: CADRES },
      schema: {
        tags,
        summary: '走访计划与记录（干部看自己的）',
        querystring: visitsQuery,
        response: { 200: z.object({ items: z.array(visitSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return {
        items: await service.visits(db, {
          userId: service.subjectOf(user, req.query.userId),
          status: req.query.status,
          enterpriseId: req.query.enterpriseId,
        }),
      };
    },
  );

  r.post(
    '/api/liaisons/visits',
    {
      config: { access: CADRES },
      schema: {
        tags,
        summary: '计划一次走访（本人的挂点企业）',
        body: planBody,
        response: { 201: z.object({ id: z.number() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await service.planVisit(db, requireUser(req), actorOf(req), req.body) }),
  );

  r.post(
    '/api/liaisons/visits/log',
    {
      config: { access: CADRES },
      schema: {
        tags,
        summary: '登记走访；发现的需求转为诉求（渠道：走访）或记为现场解决',
        body: logBody,
        response: { 201: visitSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.logVisit(deps, requireUser(req), actorOf(req), req.body)),
  );

  r.post(
    '/api/liaisons/visits/:id/cancel',
    {
      config: { access: CADRES },
      schema: { tags, summary: '取消一次走访计划', params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await service.cancelVisit(db, requireUser(req), actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/liaisons/weekly-report',
    {
      config: { access: CADRES },
      schema: {
        tags,
        summary: '挂点干部周工作报告（由走访登记汇总）',
        querystring: weeklyQuery,
        response: { 200: weeklyReport, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return service.weeklyReport(db, service.subjectOf(user, req.query.userId) ?? user.id, req.query.week ?? shanghaiDate(new Date()));
    },
  );

  r.get(
    '/api/liaisons/briefing',
    {
      config: { access: OFFICE_VIEW },
      schema: {
        tags,
        summary: '半月挂点服务简报（按街道、单位汇总）',
        querystring: briefingQuery,
        response: { 200: briefingSchema, ...errorResponses },
      },
    },
    async (req) => service.briefing(db, req.query.date ?? shanghaiDate(new Date())),
  );

  r.get(
    '/api/liaisons/assessment',
    {
      config: { access: OFFICE_VIEW },
      schema: {
        tags,
        summary: '双考核：干部与单位得分及排名',
        querystring: assessmentQuery,
        response: { 200: assessmentSchema, ...errorResponses },
      },
    },
    async (req) => assessment(db, req.query),
  );

  // What is behind a score: a cadre opens their own, the office and leaders anyone's.
  r.get(
    '/api/liaisons/assessment/cadres/:userId',
    {
      config: { access: CADRES },
      schema: {
        tags,
        summary: '双考核得分明细：各项指标及计入的走访、诉求、评价、预警',
        params: assessmentDetailParams,
        querystring: assessmentQuery,
        response: { 200: assessmentDetailSchema, ...errorResponses },
      },
    },
    async (req) => assessmentDetail(db, requireUser(req), req.params.userId, req.query),
  );

  r.get(
    '/api/liaisons/assessment.xlsx',
    {
      config: { access: OFFICE_VIEW },
      schema: { tags, summary: '双考核导出 Excel', querystring: assessmentQuery, produces: [XLSX_TYPE] },
    },
    async (req, reply) => {
      const a = await assessment(db, req.query);
      const buf = await assessmentWorkbook(a);
      return sendXlsx(reply, buf, `挂点服务双考核-${a.from}至${a.to}.xlsx`, `liaison-assessment-${a.from}-${a.to}.xlsx`);
    },
  );

  r.get(
    '/api/admin/settings/liaison-assessment',
    {
      config: { access: OFFICE_VIEW },
      schema: { tags, summary: '双考核权重', response: { 200: weightsSchema, ...errorResponses } },
    },
    async () => loadWeights(db),
  );

  r.put(
    '/api/admin/settings/liaison-assessment',
    {
      config: { access: ['admin'] },
      schema: { tags, summary: '修改双考核权重（0 表示不计入）', body: weightsSchema, response: { 200: weightsSchema, ...errorResponses } },
    },
    async (req) => {
      await db.transaction().execute(async (tx) => {
        const before = await loadWeights(tx);
        await saveWeights(tx, req.body);
        await recordAudit(tx, actorOf(req), {
          action: 'settings.liaison_assessment',
          entityType: 'settings',
          entityId: 'liaison.assessment',
          before,
          after: req.body,
        });
      });
      return loadWeights(db);
    },
  );
}
