import fs from 'node:fs';
import { afterEach, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/app.ts';

/** Debian's Chromium, with the flags this sandbox needs; never a downloaded browser. */
export const CHROMIUM = process.env.QIFU_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Content Security Policy violations seen by any page of this test file's browser: Chromium's
 * console message for each blocked script, style, image, frame or eval, and, from an init script,
 * each `securitypolicyviolation` event with the directive and what it blocked. A test that caused
 * one fails (afterEach below); a test that expects one takes it with takeCspViolations().
 */
const cspViolations: string[] = [];
const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (e) =>
  console.error('Content Security Policy violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
    ' in ' + e.documentURI + ' (' + (e.sourceFile || '') + ':' + e.lineNumber + ')'), true);`;

async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: REPORT_CSP_VIOLATIONS });
  context.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) cspViolations.push(`${msg.page()?.url() ?? '(no page)'}: ${msg.text()}`);
  });
}

/** The CSP violations seen since the last test, for a test that provokes them on purpose. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

// Registered by every browser test file that imports this module: no page may break the CSP.
afterEach(() => {
  expect(takeCspViolations(), 'Content Security Policy violations').toEqual([]);
});

export interface BrowserHarness {
  t: TestApp;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Debian's Chromium; every context it opens (and so every page) reports CSP violations. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-wqy-microhei (or set QIFU_CHROMIUM)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCsp(context);
    return context;
  };
  return browser;
}

/** The whole product on a real port: API and built web app, on a fresh demo database. */
/** `env`: settings for the app, e.g. an SMS gateway's and SMTP sink's (tests/support/sms-gateway.ts, smtp.ts). */
export async function startBrowserHarness(enterprises = 40, env?: Record<string, string>): Promise<BrowserHarness> {
  if (!fs.existsSync(new URL('../../web/dist/index.html', import.meta.url))) throw new Error('web app not built: run npm run build:web');
  const t = await createTestApp({ enterprises, serveWeb: true, ...(env ? { env } : {}) });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    t,
    base: address,
    browser,
    async close() {
      await browser.close();
      await t.close();
      // Seen after the last test (or in beforeAll): fail the file rather than let them pass.
      expect(takeCspViolations(), 'Content Security Policy violations').toEqual([]);
    },
  };
}

export async function newSession(h: BrowserHarness, phone = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext(
    phone
      ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' }
      : { viewport: { width: 1366, height: 860 }, locale: 'zh-CN' },
  );
  const page = await context.newPage();
  return { context, page };
}

export async function logIn(page: Page, base: string, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Waits until the element is visible and nothing moves it: no finite animation runs on it or its
 * ancestors (a modal's zoom, a popover's fade). A click before that can land on nothing.
 */
export async function settled(button: Locator): Promise<void> {
  await button.waitFor({ state: 'visible' });
  await button.evaluate(async (el) => {
    // Animations can start one after another (a modal's zoom, then its content's): until none runs.
    for (let round = 0; round < 10; round++) {
      const running: Animation[] = [];
      for (let node: Element | null = el; node; node = node.parentElement) {
        running.push(
          ...node.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity),
        );
      }
      if (running.length === 0) return;
      // A cancelled animation rejects `finished`; it no longer moves the button either way.
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
}

/**
 * Clicks a button that POSTs to a path ending in `pathEnd`, once, and checks the answer. A click
 * that lands while the button's modal or drawer is still animating in can send nothing; so it
 * first waits for every finite animation on the button and its ancestors to finish (antd's
 * zoom, fade, slide), then clicks once (Playwright waits for the button to be visible, stable,
 * enabled and the click's target) and waits for the answer. It never clicks a second time: that
 * could hide a real race or send the request twice.
 */
export async function clickToPost(page: Page, button: Locator, pathEnd: string, method: 'POST' | 'PUT' | 'DELETE' = 'POST'): Promise<void> {
  await settled(button);
  const response = page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(pathEnd));
  await button.click();
  const answer = await response.catch((err: unknown) => {
    throw new Error(`clicked once, and no ${method} …${pathEnd} was answered: ${String(err)}`);
  });
  // The body only to explain a failure: a page that moves on may already have dropped it.
  const why = answer.status() < 300 ? '' : await answer.text().catch(() => '(body gone)');
  expect(answer.status(), `${method} ${pathEnd}: ${why}`).toBeLessThan(300);
}

/** A POST through the API as a demo login, which must succeed (test set-up, not what the test is about). */
export async function apiPost<T = { id: number }>(h: BrowserHarness, login: string, url: string, payload: object): Promise<T> {
  const res = await h.t.app.inject({ method: 'POST', url, headers: { cookie: await h.t.login(login) }, payload });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json<T>();
}

/** An appeal the demo enterprise filed, accepted and dispatched to the demo handler's department (its first service item). */
export async function dispatchedToHandler(h: BrowserHarness): Promise<{ id: number; serviceItemId: number }> {
  const db = h.t.database.db;
  const { department_id } = await db
    .selectFrom('users')
    .select('department_id')
    .where('username', '=', 'handler')
    .executeTakeFirstOrThrow();
  const item = await db
    .selectFrom('service_items')
    .select('id')
    .where('department_id', '=', department_id!)
    .where('active', '=', true)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const { id } = await apiPost(h, 'enterprise', '/api/appeals', {
    title: '厂区门前道路破损修复',
    description: '厂区门前道路破损严重，货车进出困难，请协调相关部门尽快修复。',
  });
  await apiPost(h, 'specialist', `/api/appeals/${id}/accept`, { serviceItemId: item.id, grade: 'normal' });
  await apiPost(h, 'specialist', `/api/appeals/${id}/dispatch`, {});
  return { id, serviceItemId: item.id };
}
