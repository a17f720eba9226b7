import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickToPost, logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
let appealNumber: string;

/** An appeal taken by phone for an enterprise without a portal account, replied by its department: nobody will rate it online. */
async function repliedByPhone(): Promise<string> {
  const { t } = h;
  const cookie = async (login: string) => ({ cookie: await t.login(login) });
  const specialist = await cookie('specialist');
  const handler = await cookie('handler');
  const db = t.database.db;
  const enterprise = await db
    .selectFrom('enterprises')
    .select('id')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.enterprise_id', '=', 'enterprises.id'))))
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const scj = (await db.selectFrom('departments').select('id').where('code', '=', 'SCJ').executeTakeFirstOrThrow()).id;
  const item = (
    await db
      .selectFrom('service_items')
      .select('id')
      .where('department_id', '=', scj)
      .where('active', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
  const post = async (headers: { cookie: string }, url: string, payload: object = {}) => {
    const res = await t.app.inject({ method: 'POST', url, headers, payload });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const replied = async (filer: { cookie: string }, body: object) => {
    const filed = await post(filer, '/api/appeals', body);
    await post(specialist, `/api/appeals/${filed.id}/accept`, { serviceItemId: item, grade: 'normal' });
    await post(specialist, `/api/appeals/${filed.id}/dispatch`);
    await post(handler, `/api/appeals/${filed.id}/claim`);
    await post(handler, `/api/appeals/${filed.id}/start`);
    await post(handler, `/api/appeals/${filed.id}/reply`, { reply: '已协调相关部门解决。' });
    return filed as { id: number; number: string };
  };
  // One the enterprise rates itself on the portal, to be told apart from the follow-up rating.
  const own = await cookie('enterprise');
  const rated = await replied(own, { title: '厂区周边道路积水', description: '雨后厂区门口道路积水严重，影响货车进出。' });
  await post(own, `/api/appeals/${rated.id}/rate`, { rating: 5 });
  const filed = await replied(specialist, {
    title: '电话反映：园区路灯不亮',
    description: '企业来电反映园区道路路灯长期不亮，夜间出行不便。',
    enterpriseId: enterprise.id,
    channel: 'phone',
    contactName: '李经理',
    contactPhone: '13900139000',
  });
  return filed.number;
}

beforeAll(async () => {
  h = await startBrowserHarness();
  appealNumber = await repliedByPhone();
});
afterAll(() => h?.close());

describe('回访 (follow-up rating)', () => {
  it('a specialist records a follow-up rating, and the figures show it apart from self-ratings', async () => {
    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'specialist');
    await page.getByTestId('menu-appeals-follow-up').click();
    await page.getByTestId('follow-up-page').waitFor();
    const row = page.locator(`[data-testid="follow-up-row"][data-number="${appealNumber}"]`);
    await row.waitFor();
    // The list masks the number; the call dialog shows it in full.
    await expect(row.textContent()).resolves.toContain('139****9000');
    await row.getByTestId('follow-up-record').click();
    await expect(page.getByTestId('follow-up-phone').textContent()).resolves.toBe('13900139000');
    await page.getByTestId('follow-up-outcome').getByText('企业已评价').click();
    await page.getByTestId('follow-up-rating').locator('li').nth(3).click();
    await page.getByTestId('follow-up-comment').fill('路灯已修好，满意');
    await clickToPost(page, page.getByTestId('follow-up-submit'), '/follow-up');
    await row.waitFor({ state: 'detached' });
    await context.close();

    // The appeal closed with a follow-up rating of 4.
    const db = h.t.database.db;
    expect(
      await db
        .selectFrom('appeals')
        .select(['state', 'rating', 'rating_source'])
        .where('number', '=', appealNumber)
        .executeTakeFirstOrThrow(),
    ).toEqual({ state: 'closed', rating: 4, rating_source: 'follow_up' });

    const office = await newSession(h);
    await logIn(office.page, h.base, 'coordinator');
    const figures = (await h.t.app.inject({ url: '/api/appeals/figures', headers: { cookie: await h.t.login('coordinator') } })).json();
    expect(figures.totals.followUpRated).toBe(1);
    expect(figures.totals.selfRated).toBeGreaterThan(0);
    await office.page.goto(`${h.base}/appeals/figures`);
    const card = office.page.getByTestId('figures-satisfaction');
    await card.waitFor();
    const cell = (line: string, field: string) =>
      card.getByTestId(`satisfaction-${line}`).getByTestId(`satisfaction-${field}`).textContent();
    await expect(cell('follow-up', 'rated')).resolves.toBe('1');
    await expect(cell('follow-up', 'avg')).resolves.toBe('4.00');
    await expect(cell('self', 'rated')).resolves.toBe(String(figures.totals.selfRated));
    await expect(cell('all', 'rated')).resolves.toBe(String(figures.totals.selfRated + 1));
    await office.context.close();
  });
});
