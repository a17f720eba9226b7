import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWork } from '../../src/modules/my-work/test-fixtures.ts';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(200);
  await seedDemoWork(h.t.database.db, h.t.config);
});
afterAll(() => h?.close());

/** Each role's cards, in order; the first of `opens` with something in it is opened and its list's total compared. */
const HOMES: Record<string, { cards: string[]; opens: string[] }> = {
  specialist: { cards: ['intake', 'dispatch'], opens: ['intake', 'dispatch'] },
  handler: {
    cards: ['to_claim', 'claimed', 'in_progress', 'due_soon', 'overdue'],
    opens: ['to_claim', 'claimed', 'in_progress', 'due_soon', 'overdue'],
  },
  coordinator: { cards: ['dispatch', 'arbitration', 'extensions', 'supervision', 'red'], opens: ['red', 'dispatch', 'arbitration'] },
  cadre: { cards: ['visits', 'warnings'], opens: ['warnings', 'visits'] },
  policy: {
    cards: ['applications_submitted', 'applications_accepted', 'applications_in_review', 'grant_batches'],
    opens: ['applications_submitted', 'applications_accepted', 'applications_in_review'],
  },
};

async function countOf(page: Page, key: string): Promise<number> {
  return Number(await page.getByTestId(`todo-${key}-count`).getAttribute('data-count'));
}

describe('我的待办 is the home of every role but the leader', () => {
  for (const [login, home] of Object.entries(HOMES)) {
    it(`${login}: its own queues, and a card's count is the total of the list it opens`, async () => {
      const { context, page } = await newSession(h);
      await logIn(page, h.base, login);
      await page.waitForURL((url) => url.pathname === '/my-work');
      await page.getByTestId(`todo-${home.cards[0]}`).waitFor();
      const shown = await page
        .locator('[data-testid^="todo-"][data-testid$="-count"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.replace(/^todo-|-count$/g, '')));
      expect(shown).toEqual(home.cards);
      await expect(page.getByTestId('my-work-overview').isVisible()).resolves.toBe(true);

      let opened: string | undefined;
      for (const key of home.opens) if (!opened && (await countOf(page, key)) > 0) opened = key;
      expect(opened, `${login} has nothing in any list`).toBeDefined();
      const count = await countOf(page, opened!);
      // The oldest items are listed, each a link to the item.
      await expect(page.getByTestId(`todo-${opened}`).getByTestId('todo-item').count()).resolves.toBe(Math.min(count, 5));
      await page.getByTestId(`todo-${opened}-open`).click();
      await page.waitForURL((url) => url.pathname !== '/my-work');
      if (opened === 'visits') {
        // The visit plan is one unpaged table.
        await page.getByTestId('visit-plan').waitFor();
        await expect.poll(() => page.getByTestId('visit-plan').locator('tr.ant-table-row').count()).toBe(count);
      } else {
        await expect.poll(() => page.locator('.ant-pagination-total-text').first().textContent()).toBe(`共 ${count} 条`);
      }

      // The district overview stays one click away.
      await page.goto(`${h.base}/my-work`);
      await page.getByTestId('my-work-overview').click();
      await page.getByTestId('workbench').waitFor();
      await context.close();
    });
  }

  it('the leader still lands on the district overview', async () => {
    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'leader');
    await page.waitForURL((url) => url.pathname === '/workbench');
    expect(await page.getByTestId('menu-my-work').count()).toBe(0);
    await context.close();
  });
});
