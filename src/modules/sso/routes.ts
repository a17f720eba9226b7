import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { setSessionCookie } from '../auth/routes.ts';
import { OidcClient, STATE_COOKIE, STATE_MINUTES } from './oidc.ts';
import { ssoLogin } from './service.ts';

/** Staff single sign-on: authorization code with PKCE against the configured OpenID Connect provider. */
export function ssoRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const settings = ctx.config.oidc;
  const oidc = settings ? new OidcClient(settings) : undefined;
  const cookiePath = '/api/auth/oidc';

  r.get(
    '/api/auth/oidc/status',
    {
      config: { access: 'public' },
      schema: { tags, summary: '是否启用统一身份认证登录（登录页据此显示按钮）', response: { 200: z.object({ enabled: z.boolean() }) } },
    },
    async () => ({ enabled: Boolean(oidc) }),
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
        let claims: Record<string, unknown>;
        try {
          claims = await oidc.finish(query, checks);
        } catch (err) {
          req.log.warn({ err }, 'oidc code exchange failed');
          throw new AppError('UNAUTHENTICATED', '统一身份认证未通过');
        }
        const session = await ssoLogin(ctx.db, ctx.config, settings, claims, actorOf(req), req.headers['user-agent']);
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
