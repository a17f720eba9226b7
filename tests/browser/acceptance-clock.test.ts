import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
const filed: Record<'old' | 'fresh', { id: number; number: string }> = {} as never;
const HOUR = 3_600_000;

beforeAll(async () => {
  h = await startBrowserHarness();
  const ent = await h.t.login('enterprise');
  for (const [key, title] of [
    ['old', '厂房消防验收一直无人受理'],
    ['fresh', '新提交的用电增容诉求'],
  ] as const) {
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: { cookie: ent },
      payload: { title, description: '提交后一直没有人受理，请尽快安排处理，谢谢。' },
    });
    filed[key] = res.json();
  }
  // The old one waited three days: two past its acceptance deadline. The sweep lights it red.
  const now = Date.now();
  await h.t.database.db
    .updateTable('appeals')
    .set({ submitted_at: new Date(now - 72 * HOUR), accept_deadline_at: new Date(now - 48 * HOUR) })
    .where('id', '=', filed.old.id)
    .execute();
  const coordinator = await h.t.login('coordinator');
  const swept = await h.t.app.inject({ method: 'POST', url: '/api/appeals/sweep', headers: { cookie: coordinator }, payload: {} });
  expect(swept.statusCode, swept.body).toBe(200);
});
afterAll(() => h?.close());

describe('待受理 has a clock (受理时限)', () => {
  it('lists the oldest first, the overdue one red with its acceptance deadline', async () => {
    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'specialist');
    await page.goto(`${h.base}/appeals/intake`);
    const rows = page.getByTestId('appeal-row');
    await rows.first().waitFor();
    const numbers = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
    expect(numbers.indexOf(filed.old.number)).toBeGreaterThanOrEqual(0);
    expect(numbers.indexOf(filed.old.number)).toBeLessThan(numbers.indexOf(filed.fresh.number));

    const old = page.locator(`[data-number="${filed.old.number}"]`);
    expect(await old.getAttribute('class')).toContain('appeal-row-red');
    const clock = old.getByTestId('accept-deadline');
    expect(await clock.textContent()).toMatch(/红灯|超期|逾期/);
    const fresh = page.locator(`[data-number="${filed.fresh.number}"]`);
    expect(await fresh.getAttribute('class')).toContain('appeal-row-green');
    await context.close();
  });
});
