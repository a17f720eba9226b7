import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
/** An appeal the demo enterprise filed. */
let filed: { id: number };
beforeAll(async () => {
  h = await startBrowserHarness();
  const ent = await h.t.login('enterprise');
  const res = await h.t.app.inject({
    method: 'POST',
    url: '/api/appeals',
    headers: { cookie: ent },
    payload: { title: '厂区门前路灯不亮', description: '厂区门前道路的路灯已坏了两周，夜班员工上下班不安全。' },
  });
  filed = res.json<{ id: number }>();
});
afterAll(() => h?.close());

const search = (url: string) => new URL(url).searchParams;
/** Two cores run the server, the database and Chromium: give the page time to answer. */
const POLL = { timeout: 15_000 };

describe('a list keeps its filters and page in the address', () => {
  it('a shared link opens the same page; filtering goes back to page 1; reload, back and forward keep the view', async () => {
    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'coordinator');

    // A link to page 2 at 10 rows opens exactly that, and says how many there are in all.
    await page.goto(`${h.base}/enterprises?size=10&page=2`);
    await page.getByTestId('enterprise-row').nth(9).waitFor();
    expect(await page.getByTestId('enterprise-row').count()).toBe(10);
    expect(await page.locator('.ant-pagination-item-active').textContent()).toBe('2');
    expect(await page.locator('.ant-pagination-total-text').textContent()).toMatch(/共 40 条/);

    // A filter goes into the address and back to page 1, keeping the page size.
    await page.getByTestId('filter-scale').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '小型' }).click();
    await page.waitForURL((url) => url.searchParams.get('scale') === 'small');
    expect(search(page.url()).get('page')).toBeNull();
    expect(search(page.url()).get('size')).toBe('10');
    await expect.poll(async () => (await page.locator('.ant-pagination-total-text').textContent()) ?? '', POLL).not.toMatch(/共 40 条/);
    const filtered = await page.locator('.ant-pagination-total-text').textContent();

    // A reload keeps the filter, the picker shows it, and the same total comes back.
    await page.reload();
    await expect.poll(() => page.locator('.ant-pagination-total-text').textContent(), POLL).toBe(filtered);
    expect(await page.getByTestId('filter-scale').textContent()).toContain('小型');

    // Back returns to page 2 without the filter; forward to the filter again.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('page') === '2' && !url.searchParams.has('scale'));
    await expect.poll(() => page.locator('.ant-pagination-total-text').textContent(), POLL).toMatch(/共 40 条/);
    expect(await page.getByTestId('filter-scale').textContent()).not.toContain('小型');
    await page.goForward();
    await expect.poll(() => page.locator('.ant-pagination-total-text').textContent(), POLL).toBe(filtered);
    await context.close();
  });

  it('a form filter reads its values back from a link, a reload, back and forward (the appeal queue)', async () => {
    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'coordinator');
    await page.goto(`${h.base}/appeals/all?q=%E6%8B%9B%E8%81%98&view=all`);
    await expect.poll(() => page.getByTestId('filter-q').inputValue(), POLL).toBe('招聘');
    await page.getByTestId('filter-q').fill('');
    await page.getByTestId('filter-submit').click();
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await page.reload();
    await expect.poll(() => page.getByTestId('filter-q').inputValue(), POLL).toBe('');
    // Back to the link: the form shows its filter again, not only the list.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('q') === '招聘');
    await expect.poll(() => page.getByTestId('filter-q').inputValue(), POLL).toBe('招聘');
    await page.goForward();
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await expect.poll(() => page.getByTestId('filter-q').inputValue(), POLL).toBe('');
    await context.close();
  });
});

describe('list links are real links', () => {
  it('Tab reaches an enterprise name and Enter opens its file; one Back returns to the list', async () => {
    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'coordinator');
    await page.goto(`${h.base}/enterprises?page=2`);
    const link = page.getByTestId('enterprise-row').first().getByRole('link');
    await link.waitFor();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/enterprises\/\d+$/);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === href);
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/enterprises' && url.searchParams.get('page') === '2');
    await context.close();
  });
});

describe('times are Shanghai times', () => {
  it("a browser set to UTC shows an appeal's submission in Asia/Shanghai", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'UTC' });
    const page = await context.newPage();
    await logIn(page, h.base, 'coordinator');
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
    const listed = (await (await page.request.get(`${h.base}/api/appeals?view=all`)).json()) as {
      items: { id: number; submittedAt: string }[];
    };
    const submittedAt = listed.items.find((a) => a.id === filed.id)?.submittedAt;
    if (!submittedAt) throw new Error('the filed appeal is not listed');
    // Shanghai is UTC+8 all year: the page must show the submission eight hours on from UTC.
    const shanghai = new Date(new Date(submittedAt).getTime() + 8 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const expected = `${shanghai.getUTCFullYear()}/${pad(shanghai.getUTCMonth() + 1)}/${pad(shanghai.getUTCDate())} ${pad(shanghai.getUTCHours())}:${pad(shanghai.getUTCMinutes())}`;
    await page.goto(`${h.base}/appeals/${filed.id}`);
    await expect.poll(() => page.locator('.ant-descriptions').first().textContent(), POLL).toContain(expected);
    await context.close();
  });
});
