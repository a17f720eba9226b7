import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shanghaiDate } from '../../src/modules/calendar/working-days.ts';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
});
afterAll(() => h?.close());

/** The drawer's score and the points of its terms: the points must add up to the score. */
async function drawerFigures(page: Page): Promise<{ score: number; points: number[]; terms: string[] }> {
  const drawer = page.getByTestId('assessment-drawer');
  await drawer.getByTestId('assessment-terms').locator('.ant-table-row').first().waitFor();
  const title = await drawer.getByTestId('assessment-drawer-score').innerText();
  const score = Number(/得分 ([\d.]+)/.exec(title)?.[1]);
  const rows = drawer.getByTestId('assessment-terms').locator('.ant-table-row');
  const terms = await rows.locator('td:nth-child(1)').allInnerTexts();
  // A term left out shows "—": it gives no points.
  const points = (await rows.locator('td:nth-child(4)').allInnerTexts()).map((x) => (x === '—' ? 0 : Number(x)));
  return { score, points, terms };
}

it("a cadre's score opens its terms, for the cadre and for the leader", async () => {
  const db = h.t.database.db;
  const cadre = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'cadre').executeTakeFirstOrThrow();
  // The cadre looks after an enterprise and, this month, did one of the two visits planned.
  let liaison = await db
    .selectFrom('liaisons')
    .select('enterprise_id')
    .where('user_id', '=', cadre.id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (!liaison) {
    const free = await db
      .selectFrom('enterprises as e')
      .select('e.id as enterprise_id')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('liaisons as l').select('l.id').whereRef('l.enterprise_id', '=', 'e.id'))))
      .orderBy('e.id')
      .executeTakeFirstOrThrow();
    await db.insertInto('liaisons').values({ enterprise_id: free.enterprise_id, user_id: cadre.id, tier: 'special_group' }).execute();
    liaison = free;
  }
  const today = shanghaiDate(new Date());
  await db
    .insertInto('liaison_visits')
    .values([
      { enterprise_id: liaison.enterprise_id, user_id: cadre.id, planned_on: today, visited_on: today, status: 'done' },
      { enterprise_id: liaison.enterprise_id, user_id: cadre.id, planned_on: today, status: 'planned' },
    ])
    .execute();
  const enterprise = await db.selectFrom('enterprises').select('name').where('id', '=', liaison.enterprise_id).executeTakeFirstOrThrow();

  // 1. The cadre opens their own score from the workbench.
  const own = await newSession(h);
  await logIn(own.page, h.base, 'cadre');
  await own.page.getByTestId('menu-liaison-workbench').click();
  await own.page.getByTestId('my-score').click();
  const mine = await drawerFigures(own.page);
  expect(mine.terms).toEqual(['走访完成率（权重 40）', '按期办结率（权重 30）', '满意率（权重 20）', '预警跟进率（权重 10）']);
  expect(Math.round(mine.points.reduce((a, b) => a + b, 0) * 10) / 10).toBe(mine.score);
  const drawer = own.page.getByTestId('assessment-drawer');
  await own.page.locator('.ant-drawer-title').filter({ hasText: cadre.display_name }).waitFor();
  await drawer.getByTestId('assessment-visits').getByText(enterprise.name).first().waitFor();
  await own.context.close();

  // 2. The leader sees every term as a column with its weight, and opens the cadre's score.
  const office = await newSession(h);
  await logIn(office.page, h.base, 'leader');
  await office.page.getByTestId('menu-liaison-assessment').click();
  const table = office.page.getByTestId('assessment-cadres');
  for (const header of ['走访完成率（权重 40）', '按期办结率（权重 30）', '满意率（权重 20）', '预警跟进率（权重 10）'])
    await table.locator('th').filter({ hasText: header }).first().waitFor();
  const row = table.locator('.ant-table-row').filter({ hasText: cadre.display_name }).first();
  await row
    .getByTestId('term-visits')
    .getByText(/\d+\/\d+ 次/)
    .waitFor();
  const shown = Number(await row.getByTestId('assessment-score').innerText());
  await row.getByTestId('assessment-score').click();
  const theirs = await drawerFigures(office.page);
  expect(theirs.score).toBe(shown);
  expect(theirs).toEqual(mine);
  await office.page.locator('.ant-drawer-title').filter({ hasText: cadre.display_name }).waitFor();
  await office.context.close();
});
