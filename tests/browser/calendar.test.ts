import { afterAll, beforeAll, expect, it } from 'vitest';
import { clickToPost, logIn, newSession, settled, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(10);
});
afterAll(() => h?.close());

/** A Wednesday in March of this year: an ordinary working day, far from any public holiday. */
function ordinaryWednesday(): string {
  const d = new Date(Date.UTC(new Date().getFullYear(), 2, 10));
  d.setUTCDate(d.getUTCDate() + ((3 - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
}

// The calendar page writes through the generated, typed client (openapi-fetch): this proves that client reaches the server.
it('an administrator turns a working day into a holiday and back, and marks the year as entered', async () => {
  const date = ordinaryWednesday();
  const db = h.t.database.db;
  const { context, page } = await newSession(h);
  await logIn(page, h.base, 'admin');
  await page.getByTestId('menu-admin-calendar').click();

  await page.getByTestId(`day-${date}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('放假', { exact: true }).click();
  await dialog.getByLabel('节假日名称').fill('试点调休');
  await clickToPost(page, dialog.getByRole('button', { name: /确\s*定|保\s*存/ }), `/api/admin/calendar/days/${date}`, 'PUT');
  await dialog.waitFor({ state: 'hidden' });
  expect(await db.selectFrom('calendar_overrides').select(['kind', 'name']).where('date', '=', date).executeTakeFirst()).toEqual({
    kind: 'holiday',
    name: '试点调休',
  });

  // The grid reloads after the save: the day shows its override once the reload has landed, and only
  // then is the dialog opened again (a reload arriving under an open confirmation would close it).
  await expect.poll(() => page.getByTestId(`day-${date}`).getAttribute('class'), { timeout: 30_000 }).toMatch(/cal-override/);
  await page.getByTestId(`day-${date}`).click();
  // The day's dialog zooms in: a click on its button before it has settled opens nothing.
  await settled(page.getByTestId('clear-override'));
  await page.getByTestId('clear-override').click();
  // The confirmation pops in with an animation: a click during it can land on nothing.
  await clickToPost(
    page,
    page.getByRole('tooltip').getByRole('button', { name: /确\s*定|OK|是/ }),
    `/api/admin/calendar/days/${date}`,
    'DELETE',
  );
  await expect.poll(() => db.selectFrom('calendar_overrides').select('kind').where('date', '=', date).executeTakeFirst()).toBeUndefined();

  const year = new Date().getFullYear();
  await page.getByTestId('year-status').click();
  const yearDialog = page.getByRole('dialog');
  const complete = (await yearDialog.getByRole('switch').getAttribute('aria-checked')) !== 'true';
  await yearDialog.getByRole('switch').click();
  await yearDialog.getByLabel('说明').fill('已核对');
  await clickToPost(page, yearDialog.getByRole('button', { name: /确\s*定|保\s*存/ }), `/api/admin/calendar/years/${year}`, 'PUT');
  expect(await db.selectFrom('calendar_years').select(['complete', 'note']).where('year', '=', year).executeTakeFirst()).toEqual({
    complete,
    note: '已核对',
  });
  await context.close();
});
