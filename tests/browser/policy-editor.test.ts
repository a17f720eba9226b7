import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoPolicies } from '../../src/seed/policies.ts';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;

beforeAll(async () => {
  h = await startBrowserHarness(40);
  await seedDemoPolicies(h.t.database.db);
});
afterAll(() => h?.close());

it('an officer finds a policy, edits its rule with a live count, runs its cases and saves a new version', async () => {
  const { page } = await newSession(h);
  await logIn(page, h.base, 'policy');
  await page.goto(`${h.base}/policies`);
  await page.getByTestId('policies-search').locator('input').fill('贷款贴息');
  await page.getByTestId('policies-search').locator('input').press('Enter');
  await page.getByTestId('policy-row').filter({ hasText: '中小微企业贷款贴息资助办法' }).first().click();
  await page.getByRole('tab', { name: '政策画像' }).click();

  const live = page.getByTestId('rule-live-count');
  await expect.poll(() => live.textContent(), { timeout: 15_000 }).toMatch(/符合 \d+ 家，数据不全 \d+ 家/);
  const before = await live.textContent();
  // Narrow the rule: large enterprises only, which contradicts 中小微 → nobody is eligible.
  await page.getByTestId('rule-add-condition').first().click();
  await page.getByTestId('rule-clause').last().fill('测试条件：大型企业');
  await page.getByTestId('rule-field').last().click();
  await page.locator('.ant-select-item-option[title="企业规模"]').click();
  await page.getByTestId('rule-value').last().click();
  await page.locator('.ant-select-item-option[title="大型"]').click();
  await page.keyboard.press('Escape');
  await expect.poll(() => live.textContent(), { timeout: 15_000 }).toMatch(/符合 0 家/);
  expect(before).not.toMatch(/符合 0 家，数据不全 0 家/);

  // The seeded cases: the passing profile now fails under the draft.
  await page.getByTestId('rule-cases-run').click();
  await expect.poll(() => page.getByTestId('cases-summary').textContent()).toMatch(/未通过 [1-9]/);

  await page.getByTestId('rule-note').fill('浏览器测试修订');
  await page.getByTestId('rule-save').click();
  await page.getByText(/已保存为第 \d+ 版/).waitFor();
  await expect.poll(() => page.getByTestId('rule-versions').textContent()).toContain('浏览器测试修订');
});

it('the industry picker finds a 4-digit class by its name and the enterprise library shows exactly that class (issue 13)', async () => {
  const db = h.t.database.db;
  const [klass, division] = await db.selectFrom('enterprises').select(['id', 'name']).orderBy('id').limit(2).execute();
  await db.updateTable('enterprises').set({ industry_code: 'C3911' }).where('id', '=', klass!.id).execute();
  await db.updateTable('enterprises').set({ industry_code: 'C39' }).where('id', '=', division!.id).execute();

  const { page } = await newSession(h);
  await logIn(page, h.base, 'specialist');
  await page.goto(`${h.base}/enterprises`);
  const picker = page.getByTestId('filter-industry');
  await picker.click();
  await picker.locator('input').fill('计算机整机');
  // The match shows under its section, division and group, with its code and Chinese name.
  await page.locator('.ant-select-tree-node-content-wrapper[title="C3911 计算机整机制造"]').click();
  await page.waitForURL(/industry=C3911/);
  const rows = page.getByTestId('enterprise-row');
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
  expect(await rows.first().textContent()).toContain(klass!.name);

  // The division (found by its code) takes in the class and the enterprise filed at the division.
  await picker.click();
  await picker.locator('input').fill('c39');
  await page.locator('.ant-select-tree-node-content-wrapper[title="C39 计算机、通信和其他电子设备制造业"]').click();
  await page.waitForURL(/industry=C39(&|$)/);
  await expect.poll(async () => (await rows.allTextContents()).join('|'), { timeout: 15_000 }).toContain(division!.name);
  expect((await rows.allTextContents()).join('|')).toContain(klass!.name);
});
