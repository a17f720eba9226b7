import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, requireUser, type SessionUser } from '../../platform/http/access.ts';
import { errorResponses, idParams, rowId } from '../../platform/http/schemas.ts';
import * as repo from './repository-templates.ts';
import type { AppealDeps } from './service.ts';

/** Handlers keep their own department's templates; the office and administrators read them all. */
const READERS = ['handler', 'coordinator', 'admin'] as const;
const EDITORS = ['handler'] as const;

const template = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  department: z.object({ id: z.number(), name: z.string() }),
  serviceItem: z.object({ id: z.number(), name: z.string() }),
  updatedAt: z.string(),
});
const templateBody = z.object({
  serviceItemId: rowId.describe('服务事项'),
  title: z.string().trim().min(1, '请填写模板名称').max(100, '模板名称最多 100 字'),
  body: z.string().trim().min(1, '请填写答复内容').max(5000, '答复内容最多 5000 字'),
});

type Row = Awaited<ReturnType<typeof repo.listTemplates>>[number];
const view = (t: Row): z.output<typeof template> => ({
  id: t.id,
  title: t.title,
  body: t.body,
  department: { id: t.department_id, name: t.department_name },
  serviceItem: { id: t.service_item_id, name: t.service_item_name },
  updatedAt: t.updated_at.toISOString(),
});

function departmentOf(user: SessionUser): number {
  if (user.departmentId === null) throw AppError.forbidden('账号未关联部门，不能维护答复模板');
  return user.departmentId;
}

/** The template, when it is the user's department's; another department's is refused. */
async function ownTemplate(db: Db, user: SessionUser, id: number) {
  const t = await repo.findTemplate(db, id);
  if (!t) throw AppError.notFound('答复模板');
  if (t.department_id !== departmentOf(user)) throw AppError.forbidden('只能维护本部门的答复模板');
  return t;
}

async function checkItem(db: Db, id: number): Promise<void> {
  if (!(await repo.activeServiceItem(db, id))) throw AppError.validation('serviceItemId', '服务事项不存在或已停用');
}

/** 答复模板: a department's standard wording per service item, picked in the reply dialog. */
export function replyTemplateRoutes(app: FastifyInstance, { db }: AppealDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['appeals'];

  r.get(
    '/api/reply-templates',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: '答复模板（部门人员只见本部门的；可按服务事项筛选）',
        querystring: z.object({
          serviceItemId: rowId.optional(),
          departmentId: rowId.optional().describe('仅企服办与管理员可用；部门人员总是本部门'),
        }),
        response: { 200: z.object({ items: z.array(template) }), ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const departmentId = user.role === 'handler' ? departmentOf(user) : req.query.departmentId;
      return { items: (await repo.listTemplates(db, { departmentId, serviceItemId: req.query.serviceItemId })).map(view) };
    },
  );

  r.post(
    '/api/reply-templates',
    {
      config: { access: EDITORS },
      schema: { tags, summary: '新增本部门的答复模板', body: templateBody, response: { 201: template, ...errorResponses } },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const departmentId = departmentOf(user);
      await checkItem(db, req.body.serviceItemId);
      const id = await db.transaction().execute(async (tx) => {
        const newId = await repo.insertTemplate(tx, {
          department_id: departmentId,
          service_item_id: req.body.serviceItemId,
          title: req.body.title,
          body: req.body.body,
          created_by: user.id,
        });
        await recordAudit(tx, actorOf(req), {
          action: 'reply_template.create',
          entityType: 'reply_template',
          entityId: newId,
          after: req.body,
        });
        return newId;
      });
      const [row] = await repo.listTemplates(db, { id });
      return reply.status(201).send(view(row!));
    },
  );

  r.put(
    '/api/reply-templates/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: '修改本部门的答复模板',
        params: idParams,
        body: templateBody,
        response: { 200: template, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const before = await ownTemplate(db, user, req.params.id);
      await checkItem(db, req.body.serviceItemId);
      await db.transaction().execute(async (tx) => {
        await repo.updateTemplate(tx, before.id, {
          service_item_id: req.body.serviceItemId,
          title: req.body.title,
          body: req.body.body,
          updated_at: new Date(),
        });
        await recordAudit(tx, actorOf(req), {
          action: 'reply_template.update',
          entityType: 'reply_template',
          entityId: before.id,
          before: { serviceItemId: before.service_item_id, title: before.title, body: before.body },
          after: req.body,
        });
      });
      const [row] = await repo.listTemplates(db, { id: before.id });
      return view(row!);
    },
  );

  r.delete(
    '/api/reply-templates/:id',
    {
      config: { access: EDITORS },
      schema: { tags, summary: '删除本部门的答复模板', params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const before = await ownTemplate(db, user, req.params.id);
      await db.transaction().execute(async (tx) => {
        await repo.deleteTemplate(tx, before.id);
        await recordAudit(tx, actorOf(req), {
          action: 'reply_template.delete',
          entityType: 'reply_template',
          entityId: before.id,
          before: { serviceItemId: before.service_item_id, title: before.title },
        });
      });
      return reply.status(204).send(null);
    },
  );
}
