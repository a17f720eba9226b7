import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { startSmsGateway, TEMPLATES, type SmsGateway } from '../../../tests/support/sms-gateway.ts';
import { startSmtpSink, type SmtpSink } from '../../../tests/support/smtp.ts';
import { channelsFrom } from '../notifications/channels/index.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import { dispatchOutbox, pollReceipts } from '../notifications/outbox.ts';
import { publishPolicy, TEST_TAG } from '../portal-policies/test-fixture.ts';

let t: TestApp;
let gateway: SmsGateway;
let smtp: SmtpSink;
let policy: { id: number; noticeId: number };
/** user: a portal user; fileOnly: only the legal representative's mobile; none: nothing; optedOut: a contact, but no pushes; quiet: a user and a contact, SMS quiet hours now. */
const e = { user: 0, fileOnly: 0, none: 0, optedOut: 0, quiet: 0 };
let cookie: string;

const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

beforeAll(async () => {
  [gateway, smtp] = await Promise.all([startSmsGateway(), startSmtpSink()]);
  t = await createTestApp({ env: { ...gateway.env('aliyun'), ...smtp.env() } });
  const db = t.database.db;
  const ids = (
    await db.selectFrom('enterprises').select('id').where('status', '=', 'active').orderBy('id').offset(10).limit(5).execute()
  ).map((r) => r.id);
  [e.user, e.fileOnly, e.none, e.optedOut, e.quiet] = ids as [number, number, number, number, number];
  const lastYear = new Date().getUTCFullYear() - 1;
  await db.deleteFrom('enterprise_annual_figures').where('enterprise_id', 'in', ids).where('year', '=', lastYear).execute();
  await db
    .insertInto('enterprise_annual_figures')
    .values(ids.map((id) => ({ enterprise_id: id, year: lastYear, revenue: 800 })))
    .execute();
  await db
    .insertInto('enterprise_tags')
    .values(ids.map((id) => ({ enterprise_id: id, tag: TEST_TAG })))
    .execute();
  // A clean slate: no users, contacts or numbers but those each case gives itself.
  await db.updateTable('users').set({ active: false }).where('enterprise_id', 'in', ids).execute();
  await db.deleteFrom('enterprise_contacts').where('enterprise_id', 'in', ids).execute();
  await db.updateTable('enterprises').set({ phone: '0755-29990000', legal_rep_mobile: null }).where('id', 'in', ids).execute();
  const hash = (await db.selectFrom('users').select('password_hash').where('username', '=', 'enterprise').executeTakeFirstOrThrow())
    .password_hash;
  await db
    .insertInto('users')
    .values([
      {
        username: 'reach_user',
        display_name: '有账号企业',
        mobile: '13966660001',
        role: 'enterprise',
        enterprise_id: e.user,
        enterprise_role: 'admin',
        password_hash: hash,
        must_change_password: false,
      },
      {
        username: 'reach_quiet',
        display_name: '免打扰企业',
        mobile: '13966660005',
        role: 'enterprise',
        enterprise_id: e.quiet,
        enterprise_role: 'admin',
        password_hash: hash,
        must_change_password: false,
      },
    ])
    .execute();
  await db.updateTable('enterprises').set({ legal_rep_mobile: '13966660002' }).where('id', '=', e.fileOnly).execute();
  await db
    .insertInto('enterprise_contacts')
    .values([
      { enterprise_id: e.optedOut, name: '联系人', mobile: '13966660004', email: 'optout@example.cn', is_primary: true },
      { enterprise_id: e.quiet, name: '联系人', email: 'quiet@example.cn', is_primary: true },
    ])
    .execute();
  const now = new Date();
  await db
    .insertInto('enterprise_contact_preferences')
    .values([
      { enterprise_id: e.optedOut, promotions: false },
      {
        enterprise_id: e.quiet,
        quiet_start: hhmm(new Date(now.getTime() - 3_600_000)),
        quiet_end: hhmm(new Date(now.getTime() + 3_600_000)),
      },
    ])
    .execute();
  policy = await publishPolicy(db, { code: 'REACH-1', title: '触达测试政策' });
  cookie = await t.login('policy');
});
afterAll(async () => {
  await t.close();
  await Promise.all([gateway.close(), smtp.close()]);
});

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('campaign reach, honestly counted', () => {
  let id: number;

  it('says beforehand how many the chosen channels reach', async () => {
    const all = await get(`/api/push-campaigns/target-count?policyId=${policy.id}&channels=in_app,sms,email`);
    expect(all.json()).toMatchObject({ toSend: 5, reachable: 3, unreachable: 2, optedOut: 1, byChannel: { inApp: 2, sms: 3, email: 1 } });
    // In-app alone reaches only the enterprises with portal users.
    const inApp = await get(`/api/push-campaigns/target-count?policyId=${policy.id}&channels=in_app`);
    expect(inApp.json()).toMatchObject({ toSend: 5, reachable: 2, unreachable: 3 });
  });

  it('creates the campaign: reachable and unreachable recipients, nothing "sent" that no channel took', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/push-campaigns',
      headers: { cookie },
      payload: { policyId: policy.id, message: '请查看触达测试政策', channels: ['in_app', 'sms', 'email'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      targeted: 5,
      recipients: 5,
      reachable: 3,
      unreachable: 2,
      optedOut: 1,
      sent: 2,
      notifications: 2,
      sms: 3,
      email: 1,
    });
    id = res.json().id;
    const c = (await get(`/api/push-campaigns/${id}`)).json();
    // In-app is delivered at once; the file-only enterprise's SMS is queued, not sent.
    expect(c).toMatchObject({ targeted: 5, reachable: 3, unreachable: 2, handed: 2, delivered: 2, queued: 1, failed: 0, sent: 2 });
    const optedOut = await t.database.db.selectFrom('outbox').select('id').where('enterprise_id', '=', e.optedOut).execute();
    expect(optedOut).toEqual([]);
  });

  it('lists each recipient with its delivery state, filterable', async () => {
    const list = (await get(`/api/push-campaigns/${id}/recipients?pageSize=50`)).json();
    const by = new Map<
      number,
      { status: string; unreachableReason: string | null; messages: { channel: string; recipient: string; status: string }[] }
    >(list.items.map((r: { enterpriseId: number }) => [r.enterpriseId, r]));
    expect(by.get(e.user)).toMatchObject({ status: 'delivered' });
    expect(by.get(e.fileOnly)).toMatchObject({
      status: 'queued',
      messages: [{ channel: 'sms', recipient: '139****0002', status: 'pending' }],
    });
    expect(by.get(e.none)).toMatchObject({ status: 'unreachable', unreachableReason: 'no_contact', messages: [] });
    expect(by.get(e.optedOut)).toMatchObject({ status: 'unreachable', unreachableReason: 'opted_out' });
    const unreachable = (await get(`/api/push-campaigns/${id}/recipients?status=unreachable`)).json();
    expect(unreachable.items.map((r: { enterpriseId: number }) => r.enterpriseId).sort()).toEqual([e.none, e.optedOut].sort());
  });

  it('holds the SMS inside the quiet hours, but not the e-mail', async () => {
    const rows = await t.database.db
      .selectFrom('outbox')
      .select(['channel', 'next_attempt_at'])
      .where('enterprise_id', '=', e.quiet)
      .where('campaign_id', '=', id)
      .execute();
    const smsAt = rows.find((r) => r.channel === 'sms')!.next_attempt_at.getTime();
    const mailAt = rows.find((r) => r.channel === 'email')!.next_attempt_at.getTime();
    expect(smsAt - Date.now()).toBeGreaterThan(50 * 60_000);
    expect(mailAt).toBeLessThanOrEqual(Date.now());
  });

  it('counts handed once the SMS gateway took it, delivered on its receipt; the e-mail arrives', async () => {
    const channels = channelsFrom(t.config, () => undefined);
    await dispatchOutbox(t.database.db, channels);
    const sms = await gateway.waitFor((m) => m.phone === '13966660002');
    expect(sms).toMatchObject({ template: TEMPLATES.policy, params: { content: '触达测试政策' } });
    const mail = await smtp.waitFor((m) => m.to.includes('quiet@example.cn'));
    expect(mail.subject).toBe('触达测试政策');
    expect(mail.text).toContain('请查看触达测试政策');
    let c = (await get(`/api/push-campaigns/${id}`)).json();
    expect(c).toMatchObject({ handed: 3, delivered: 2, queued: 0 });
    gateway.report(sms.id, true);
    await t.database.db
      .updateTable('outbox')
      .set({ receipt_due_at: new Date(Date.now() - 1000) })
      .where('provider_id', '=', sms.id)
      .execute();
    await pollReceipts(t.database.db, channels);
    c = (await get(`/api/push-campaigns/${id}`)).json();
    expect(c).toMatchObject({ handed: 3, delivered: 3, failed: 0 });
    const fileOnly = (await get(`/api/push-campaigns/${id}/recipients?status=delivered`)).json();
    expect(fileOnly.items.map((r: { enterpriseId: number }) => r.enterpriseId)).toContain(e.fileOnly);
  });

  it('tries an unreachable enterprise again in a later campaign once it can be reached; never a reached one', async () => {
    await t.database.db.updateTable('enterprises').set({ legal_rep_mobile: '13966660003' }).where('id', '=', e.none).execute();
    const count = (await get(`/api/push-campaigns/target-count?policyId=${policy.id}&channels=sms`)).json();
    expect(count).toMatchObject({ targeted: 5, alreadySent: 3, toSend: 2, reachable: 1, optedOut: 1 });
  });

  it("never lets an opt-out silence notices about the enterprise's own appeals", async () => {
    await t.database.db
      .transaction()
      .execute((tx) =>
        enqueueNotices(tx, [{ to: { kind: 'enterprise', enterpriseId: e.optedOut }, title: '您的诉求已受理', kind: 'appeal', sms: true }]),
      );
    const rows = await t.database.db.selectFrom('outbox').select(['recipient', 'kind']).where('enterprise_id', '=', e.optedOut).execute();
    expect(rows).toEqual([{ recipient: '13966660004', kind: 'appeal' }]);
    const { rows: n } = await sql<{
      n: number;
    }>`select count(*)::int as n from push_recipients where enterprise_id = ${e.optedOut}::int and reachable`.execute(t.database.db);
    expect(n[0]!.n).toBe(0);
  });
});

