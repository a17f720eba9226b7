import type { FastifyInstance, FastifyReply } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * The Content Security Policy of every response (the web app, Swagger UI at /api/docs, the API).
 * - Scripts only from this origin: the built web app has no inline script (web/dist/index.html
 *   loads /assets/*.js), so an injected `<script>` or `onclick=` never runs.
 * - Styles also inline: Ant Design's CSS-in-JS adds `<style>` elements at run time and its
 *   components set `style` attributes. A nonce would cover only the elements, and would make the
 *   cached index.html a per-request template; injected CSS cannot run code, scripts stay strict.
 * - Images from here and `data:` (the page's icon, Swagger UI's logo and icons); the QR code is
 *   a same-origin PNG and ECharts draws on canvas. Downloads are `blob:` links, which no fetch
 *   directive governs.
 * - No framing by anyone (`frame-ancestors 'none'`, and X-Frame-Options DENY for old browsers),
 *   no plugins, no `<base>` elsewhere, forms post only here.
 * No `upgrade-insecure-requests`: on a plain-HTTP intranet address it would send every request
 * to an https:// that does not exist.
 */
export const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/** One year; no includeSubDomains: other services may live under the same domain without HTTPS. */
const HSTS = 'max-age=31536000';

/**
 * Security headers on every response (helmet): CSP above, X-Frame-Options DENY,
 * Referrer-Policy, X-Content-Type-Options nosniff, no X-Powered-By, COOP / CORP same-origin.
 *
 * Referrer-Policy is strict-origin-when-cross-origin, not no-referrer: under no-referrer a
 * browser sends `Origin: null` even on the app's own POSTs, and the CSRF check (csrf.ts) falls
 * back on Origin for browsers without Sec-Fetch-Site. Other sites still see only the origin.
 *
 * HSTS only when the request came over HTTPS (directly, or from nginx with TLS and
 * X-Forwarded-Proto trusted): browsers ignore it over HTTP anyway, and one sent from a
 * https://localhost would pin every local port to HTTPS for a year.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}

/**
 * The same headers for the few answers Fastify gives before any hook runs (a URL it cannot decode,
 * `GET /%`): set by hand from the same directives, so no response goes out without them.
 */
export function setSecurityHeaders(reply: FastifyReply): void {
  const csp = Object.entries(CSP_DIRECTIVES)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join(';');
  reply.headers({
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  });
}
