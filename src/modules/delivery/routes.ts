import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, requireUser, STAFF_ROLES } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { listMessages } from './repository.ts';
import { channelsStatus, messagesQuery, messagesResult, preferencesBody, preferencesResult } from './schemas.ts';
import { channelStatus, getPreferences, isEnterpriseAdmin, retryMessage, updatePreferences } from './service.ts';

/** Staff who open the enterprise file (everyone but the department handler). */
const FILE_READERS = ['leader', 'coordinator', 'specialist', 'cadre', 'policy_officer', 'admin'] as const;

export function deliveryRoutes(app: FastifyInstance, { db, config }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['delivery'];

  r.get(
    '/api/delivery/channels',
    {
      config: { access: STAFF_ROLES },
      schema: { tags, summary: '短信 / 邮件通道是否已配置（未配置时仅记录日志）', response: { 200: channelsStatus, ...errorResponses } },
    },
    async () => channelStatus(config),
  );

  r.get(
    '/api/delivery/messages',
    {
      config: { access: ['admin', 'coordinator'] },
      schema: {
        tags,
        summary: '消息发送记录（短信 / 邮件：状态、服务商编号、错误）',
        querystring: messagesQuery,
        response: { 200: messagesResult, ...errorResponses },
      },
    },
    async (req) => listMessages(db, req.query),
  );

  r.post(
    '/api/delivery/messages/:id/retry',
    {
      config: { access: ['admin'] },
      schema: { tags, summary: '重发一条发送失败的消息', params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await retryMessage(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/portal/contact-preferences',
    {
      config: { access: ['enterprise'] },
      schema: { tags, summary: '本企业的消息设置（渠道、免打扰、政策推送）', response: { 200: preferencesResult, ...errorResponses } },
    },
    async (req) => {
      const user = requireUser(req);
      if (user.enterpriseId === null) throw AppError.forbidden('该账号未关联企业');
      return getPreferences(db, user.enterpriseId, await isEnterpriseAdmin(db, user));
    },
  );

  r.put(
    '/api/portal/contact-preferences',
    {
      config: { access: ['enterprise'] },
      schema: {
        tags,
        summary: '修改本企业的消息设置（企业管理员）',
        body: preferencesBody,
        response: { 200: preferencesResult, ...errorResponses },
      },
    },
    async (req) => updatePreferences(db, actorOf(req), requireUser(req), req.body),
  );

  r.get(
    '/api/enterprises/:id/contact-preferences',
    {
      config: { access: FILE_READERS },
      schema: { tags, summary: '企业的消息设置（只读）', params: idParams, response: { 200: preferencesResult, ...errorResponses } },
    },
    async (req) => getPreferences(db, req.params.id, false),
  );
}
