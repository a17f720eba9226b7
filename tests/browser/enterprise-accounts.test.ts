import { afterAll, beforeAll, expect, it } from 'vitest';
import { enterpriseWithNumbers, newMobile } from '../support/accounts.ts';
import { startSmsGateway, TEMPLATES, type SmsGateway } from '../support/sms-gateway.ts';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

// SMS go out through the Alibaba Cloud adapter to a local stand-in of its endpoint, where the
// registrant's and the colleague's codes are read back as they would be read on their phones.
let h: BrowserHarness;
let gateway: SmsGateway;
beforeAll(async () => {
  gateway = await startSmsGateway();
  h = await startBrowserHarness(20, gateway.env('aliyun'));
});
afterAll(async () => {
  await h?.close();
  await gateway?.close();
});

/** The verification code the gateway delivered to this mobile (it went out at once, not at the next job tick). */
async function codeOnPhone(mobile: string): Promise<string> {
  const sms = await gateway.waitFor((m) => m.phone === mobile && m.template === TEMPLATES.verification_code, 10_000);
  expect(sms.signName).toBe('企服通');
  return sms.params.code!;
}

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
  const code = await codeOnPhone(e.legalRep);
  expect(code).toMatch(/^\d{6}$/);
  await page.getByTestId('register-code').fill(code);
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
  await other.page.getByTestId('join-code').fill(await codeOnPhone(colleague));
  // The invitation went out through the SMS adapter too.
  expect(gateway.messages.some((m) => m.phone === colleague && m.template === TEMPLATES.invitation)).toBe(true);
  await other.page.getByTestId('join-password').fill('Join2026ok');
  await other.page.getByTestId('join-submit').click();
  await other.page.waitForURL(`${h.base}/portal`);
  // The inviting enterprise is named only once the code was right (send-code answers alike for every mobile).
  await other.page.getByTestId('enterprise-card').getByText(e.name).waitFor();
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
