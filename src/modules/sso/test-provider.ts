/**
 * A real OpenID Connect provider (oidc-provider) on a local port for the single sign-on tests; its
 * development login and consent pages stand in for the user, driven by fetch with redirects
 * followed by hand. Qifu runs on a real port too, configured for the provider.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account } from 'oidc-provider';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

export interface SsoHarness {
  t: TestApp;
  base: string;
  issuer: string;
  /** Qifu's login button → the provider's login and consent → back to Qifu's callback. */
  signIn(browser: Browser, login: string): Promise<Response>;
  /** The session cookie a sign-in left, or undefined. */
  session(browser: Browser): string | undefined;
  /** Qifu's logout, then the provider's logout page (answered "yes") when Qifu sends the browser there; where the browser ends. */
  signOut(browser: Browser): Promise<{ endSessionUrl: string | null; landedAt: string | null }>;
  close(): Promise<void>;
}

function listen(server: http.Server, port = 0): Promise<number> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/**
 * `claimsOf(sub)`: what the provider says about the account that logs in as `sub`; `env`: Qifu's settings
 * beyond issuer and client; `app`: the test app's options (the browser tests serve the web app).
 */
export async function startSso(
  claimsOf: (sub: string) => Record<string, unknown>,
  env: Record<string, string> = {},
  app: { serveWeb?: boolean; enterprises?: number } = {},
): Promise<SsoHarness> {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const idp = http.createServer((req, res) => handler(req, res));
  const issuer = `http://127.0.0.1:${await listen(idp)}`;
  const probe = http.createServer();
  const appPort = await listen(probe);
  await new Promise((r) => probe.close(r));
  const redirect = `http://127.0.0.1:${appPort}/api/auth/oidc/callback`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'qifu',
        client_secret: 'qifu-test-secret',
        redirect_uris: [redirect],
        post_logout_redirect_uris: [new URL('/login', redirect).href],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    // uscc: the credit code as provincial legal-person identity providers issue it.
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'name', 'uscc'],
      phone: ['phone_number', 'phone_number_verified'],
      groups: ['groups'],
    },
    findAccount: async (_ctx: unknown, sub: string): Promise<Account> => ({
      accountId: sub,
      claims: async () => ({ sub, preferred_username: sub, name: sub, ...claimsOf(sub) }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['qifu-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  handler = provider.callback();
  const t = await createTestApp({
    env: {
      QIFU_OIDC_ISSUER: issuer,
      QIFU_OIDC_CLIENT_ID: 'qifu',
      QIFU_OIDC_CLIENT_SECRET: 'qifu-test-secret',
      QIFU_OIDC_REDIRECT_URI: redirect,
      ...env,
    },
    ...app,
  });
  const base = await t.app.listen({ port: appPort, host: '127.0.0.1' });

  async function signIn(browser: Browser, login: string): Promise<Response> {
    let res = await browser.go(`${base}/api/auth/oidc/login`);
    expect(res.status).toBe(302);
    const auth = new URL(res.headers.get('location')!);
    expect(auth.origin).toBe(issuer);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    let url = auth.href;
    for (let hops = 0; hops < 12; hops++) {
      res = await browser.go(url);
      const next = res.headers.get('location');
      if (next) {
        url = new URL(next, url).href;
        if (url.startsWith(base)) return browser.go(url);
        continue;
      }
      const html = await res.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      expect(prompt, html).toBeDefined();
      browser.prompts.push(prompt!);
      res = await browser.go(url, { method: 'POST', form: prompt === 'login' ? { prompt, login, password: 'any' } : { prompt: prompt! } });
      url = new URL(res.headers.get('location')!, url).href;
    }
    throw new Error('too many redirects');
  }

  async function signOut(browser: Browser) {
    const out = await browser.go(`${base}/api/auth/logout`, { method: 'POST' });
    expect(out.status).toBe(200);
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string | null };
    if (!endSessionUrl) return { endSessionUrl, landedAt: null };
    const page = await browser.go(endSessionUrl);
    const html = await page.text();
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action && xsrf, html).toBeTruthy();
    const done = await browser.go(new URL(action!, endSessionUrl).href, { method: 'POST', form: { xsrf: xsrf!, logout: 'yes' } });
    return { endSessionUrl, landedAt: done.headers.get('location') };
  }

  return {
    t,
    base,
    issuer,
    signIn,
    signOut,
    session: (browser) => browser.cookie(new URL(base).host, 'qifu_session'),
    async close() {
      await t.close();
      idp.closeAllConnections();
      await new Promise((r) => idp.close(r));
    },
  };
}

/** A browser's cookie jar, by name (paths and domains do not matter for two local hosts). */
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>();
  /** The provider's prompts this browser was shown (login, consent), in order. */
  readonly prompts: string[] = [];

  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const u = new URL(url);
    const jar = this.jars.get(u.host) ?? new Map<string, string>();
    this.jars.set(u.host, jar);
    const res = await fetch(u, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  cookie(host: string, name: string): string | undefined {
    return this.jars.get(host)?.get(name);
  }
}
