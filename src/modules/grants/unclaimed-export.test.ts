import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { ensureFresh } from '../matching/index.ts';
import { publishPolicy } from '../portal-policies/test-fixture.ts';

/**
 * 应享未享 exported whole: 52,408 rows (the count the issue met), past the 50,000 the export used
 * to stop at without saying so; and its 匹配时间 a real date in Asia/Shanghai time.
 */
let t: TestApp;
const WANTED = 52_408;
const POLICIES = 40;
// 17:30 UTC is 01:30 the next day in Shanghai: the old export printed 2026-03-01 17:30.
const MATCHED_AT = '2026-03-01T17:30:00.000Z';

beforeAll(async () => {
  t = await createTestApp({ enterprises: 20 });
  const db = t.database.db;
  for (let i = 1; i <= POLICIES; i++) await publishPolicy(db, { code: `EXPORT-${i}`, title: `导出测试政策${i}`, autoGrant: i % 2 === 0 });
  const enterprises = Math.ceil(WANTED / POLICIES) + 1;
  await sql`insert into enterprises (uscc, name, industry_code, scale, status, updated_at)
    select 'X' || lpad(g::text, 17, '0'), '导出测试企业' || g, 'C39', 'small', 'active', now()
    from generate_series(1, ${enterprises}::int) g`.execute(db);
  // Matching first (the day's full run, the queue), so the export's own ensureFresh leaves these rows alone.
  await ensureFresh(db);
  await sql`insert into policy_matches (policy_id, enterprise_id, outcome, rule_version, matched_at)
    select p.id, e.id, 'eligible', 1, ${MATCHED_AT}::timestamptz
    from policies p cross join enterprises e
    where p.code like 'EXPORT-%' and e.uscc like 'X%'
    on conflict do nothing`.execute(db);
}, 120_000);
afterAll(() => t.close());

describe('应享未享 export', () => {
  it('writes every row, however many, with its matching time in Shanghai time', async () => {
    const cookie = await t.login('policy');
    const list = await t.app.inject({ url: '/api/grants/unclaimed?all=1&pageSize=1', headers: { cookie } });
    const total: number = list.json().total;
    expect(total).toBeGreaterThan(WANTED - 1);

    const res = await t.app.inject({ url: '/api/grants/unclaimed.xlsx?all=1', headers: { cookie } });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['x-total-rows']).toBe(String(total));
    // Read back as a stream, as a user's spreadsheet would open it whole: every row is there.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([res.rawPayload]), { styles: 'cache' });
    let rows = 0;
    let sample: ExcelJS.CellValue = null;
    for await (const ws of reader) {
      // The streaming reader's sheet name is untyped in exceljs.
      expect((ws as unknown as { name: string }).name).toBe('应享未享');
      for await (const row of ws) {
        rows++;
        if (String(row.getCell(4).value).startsWith('导出测试企业')) sample = row.getCell(8).value;
      }
    }
    expect(rows).toBe(total + 1);
    expect(sample).toBeInstanceOf(Date);
    expect((sample as unknown as Date).toISOString().slice(0, 16)).toBe('2026-03-02T01:30');
  }, 120_000);
});
