import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

// With the built web app served, as in production: its catch-all must not answer under /open311.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 5, serveWeb: true });
});
afterAll(() => t.close());

describe('Open311 unknown paths and formats', () => {
  it('answers the standard 404 in the asked-for format, never the web app', async () => {
    // The web app is there (a client-side route gets its HTML), so a 200 below would be its catch-all.
    expect((await t.app.inject({ url: '/appeals' })).headers['content-type']).toMatch(/text\/html/);
    const cases: [string, string, 'json' | 'xml'][] = [
      ['GET', '/open311', 'json'],
      ['GET', '/open311/', 'json'],
      ['GET', '/open311/v2', 'json'],
      ['GET', '/open311/v2/', 'json'],
      ['GET', '/open311/v2/services.csv', 'json'],
      ['GET', '/open311/v2/discovery.json', 'json'],
      ['GET', '/open311/v2/discovery.xml', 'xml'],
      ['GET', '/open311/discovery.csv', 'json'],
      ['GET', '/open311/v2/requests/QF-2026-000001.html', 'json'],
      ['GET', '/open311/v2/services/ABC.xml/extra', 'json'],
      ['GET', '/open311/v3/services.xml', 'xml'],
      ['HEAD', '/open311/v2/nothing', 'json'],
      ['POST', '/open311/v2/services.json', 'json'],
      ['DELETE', '/open311/v2/requests.xml', 'xml'],
    ];
    for (const [method, url, format] of cases) {
      const res = await t.app.inject({ method: method as 'GET', url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type'], url).toMatch(format === 'xml' ? /^text\/xml/ : /^application\/json/);
      if (method === 'HEAD') continue;
      if (format === 'json') expect(res.json(), url).toEqual([{ code: 404, description: `no such resource: ${url}` }]);
      else expect(res.body, url).toContain(`<errors><error><code>404</code><description>no such resource: ${url}</description>`);
    }
  });
});
