import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';
import { DEMO_PASSWORD } from '../support/app.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
});
afterAll(() => h?.close());

const STAFF_MENUS: Record<string, string[]> = {
  admin: [
    'my-work',
    'workbench',
    'appeals-follow-up',
    'appeals-all',
    'appeals-problems',
    'appeals-overdue',
    'appeals-figures',
    'enterprises',
    'admin-appeal-settings',
    'admin-users',
    'admin-departments',
    'admin-streets',
    'admin-taxonomy',
    'admin-calendar',
    'admin-audit',
    'admin-api-clients',
    'liaison-coverage',
    'liaison-briefing',
    'liaison-assessment',
    'warnings',
    'warning-report',
    'admin-warning-rules',
    'policies',
    'policy-applications',
    'policy-push',
    'policy-grants',
    'policy-figures',
  ],
  specialist: ['my-work', 'workbench', 'appeals-intake', 'appeals-new', 'appeals-follow-up', 'appeals-problems', 'enterprises', 'policies'],
  coordinator: [
    'my-work',
    'workbench',
    'appeals-follow-up',
    'appeals-dispatch',
    'appeals-warnings',
    'appeals-returns',
    'appeals-extensions',
    'appeals-supervision',
    'appeals-meetings',
    'appeals-all',
    'appeals-problems',
    'appeals-overdue',
    'appeals-figures',
    'enterprises',
    'liaison-coverage',
    'liaison-briefing',
    'liaison-assessment',
    'warnings',
    'warning-report',
    'policies',
    'policy-figures',
  ],
  handler: [
    'my-work',
    'workbench',
    'appeals-inbox',
    'appeals-supervision',
    'appeals-problems',
    'appeals-figures',
    'policies',
    'policy-applications',
  ],
  cadre: ['my-work', 'workbench', 'enterprises', 'liaison-workbench', 'warnings', 'policies'],
  leader: [
    'workbench',
    'appeals-escalated',
    'appeals-meetings',
    'appeals-all',
    'appeals-problems',
    'appeals-overdue',
    'appeals-figures',
    'enterprises',
    'liaison-workbench',
    'liaison-briefing',
    'liaison-assessment',
    'warnings',
    'warning-report',
    'policies',
    'policy-figures',
  ],
  policy: ['my-work', 'workbench', 'enterprises', 'policies', 'policy-applications', 'policy-push', 'policy-grants', 'policy-figures'],
};
/** Every menu key some role has: a role must see exactly its own. */
const ALL_KEYS = [...new Set(Object.values(STAFF_MENUS).flat())];

describe('the front door', () => {
  it("opens the login page at the bare address, and the role's home there once signed in", async () => {
    const { context, page } = await newSession(h);
    const answer = await page.goto(h.base);
    expect(answer?.status()).toBe(200);
    await page.getByTestId('login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByTestId('login-username').fill('coordinator');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/my-work');
    await page.goto(h.base);
    await page.waitForURL((url) => url.pathname === '/my-work');
    await context.close();
  });
});

describe('each demo role logs in and sees its own menu', () => {
  for (const [login, keys] of Object.entries(STAFF_MENUS)) {
    it(`${login}`, async () => {
      const { context, page } = await newSession(h);
      await logIn(page, h.base, login);
      // 我的待办 is every role's home but the leader's, who keeps the district overview.
      expect(new URL(page.url()).pathname).toBe(login === 'leader' ? '/workbench' : '/my-work');
      await page.getByTestId('menu-workbench').waitFor();
      for (const key of keys) await expect(page.getByTestId(`menu-${key}`).isVisible()).resolves.toBe(true);
      for (const key of ALL_KEYS.filter((k) => !keys.includes(k))) expect(await page.getByTestId(`menu-${key}`).count()).toBe(0);
      await context.close();
    });
  }
});

describe('enterprise user on a phone', () => {
  it('lands on the portal without downloading staff pages or the chart library, and gets 403 on a staff page', async () => {
    const { context, page } = await newSession(h, true);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await logIn(page, h.base, 'enterprise');
    expect(new URL(page.url()).pathname).toBe('/portal');
    await page.getByTestId('enterprise-card').waitFor();
    expect(await page.getByTestId('enterprise-card').textContent()).toMatch(/有限公司|公司|厂|店|社/);
    expect(scripts.some((s) => /echarts/i.test(s))).toBe(false);
    expect(scripts.some((s) => /Workbench|Admin|Staff|Enterprises/i.test(s))).toBe(false);
    // The page fits the phone: nothing wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.goto(`${h.base}/admin/users`);
    await page.getByTestId('page-403').waitFor();
    await page.goto(`${h.base}/workbench`);
    await page.getByTestId('page-403').waitFor();
    await page.goto(`${h.base}/no-such-page`);
    await page.getByTestId('page-404').waitFor();
    await context.close();
  });
});

describe('language and sessions', () => {
  it('switches to English and back, and logging out returns to the log-in page', async () => {
    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'coordinator');
    const zh = await page.getByTestId('menu-enterprises').textContent();
    expect(zh).toMatch(/企业/);
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('menu-enterprises').textContent()).toMatch(/Enterprise/i);
    await page.getByTestId('logout').click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    await page.goto(`${h.base}/workbench`);
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    await context.close();
  });

  it('shows the server message for a wrong password', async () => {
    const { context, page } = await newSession(h);
    await page.goto(`${h.base}/login`);
    await page.getByTestId('login-username').fill('leader');
    await page.getByTestId('login-password').fill('wrong-pass-1');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/密码错误/);
    await context.close();
  });

  it('holds a new account on the password page, asking the server for nothing it refuses, until the password is changed', async () => {
    const admin = await h.t.login('admin');
    const payload = { username: 'first_login', displayName: '新专员', role: 'specialist', password: 'Start2026ok' };
    const created = await h.t.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie: admin }, payload });
    expect(created.statusCode, created.body).toBe(201);
    const { context, page } = await newSession(h);
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) refused.push(new URL(r.url()).pathname);
    });
    await logIn(page, h.base, 'first_login', 'Start2026ok');
    await page.getByTestId('change-password').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await page.getByLabel('当前密码').fill('Start2026ok');
    await page.getByLabel('新密码', { exact: true }).fill('Mine2026ok');
    await page.getByLabel('确认新密码').fill('Mine2026ok');
    await page.getByRole('button', { name: /确认修改/ }).click();
    await page.waitForURL((url) => url.pathname === '/my-work');
    await page.getByTestId('notifications').waitFor();
    expect(refused).toEqual([]);
    await context.close();
  });
});