describe('a contact serving several enterprises (a bookkeeping agency)', () => {
  it('gets one SMS per campaign, and every enterprise it serves counts as reached by it', async () => {
    const db = t.database.db;
    await db.updateTable('enterprises').set({ legal_rep_mobile: '13966660009' }).where('id', 'in', [e.fileOnly, e.none]).execute();
    const second = await publishPolicy(db, { code: 'REACH-2', title: '代账触达政策' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/push-campaigns',
      headers: { cookie },
      payload: { policyId: second.id, message: '请查看代账触达政策', channels: ['sms'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    // user, fileOnly + none (one shared mobile), quiet: four enterprises, three SMS.
    expect(res.json()).toMatchObject({ reachable: 4, sms: 3 });
    const id = res.json().id;
    await dispatchOutbox(
      db,
      channelsFrom(t.config, () => undefined),
    );
    await gateway.waitFor((m) => m.phone === '13966660009');
    expect(gateway.messages.filter((m) => m.phone === '13966660009')).toHaveLength(1);
    // The quiet enterprise's SMS waits out its quiet hours; the shared one counts for both.
    expect((await get(`/api/push-campaigns/${id}`)).json()).toMatchObject({ reachable: 4, handed: 3, queued: 1, failed: 0 });
    const list = (await get(`/api/push-campaigns/${id}/recipients?status=handed`)).json();
    const by = new Map<number, { messages: { recipient: string; status: string }[] }>(
      list.items.map((r: { enterpriseId: number }) => [r.enterpriseId, r]),
    );
    for (const ent of [e.fileOnly, e.none]) expect(by.get(ent)?.messages).toMatchObject([{ recipient: '139****0009', status: 'handed' }]);
  });
});
