import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatchWebhooks } from '../../src/modules/webhooks/dispatch.ts';
import { apiPost, logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(20);
});
afterAll(() => h?.close());

it('shows the deliveries a revoked client was not sent as cancelled, with why, and offers no resend', async () => {
  const { key, client } = await apiPost<{ key: string; client: { id: number } }>(h, 'admin', '/api/admin/api-clients', {
    name: '已停用的热线',
    scopes: ['appeals:write'],
  });
  await apiPost(h, 'admin', `/api/admin/api-clients/${client.id}/webhooks`, {
    url: 'http://127.0.0.1:65000/events',
    events: ['appeal.accepted'],
  });
  const db = h.t.database.db;
  const uscc = (await db.selectFrom('enterprises').select('uscc').orderBy('id').executeTakeFirstOrThrow()).uscc;
  const item = await db.selectFrom('service_items').select('id').where('active', '=', true).orderBy('id').executeTakeFirstOrThrow();
  const filed = await h.t.app.inject({
    method: 'POST',
    url: '/api/open/appeals',
    headers: { authorization: `Bearer ${key}` },
    payload: {
      title: '停用前提交的诉求',
      description: '客户端停用后，尚未发送的事件不再发送。',
      enterpriseUscc: uscc,
      serviceItemId: item.id,
      externalRef: 'RV-1',
    },
  });
  expect(filed.statusCode).toBe(201);
  await apiPost(h, 'specialist', `/api/appeals/${filed.json<{ id: number }>().id}/accept`, {});
  await apiPost(h, 'admin', `/api/admin/api-clients/${client.id}/revoke`, {});
  // Cancelled by the revocation itself: the next run has nothing left to send or cancel.
  expect(await dispatchWebhooks(db, { allowPrivate: true })).toEqual({ delivered: 0, failed: 0, cancelled: 0 });

  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'admin');
  await page.goto(`${h.base}/admin/api-clients`);
  await page
    .getByRole('row', { name: /已停用的热线/ })
    .getByTestId('webhooks')
    .click();
  await page.getByRole('button', { name: '投递记录' }).click();
  const row = page.getByTestId('deliveries').getByRole('row', { name: /诉求已受理/ });
  await expect.poll(() => row.innerText()).toContain('已取消');
  expect(await row.innerText()).toContain('API 客户端已停用，未发送');
  expect(await row.getByRole('button', { name: '重发' }).count()).toBe(0);
  await context.close();
});
