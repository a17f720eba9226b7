import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(20);
});
afterAll(() => h?.close());

it('an administrator adds a street in the browser and finds the change in the audit log', async () => {
  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'admin');
  await page.getByTestId('menu-admin-streets').click();
  await page.getByTestId('create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('编码').fill('QH');
  await dialog.getByLabel('名称').fill('前海试点街道');
  await dialog.getByRole('button', { name: /确\s*定|保\s*存/ }).click();
  await page.getByRole('cell', { name: '前海试点街道' }).waitFor();
  const saved = await h.t.database.db.selectFrom('streets').select('id').where('code', '=', 'QH').executeTakeFirst();
  expect(saved).toBeDefined();

  await page.getByTestId('menu-admin-audit').click();
  await page.getByTestId('audit-q').fill('前海试点街道');
  await page.getByTestId('audit-search').click();
  await page.getByRole('cell', { name: '新建街道' }).waitFor();
  await context.close();
});

it("the enterprise file lists the enterprise's appeals", async () => {
  const ent = await h.t.login('enterprise');
  const filed = await h.t.app.inject({
    method: 'POST',
    url: '/api/appeals',
    headers: { cookie: ent },
    payload: { title: '员工子女入学咨询', description: '我司外地员工子女需要在宝安区就近入学，想了解积分入学政策和办理流程。' },
  });
  const number = filed.json().number as string;
  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'coordinator');
  await page.goto(`${h.base}/appeals/${filed.json().id}`);
  await page.getByTestId('appeal-enterprise').click();
  await page.getByTestId('enterprise-appeals').getByText(number).waitFor();
  await context.close();
});
