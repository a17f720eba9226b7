import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { logIn, newSession, startBrowserHarness, takeCspViolations, type BrowserHarness } from './browser.ts';
import { PDF } from '../../src/modules/applications/test-fixtures.ts';

// The probe's attacker: pages on another port of 127.0.0.1. Same host, so the same site, so the
// SameSite=Lax session cookie rides along on its form posts and credentialed fetches.
let h: BrowserHarness;
let evil: http.Server;
let evilBase: string;
const pages = new Map<string, string>();

beforeAll(async () => {
  h = await startBrowserHarness(10);
  evil = http.createServer((req, res) => {
    const html = pages.get(req.url ?? '');
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilBase = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (evil) await new Promise((resolve) => evil.close(resolve));
  await h?.close();
});

async function adminPage(): Promise<{ page: Page; close(): Promise<void> }> {
  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'admin');
  return { page, close: () => context.close() };
}

it("refuses a plain form on another port that would revoke an API client with the administrator's cookie", async () => {
  const cookie = await h.t.login('admin');
  const created = await h.t.app.inject({
    method: 'POST',
    url: '/api/admin/api-clients',
    headers: { cookie },
    payload: { name: '热线对接', channel: 'hotline_12345', scopes: ['appeals:read'] },
  });
  const id = created.json<{ client: { id: number } }>().client.id;
  pages.set(
    '/revoke',
    `<form method="post" enctype="text/plain" action="${h.base}/api/admin/api-clients/${id}/revoke"><input name="a" value="b"></form>
     <script>document.forms[0].submit()</script>`,
  );
  const admin = await adminPage();
  const answer = admin.page.waitForResponse((r) => r.url().endsWith(`/api-clients/${id}/revoke`));
  await admin.page.goto(`${evilBase}/revoke`);
  const res = await answer;
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CSRF_REJECTED');
  const row = await h.t.database.db.selectFrom('api_clients').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow();
  expect(row.revoked_at).toBeNull();
  await admin.close();
});

it('refuses a credentialed fetch from another port uploading an attachment; the app itself still posts', async () => {
  const filed = await h.t.app.inject({
    method: 'POST',
    url: '/api/appeals',
    headers: { cookie: await h.t.login('enterprise') },
    payload: { title: '厂房租金补贴咨询', description: '我司今年新租厂房，想了解租金补贴的申请条件和所需材料。' },
  });
  const appeal = { id: filed.json<{ id: number }>().id };
  const count = async () =>
    Number(
      (
        await h.t.database.db
          .selectFrom('appeal_attachments')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('appeal_id', '=', appeal.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = await count();
  pages.set(
    '/upload',
    `<script>
      const form = new FormData();
      form.append('file', new Blob([atob('${PDF.toString('base64')}')], { type: 'application/pdf' }), 'x.pdf');
      fetch('${h.base}/api/appeals/${appeal.id}/attachments', { method: 'POST', mode: 'no-cors', credentials: 'include', body: form });
    </script>`,
  );
  const admin = await adminPage();
  // Answered either way; the browser hides the answer from the other origin (CORP same-origin), so
  // the request is seen as failed there: what the server did is read from the database.
  const isUpload = (r: Request) => r.url().endsWith(`/appeals/${appeal.id}/attachments`);
  const done = Promise.race([admin.page.waitForEvent('requestfinished', isUpload), admin.page.waitForEvent('requestfailed', isUpload)]);
  await admin.page.goto(`${evilBase}/upload`);
  await done;
  expect(await count()).toBe(before);

  // The same session, from the app's own page: a same-origin POST is not refused.
  await admin.page.goto(`${h.base}/`);
  const status = await admin.page.evaluate(async () => (await fetch('/api/notifications/read-all', { method: 'POST' })).status);
  expect(status).toBeLessThan(300);
  await admin.close();
});

it('the login page does not load in a frame of another site (frame-ancestors, X-Frame-Options)', async () => {
  pages.set('/frame', `<h1>看这里</h1><iframe id="victim" src="${h.base}/login" width="800" height="600"></iframe>`);
  const { context, page } = await newSession(h);
  await page.goto(`${evilBase}/frame`);
  const frame = page.frameLocator('#victim');
  // Framed, the login form renders within a second or two; refused, Chromium reports it instead.
  let refused: string[] = [];
  for (let i = 0; i < 100 && refused.length === 0; i++) {
    expect(await frame.getByTestId('login-username').count(), 'the login form rendered inside the frame').toBe(0);
    refused = takeCspViolations();
    await page.waitForTimeout(100);
  }
  expect(refused.join('\n')).toMatch(/frame-ancestors 'none'/);
  expect(await frame.getByTestId('login-username').count()).toBe(0);
  await context.close();
});

it('Swagger UI at /api/docs works under the CSP: the API description renders and an operation expands', async () => {
  const { context, page } = await newSession(h);
  await page.goto(`${h.base}/api/docs`);
  await page.locator('.swagger-ui .info .title').waitFor();
  await page.locator('.opblock').first().waitFor();
  await page.locator('.opblock-summary').first().click();
  await page.locator('.opblock-body').first().waitFor();
  await context.close();
});
