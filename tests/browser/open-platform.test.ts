import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(20);
});
afterAll(() => h?.close());

it('an administrator registers a connected system, copies its key once, and the key works', async () => {
  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'admin');
  await page.goto(`${h.base}/admin/api-clients`);
  await page.getByTestId('create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('client-name').fill('12345 热线');
  await dialog.getByRole('button', { name: /确\s*定|保\s*存/ }).click();
  const key = (await page.getByTestId('shown-secret').innerText()).trim();
  expect(key).toMatch(/^qf_/);
  const res = await fetch(`${h.base}/api/open/appeals/by-ref/none`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(404);
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await page.getByRole('cell', { name: '12345 热线' }).waitFor();

  await page.getByTestId('webhooks').click();
  await page.getByTestId('webhook-url').fill('https://hotline.example.gov.cn/events');
  await page.getByTestId('webhook-events').click();
  await page.getByTitle('诉求已受理').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('webhook-subscribe').click();
  expect((await page.getByTestId('shown-secret').innerText()).trim()).toMatch(/^whsec_/);
  await context.close();
});

it('shows the single sign-on button only when a provider is configured', async () => {
  const { context, page } = await newSession(h);
  await page.goto(`${h.base}/login`);
  await page.getByTestId('login-submit').waitFor();
  expect(await page.getByTestId('login-oidc').count()).toBe(0);
  await page.goto(`${h.base}/login?sso_error=FORBIDDEN`);
  await page.getByTestId('login-oidc-error').waitFor();
  await context.close();
});
