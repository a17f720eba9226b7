import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE, apiKeyOf } from './access.ts';

/** Methods that change nothing; everything else is checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_IN_COOKIE = new RegExp(`(?:^|;)\\s*${SESSION_COOKIE}=`);

/**
 * Why a state-changing request must be refused as cross-site, or undefined when it may go on.
 *
 * SameSite=Lax does not stop a page on another port of the same host (same site) from posting
 * with the session cookie, so the browser's own word on where a request comes from decides:
 * - `Sec-Fetch-Site` (every current browser; set by the browser, a page cannot forge it):
 *   only `same-origin` and `none` (typed address, bookmark) pass. Read first, so a proxy that
 *   rewrites Host cannot turn a genuine same-origin request away.
 * - otherwise `Origin` (older browsers send it on every POST): it must be this server's origin
 *   as the client sees it, `req.protocol` and `req.host` (behind nginx from X-Forwarded-* when
 *   QIFU_TRUST_PROXY trusts it). `Origin: null` (sandboxed frames, data: pages) is refused.
 * - neither header: allowed. Every browser the web app runs in sends one of them on a
 *   cross-origin POST, so such a request comes from curl or a script that already holds the
 *   cookie, which no other site can make a browser send.
 *
 * Connected systems (an API key in a header, Open311's `api_key`) send no cookie a browser would
 * add on its own, so without a session cookie they are not checked. Cookieless browser requests
 * are: a cross-site login or registration post would sign the victim into the attacker's account.
 * Single sign-on comes back by a GET redirect (response_mode=query), which is never checked.
 */
export function crossSiteReason(req: FastifyRequest): string | undefined {
  if (SAFE_METHODS.has(req.method)) return undefined;
  const withSession = SESSION_IN_COOKIE.test(req.headers.cookie ?? '');
  if (!withSession && (apiKeyOf(req) !== undefined || req.url.startsWith('/open311/'))) return undefined;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none' ? undefined : `Sec-Fetch-Site: ${site}`;
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin.toLowerCase() !== ownOrigin(req)) return `Origin: ${origin}`;
  return undefined;
}

/** This server's origin as the client addressed it, serialized as a browser does (no default port). */
function ownOrigin(req: FastifyRequest): string {
  const origin = `${req.protocol}://${req.host}`.toLowerCase();
  return origin.replace(req.protocol === 'https' ? /:443$/ : /:80$/, '');
}

/** Refuses cross-site state-changing requests before anything reads their body (see crossSiteReason). */
export function installCsrfGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const reason = crossSiteReason(req);
    if (reason === undefined) return;
    req.log.warn({ reason, method: req.method }, 'cross-site request refused');
    throw new AppError('CSRF_REJECTED', '已拒绝来自其他网站的请求：请在本系统的页面中操作（跨站请求伪造防护）', { reason });
  });
}
