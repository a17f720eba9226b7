import { afterAll, beforeAll, expect, it } from 'vitest';
import { codeSentTo, enterpriseWithNumbers, newMobile } from '../support/accounts.ts';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(20);
});
afterAll(() => h?.close());

it('on a phone: an enterprise registers by credit code with an SMS code, invites a colleague, who joins and logs in', async () => {
  const db = h.t.database.db;
  const e = await enterpriseWithNumbers(db);
  const phone = await newSession(h, true);
  const { page } = phone;

  // 企业注册 from the login page: credit code + the legal representative's mobile (a number the file holds).
  await page.goto(`${h.base}/login`);
  await page.getByTestId('login-register').click();
  await page.waitForURL(`${h.base}/register`);
  await page.getByTestId('register-uscc').fill(e.uscc);
  await page.getByTestId('register-mobile').fill(e.legalRep);
  await page.getByTestId('register-name').fill('李法人');
  await page.getByTestId('register-password').fill('Qifu2026ok');
  await page.getByTestId('register-send-code').click();
  await expect.poll(() => codeSentTo(db, e.legalRep).catch(() => null), { timeout: 10_000 }).toMatch(/^\d{6}$/);
  await page.getByTestId('register-code').fill(await codeSentTo(db, e.legalRep));
  await page.getByTestId('register-submit').click();
  await page.waitForURL(`${h.base}/portal`);
  await page.getByTestId('enterprise-card').getByText(e.name).waitFor();

  // 企业成员: invite a colleague as 经办人.
  await page.goto(`${h.base}/portal/account`);
  await page.getByTestId('account-members').click();
  await page.waitForURL(`${h.base}/portal/members`);
  await page.getByTestId('member-invite').click();
  const colleague = newMobile();
  await page.getByTestId('invite-mobile').fill(colleague);
  await page.getByTestId('invite-name').fill('王经办');
  await page.getByTestId('invite-submit').click();
  await page.getByTestId('invitation-row').getByText('王经办 · 经办人').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await phone.context.close();

  // The colleague joins from the link in the SMS: mobile → code → password, and is logged in.
  const other = await newSession(h, true);
  await other.page.goto(`${h.base}/login`);
  await other.page.getByTestId('login-join').click();
  await other.page.getByTestId('join-mobile').fill(colleague);
  await other.page.getByTestId('join-send-code').click();
  await other.page.getByTestId('join-intro').getByText(e.name).waitFor();
  await other.page.getByTestId('join-code').fill(await codeSentTo(db, colleague));
  await other.page.getByTestId('join-password').fill('Join2026ok');
  await other.page.getByTestId('join-submit').click();
  await other.page.waitForURL(`${h.base}/portal`);
  await other.context.close();

  // And logs in again later with the mobile and the password.
  const later = await newSession(h, true);
  await logIn(later.page, h.base, colleague, 'Join2026ok');
  await later.page.waitForURL(`${h.base}/portal`);
  await later.page.goto(`${h.base}/portal/account`);
  await later.page.getByText('经办人').first().waitFor();
  expect(await later.page.getByTestId('account-members').count()).toBe(0);
  await later.context.close();
});
