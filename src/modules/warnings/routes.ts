import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import type { IndicatorName, WarningRuleKind } from '../../platform/db/schema-warnings.ts';
import { recordAudit } from '../../platform/audit.ts';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { sendXlsx } from '../../platform/http/download.ts';
import { reportWorkbook } from './excel.ts';
import { getWarning, listWarnings, monthlyReport } from './repository.ts';
import { insertRule, lockRule, updateRule } from './repository-changes.ts';
import { NEEDS_INDICATOR, paramSchemas } from './rules.ts';
import {
  closeBody,
  evaluateBody,
  evaluateResult,
  listQuery,
  noteBody,
  reopenBody,
  reportQuery,
  reportSchema,
  ruleBody,
  rulePatch,
  ruleSchema,
  warningDetail,
  warningItem,
} from './schemas.ts';
import { closeWarning, evaluateWarnings, followUp, loadRules, reopenWarning } from './service.ts';

const SEE = ['coordinator', 'leader', 'admin', 'cadre'] as const;
const OFFICE = ['coordinator', 'leader', 'admin'] as const;
const RULES_NOTE =
  '规则类型：yoy_drop 同比下降（threshold %）；rolling_drop 较前 N 月均值下降（months, threshold）；consecutive_decline 连续 k 月下降（count）；missing 连续 m 月未报送（months）；relocation_address 注册地址迁出；relocation_power 用电骤降而产值平稳（months, electricityDrop, outputBand）。';

function checkRule(kind: WarningRuleKind, indicator: IndicatorName | null, params: unknown) {
  const parsed = paramSchemas[kind].safeParse(params);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', `规则参数不符合类型 ${kind} 的要求`, {
      fields: parsed.error.issues.map((i) => ({ field: `params.${i.path.join('.')}`, message: i.message })),
    });
  if (NEEDS_INDICATOR[kind] && !indicator)
    throw new AppError('VALIDATION_FAILED', '该类规则须指定指标', { fields: [{ field: 'indicator', message: '请选择指标' }] });
  return { params: parsed.data, indicator: NEEDS_INDICATOR[kind] ? indicator : null };
}

export function warningRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/warnings',
    {
      config: { access: SEE },
      schema: {
        tags: ['warnings'],
        summary: '监测预警列表（挂点干部只看自己挂点的企业）',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(warningItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => listWarnings(db, requireUser(req), req.query),
  );

  r.get(
    '/api/warnings/report',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['warnings'],
        summary: '月度监测报告：按等级、行业门类、街道统计，外迁风险企业，处置情况',
        querystring: reportQuery,
        response: { 200: reportSchema, ...errorResponses },
      },
    },
    async (req) => monthlyReport(db, req.query.month),
  );

  r.get(
    '/api/warnings/report.xlsx',
    {
      config: { access: OFFICE },
      schema: { tags: ['warnings'], summary: '月度监测报告导出（Excel）', querystring: reportQuery },
    },
    async (req, reply) => {
      const report = await monthlyReport(db, req.query.month);
      const m = report.month.slice(0, 7);
      return sendXlsx(reply, await reportWorkbook(report), `监测预警月报_${m}.xlsx`, `warning-report-${m}.xlsx`);
    },
  );

  r.post(
    '/api/warnings/evaluate',
    {
      config: { access: ['coordinator', 'admin'] },
      schema: {
        tags: ['warnings'],
        summary: '立即按规则评估（默认最新指标月份）；同一企业、规则、月份只预警一次',
        body: evaluateBody,
        response: { 200: evaluateResult, ...errorResponses },
      },
    },
    async (req) => evaluateWarnings(db, { ...(req.body.month ? { month: req.body.month } : {}), actor: actorOf(req) }),
  );

  r.get(
    '/api/warnings/:id',
    {
      config: { access: SEE },
      schema: {
        tags: ['warnings'],
        summary: '预警详情：指标序列、说明、跟进记录',
        params: idParams,
        response: { 200: warningDetail, ...errorResponses },
      },
    },
    async (req) => getWarning(db, requireUser(req), req.params.id),
  );

  r.post(
    '/api/warnings/:id/follow-ups',
    {
      config: { access: ['coordinator', 'admin', 'cadre'] },
      schema: {
        tags: ['warnings'],
        summary: '登记跟进情况（首次跟进后状态为跟进中）',
        params: idParams,
        body: noteBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await followUp(db, req.params.id, requireUser(req), actorOf(req), req.body.note);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/warnings/:id/close',
    {
      config: { access: ['coordinator', 'admin', 'cadre'] },
      schema: {
        tags: ['warnings'],
        summary: '关闭预警并记录采取的措施',
        params: idParams,
        body: closeBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await closeWarning(db, req.params.id, requireUser(req), actorOf(req), req.body.actionsTaken);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/warnings/:id/reopen',
    {
      config: { access: ['coordinator', 'admin', 'cadre'] },
      schema: {
        tags: ['warnings'],
        summary: '重新打开已关闭的预警（须填写原因；交由企业当前的挂点干部跟进）',
        params: idParams,
        body: reopenBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await reopenWarning(db, req.params.id, requireUser(req), actorOf(req), req.body.reason);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/warning-rules',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['warnings'],
        summary: '预警规则',
        description: RULES_NOTE,
        response: { 200: z.array(ruleSchema), ...errorResponses },
      },
    },
    async () =>
      (await loadRules(db, false)).map((x) => ({
        id: x.id,
        name: x.name,
        kind: x.kind,
        indicator: x.indicator,
        params: x.params as Record<string, number>,
        level: x.level,
        active: x.active,
      })),
  );

  r.post(
    '/api/warning-rules',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['warnings'],
        summary: '新增预警规则',
        description: RULES_NOTE,
        body: ruleBody,
        response: { 201: z.object({ id: z.number() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const { params, indicator } = checkRule(b.kind, b.indicator, b.params);
      const id = await db.transaction().execute(async (tx) => {
        const ruleId = await insertRule(tx, {
          name: b.name,
          kind: b.kind,
          indicator,
          params: JSON.stringify(params),
          level: b.level,
          active: b.active,
        });
        await recordAudit(tx, actorOf(req), {
          action: 'warning_rule.create',
          entityType: 'warning_rule',
          entityId: ruleId,
          after: { ...b, params },
        });
        return ruleId;
      });
      return reply.status(201).send({ id });
    },
  );

  r.patch(
    '/api/warning-rules/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['warnings'],
        summary: '修改预警规则（已产生的预警不变）',
        description: RULES_NOTE,
        params: idParams,
        body: rulePatch,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await db.transaction().execute(async (tx) => {
        const before = await lockRule(tx, req.params.id);
        if (!before) throw new AppError('NOT_FOUND', '预警规则不存在');
        const b = req.body;
        const { params, indicator } = checkRule(
          before.kind,
          b.indicator === undefined ? before.indicator : b.indicator,
          b.params ?? before.params,
        );
        await updateRule(tx, req.params.id, {
          ...(b.name !== undefined ? { name: b.name } : {}),
          ...(b.level !== undefined ? { level: b.level } : {}),
          ...(b.active !== undefined ? { active: b.active } : {}),
          indicator,
          params: JSON.stringify(params),
          updated_at: new Date(),
        });
        await recordAudit(tx, actorOf(req), {
          action: 'warning_rule.update',
          entityType: 'warning_rule',
          entityId: req.params.id,
          before,
          after: b,
        });
      });
      return reply.status(204).send(null);
    },
  );
}
