import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

// The address the README gives, and the answers around it, with the built web app served.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 5, serveWeb: true });
});
afterAll(() => t.close());

describe('the front door', () => {
  it('serves the web app at the bare address', async () => {
    const res = await t.app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<div id="root">');
  });

  it('serves the web app for client-side routes (login, the SSO landing)', async () => {
    for (const url of ['/login', '/login?sso_error=FORBIDDEN', '/portal']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('keeps a plugin 4xx its own status and code', async () => {
    const dir = await t.app.inject({ url: '/assets/' });
    expect(dir.statusCode).not.toBe(400);
    expect(dir.json().error.code).not.toBe('VALIDATION_FAILED');
    const missing = await t.app.inject({ url: '/assets/nope.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const put = await t.app.inject({ method: 'PUT', url: '/' });
    expect(put.statusCode).toBe(404);
    expect(put.json().error.code).toBe('NOT_FOUND');
  });

  it('answers unknown Open311 paths and formats with the standard 404, never the web app', async () => {
    for (const url of ['/open311/v2/services.csv', '/open311/v2/discovery.json', '/open311/v2/requests/QF-1.html', '/open311/nope']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/application\/json/);
      expect(res.json(), url).toEqual([{ code: 404, description: expect.stringContaining('no such resource') }]);
    }
    const xml = await t.app.inject({ url: '/open311/v2/nothing.xml' });
    expect(xml.statusCode).toBe(404);
    expect(xml.headers['content-type']).toMatch(/text\/xml/);
    expect(xml.body).toContain('<code>404</code>');
    const known = await t.app.inject({ url: '/open311/v2/services.json' });
    expect(known.statusCode).toBe(200);
  });
});
