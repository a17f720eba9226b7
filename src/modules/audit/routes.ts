import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, pageQuery } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/context.ts';
import { auditActionName, auditEntityName } from '../../platform/audit-names.ts';
import { searchAudit } from './repository.ts';

const name = z
  .object({ zh_CN: z.string(), en_US: z.string() })
  .meta({ id: 'AuditName', description: '动作或对象的名称（中文、英文）；未登记的代码原样返回' });

const auditItem = z
  .object({
    id: z.number(),
    at: z.string(),
    actorId: z.number().nullable(),
    actorName: z.string().nullable(),
    actorRole: z.string().nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    action: z.string(),
    actionName: name,
    entityType: z.string(),
    entityName: name,
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

const query = z.object({
  q: z.string().trim().max(100).optional().describe('在动作、IP、请求号、变更内容中查找'),
  actor: z.string().trim().max(50).optional().describe('操作人姓名或用户 ID'),
  action: z.string().trim().max(50).optional().describe('动作前缀，如 user. 或 auth.login'),
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(50).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  ...pageQuery,
});

export function auditRoutes(app: FastifyInstance, { db }: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/audit',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: '审计日志查询（只增不改）',
        querystring: query,
        response: { 200: z.object({ items: z.array(auditItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => {
      const { rows, total } = await searchAudit(db, req.query);
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          actorRole: r.actor_role,
          ip: r.ip,
          requestId: r.request_id,
          action: r.action,
          actionName: auditActionName(r.action),
          entityType: r.entity_type,
          entityName: auditEntityName(r.entity_type),
          entityId: r.entity_id,
          before: r.before,
          after: r.after,
        })),
      };
    },
  );
}
