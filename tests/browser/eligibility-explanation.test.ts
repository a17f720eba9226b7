import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureFresh } from '../../src/modules/matching/index.ts';
import { publishPolicy, setUpEnterprises, type Fixture } from '../../src/modules/portal-policies/test-fixture.ts';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
let f: Fixture;
let policyId: number;

beforeAll(async () => {
  h = await startBrowserHarness(20);
  f = await setUpEnterprises(h.t.database.db);
  policyId = (await publishPolicy(h.t.database.db, { code: 'BROWSER-WHY', title: '研发投入补助说明' })).id;
});
afterAll(() => h?.close());

it('the explanation says why a value is missing, and that a moved-out enterprise is out of scope', async () => {
  // The officer opens why C is "data incomplete": its revenue is missing, and the page says which and why.
  const officer = await newSession(h);
  await logIn(officer.page, h.base, 'policy');
  const o = officer.page;
  await o.goto(`${h.base}/policies/${policyId}`);
  await o.getByRole('tab', { name: '符合条件企业' }).click();
  const name = (await h.t.database.db.selectFrom('enterprises').select('name').where('id', '=', f.c).executeTakeFirstOrThrow()).name;
  await o.getByTestId('eligible-row').filter({ hasText: name }).click();
  const revenue = o.getByTestId('condition-revenue');
  await expect.poll(() => revenue.getAttribute('data-outcome')).toBe('unknown');
  const lastYear = new Date().getUTCFullYear() - 1;
  await expect.poll(() => revenue.textContent()).toContain(`缺少原因：年度数据中没有${lastYear}年度的记录`);
  await officer.context.close();

  // The demo enterprise moves out: on its phone the policy page no longer says "eligible" but why not.
  const db = h.t.database.db;
  await db.updateTable('enterprises').set({ status: 'moved_out' }).where('id', '=', f.a).execute();
  await ensureFresh(db);
  const { page } = await newSession(h, true);
  await logIn(page, h.base, 'enterprise');
  await page.goto(`${h.base}/portal/policies/${policyId}`);
  await expect.poll(() => page.getByTestId('eligibility-result').getAttribute('data-eligibility')).toBe('ineligible');
  await expect.poll(() => page.getByTestId('eligibility-scope').textContent()).toContain('企业已迁出本区，不在政策匹配范围内');
});
