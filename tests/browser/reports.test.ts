import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clickToPost, logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(20);
});
afterAll(() => h?.close());

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(path) as unknown as ArrayBuffer);
  return wb;
}

it('the coordinator generates the overdue report (晾晒) and downloads it and the figures as Excel', async () => {
  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'coordinator');

  await page.getByTestId('menu-appeals-overdue').click();
  await page.getByTestId('report-generate').click();
  await clickToPost(page, page.getByRole('dialog').locator('.ant-btn-primary'), '/api/overdue-reports');
  await page.getByTestId('overdue-report').waitFor();
  await page.getByTestId('report-departments').waitFor();
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download').click()]);
  const reportBook = await workbook(await report.path());
  expect(reportBook.worksheets.map((w) => w.name)).toEqual(['部门晾晒', '超期清单', '办结评价']);

  await page.getByTestId('menu-appeals-figures').click();
  await page.getByTestId('figures-table').waitFor();
  const [figures] = await Promise.all([page.waitForEvent('download'), page.getByTestId('figures-export').click()]);
  const figuresBook = await workbook(await figures.path());
  expect(figuresBook.worksheets[0]!.name).toBe('诉求统计');
  await context.close();
});
