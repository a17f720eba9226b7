import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses, errorSchema, idParams } from '../../platform/http/schemas.ts';
import * as members from './members.ts';
import { inviteBody, membersResult, roleBody } from './schemas.ts';

const enterprise = { access: ['enterprise'] as const };

/** 企业成员 on the portal: the enterprise's administrators manage its members (the service checks the admin role). */
export function memberRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const tags = ['enterprise-accounts'];
  const done = { 204: z.null(), ...errorResponses };

  r.get(
    '/api/portal/members',
    {
      config: enterprise,
      schema: { tags, summary: '企业成员与待接受的邀请（企业管理员）', response: { 200: membersResult, ...errorResponses } },
    },
    async (req) => members.list(db, requireUser(req)),
  );

  r.post(
    '/api/portal/members/invitations',
    {
      config: enterprise,
      schema: {
        tags,
        summary: '邀请同事加入（短信邀请，有效期见设置；每个企业每小时 20 条、每天 50 条，每个手机号每天 3 条）',
        body: inviteBody,
        response: { 201: z.object({ id: z.number(), expiresAt: z.string() }), ...errorResponses, 429: errorSchema },
      },
    },
    async (req, reply) => {
      const joinUrl = `${req.protocol}://${req.host}/join`;
      return reply
        .status(201)
        .send(
          await members.invite(db, requireUser(req), req.body, actorOf(req), { invitationDays: config.accounts.invitationDays, joinUrl }),
        );
    },
  );

  r.delete(
    '/api/portal/members/invitations/:id',
    {
      config: enterprise,
      schema: { tags, summary: '撤销邀请', params: idParams, response: done },
    },
    async (req, reply) => {
      await members.revokeInvitation(db, requireUser(req), req.params.id, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  for (const kind of ['suspend', 'reactivate', 'remove'] as const) {
    const summary = { suspend: '停用成员（其会话随之失效）', reactivate: '恢复成员', remove: '移除成员（手机号释放）' }[kind];
    r.post(
      `/api/portal/members/:id/${kind}`,
      {
        config: enterprise,
        schema: { tags, summary: `${summary}；企业须保留至少一名在用的管理员`, params: idParams, response: done },
      },
      async (req, reply) => {
        await members.change(db, requireUser(req), req.params.id, { kind }, actorOf(req));
        return reply.status(204).send(null);
      },
    );
  }

  r.put(
    '/api/portal/members/:id/role',
    {
      config: enterprise,
      schema: { tags, summary: '变更成员角色（企业管理员 / 经办人）', params: idParams, body: roleBody, response: done },
    },
    async (req, reply) => {
      await members.change(db, requireUser(req), req.params.id, { kind: 'role', enterpriseRole: req.body.enterpriseRole }, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
