import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 2, env: { QIFU_TRUST_PROXY: '1' } });
  admin = await t.login('admin');
});
afterAll(() => t?.close());

function directives(csp: unknown): Map<string, string> {
  expect(typeof csp).toBe('string');
  return new Map(
    String(csp)
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')] as const),
  );
}

describe('security headers', () => {
  it('sends a strict CSP, frame protection, Referrer-Policy and nosniff on pages, API answers and errors; no X-Powered-By', async () => {
    // The last one Fastify refuses before any hook runs (a URL it cannot decode).
    const urls = ['/api/auth/me', '/api/auth/me?anonymous', '/api/no-such-thing', '/healthz', '/api/docs/', '/%'];
    const answers = await Promise.all(urls.map((url) => t.app.inject({ url, headers: url === '/api/auth/me' ? { cookie: admin } : {} })));
    for (const res of answers) {
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('connect-src')).toBe("'self'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('base-uri')).toBe("'self'");
      expect(csp.get('form-action')).toBe("'self'");
      expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
      expect(csp.get('img-src')).toBe("'self' data:");
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    expect(answers[0]!.statusCode).toBe(200);
    expect(answers[4]!.statusCode).toBe(200);
    expect(answers[4]!.headers['content-type']).toMatch(/text\/html/);
    expect(answers[5]!.statusCode).toBe(400);
    expect(answers[5]!.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('sends HSTS only over HTTPS (here: from a trusted proxy with TLS), never on plain HTTP', async () => {
    const plain = await t.app.inject({ url: '/healthz' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tls = await t.app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '127.0.0.1' });
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('keeps file responses working: an image and an Excel download, with their own types and nosniff', async () => {
    const id = (await t.database.db.selectFrom('enterprises').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const qr = await t.app.inject({ url: `/api/enterprises/${id}/qr.png`, headers: { cookie: admin } });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toBe('image/png');
    expect(qr.headers['x-content-type-options']).toBe('nosniff');
    const xlsx = await t.app.inject({ url: '/api/enterprises.xlsx', headers: { cookie: admin } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/attachment/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
