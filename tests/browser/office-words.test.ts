import { afterAll, beforeAll, expect, it } from 'vitest';
import { addMonths } from '../../src/modules/calendar/working-days.ts';
import { latestMonth } from '../../src/modules/warnings/service.ts';
import { logIn, newSession, settled, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(20);
});
afterAll(() => h?.close());

it('the audit log names actions and entities in words, and filters by name', async () => {
  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'admin');
  await page.getByTestId('menu-admin-audit').click();
  // The action filter offers names, found by typing the name.
  await page.getByTestId('audit-action').click();
  await page.keyboard.type('登录');
  await page.locator('.ant-select-item-option[title="登录"]').click();
  await page.getByTestId('audit-search').click();
  await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('auth.login');
  await page.getByTestId('audit-action').filter({ hasText: '登录' }).first().waitFor();
  const table = page.locator('.ant-table-tbody');
  await table.getByRole('cell', { name: '用户' }).first().waitFor();
  await expect.poll(() => table.getByTestId('audit-action-name').first().textContent()).toBe('登录');
  expect(await table.textContent()).not.toContain('auth.login');
  await context.close();
});

it('a warning rule edited through the form is saved as its JSON and applied at the next evaluation', async () => {
  const db = h.t.database.db;
  const month = (await latestMonth(db))!;
  const e = await db
    .selectFrom('enterprises')
    .select(['id'])
    .where('status', '=', 'active')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  // Tax steady for a year, then down 40 %: under the default 50 % threshold of 税收同比大幅下降.
  await db.deleteFrom('enterprise_indicators').where('enterprise_id', '=', e.id).execute();
  await db
    .insertInto('enterprise_indicators')
    .values(Array.from({ length: 13 }, (_, i) => ({ enterprise_id: e.id, month: addMonths(month, i - 12), tax: i === 12 ? 60 : 100 })))
    .execute();
  const rule = await db.selectFrom('warning_rules').select(['id']).where('name', '=', '税收同比大幅下降').executeTakeFirstOrThrow();

  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'admin');
  await page.getByTestId('menu-admin-warning-rules').click();
  const row = page.getByRole('row').filter({ hasText: '税收同比大幅下降' });
  await expect.poll(() => row.getByTestId('rule-params').textContent()).toBe('降幅阈值 50 %');
  await row.getByTestId('rule-edit').click();
  const dialog = page.getByRole('dialog');
  const threshold = dialog.getByTestId('param-threshold');
  // A figure out of bounds is refused in the form, naming the field and its limits.
  await threshold.fill('150');
  await settled(dialog.locator('.ant-btn-primary'));
  await dialog.locator('.ant-btn-primary').click();
  await dialog.getByText('降幅阈值须大于 0 %，不超过 100 %').waitFor();
  await threshold.fill('35');
  await dialog.getByText('降幅阈值须大于 0 %，不超过 100 %').waitFor({ state: 'hidden' });
  // The stored form stays readable, not editable.
  await dialog.getByTestId('rule-json-toggle').click();
  await expect.poll(() => dialog.getByTestId('rule-json').textContent()).toContain('"threshold": 35');
  const saving = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/warning-rules/${rule.id}`));
  await dialog.locator('.ant-btn-primary').click();
  expect((await saving).status()).toBeLessThan(300);
  await expect.poll(() => row.getByTestId('rule-params').textContent()).toBe('降幅阈值 35 %');
  const saved = await db.selectFrom('warning_rules').select('params').where('id', '=', rule.id).executeTakeFirstOrThrow();
  expect(typeof saved.params === 'string' ? JSON.parse(saved.params) : saved.params).toEqual({ threshold: 35 });
  await context.close();

  // Applied: the 40 % fall now raises a warning, explained with its units.
  const office = await h.t.login('coordinator');
  const run = await h.t.app.inject({ method: 'POST', url: '/api/warnings/evaluate', headers: { cookie: office }, payload: {} });
  expect(run.statusCode).toBe(200);
  const raised = await db
    .selectFrom('enterprise_warnings')
    .select('explanation')
    .where('enterprise_id', '=', e.id)
    .where('rule_id', '=', rule.id)
    .executeTakeFirstOrThrow();
  expect(raised.explanation).toContain('税收 60 万元，上年同月 100 万元，同比下降 40%（阈值 35%）');
});
