import { afterAll, beforeAll, expect, it } from 'vitest';
import { channelsFrom } from '../../src/modules/notifications/channels/index.ts';
import { dispatchOutbox } from '../../src/modules/notifications/outbox.ts';
import { publishPolicy, TEST_TAG } from '../../src/modules/portal-policies/test-fixture.ts';
import { startSmsGateway, type SmsGateway } from '../support/sms-gateway.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { clickToPost, logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
let gateway: SmsGateway;
let smtp: SmtpSink;
let policyId: number;
/** withUser: a portal user (its administrator); fileOnly: only the legal representative's mobile; nothing: nothing at all. */
const e = { withUser: 0, fileOnly: 0, nothing: 0 };

beforeAll(async () => {
  [gateway, smtp] = await Promise.all([startSmsGateway(), startSmtpSink()]);
  h = await startBrowserHarness(20, { ...gateway.env('aliyun'), ...smtp.env() });
  const db = h.t.database.db;
  const ids = (
    await db.selectFrom('enterprises').select('id').where('status', '=', 'active').orderBy('id').offset(5).limit(3).execute()
  ).map((r) => r.id);
  [e.withUser, e.fileOnly, e.nothing] = ids as [number, number, number];
  const lastYear = new Date().getUTCFullYear() - 1;
  await db.deleteFrom('enterprise_annual_figures').where('enterprise_id', 'in', ids).where('year', '=', lastYear).execute();
  await db
    .insertInto('enterprise_annual_figures')
    .values(ids.map((id) => ({ enterprise_id: id, year: lastYear, revenue: 600 })))
    .execute();
  await db
    .insertInto('enterprise_tags')
    .values(ids.map((id) => ({ enterprise_id: id, tag: TEST_TAG })))
    .execute();
  await db.updateTable('users').set({ active: false }).where('enterprise_id', 'in', ids).execute();
  await db.deleteFrom('enterprise_contacts').where('enterprise_id', 'in', ids).execute();
  await db.updateTable('enterprises').set({ phone: null, legal_rep_mobile: null }).where('id', 'in', ids).execute();
  const hash = (await db.selectFrom('users').select('password_hash').where('username', '=', 'enterprise').executeTakeFirstOrThrow())
    .password_hash;
  await db
    .insertInto('users')
    .values({
      username: 'reach_admin',
      display_name: '触达管理员',
      mobile: '13977770001',
      email: 'reach@example.cn',
      role: 'enterprise',
      enterprise_id: e.withUser,
      enterprise_role: 'admin',
      password_hash: hash,
      must_change_password: false,
    })
    .execute();
  await db.updateTable('enterprises').set({ legal_rep_mobile: '13977770002' }).where('id', '=', e.fileOnly).execute();
  policyId = (await publishPolicy(db, { code: 'BROWSER-REACH', title: '触达浏览器测试政策' })).id;
});
afterAll(async () => {
  await h?.close();
  await Promise.all([gateway?.close(), smtp?.close()]);
});

it('精准推送 says who it can reach, counts only what a channel took, and its e-mail arrives; the enterprise opts out on a phone', async () => {
  const officer = await newSession(h);
  await logIn(officer.page, h.base, 'policy');
  const o = officer.page;
  await o.goto(`${h.base}/policy-push?policyId=${policyId}`);
  await o.getByTestId('push-channels').getByText('邮件').click();
  await expect.poll(() => o.getByTestId('push-reach').textContent(), { timeout: 15_000 }).toContain('所选渠道可达 2 家');
  expect(await o.getByTestId('push-reach').textContent()).toContain('不可达 1 家');
  // Both channels are configured: no "仅记录日志" warning.
  expect(await o.getByTestId('channel-notice').count()).toBe(0);
  await o.getByTestId('push-send').click();
  await clickToPost(o, o.locator('#push-confirm'), '/api/push-campaigns');

  // Nothing of the SMS / e-mail counts before a channel took it; then the gateway and the SMTP server have them.
  const row = o.getByTestId('campaign-row').first();
  await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('触达浏览器测试政策');
  await dispatchOutbox(
    h.t.database.db,
    channelsFrom(h.t.config, () => undefined),
  );
  await gateway.waitFor((m) => m.phone === '13977770002');
  const mail = await smtp.waitFor((m) => m.to.includes('reach@example.cn'));
  expect(mail.subject).toBe('触达浏览器测试政策');

  await row.click();
  await o.getByTestId('recipient-filter').click();
  await o.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="不可达"]').click();
  await expect.poll(() => o.getByTestId('recipient-status').allTextContents(), { timeout: 15_000 }).toEqual(['不可达']);
  await officer.context.close();

  // The enterprise's administrator, on a 375 px phone: 我的 → 消息设置 → no more policy pushes, SMS quiet at night.
  const ent = await newSession(h, true);
  const p = ent.page;
  await logIn(p, h.base, 'reach_admin');
  await p.goto(`${h.base}/portal/account`);
  await p.getByTestId('account-preferences').click();
  await p.getByTestId('portal-preferences').waitFor();
  await p.getByTestId('prefs-promotions').click();
  await p.getByTestId('prefs-quiet').click();
  await p.getByTestId('prefs-quiet-start').fill('21:30');
  await p.getByTestId('prefs-quiet-end').fill('07:30');
  await p.getByTestId('prefs-save').click();
  await p.getByText('消息设置已保存').waitFor();
  await expect
    .poll(
      async () =>
        h.t.database.db
          .selectFrom('enterprise_contact_preferences')
          .select(['promotions', 'quiet_start', 'quiet_end'])
          .where('enterprise_id', '=', e.withUser)
          .executeTakeFirst(),
      { timeout: 15_000 },
    )
    .toEqual({ promotions: false, quiet_start: '21:30:00', quiet_end: '07:30:00' });
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await ent.context.close();
});
