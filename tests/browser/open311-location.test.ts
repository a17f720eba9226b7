import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(5);
});
afterAll(() => h?.close());

it('shows an Open311 requester’s location, e-mail and picture link on the appeal page', async () => {
  const admin = await h.t.login('admin');
  const client = await h.t.app.inject({
    method: 'POST',
    url: '/api/admin/api-clients',
    headers: { cookie: admin },
    payload: { name: '12345 热线', channel: 'hotline_12345', scopes: ['appeals:write'] },
  });
  const db = h.t.database.db;
  const uscc = (await db.selectFrom('enterprises').select('uscc').orderBy('id').executeTakeFirstOrThrow()).uscc;
  const code = (await db.selectFrom('service_items').select('code').where('location_required', '=', true).executeTakeFirstOrThrow()).code;
  const posted = await fetch(`${h.base}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      api_key: client.json<{ key: string }>().key,
      service_code: code,
      description: '厂区门口井盖缺失，车辆经过危险。',
      'attribute[uscc]': uscc,
      lat: '22.5553',
      long: '113.8838',
      address_string: '创业二路 18 号',
      email: 'li.ming@example.com',
      media_url: 'https://img.example.com/cover.jpg',
    }).toString(),
  });
  expect(posted.status).toBe(201);
  const [{ service_request_id: number }] = (await posted.json()) as [{ service_request_id: string }];
  const id = (await db.selectFrom('appeals').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;

  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'specialist');
  await page.goto(`${h.base}/appeals/${id}`);
  await expect.poll(() => page.getByTestId('appeal-location').innerText()).toBe('创业二路 18 号 22.5553, 113.8838');
  expect(await page.getByTestId('appeal-media').getAttribute('href')).toBe('https://img.example.com/cover.jpg');
  expect(await page.locator('.appeal-summary').innerText()).toContain('li.ming@example.com');
  await context.close();
});
