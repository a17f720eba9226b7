import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPost, dispatchedToHandler, logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
});
afterAll(() => h?.close());

/** Two cores run the server, the database and Chromium: give the page time to answer. */
const POLL = { timeout: 15_000 };

/** An appeal the demo enterprise filed and the specialist accepted: its clock runs. */
async function acceptedAppeal(): Promise<{ id: number; number: string; deadlineAt: string | null }> {
  const as = async (login: string) => ({ cookie: await h.t.login(login) });
  const filed = await h.t.app.inject({
    method: 'POST',
    url: '/api/appeals',
    headers: await as('enterprise'),
    payload: { title: '厂区门前道路积水', description: '每逢下雨厂区门前道路积水严重，货车无法进出，影响生产。' },
  });
  const { id } = filed.json<{ id: number }>();
  const taxonomy = (await h.t.app.inject({ url: '/api/taxonomy', headers: await as('specialist') })).json<{
    categories: { items: { id: number }[] }[];
  }>();
  const serviceItemId = taxonomy.categories.flatMap((c) => c.items)[0]?.id;
  const accepted = await h.t.app.inject({
    method: 'POST',
    url: `/api/appeals/${id}/accept`,
    headers: await as('specialist'),
    payload: { serviceItemId, grade: 'normal' },
  });
  expect(accepted.statusCode, accepted.body).toBeLessThan(300);
  const detail = (await h.t.app.inject({ url: `/api/appeals/${id}`, headers: await as('coordinator') })).json<{
    appeal: { id: number; number: string; deadlineAt: string | null };
  }>();
  return detail.appeal;
}

/** '2026/12/09 18:00', an instant as Shanghai's wall clock reads it (UTC+8 all year). */
function shanghai(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

describe('times are Shanghai times on a browser set to UTC', () => {
  it('an 18:00 deadline shows as 18:00, with its date, in the detail and the list', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'UTC' });
    const page = await context.newPage();
    await logIn(page, h.base, 'coordinator');
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
    // An appeal accepted now is due at the office's close (18:00 Shanghai, 10:00 UTC) of a working day.
    const due = await acceptedAppeal();
    if (!due.deadlineAt) throw new Error('the accepted appeal has no deadline');
    const expected = shanghai(due.deadlineAt);
    expect(expected).toMatch(/ 18:00$/);

    await page.goto(`${h.base}/appeals/${due.id}`);
    await expect.poll(() => page.getByTestId('deadline').first().textContent(), POLL).toContain(expected);
    await page.goto(`${h.base}/appeals/all?q=${encodeURIComponent(due.number)}`);
    await expect.poll(() => page.getByTestId('deadline').first().textContent(), POLL).toContain(expected);
    await context.close();
  });
});

describe('代企业录入 (a specialist files for an enterprise)', () => {
  it('speaks to the specialist, not to the enterprise', async () => {
    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'specialist');
    await page.goto(`${h.base}/appeals/new`);
    await expect.poll(() => page.getByTestId('appeal-title').getAttribute('placeholder'), POLL).toBe('一句话概括企业反映的诉求');
    const text = (await page.locator('main, .ant-layout-content').first().textContent()) ?? '';
    expect(text).toContain('受理时再归类');
    expect(text).not.toContain('企服专员会帮您归类');
    expect(await page.getByTestId('appeal-description').getAttribute('placeholder')).not.toContain('您');
    await context.close();
  });

  it('refuses a 10,000-character paste before sending, showing the count, and never cuts it', async () => {
    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'specialist');
    await page.goto(`${h.base}/appeals/new`);
    const description = page.getByTestId('appeal-description');
    await description.waitFor();
    await page.getByTestId('appeal-title').fill('厂区门前道路积水');
    const pasted = '雨'.repeat(10_000);
    await description.focus();
    await page.evaluate((text) => document.execCommand('insertText', false, text), pasted);

    // All of it is kept, and the count says how far over the limit it is.
    expect(((await description.inputValue()) ?? '').length).toBe(10_000);
    await expect
      .poll(() => page.locator('.ant-input-textarea-show-count, .ant-input-data-count').first().textContent(), POLL)
      .toContain('10000');
    // The suggestions say why they are not there, rather than failing quietly.
    await expect.poll(() => page.getByTestId('suggestions-none').textContent(), POLL).toContain('超过 5000 字');

    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/appeals') posted = true;
    });
    await page.getByTestId('appeal-submit').click();
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').allTextContents(), POLL)
      .toContain('问题描述不能超过 5000 个字（现 10000 字），请删减后再提交');
    expect(posted).toBe(false);
    expect(((await description.inputValue()) ?? '').length).toBe(10_000);
    await context.close();
  });
});

describe('the reply dialog refuses a text over the limit', () => {
  it('keeps a 6,000-character paste whole, counts it and sends nothing', async () => {
    const { id } = await dispatchedToHandler(h);
    await apiPost(h, 'handler', `/api/appeals/${id}/claim-and-start`, {});

    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'handler');
    await page.goto(`${h.base}/appeals/${id}`);
    await page.getByTestId('action-reply').click();
    const form = page.getByTestId('action-form-reply');
    const reply = form.getByTestId('field-reply');
    await reply.waitFor();
    await reply.focus();
    await page.evaluate((text) => document.execCommand('insertText', false, text), '复'.repeat(6_000));
    expect((await reply.inputValue()).length).toBe(6_000);
    await expect
      .poll(() => form.locator('.ant-input-data-count, .ant-input-textarea-show-count').first().textContent(), POLL)
      .toContain('6000');

    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/reply')) posted = true;
    });
    await page.getByTestId('action-submit').click();
    await expect
      .poll(() => form.locator('.ant-form-item-explain-error').allTextContents(), POLL)
      .toContain('答复内容不能超过 5000 个字（现 6000 字），请删减后再提交');
    expect(posted).toBe(false);
    expect((await reply.inputValue()).length).toBe(6_000);
    await context.close();
  });
});

describe('an empty search says why and what to try', () => {
  it('an appeal number that does not exist points at the number format and the filters', async () => {
    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'coordinator');
    await page.goto(`${h.base}/appeals/all?q=QF-2099-999999`);
    await expect
      .poll(() => page.getByTestId('empty-hint').textContent(), POLL)
      .toBe('没有找到编号含“QF-2099-999999”的诉求，请检查编号（QF-2026-000123 这样的格式）或改用标题中的关键词；也可清除筛选条件');
    await context.close();
  });

  it('a wrong credit code in the enterprise library points at the code and the name search', async () => {
    const { context, page } = await newSession(h);
    await logIn(page, h.base, 'coordinator');
    await page.goto(`${h.base}/enterprises?q=91990000ZZZZZZZZ9X`);
    await expect
      .poll(() => page.getByTestId('empty-hint').textContent(), POLL)
      .toBe('未找到统一社会信用代码以“91990000ZZZZZZZZ9X”开头的企业，请检查统一社会信用代码（18 位）或改用企业名称搜索');
    await context.close();
  });
});
