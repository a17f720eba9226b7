import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { setSessionCookie } from '../auth/routes.ts';
import { STATE_COOKIE, STATE_MINUTES, oidcClientFor } from './oidc.ts';
import { ssoLogin } from './service.ts';

/** Staff single sign-on: authorization code with PKCE against the configured OpenID Connect provider. */
export function ssoRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const settings = ctx.config.oidc;
  const oidc = settings ? oidcClientFor(settings) : undefined;
  const cookiePath = '/api/auth/oidc';

  r.get(
    '/api/auth/oidc/status',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '是否启用统一身份认证登录（登录页据此显示按钮）',
        response: {
          200: z.object({
            enabled: z.boolean(),
            passwordLogin: z
              .enum(['all', 'admin'])
              .describe('all：工作人员均可用密码登录；admin：启用统一身份认证后只有管理员可用密码登录（应急）'),
          }),
        },
      },
    },
    async () => ({ enabled: Boolean(oidc), passwordLogin: settings?.passwordLogin ?? 'all' }),
  );

  r.get(
    '/api/auth/oidc/login',
    {
      config: { access: 'public', rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: { tags, summary: '跳转到统一身份认证登录（授权码 + PKCE）', response: { 302: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      if (!oidc) throw AppError.notFound('统一身份认证');
      const { url, checks } = await oidc.start();
      const secure = ctx.config.cookieSecure === 'auto' ? req.protocol === 'https' : ctx.config.cookieSecure === 'true';
      reply.setCookie(STATE_COOKIE, oidc.seal(checks), {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: cookiePath,
        maxAge: STATE_MINUTES * 60,
      });
      return reply.redirect(url, 302);
    },
  );

  r.get(
    '/api/auth/oidc/callback',
    {
      config: { access: 'public', rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '统一身份认证回调：建立会话后回到首页；失败时回到登录页并带 sso_error',
        response: { 302: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      if (!oidc || !settings) throw AppError.notFound('统一身份认证');
      reply.clearCookie(STATE_COOKIE, { path: cookiePath });
      const checks = oidc.unseal(req.cookies[STATE_COOKIE]);
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      try {
        if (!checks) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
        let result: Awaited<ReturnType<typeof oidc.finish>>;
        try {
          result = await oidc.finish(query, checks);
        } catch (err) {
          req.log.warn({ err }, 'oidc code exchange failed');
          throw new AppError('UNAUTHENTICATED', '统一身份认证未通过');
        }
        const session = await ssoLogin(ctx.db, ctx.config, settings, result, actorOf(req), req.headers['user-agent']);
        setSessionCookie(reply, req, ctx.config, session.token, session.expiresAt);
        return reply.redirect('/', 302);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        // The browser came here by redirect: send it back to the login page with the reason.
        return reply.redirect(`/login?sso_error=${encodeURIComponent(err.code)}`, 302);
      }
    },
  );
}
