import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';

/**
 * Every exported sheet speaks the office's language: Chinese headers, never a raw key
 * (visits、onTime…), and a unit on every column of figures — 件, 家, 人, 万元 … — unless the
 * column is a rate (shown in %), a score or a rank. The assessment sheet has its own test
 * (src/modules/liaison).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 20 });
});
afterAll(() => t.close());

const UNIT = /（[^）]+）|\([^)]+\)|率|评分|平均分|得分|排名|月份|日期|时间|代码/;
const RAW_KEY = /[a-z][A-Za-z]*[A-Z_]|\b[a-z]{3,}\b/;

async function workbook(role: string, url: string): Promise<ExcelJS.Workbook> {
  const res = await t.app.inject({ url, headers: { cookie: await t.login(role) } });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** The header row (after a title row, when a sheet has one) and whether each column below holds numbers. */
function problems(wb: ExcelJS.Workbook, url: string): string[] {
  const found: string[] = [];
  for (const ws of wb.worksheets) {
    const views = (ws.views as unknown[] | null)?.[0] as { ySplit?: number } | undefined;
    // Sheets without a frozen header row are notes (说明): label and text, no figures under a header.
    if (!views?.ySplit) continue;
    const headerRow = ws.getRow(views.ySplit);
    headerRow.eachCell((cell, col) => {
      const header = String(cell.value ?? '');
      const where = `${url} › ${ws.name} › ${header}`;
      if (RAW_KEY.test(header)) found.push(`${where}: raw key`);
      if (!/[\u4e00-\u9fff]/.test(header)) found.push(`${where}: not Chinese`);
      if (UNIT.test(header)) return;
      // Without a unit in the header, each figure's row names it (项目 / 数量 sheets: 预警总数（条）…).
      for (let r = views.ySplit! + 1; r <= ws.rowCount; r++) {
        const c = ws.getRow(r).getCell(col);
        const label = String(ws.getRow(r).getCell(1).value ?? '');
        if (typeof c.value === 'number' && !c.numFmt?.includes('%') && !UNIT.test(label)) {
          found.push(`${where}: figures without a unit (row ${label})`);
          return;
        }
      }
    });
  }
  return found;
}

describe('Excel headers', () => {
  it('are Chinese, with units on figures, in every export', async () => {
    const db = t.database.db;
    const policy = await db.selectFrom('policies').select('id').orderBy('id').executeTakeFirst();
    const report = await t.app.inject({
      method: 'POST',
      url: '/api/overdue-reports',
      headers: { cookie: await t.login('coordinator') },
      payload: { from: '2024-01-01', to: '2026-12-31' },
    });
    expect(report.statusCode, report.body).toBe(201);
    const exports: [string, string][] = [
      ['coordinator', '/api/appeals/figures.xlsx?by=department&from=2022-01-01&to=2027-12-31'],
      ['coordinator', '/api/appeals/figures.xlsx?by=street&from=2022-01-01&to=2027-12-31'],
      ['leader', `/api/overdue-reports/${report.json().id}.xlsx`],
      ['coordinator', '/api/warnings/report.xlsx'],
      ['policy', '/api/applications/figures.xlsx?from=2022-01-01&to=2027-12-31'],
      ['policy', '/api/grants/unclaimed.xlsx?all=1'],
      ['coordinator', '/api/enterprises.xlsx'],
    ];
    // The demo has policies only when the policy seed ran.
    if (policy) exports.push(['policy', `/api/policies/${policy.id}/eligible.xlsx`]);
    const found: string[] = [];
    for (const [role, url] of exports) found.push(...problems(await workbook(role, url), url));
    expect(found).toEqual([]);
  });
});
