import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeUscc } from '../../src/modules/enterprises/uscc.ts';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(20);
});
afterAll(() => h?.close());

it('staff open an enterprise file from the library and by its code: profile, chart, appeal in the timeline', async () => {
  const ent = await h.t.login('enterprise');
  const filed = await h.t.app.inject({
    method: 'POST',
    url: '/api/appeals',
    headers: { cookie: ent },
    payload: { title: '园区道路积水', description: '园区门前道路每逢下雨积水严重，影响货车进出。' },
  });
  expect(filed.statusCode).toBe(201);
  const own = (await h.t.app.inject({ url: '/api/enterprises/mine', headers: { cookie: ent } })).json().enterprise as {
    id: number;
    uscc: string;
    name: string;
  };

  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'specialist');
  await page.getByTestId('menu-enterprises').click();
  await page.getByTestId('enterprise-row').first().click();
  await page.waitForURL(/\/enterprises\/\d+$/);
  await page.getByTestId('enterprise-profile').waitFor();

  await page.goto(`${h.base}/e/${own.uscc}`);
  await page.waitForURL(`${h.base}/enterprises/${own.id}`);
  const profile = page.getByTestId('enterprise-profile');
  await page.getByTestId('enterprise-liaison').waitFor();
  await expect.poll(() => profile.textContent()).toContain(own.uscc);
  await page.getByTestId('indicator-chart').locator('canvas').first().waitFor();
  const timeline = page.getByTestId('enterprise-timeline');
  await timeline.getByText('园区道路积水').waitFor();
  expect(await page.getByTestId('enterprise-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await context.close();
});

it('an admin imports a CSV with one good and one bad row and downloads the error report', async () => {
  const good = makeUscc('91440306MA5G7001X');
  const bad = `${good.slice(0, 17)}${good.at(-1) === '0' ? '1' : '0'}`;
  const csv = [
    '统一社会信用代码,企业名称,行业代码,规模,成立日期,标签',
    `${good},浏览器导入测试有限公司,C39,小型,2020-06-01,专精特新`,
    `${bad},校验码错误有限公司,C39,小型,2020-06-01,`,
  ].join('\n');

  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'admin');
  await page.getByTestId('menu-enterprises').click();
  await page.getByTestId('open-import').click();
  await page.locator('input[type=file]').setInputFiles({ name: '企业.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('import-report').waitFor();
  expect(await page.getByTestId('import-inserted').textContent()).toBe('1');
  expect(await page.getByTestId('import-refused').textContent()).toBe('1');
  expect(await page.getByTestId('import-error').count()).toBe(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-download').click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
  const row = wb.worksheets[0]!.getRow(2);
  expect(row.getCell(2).value).toBe(3);
  expect(row.getCell(3).value).toBe('统一社会信用代码');
  const imported = await h.t.database.db
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where('uscc', '=', good)
    .executeTakeFirstOrThrow();
  expect(imported.name).toBe('浏览器导入测试有限公司');
  // The imported row is a file of its own at once, reachable by its code (一企一码).
  await page.goto(`${h.base}/e/${good}`);
  await page.waitForURL(`${h.base}/enterprises/${imported.id}`);
  await expect.poll(() => page.getByTestId('enterprise-profile').textContent()).toContain('专精特新');
  await context.close();
});

it('the enterprise keeps its contacts on the phone and asks for a new address, which applies once staff approve it', async () => {
  const phone = await newSession(h, true);
  await logIn(phone.page, h.base, 'enterprise');
  await phone.page.getByTestId('tab-profile').click();
  await phone.page.getByTestId('portal-contacts').waitFor();
  await phone.page.getByTestId('contact-add').click();
  await phone.page.getByTestId('contact-name').last().fill('王芳');
  await phone.page.getByTestId('contact-mobile').last().fill('13912345678');
  await phone.page.getByTestId('contacts-save').click();
  await phone.page.getByText('联系人已保存').waitFor();
  await phone.page.getByTestId('change-value').fill('深圳市宝安区新安街道浏览器路 8 号');
  await phone.page.getByTestId('change-submit').click();
  await phone.page.getByTestId('portal-changes').getByText('待核实').waitFor();
  await phone.context.close();

  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'specialist');
  await page.goto(`${h.base}/enterprises/change-requests`);
  const row = page.getByTestId('change-row').filter({ hasText: '浏览器路 8 号' });
  await row.getByTestId('change-approve').click();
  await page.getByText('已处理').waitFor();
  const own = await h.t.database.db
    .selectFrom('users')
    .innerJoin('enterprises', 'enterprises.id', 'users.enterprise_id')
    .select(['enterprises.id', 'enterprises.address'])
    .where('users.username', '=', 'enterprise')
    .executeTakeFirstOrThrow();
  expect(own.address).toBe('深圳市宝安区新安街道浏览器路 8 号');
  await page.goto(`${h.base}/enterprises/${own.id}`);
  await page.getByTestId('enterprise-contacts').getByText('王芳').waitFor();
  await context.close();
});
