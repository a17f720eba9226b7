import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcConfig } from '../../platform/config.ts';

/** What the login step leaves in the browser for the callback to check. */
export interface LoginChecks {
  state: string;
  nonce: string;
  verifier: string;
  /** Unix ms after which the login must be started again. */
  exp: number;
}

export const STATE_COOKIE = 'qifu_oidc';

const clients = new WeakMap<OidcConfig, OidcClient>();
/** One client per configuration: the login routes and the logout route share its discovery. */
export function oidcClientFor(settings: OidcConfig): OidcClient {
  let c = clients.get(settings);
  if (!c) clients.set(settings, (c = new OidcClient(settings)));
  return c;
}
export const STATE_MINUTES = 10;

/**
 * Talks to the provider: discovery once (retried after a failure), the authorization URL with
 * PKCE, state and nonce, and the code exchange with its checks.
 */
export class OidcClient {
  private configuration: Promise<client.Configuration> | undefined;
  /** Signs the state cookie. From the client secret, so that every process agrees; per process for a public client. */
  private readonly cookieKey: Buffer;

  constructor(private readonly settings: OidcConfig) {
    this.cookieKey = settings.clientSecret
      ? createHmac('sha256', 'qifu-oidc-state').update(settings.clientSecret).digest()
      : randomBytes(32);
  }

  private config(): Promise<client.Configuration> {
    const url = new URL(this.settings.issuer);
    // Plain http only to a provider on this machine (development and the tests).
    const loopback = url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    this.configuration ??= client
      .discovery(
        url,
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        loopback ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.configuration = undefined;
        throw err;
      });
    return this.configuration;
  }

  async start(): Promise<{ url: string; checks: LoginChecks }> {
    const config = await this.config();
    const checks: LoginChecks = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      exp: Date.now() + STATE_MINUTES * 60_000,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: `openid profile${this.settings.userClaim === 'phone_number' || this.settings.usccClaim ? ' phone' : ''}${this.settings.roleClaim ? ` ${this.settings.roleClaim}` : ''}`,
      code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    return { url: url.href, checks };
  }

  /** Exchanges the code; the ID token's claims, completed by the UserInfo endpoint, and the ID token itself (for logout). */
  async finish(query: string, checks: LoginChecks): Promise<{ claims: Record<string, unknown>; idToken: string | undefined }> {
    const config = await this.config();
    const current = new URL(this.settings.redirectUri);
    current.search = query;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return { claims: { ...info, ...idClaims }, idToken: tokens.id_token };
  }

  /**
   * Where to send the browser after a single sign-on session ends here, so that the provider ends
   * its session too (OpenID Connect RP-Initiated Logout): null when the provider offers no
   * end_session_endpoint. Without it the next 统一身份认证登录 on a shared PC would log the same
   * person in again without a prompt.
   */
  async endSessionUrl(idToken: string | null): Promise<string | null> {
    const config = await this.config();
    if (!config.serverMetadata().end_session_endpoint) return null;
    const params: Record<string, string> = {
      post_logout_redirect_uri: this.settings.postLogoutRedirectUri,
      client_id: this.settings.clientId,
    };
    if (idToken) params.id_token_hint = idToken;
    return client.buildEndSessionUrl(config, params).href;
  }

  seal(checks: LoginChecks): string {
    const body = Buffer.from(JSON.stringify(checks)).toString('base64url');
    return `${body}.${createHmac('sha256', this.cookieKey).update(body).digest('base64url')}`;
  }

  unseal(cookie: string | undefined): LoginChecks | null {
    const [body, mac] = cookie?.split('.') ?? [];
    if (!body || !mac) return null;
    const expected = Buffer.from(createHmac('sha256', this.cookieKey).update(body).digest('base64url'));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const checks = JSON.parse(Buffer.from(body, 'base64url').toString()) as LoginChecks;
    return checks.exp > Date.now() ? checks : null;
  }
}
