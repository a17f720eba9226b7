import { afterAll, beforeAll, expect, it } from 'vitest';
import { createNotice, createPolicy, PDF } from '../../src/modules/applications/test-fixtures.ts';
import { loadProfile } from '../../src/modules/matching/index.ts';
import { publishPolicy, setUpEnterprises, TEST_TAG } from '../../src/modules/portal-policies/test-fixture.ts';
import type { Page } from 'playwright-core';
import { clickToPost, logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
let policyId: number;
let noticeId: number;
let granted: { id: number };

beforeAll(async () => {
  h = await startBrowserHarness(20);
  const db = h.t.database.db;
  // Three enterprises carry the test tag: A (the demo enterprise) and B have last year's revenue, C has none.
  await setUpEnterprises(db);
  // A published policy with an open notice and no rule yet: the officer writes it in the browser.
  policyId = await createPolicy(db, { title: '高新技术企业研发补助' });
  noticeId = await createNotice(db, policyId, { declaredFields: ['employees'], materials: [{ name: '申请表', required: true }] });
  granted = await publishPolicy(db, { code: 'BROWSER-GRANT', title: '规上企业稳增长奖励', autoGrant: true, maxAmount: 8 });
});
afterAll(() => h?.close());

/** One condition at the end of the root group: pick the field, set the value, quote the clause. */
async function addCondition(page: Page, field: string, clause: string, setValue: () => Promise<void>): Promise<void> {
  await page.getByTestId('rule-add-condition').first().click();
  await page.getByTestId('rule-field').last().click();
  // A closed dropdown stays in the page, hidden: pick from the open one.
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${field}"]`).click();
  await setValue();
  await page.getByTestId('rule-clause').last().fill(clause);
}

it('政策直达 end to end: rule → live count → push → enterprise sees why → applies pre-filled → 秒批; an auto-grant batch reaches its enterprises', async () => {
  // 1. The policy officer writes the rule, watching the live count, and saves it.
  const officer = await newSession(h);
  await logIn(officer.page, h.base, 'policy');
  const o = officer.page;
  await o.goto(`${h.base}/policies/${policyId}`);
  await o.getByRole('tab', { name: '政策画像' }).click();
  await addCondition(o, '企业标签', '纳入直达测试名单的企业', async () => {
    const tags = o.getByTestId('rule-value').last();
    await tags.click();
    await tags.locator('input').fill(TEST_TAG);
    await tags.locator('input').press('Enter');
    await o.keyboard.press('Escape');
  });
  const live = o.getByTestId('rule-live-count');
  // Tagged A, B and C all pass a tag-only rule.
  await expect.poll(() => live.textContent(), { timeout: 15_000 }).toMatch(/符合 3 家，数据不全 0 家/);
  await addCondition(o, '上年度营业收入（万元）', '上年度营业收入不低于100万元', async () => {
    // The new condition's number input replaces its field's default editor: wait for it, or the
    // value could go into the tag picker above it (whose inner <input> matches the selector too).
    await expect.poll(() => o.locator('input[data-testid="rule-value"]').count(), { timeout: 15_000 }).toBe(1);
    // antd's InputNumber puts the test id on the <input> itself.
    await o.locator('input[data-testid="rule-value"], [data-testid="rule-value"] input').last().fill('100');
  });
  // C has no revenue on file: unknown, not failed.
  await expect.poll(() => live.textContent(), { timeout: 15_000 }).toMatch(/符合 2 家，数据不全 1 家/);
  await o.getByTestId('rule-note').fill('首版政策画像');
  await o.getByTestId('rule-save').click();
  await o.getByText(/已保存为第 \d+ 版/).waitFor();

  // 2. The officer pushes it to the eligible enterprises.
  await o.goto(`${h.base}/policy-push?policyId=${policyId}`);
  await expect.poll(() => o.getByTestId('push-target').textContent(), { timeout: 15_000 }).toContain('本次推送 2 家');
  await o.getByTestId('push-send').click();
  await clickToPost(o, o.locator('#push-confirm'), '/api/push-campaigns');
  await o.getByTestId('campaign-row').filter({ hasText: '高新技术企业研发补助' }).waitFor();

  // 3. The auto-grant policy: the officer drafts and confirms the batch.
  await o.goto(`${h.base}/policy-grants`);
  await o.getByTestId(`grant-draft-${granted.id}`).click();
  await clickToPost(o, o.locator('#grant-draft-ok'), '/api/grant-batches');
  await expect.poll(() => o.getByTestId('batch-summary').textContent()).toContain('2 家企业纳入发放，合计 16 万元');
  await o.getByTestId('grant-confirm').click();
  await clickToPost(o, o.locator('#grant-confirm-ok'), '/confirm');
  await expect.poll(() => o.getByTestId('batch-status').textContent()).toBe('已确认');
  await officer.context.close();

  // 4. The enterprise, on a phone: the pushed policy is there, eligible, with each condition's reason.
  const db = h.t.database.db;
  const { page } = await newSession(h, true);
  await logIn(page, h.base, 'enterprise');
  await page.getByTestId('entry-policies').click();
  const card = page.getByTestId('policy-card').filter({ hasText: '高新技术企业研发补助' });
  await expect.poll(() => card.getAttribute('data-outcome')).toBe('eligible');
  await card.click();
  await expect.poll(() => page.getByTestId('eligibility-result').getAttribute('data-eligibility')).toBe('eligible');
  const conditions = page.locator('[data-testid^="condition-"]');
  await expect.poll(() => conditions.count()).toBe(2);
  await expect.poll(() => page.getByTestId('eligibility').textContent()).toContain('上年度营业收入不低于100万元');
  expect(await page.locator('[data-testid^="condition-"][data-outcome="pass"]').count()).toBe(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const user = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'enterprise').executeTakeFirstOrThrow();
  const read = await db
    .selectFrom('push_recipients')
    .select('read_at')
    .where('enterprise_id', '=', user.enterprise_id)
    .where('policy_id', '=', policyId)
    .executeTakeFirstOrThrow();
  expect(read.read_at).not.toBeNull();

  // 5. It applies from the notice: the form holds its file's figure; every condition is decided by held data → 秒批.
  await page.getByTestId(`apply-${noticeId}`).click();
  await page.waitForURL((url) => url.pathname === '/portal/applications/new' && url.searchParams.get('noticeId') === String(noticeId));
  const profile = (await loadProfile(db, user.enterprise_id!))!;
  await expect.poll(() => page.getByTestId('declared-employees').locator('input').inputValue()).toBe(String(profile.employees));
  await page
    .getByTestId('material-0')
    .locator('input[type=file]')
    .setInputFiles({ name: '申请表.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByTestId('apply-contact-name').fill('张经理');
  await page.getByTestId('apply-contact-phone').fill('13912345678');
  await page.getByTestId('apply-submit').click();
  await page.getByTestId('apply-result').waitFor();
  await page.getByText('已秒批通过').first().waitFor();
  const application = await db
    .selectFrom('policy_applications')
    .select(['state', 'instant'])
    .where('enterprise_id', '=', user.enterprise_id)
    .where('notice_id', '=', noticeId)
    .executeTakeFirstOrThrow();
  expect(application).toMatchObject({ state: 'approved', instant: true });
  // The office sees the push as read and applied.
  const cookie = await h.t.login('policy');
  const campaigns = (await h.t.app.inject({ method: 'GET', url: '/api/push-campaigns', headers: { cookie } })).json();
  expect(campaigns.items.find((c: { policyId: number }) => c.policyId === policyId)).toMatchObject({ sent: 2, read: 1, applied: 1 });

  // 6. The auto-granted benefit has reached it.
  await page.goto(`${h.base}/portal/benefits`);
  await expect.poll(() => page.getByTestId('benefits-total').textContent()).toContain('8 万元');
  await expect.poll(() => page.getByTestId('benefit-row').first().textContent()).toContain('规上企业稳增长奖励');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
