import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses, errorSchema } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Config } from '../../platform/config.ts';
import { loginBody, meSchema, passwordBody } from './schemas.ts';
import * as service from './service.ts';
import { oidcClientFor } from '../sso/oidc.ts';

/** The session cookie, the same for password login and single sign-on. */
export function setSessionCookie(reply: FastifyReply, req: FastifyRequest, config: Config, token: string, expiresAt: Date): void {
  const secure = config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure === 'true';
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const settings = {
    sessionHours: config.sessionHours,
    maxFailures: config.loginMaxFailures,
    lockMinutes: config.loginLockMinutes,
    refuseDemoPassword: config.production,
    staffPasswordForAdminsOnly: config.oidc?.passwordLogin === 'admin',
  };

  r.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录（用户名或手机号 + 密码）',
        body: loginBody,
        response: { 200: z.object({ user: meSchema }), ...errorResponses, 423: errorSchema, 429: errorSchema },
      },
    },
    async (req, reply) => {
      const result = await service.login(db, settings, req.body, actorOf(req), req.headers['user-agent']);
      setSessionCookie(reply, req, config, result.token, result.expiresAt);
      return { user: await service.me(db, result.userId) };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: '退出登录；统一身份认证登录的会话同时给出认证平台的退出地址（浏览器随后前往，结束认证平台的会话）',
        response: {
          200: z.object({
            endSessionUrl: z
              .string()
              .nullable()
              .describe('认证平台的 end_session_endpoint（RP-initiated logout）；密码登录或平台不支持时为 null'),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const idToken = await service.logout(db, requireUser(req), actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      // Only a single sign-on session holds an ID token. The local session is gone either way: a provider
      // that cannot be reached now costs the user its logout page, not the logout.
      if (!idToken || !config.oidc) return { endSessionUrl: null };
      const endSessionUrl = await oidcClientFor(config.oidc)
        .endSessionUrl(idToken)
        .catch((err: unknown) => {
          req.log.warn({ err }, 'oidc end_session_endpoint unavailable');
          return null;
        });
      return { endSessionUrl };
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: { tags: ['auth'], summary: '当前用户', response: { 200: z.object({ user: meSchema }), ...errorResponses } },
    },
    async (req) => {
      // The session's word, not the account's: a single sign-on session is never held at the change form.
      const user = requireUser(req);
      return { user: { ...(await service.me(db, user.id)), mustChangePassword: user.mustChangePassword === true } };
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: '修改密码（其他会话随之失效）',
        body: passwordBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.changePassword(db, requireUser(req), req.body, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
