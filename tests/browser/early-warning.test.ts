import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addMonths } from '../../src/modules/calendar/working-days.ts';
import { latestMonth } from '../../src/modules/warnings/service.ts';
import { clickToPost, logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
let name: string;
let enterpriseId: number;
let cadreId: number;

beforeAll(async () => {
  h = await startBrowserHarness(20);
  const db = h.t.database.db;
  const month = (await latestMonth(db))!;
  const e = await db
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where('status', '=', 'active')
    .where('street_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  name = e.name;
  enterpriseId = e.id;
  // Output steady for a year, then down 80%: the default rules raise a warning for the latest month.
  await db.deleteFrom('enterprise_indicators').where('enterprise_id', '=', e.id).execute();
  await db
    .insertInto('enterprise_indicators')
    .values(
      Array.from({ length: 13 }, (_, i) => ({
        enterprise_id: e.id,
        month: addMonths(month, i - 12),
        output: i === 12 ? 20 : 100,
        tax: 10,
        electricity: 1000,
        employees: 20,
      })),
    )
    .execute();
  // The demo cadre serves it (when the service network is installed; otherwise it is assigned below).
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from information_schema.tables where table_schema = any(current_schemas(false)) and table_name = 'liaisons'`.execute(
    db,
  );
  cadreId = (await db.selectFrom('users').select('id').where('username', '=', 'cadre').executeTakeFirstOrThrow()).id;
  if ((rows[0]?.n ?? 0) > 0) {
    await sql`update liaisons set ended_at = now() where enterprise_id = ${e.id} and ended_at is null`.execute(db);
    await sql`insert into liaisons (enterprise_id, user_id, tier) values (${e.id}, ${cadreId}, 'special_group')`.execute(db);
  }
});
afterAll(() => h?.close());

it('a warning from raising to closing: the office evaluates, the cadre follows up and closes, the report shows it', async () => {
  // The coordination office runs the rules on demand.
  const office = await newSession(h);
  await logIn(office.page, h.base, 'coordinator');
  await office.page.getByTestId('menu-warnings').click();
  await office.page.getByTestId('warnings-evaluate').click();
  await office.page.getByText(/新增预警 \d+ 条/).waitFor();
  await h.t.database.db
    .updateTable('enterprise_warnings')
    .set({ assigned_user_id: cadreId })
    .where('enterprise_id', '=', enterpriseId)
    .where('assigned_user_id', 'is', null)
    .execute();

  // The liaison cadre finds it among its own enterprises' warnings.
  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'cadre');
  await page.getByTestId('menu-warnings').click();
  const row = page.getByTestId('warning-row').filter({ hasText: name }).filter({ hasText: '产值同比大幅下降' });
  await row.click();
  await expect.poll(() => page.getByTestId('warning-explanation').textContent()).toContain('同比下降 80%');
  await page.getByTestId('warning-chart').locator('canvas').first().waitFor();

  await page.getByTestId('warning-note').fill('已走访企业，核实订单下滑原因');
  await page.getByTestId('warning-follow-up').click();
  await expect.poll(() => page.getByTestId('warning-log').textContent()).toContain('已走访企业，核实订单下滑原因');
  await expect.poll(() => page.getByTestId('warning-current-status').textContent()).toBe('跟进中');

  await page.getByTestId('warning-close').click();
  await page.getByTestId('field-actionsTaken').fill('协调订单对接，企业产能恢复中');
  await clickToPost(page, page.getByRole('dialog').locator('.ant-btn-primary'), '/close');
  await expect.poll(() => page.getByTestId('warning-current-status').textContent()).toBe('已关闭');
  await expect.poll(() => page.getByTestId('warning-actions-taken').textContent()).toBe('协调订单对接，企业产能恢复中');
  expect(await page.getByTestId('warning-close').count()).toBe(0);

  // The monthly report lists what was done, and exports it.
  await office.page.getByTestId('menu-warning-report').click();
  await expect.poll(() => office.page.getByTestId('report-closed').textContent()).toContain('协调订单对接，企业产能恢复中');
  const [download] = await Promise.all([office.page.waitForEvent('download'), office.page.getByTestId('warning-report-export').click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '按规则', '按行业门类', '按街道', '外迁风险', '已处置']);
  await office.context.close();

  // The output did not recover: the cadre reopens it with the reason, and follows it again.
  await page.getByTestId('warning-reopen').click();
  await page.getByTestId('field-reason').fill('产值仍未恢复，继续跟进');
  await clickToPost(page, page.getByRole('dialog').locator('.ant-btn-primary'), '/reopen');
  await expect.poll(() => page.getByTestId('warning-current-status').textContent()).toBe('跟进中');
  await expect.poll(() => page.getByTestId('warning-log').textContent()).toContain('产值仍未恢复，继续跟进');
  await page.getByTestId('warning-close').waitFor();
  expect(await page.getByTestId('warning-reopen').count()).toBe(0);

  // 一企一档: the warning stands in the enterprise file's history with its level and status.
  await page.goto(`${h.base}/enterprises/${enterpriseId}`);
  const item = page.getByTestId('enterprise-timeline').getByTestId('timeline-item').filter({ hasText: '产值同比大幅下降' });
  await expect.poll(() => item.first().textContent()).toMatch(/预警.*预警：产值同比大幅下降.*跟进中/);
  await context.close();
});
