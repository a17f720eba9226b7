import { afterAll, beforeAll, expect, it } from 'vitest';
import { Calendar } from '../../src/modules/calendar/calendar.ts';
import {
  addDays,
  deadlineFor,
  DEFAULT_OFFICE_HOURS,
  shanghaiDate,
  shanghaiDateTime,
  workingDaysBetween,
} from '../../src/modules/calendar/working-days.ts';
import {
  apiPost,
  clickToPost,
  dispatchedToHandler,
  logIn,
  newSession,
  settled,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(10);
});
afterAll(() => h?.close());

// Issue 13: a deadline counted over 2027 (no official data yet) is shown 暂定 until the administrator
// loads 2027's schedule from a file, which moves it off New Year's Day.
it('shows a provisional deadline, and loading the year from a file recounts it', async () => {
  const db = h.t.database.db;
  const { id } = await dispatchedToHandler(h);
  await apiPost(h, 'handler', `/api/appeals/${id}/claim-and-start`, {});
  // Accepted on a fixed day (not today, so the test holds whatever day it runs): Tuesday 2026-12-01.
  const acceptedAt = new Date('2026-12-01T10:00:00+08:00');
  const official = new Calendar();
  const deadline = deadlineFor(acceptedAt, 'normal', official, DEFAULT_OFFICE_HOURS).due;
  await db.updateTable('appeals').set({ accepted_at: acceptedAt, deadline_at: deadline }).where('id', '=', id).execute();
  await db.updateTable('appeal_events').set({ at: acceptedAt }).where('appeal_id', '=', id).where('action', '=', 'accept').execute();
  // The extension that makes Friday 2027-01-01 the deadline, counted on the package's calendar.
  const k = workingDaysBetween(addDays(shanghaiDate(deadline), 1), '2027-01-02', official).length;
  await apiPost(h, 'handler', `/api/appeals/${id}/request-extension`, { workingDays: k, reason: '需要现场勘查' });
  await apiPost(h, 'coordinator', `/api/appeals/${id}/decide-extension`, { approve: true });

  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'admin');
  await page.goto(`${h.base}/appeals/${id}`);
  await expect.poll(() => page.getByTestId('deadline-provisional').count()).toBe(1);

  await page.goto(`${h.base}/admin/calendar?year=2027`);
  // The reminder is about 2027 only in December 2026.
  const remindsOf2027 = shanghaiDate(new Date()).slice(0, 7) === '2026-12';
  if (remindsOf2027) await page.getByTestId('next-year-reminder').waitFor();
  await page.getByTestId('import-year').click();
  const dialog = page.getByRole('dialog');
  await settled(dialog.getByTestId('import-file'));
  // A faulty file is refused with its row named, and nothing can be loaded.
  await dialog
    .getByTestId('import-file')
    .setInputFiles({ name: '2027.csv', mimeType: 'text/csv', buffer: Buffer.from('日期,类型,名称\n2027-02-30,放假,春节\n') });
  await expect.poll(() => dialog.getByTestId('import-problem').textContent()).toContain('第 2 行');
  expect(await dialog.getByTestId('import-confirm').isDisabled()).toBe(true);

  const csv = '日期,类型,名称\n2027-01-01,放假,元旦\n2027-02-06,上班,春节\n2027-02-08,放假,春节\n2027-02-09,放假,春节\n';
  await dialog.getByTestId('import-file').setInputFiles({ name: '2027.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect.poll(() => dialog.getByTestId('import-preview').textContent()).toContain('办理时限 1 件');
  // The preview saved nothing.
  expect(
    shanghaiDateTime((await db.selectFrom('appeals').select('deadline_at').where('id', '=', id).executeTakeFirstOrThrow()).deadline_at!),
  ).toBe('2027-01-01 18:00');
  await clickToPost(page, dialog.getByTestId('import-confirm'), '/api/admin/calendar/years/2027/import');
  await dialog.waitFor({ state: 'hidden' });
  expect(
    shanghaiDateTime((await db.selectFrom('appeals').select('deadline_at').where('id', '=', id).executeTakeFirstOrThrow()).deadline_at!),
  ).toBe('2027-01-04 18:00');
  if (remindsOf2027) await expect.poll(() => page.getByTestId('next-year-reminder').count()).toBe(0);

  await page.goto(`${h.base}/appeals/${id}`);
  await page.getByText('按工作日历重算时限').first().waitFor();
  expect(await page.getByTestId('deadline-provisional').count()).toBe(0);
  await context.close();
}, 240_000);
