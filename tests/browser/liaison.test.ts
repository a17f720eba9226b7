import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
});
afterAll(() => h?.close());

async function choose(page: Page, testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click();
}

it('the coordinator assigns the key enterprises of a street to a cadre; the cadre logs a visit whose need becomes an appeal', async () => {
  const db = h.t.database.db;
  const key = await db
    .selectFrom('enterprises as e')
    .innerJoin('streets as s', 's.id', 'e.street_id')
    .select(['e.id', 'e.street_id', 's.name'])
    .where('e.is_key', '=', true)
    .orderBy('e.id')
    .execute();
  const street = key[0]!;
  const inStreet = key.filter((e) => e.street_id === street.street_id).map((e) => e.id);
  const cadre = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'cadre').executeTakeFirstOrThrow();

  // 1. The coordinator: coverage, then assignment by filter (street, key only) to one cadre.
  const office = await newSession(h);
  await logIn(office.page, h.base, 'coordinator');
  await office.page.getByTestId('menu-liaison-coverage').click();
  await office.page.getByTestId('coverage-uncovered').waitFor();
  await choose(office.page, 'bulk-street', street.name);
  await choose(office.page, 'bulk-users', cadre.display_name);
  await office.page.getByTestId('bulk-submit').click();
  await office.page.getByText(`已分配 ${inStreet.length} 家`).waitFor();
  const assigned = await db
    .selectFrom('liaisons')
    .select(['enterprise_id', 'user_id', 'tier'])
    .where('ended_at', 'is', null)
    .orderBy('enterprise_id')
    .execute();
  expect(assigned).toEqual(inStreet.map((id) => ({ enterprise_id: id, user_id: cadre.id, tier: 'special_group' })));
  await office.context.close();

  // 2. The cadre: my enterprises, log a visit with one need filed as an appeal.
  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'cadre');
  await page.getByTestId('menu-liaison-workbench').click();
  const enterpriseId = inStreet[0]!;
  await page.getByTestId(`log-${enterpriseId}`).click();
  await page.getByTestId('visit-people').fill('王总经理');
  await page.getByTestId('visit-notes').fill('企业扩产，反映用电紧张。');
  await page.getByTestId('add-need').click();
  await page.getByTestId('need-0-description').fill('新厂房需要增容用电，希望加快报装审批');
  await page.getByTestId('need-0-title').fill('厂房用电增容报装');
  await page.getByRole('dialog').locator('.ant-btn-primary').click();
  await page.getByText('走访已登记，已提交诉求').waitFor();

  const appeal = await db
    .selectFrom('appeals')
    .select(['id', 'number', 'state', 'channel', 'submitted_by', 'enterprise_id'])
    .where('title', '=', '厂房用电增容报装')
    .executeTakeFirstOrThrow();
  expect(appeal).toMatchObject({ state: 'submitted', channel: 'visit', submitted_by: cadre.id, enterprise_id: enterpriseId });
  const need = await db.selectFrom('liaison_needs').select(['resolution', 'appeal_id']).executeTakeFirstOrThrow();
  expect(need).toEqual({ resolution: 'appeal', appeal_id: appeal.id });

  // The weekly report shows the appeal filed from the visit.
  await page.getByRole('tab', { name: '周工作报告' }).click();
  await page.getByTestId('weekly-appeals').getByText(appeal.number).waitFor();

  // 一企一档: the enterprise's file holds the visit and the appeal it raised in one history.
  await page.goto(`${h.base}/enterprises/${enterpriseId}`);
  const items = page.getByTestId('enterprise-timeline').getByTestId('timeline-item');
  await items.filter({ hasText: '走访' }).filter({ hasText: '企业扩产，反映用电紧张。' }).waitFor();
  await items.filter({ hasText: '诉求' }).filter({ hasText: '厂房用电增容报装' }).waitFor();
  await context.close();
});
