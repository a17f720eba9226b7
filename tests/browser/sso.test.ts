import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startSso, type SsoHarness } from '../../src/modules/sso/test-provider.ts';
import { launchChromium, newSession } from './browser.ts';

// Single sign-on in Chromium against a real OpenID Connect provider (oidc-provider, its development
// login and consent pages): logging out of Qifu ends the provider's session, so on a shared PC the
// next 统一身份认证登录 asks who is signing in.
let sso: SsoHarness;
let browser: Browser;
beforeAll(async () => {
  sso = await startSso(() => ({}), {}, { serveWeb: true, enterprises: 20 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await sso?.close();
});

it('logs out of the provider too, so the next sign-on on the same browser asks for the login again', async () => {
  const { context, page } = await newSession({ t: sso.t, base: sso.base, browser, close: async () => undefined });
  /** The provider's development login page, then its consent page (shown the first time only). */
  const provideLogin = async () => {
    await page.locator('input[name="login"]').fill('specialist');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.origin === sso.base || url.pathname.includes('/interaction/'));
    if (new URL(page.url()).origin === sso.issuer) await page.locator('button[type="submit"]').click();
    await page.getByTestId('logout').waitFor();
  };
  await page.goto(`${sso.base}/login`);
  await page.getByTestId('login-oidc').click();
  await provideLogin();
  // The provider still knows the person: with only Qifu's session gone (a closed tab's cookie cleared),
  // a second sign-on needs no password. This is what logging out must prevent.
  await context.clearCookies({ name: 'qifu_session' });
  await page.goto(`${sso.base}/login`);
  await page.getByTestId('login-oidc').click();
  await page.getByTestId('logout').waitFor();
  expect(new URL(page.url()).origin).toBe(sso.base);

  await page.getByTestId('logout').click();
  await page.waitForURL((url) => url.origin === sso.issuer);
  await page.getByRole('button', { name: /yes, sign me out/i }).click();
  await page.waitForURL(`${sso.base}/login`);
  await page.getByTestId('login-oidc').click();
  await page.locator('input[name="login"]').waitFor();
  expect(new URL(page.url()).origin).toBe(sso.issuer);
  await context.close();
});
