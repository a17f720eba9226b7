import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe.ts';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';
import { insertGeneratedPolicies } from '../support/policy-gen.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
  // The test demo has enterprises and people but no appeals or policies: give the detail pages some.
  const ent = await h.t.login('enterprise');
  const filed = await h.t.app.inject({
    method: 'POST',
    url: '/api/appeals',
    headers: { cookie: ent },
    payload: { title: '园区道路积水', description: '园区门前道路每逢下雨积水严重，影响货车进出。' },
  });
  expect(filed.statusCode).toBeLessThan(300);
  await insertGeneratedPolicies(h.t.database.db, 5);
});
afterAll(() => h?.close());

/** The first id a GET list answers with, as the signed-in page sees it. */
async function firstId(page: Page, path: string): Promise<number> {
  const res = await page.request.get(`${h.base}${path}`);
  expect(res.status(), path).toBe(200);
  const body = (await res.json()) as { items: { id: number }[] };
  const id = body.items[0]?.id;
  if (id === undefined) throw new Error(`${path}: empty`);
  return id;
}

/** A detail page when the demo has one to show (warnings come from the monthly evaluation). */
async function maybe(page: Page, list: string, base: string): Promise<string[]> {
  const res = await page.request.get(`${h.base}${list}`);
  const id = ((await res.json()) as { items?: { id: number }[] }).items?.[0]?.id;
  return id === undefined ? [] : [`${base}/${id}`];
}

/** Every page in the role's menu, then the detail pages it reaches from there. */
async function staffPages(page: Page, details: (page: Page) => Promise<string[]>): Promise<string[]> {
  await page.getByTestId('menu-workbench').waitFor();
  const menu = await page.locator('[data-testid^="menu-"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return [...menu.filter(Boolean), '/account/password', ...(await details(page))];
}

const appeal = async (page: Page, base: string) => `${base}/${await firstId(page, '/api/appeals?view=all&pageSize=1')}`;

/** Each staff role and the detail pages worth checking besides its menu. */
const STAFF: Record<string, (page: Page) => Promise<string[]>> = {
  specialist: async (page) => [await appeal(page, '/appeals'), `/enterprises/${await firstId(page, '/api/enterprises?pageSize=1')}`],
  coordinator: async (page) => [
    await appeal(page, '/appeals'),
    `/enterprises/${await firstId(page, '/api/enterprises?pageSize=1')}`,
    ...(await maybe(page, '/api/warnings?pageSize=1', '/warnings')),
    '/enterprises/change-requests',
  ],
  // The filed appeal is not yet any department's: the handler has no appeal to open.
  handler: async () => [],
  cadre: async (page) => [`/enterprises/${await firstId(page, '/api/enterprises?pageSize=1')}`],
  leader: async (page) => [await appeal(page, '/appeals')],
  policy: async (page) => [
    `/policies/${await firstId(page, '/api/policies?pageSize=1')}`,
    ...(await maybe(page, '/api/applications?pageSize=1', '/policy-applications')),
  ],
  admin: async () => ['/enterprises/import'],
};

describe("no serious or critical axe violation on any role's pages", () => {
  for (const [login, details] of Object.entries(STAFF)) {
    it(`${login}`, async () => {
      const { context, page } = await newSession(h);
      await logIn(page, h.base, login);
      const found: string[] = [];
      for (const path of await staffPages(page, details)) {
        await page.goto(`${h.base}${path}`);
        found.push(...(await seriousViolations(page, `${login} ${path}`)));
      }
      expect(found, found.join('\n')).toEqual([]);
      await context.close();
      // The administrator's menu alone is some thirty pages, each loaded, settled and scanned.
    }, 300_000);
  }

  it('enterprise on a phone', async () => {
    const { context, page } = await newSession(h, true);
    await logIn(page, h.base, 'enterprise');
    const appealId = await firstId(page, '/api/appeals?view=all&pageSize=1');
    const paths = [
      '/portal',
      '/portal/appeals',
      '/portal/appeals/new',
      `/portal/appeals/${appealId}`,
      '/portal/policies',
      '/portal/benefits',
      '/portal/applications',
      '/portal/profile',
      '/portal/account',
      '/portal/members',
      '/portal/preferences',
      '/portal/password',
    ];
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(`${h.base}${path}`);
      found.push(...(await seriousViolations(page, `enterprise ${path}`)));
    }
    expect(found, found.join('\n')).toEqual([]);
    await context.close();
  });

  it('the signed-out pages', async () => {
    const { context, page } = await newSession(h, true);
    const found: string[] = [];
    for (const path of ['/login', '/register']) {
      await page.goto(`${h.base}${path}`);
      found.push(...(await seriousViolations(page, path)));
    }
    expect(found, found.join('\n')).toEqual([]);
    await context.close();
  });
});
