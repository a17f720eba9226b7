import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db/index.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { sendXlsx } from '../../platform/http/download.ts';
import { figuresWorkbook } from './excel.ts';
import { applicationFigures, figuresQuery, figuresResult } from './figures.ts';

const SEE = ['policy_officer', 'admin', 'leader', 'coordinator'] as const;
const NOTE = '统计期内提交的申报（不含撤回）；秒批占比 = 秒批 ÷ (批准 + 不予批准)；已拨付金额为申报产生的兑现记录合计。';

export function applicationFiguresRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/applications/figures',
    {
      config: { access: SEE },
      schema: {
        tags: ['applications'],
        summary: '申报统计：申报、批准、秒批占比、拨付金额，按政策、部门、行业、街道、月份',
        description: NOTE,
        querystring: figuresQuery,
        response: { 200: figuresResult, ...errorResponses },
      },
    },
    async (req) => applicationFigures(db, req.query),
  );

  r.get(
    '/api/applications/figures.xlsx',
    {
      config: { access: SEE },
      schema: { tags: ['applications'], summary: '申报统计导出（Excel）', description: NOTE, querystring: figuresQuery },
    },
    async (req, reply) => {
      const f = await applicationFigures(db, req.query);
      return sendXlsx(
        reply,
        await figuresWorkbook(f),
        `申报统计_${f.from}_${f.to}.xlsx`,
        `application-figures-${f.by}-${f.from}-${f.to}.xlsx`,
      );
    },
  );
}
