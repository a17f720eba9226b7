import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { STAFF_ROLES, actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { sendXlsx } from '../../platform/http/download.ts';
import { listQuery } from '../enterprises/schemas.ts';
import { assertCanReadEnterprise } from '../enterprises/policy.ts';
import { administeredEnterprise } from '../enterprise-accounts/members.ts';
import { errorWorkbook } from './import-report.ts';
import { importUpload } from './import-upload.ts';
import {
  changeFieldSchema,
  changeListQuery,
  changeRequestSchema,
  contactInput,
  contactSchema,
  importReport,
  indicatorsResult,
  rowError,
  sourceRow,
  timelineResult,
} from './schemas.ts';
import * as service from './service.ts';
import { timeline } from './timeline.ts';

const READERS = [...STAFF_ROLES, 'enterprise'] as const;
const REVIEWERS = ['specialist', 'coordinator', 'admin'] as const;
const IMPORTERS = ['coordinator', 'admin'] as const;
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** The enterprise file (一企一档): history, indicators, code, contacts, verified changes, import and export. */
export function enterpriseFileRoutes(app: FastifyInstance, { db }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprise-file'];

  r.get(
    '/api/enterprises/:id/indicators',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: '企业月度指标（最近 24 个月，金额单位万元）',
        params: idParams,
        response: { 200: indicatorsResult, ...errorResponses },
      },
    },
    async (req) => {
      assertCanReadEnterprise(requireUser(req), req.params.id);
      return service.indicators(db, req.params.id);
    },
  );

  r.get(
    '/api/enterprises/:id/timeline',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: '企业历史：诉求、信息变更及其他模块登记的事件（走访、预警 …），按时间倒序',
        params: idParams,
        response: { 200: timelineResult, ...errorResponses },
      },
    },
    async (req) => {
      await service.assertExists(db, req.params.id);
      return timeline(db, req.params.id);
    },
  );

  r.get(
    '/api/enterprises/:id/qr.png',
    {
      config: { access: READERS },
      schema: { tags, summary: '一企一码：二维码（PNG），内容为 <origin>/e/<统一社会信用代码>', params: idParams },
    },
    async (req, reply) => {
      assertCanReadEnterprise(requireUser(req), req.params.id);
      const uscc = await service.usccOf(db, req.params.id);
      const png = await QRCode.toBuffer(`${originOf(req.protocol, req.host)}/e/${uscc}`, {
        type: 'png',
        width: 320,
        margin: 2,
        errorCorrectionLevel: 'M',
      });
      return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(png);
    },
  );

  r.get(
    '/api/enterprise-codes/:uscc',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: '扫码：职员转到企业档案，本企业用户转到企业门户，其他用户无权访问',
        params: z.object({ uscc: z.string().max(40) }),
        response: { 200: z.object({ id: z.number(), name: z.string(), target: z.enum(['file', 'portal']) }), ...errorResponses },
      },
    },
    async (req) => service.resolveCode(db, requireUser(req), req.params.uscc),
  );

  r.get(
    '/api/enterprises.xlsx',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags,
        summary: '企业库导出（Excel，条件同企业库检索，全部行，不截断，行数见 x-total-rows；列名与导入相同）',
        querystring: listQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const out = await service.exportWorkbook(db, req.query);
      const day = new Date().toISOString().slice(0, 10);
      reply.header('x-total-rows', String(out.rows));
      return sendXlsx(reply, out.data, `企业库_${day}.xlsx`, `enterprises-${day}.xlsx`);
    },
  );

  // ——— contacts ———

  r.get(
    '/api/enterprises/:id/contacts',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: '企业联系人',
        params: idParams,
        response: { 200: z.object({ items: z.array(contactSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      assertCanReadEnterprise(requireUser(req), req.params.id);
      return service.contacts(db, req.params.id);
    },
  );

  r.put(
    '/api/enterprises/mine/contacts',
    {
      config: { access: ['enterprise'] },
      schema: {
        tags,
        summary: '企业管理员维护本企业联系人（整体替换，最多 20 人，至多一位主要联系人；经办人只读）',
        body: z.object({ items: z.array(contactInput).max(20) }),
        response: { 200: z.object({ items: z.array(contactSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      // The contacts' mobiles vouch for registrants (enterprise accounts), so only the enterprise's administrator keeps them.
      const { enterpriseId } = await administeredEnterprise(db, requireUser(req), '只有企业管理员可以维护联系人，经办人只能查看');
      return service.replaceContacts(db, actorOf(req), enterpriseId, req.body.items);
    },
  );

  // ——— verified changes ———

  r.get(
    '/api/enterprises/mine/change-requests',
    {
      config: { access: ['enterprise'] },
      schema: {
        tags,
        summary: '本企业的信息变更申请',
        response: { 200: z.object({ items: z.array(changeRequestSchema), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      if (user.enterpriseId === null) throw AppError.notFound('企业');
      return service.listChangeRequests(db, { enterpriseId: user.enterpriseId, page: 1, pageSize: 50 });
    },
  );

  r.post(
    '/api/enterprises/mine/change-requests',
    {
      config: { access: ['enterprise'] },
      schema: {
        tags,
        summary: '申请变更地址或法定代表人（须职员核实后生效）',
        body: z.object({ field: changeFieldSchema, value: z.string().trim().min(1).max(200) }),
        response: { 201: changeRequestSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.requestChange(db, requireUser(req), actorOf(req), req.body.field, req.body.value)),
  );

  r.get(
    '/api/enterprise-change-requests',
    {
      config: { access: [...REVIEWERS, 'leader'] },
      schema: {
        tags,
        summary: '企业信息变更核实列表',
        querystring: changeListQuery,
        response: { 200: z.object({ items: z.array(changeRequestSchema), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => service.listChangeRequests(db, req.query),
  );

  for (const [action, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    r.post(
      `/api/enterprise-change-requests/:id/${action}`,
      {
        config: { access: REVIEWERS },
        schema: {
          tags,
          summary: decision === 'approved' ? '核实通过：变更生效' : '驳回（须说明理由）',
          params: idParams,
          body: z.object({ note: z.string().trim().max(500).optional() }),
          response: { 200: changeRequestSchema, ...errorResponses },
        },
      },
      async (req) => service.reviewChange(db, requireUser(req), actorOf(req), req.params.id, decision, req.body.note || undefined),
    );
  }

  // ——— import ———

  r.post(
    '/api/enterprises/import',
    {
      config: { access: IMPORTERS },
      schema: {
        tags,
        summary: '导入企业（含标签）与月度指标（multipart/form-data，.xlsx 或 .csv；逐行校验，按信用代码/月份更新，重复导入不产生变化）',
        response: { 200: importReport, ...errorResponses },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
      const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
      if (!part) throw AppError.validation('file', '请选择要导入的文件');
      return importUpload(db, part, MAX_IMPORT_BYTES, actorOf(req));
    },
  );

  r.post(
    '/api/enterprises/import/errors.xlsx',
    {
      config: { access: IMPORTERS },
      schema: {
        tags,
        summary:
          '把导入报告中被拒绝的行导出为 Excel：错误清单（工作表、行号、字段、原因），及各工作表的表头和被拒绝行的原始内容与其错误，改正后可直接重新导入',
        body: z.object({
          errors: z.array(rowError).max(200_000),
          refusedRows: z.array(sourceRow).max(200_000).optional(),
          headers: z.array(sourceRow).max(10_000).optional(),
        }),
      },
      bodyLimit: 64 * 1024 * 1024,
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        await errorWorkbook(req.body.errors, req.body.refusedRows, req.body.headers),
        '导入错误报告.xlsx',
        'import-errors.xlsx',
      ),
  );
}

function originOf(protocol: string, host: string): string {
  return `${protocol}://${host}`;
}
