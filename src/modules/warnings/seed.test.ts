import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { addMonths } from '../calendar/working-days.ts';
import { evaluateSeededMonths } from './seed.ts';
import { latestMonth, monthlyWarningJob } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('evaluates the latest seeded months once, so a fresh demo shows warnings and the monthly job has nothing left to do', async () => {
  const db = t.database.db;
  const latest = (await latestMonth(db))!;
  const r = await evaluateSeededMonths(db);
  expect(r.months).toEqual([addMonths(latest, -2), addMonths(latest, -1), latest]);
  const rows = await db.selectFrom('enterprise_warnings').select(['month']).execute();
  expect(rows.length).toBe(r.raised);
  expect(rows.every((w) => r.months.includes(w.month))).toBe(true);
  const runs = await db.selectFrom('warning_runs').select('month').orderBy('month').execute();
  expect(runs.map((x) => x.month)).toEqual(r.months);
  expect(await monthlyWarningJob(db)).toBeNull();
  expect((await evaluateSeededMonths(db)).raised).toBe(0);
});
