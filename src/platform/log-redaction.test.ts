import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from './config.ts';
import type { Database } from './db/index.ts';
import { logOptions, REDACTED, redactText, redactUrl } from './log.ts';
import { demoDatabase } from '../../tests/support/database.ts';
import { DEMO_PASSWORD } from '../../tests/support/app.ts';

/** A pino logger at info level writing JSON lines into `lines`, as main.ts makes one but without its redaction. */
function capture(): { lines: string[]; log: pino.Logger } {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, cb) => (lines.push(chunk.toString()), cb()) });
  return { lines, log: pino({ level: 'info' }, sink) };
}

describe('secrets in the request log', () => {
  let database: Database;
  beforeAll(async () => {
    database = await demoDatabase(2);
  });
  afterAll(() => database?.close());

  it('logs an Open311 request with api_key in the URL as api_key=[REDACTED], and no key, password, cookie or token anywhere', async () => {
    const { lines, log } = capture();
    const app = await buildApp(
      { db: database.db, config: loadConfig({ QIFU_DATA_DIR: 'memory://', QIFU_SCHEDULER: 'off' }) },
      { logger: log, serveWeb: false },
    );
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'admin', password: DEMO_PASSWORD } });
    const cookie = `qifu_session=${login.cookies.find((c) => c.name === 'qifu_session')!.value}`;
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/api-clients',
      headers: { cookie },
      payload: { name: '12345 热线', channel: 'hotline_12345', scopes: ['appeals:read'] },
    });
    const key = created.json<{ key: string }>().key;
    expect(key.length).toBeGreaterThan(16);

    const res = await app.inject({ url: `/open311/v2/requests.json?api_key=${encodeURIComponent(key)}&status=open` });
    expect(res.statusCode).toBe(200);
    // The single sign-on callback carries the authorization code and state in its query.
    await app.inject({ url: '/api/auth/oidc/callback?code=SECRET-CODE-123&state=SECRET-STATE-456' });
    await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${key}`, cookie } });
    await app.close();

    const out = lines.join('');
    const sessionToken = cookie.split('=')[1]!;
    for (const secret of [key, sessionToken, DEMO_PASSWORD, 'SECRET-CODE-123', 'SECRET-STATE-456']) expect(out).not.toContain(secret);
    const urls = lines.map((l) => (JSON.parse(l) as { req?: { url?: string } }).req?.url).filter(Boolean);
    expect(urls).toContain(`/open311/v2/requests.json?api_key=${REDACTED}&status=open`);
    expect(urls).toContain(`/api/auth/oidc/callback?code=${REDACTED}&state=${REDACTED}`);
  });
});

describe('redaction rules', () => {
  it('redacts secret query values by name and keeps everything else as sent', () => {
    expect(redactUrl('/open311/v2/requests.json?api_key=abc&service_code=01&status=open')).toBe(
      `/open311/v2/requests.json?api_key=${REDACTED}&service_code=01&status=open`,
    );
    expect(redactUrl('/x?keyword=%E4%BC%81&key=k&Access_Token=t&password=p&client_secret=s&sms_code=1234#top')).toBe(
      `/x?keyword=%E4%BC%81&key=${REDACTED}&Access_Token=${REDACTED}&password=${REDACTED}&client_secret=${REDACTED}&sms_code=${REDACTED}#top`,
    );
    expect(redactUrl('/api/appeals?page=2')).toBe('/api/appeals?page=2');
    expect(redactUrl('/api/appeals')).toBe('/api/appeals');
    expect(redactText('connect to https://hook.example/in?token=abc&x=1 failed')).toBe(
      `connect to https://hook.example/in?token=${REDACTED}&x=1 failed`,
    );
  });

  it('censors headers and body fields wherever a log line carries them, and URLs in errors', () => {
    const lines: string[] = [];
    const log = pino({ level: 'info', ...logOptions }, new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }));
    log.info({
      headers: { authorization: 'Bearer k1', cookie: 'qifu_session=s1', accept: 'text/html' },
      upstream: { headers: { 'x-api-key': 'k2', 'set-cookie': 'qifu_session=s2' } },
      body: { login: 'admin', password: 'p1', newPassword: 'p2', code: '654321' },
      url: 'https://idp.example/cb?code=c1',
    });
    log.error({ err: new Error('GET https://hook.example/?access_token=t1 failed') }, 'webhook failed');
    const out = lines.join('');
    for (const secret of ['k1', 's1', 'k2', 's2', 'p1', 'p2', '654321', 'c1', 't1']) expect(out).not.toMatch(new RegExp(`\\b${secret}\\b`));
    expect(out).toContain('text/html');
    expect(out).toContain('"login":"admin"');
  });
});
