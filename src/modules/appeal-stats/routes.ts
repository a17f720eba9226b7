import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses, idParams, pageQuery } from '../../platform/http/schemas.ts';
import type { DayClassifier } from '../calendar/working-days.ts';
import { sendXlsx } from '../../platform/http/download.ts';
import { figuresWorkbook, reportWorkbook } from './excel.ts';
import { figures } from './figures.ts';
import { createReport, getReport, listReports } from './reports.ts';
import { figuresQuery, figuresResult, reportDetail, reportPeriodBody, reportSummary } from './schemas.ts';

const OFFICE = ['coordinator', 'leader', 'admin'] as const;

const FIGURES_NOTE = [
  '统计对象为统计期内受理的诉求，每项指标计入诉求现主办部门（退回成立的不计入退回的部门）；承办部门只看本部门。',
  '按期办结率 = 按期办结 ÷ (办结 + 超期在办)；平均办理时长按法定工作日（含调休）计，受理次日起至答复当日。',
].join('\n');

export function appealStatsRoutes(app: FastifyInstance, db: Db, calendar: DayClassifier): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/appeals/figures',
    {
      config: { access: [...OFFICE, 'handler'] },
      schema: {
        tags: ['appeal-stats'],
        summary: '诉求统计：办结率、按期办结率、平均办理时长、满意率等',
        description: FIGURES_NOTE,
        querystring: figuresQuery,
        response: { 200: figuresResult, ...errorResponses },
      },
    },
    async (req) => figures(db, calendar, requireUser(req), req.query),
  );

  r.get(
    '/api/appeals/figures.xlsx',
    {
      config: { access: [...OFFICE, 'handler'] },
      schema: { tags: ['appeal-stats'], summary: '诉求统计导出（Excel）', description: FIGURES_NOTE, querystring: figuresQuery },
    },
    async (req, reply) => {
      const f = await figures(db, calendar, requireUser(req), req.query);
      return sendXlsx(reply, await figuresWorkbook(f), `诉求统计_${f.from}_${f.to}.xlsx`, `appeal-figures-${f.from}-${f.to}.xlsx`);
    },
  );

  r.get(
    '/api/overdue-reports',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['appeal-stats'],
        summary: '晾晒报告列表（每周一 08:00 自动生成上周的周报，另可按需生成）',
        querystring: z.object(pageQuery),
        response: { 200: z.object({ items: z.array(reportSummary), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => listReports(db, req.query.page, req.query.pageSize),
  );

  r.get(
    '/api/overdue-reports/:id',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['appeal-stats'],
        summary: '晾晒报告（发布后不再变化）',
        params: idParams,
        response: { 200: reportDetail, ...errorResponses },
      },
    },
    async (req) => getReport(db, req.params.id),
  );

  r.get(
    '/api/overdue-reports/:id.xlsx',
    {
      config: { access: OFFICE },
      schema: { tags: ['appeal-stats'], summary: '晾晒报告导出（Excel：部门晾晒、超期清单）', params: idParams },
    },
    async (req, reply) => {
      const report = await getReport(db, req.params.id);
      const period = `${report.periodStart}_${report.periodEnd}`;
      return sendXlsx(reply, await reportWorkbook(report), `诉求晾晒_${period}.xlsx`, `overdue-report-${report.id}.xlsx`);
    },
  );

  r.post(
    '/api/overdue-reports',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['appeal-stats'],
        summary: '按需生成晾晒报告（任意统计期）',
        body: reportPeriodBody,
        response: { 201: z.object({ id: z.number() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await createReport(db, calendar, requireUser(req), actorOf(req), req.body) }),
  );
}
