import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NGINX, startNginx, type Nginx } from './cluster/nginx.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/app.ts';

/**
 * The CSRF check's Origin fallback behind the checked-in deploy/nginx/qifu.conf (listening on a
 * port that is not 80): the server must see the address the browser used, port included, or it
 * refuses the app's own posts from browsers that send Origin but no Sec-Fetch-Site.
 */
const skip = fs.existsSync(NGINX) ? undefined : `${NGINX} is absent (apt-get install nginx-light)`;
if (skip) console.warn(`tests/csrf-nginx.test.ts skipped — ${skip}`);

let t: TestApp;
let nginx: Nginx;
beforeAll(async () => {
  if (skip) return;
  t = await createTestApp({ enterprises: 2, env: { QIFU_TRUST_PROXY: '1' } });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  nginx = await startNginx([Number(new URL(address).port)]);
});
afterAll(async () => {
  await nginx?.stop();
  await t?.close();
});

it.skipIf(skip)("accepts the app's own origin through nginx and refuses another port of the same host", async () => {
  const login = (origin: string) =>
    fetch(`${nginx.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ login: 'admin', password: DEMO_PASSWORD }),
    });
  expect((await login(nginx.url)).status).toBe(200);
  const other = await login('http://127.0.0.1:1');
  expect(other.status).toBe(403);
  expect(((await other.json()) as { error: { code: string } }).error.code).toBe('CSRF_REJECTED');
});

it.skipIf(skip)('keeps the metrics from the public: refused through nginx, served on the process port', async () => {
  expect((await fetch(`${nginx.url}/metrics`)).status).toBe(403);
  expect((await fetch(`${nginx.url}/healthz`)).status).toBe(200);
  expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(200);
});
