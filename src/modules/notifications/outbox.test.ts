import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { startSmsGateway, type SmsGateway } from '../../../tests/support/sms-gateway.ts';
import { startSmtpSink, type SmtpSink } from '../../../tests/support/smtp.ts';
import { loadConfig } from '../../platform/config.ts';
import { channelsFrom } from './channels/index.ts';
import { DeliveryError, type ChannelAdapter, type Channels } from './channels/types.ts';
import { enqueueNotices } from './notices.ts';
import { CLAIM_MS, dispatchOutbox, pollReceipts, SEND_TIMEOUT_MS } from './outbox.ts';
import { quietEnd } from './preferences.ts';
import { queueMessages, requestDispatch, type OutgoingMessage } from './queue.ts';

let t: TestApp;
let gateway: SmsGateway;
let smtp: SmtpSink;
let channels: Channels;
const noLog = () => undefined;

beforeAll(async () => {
  [gateway, smtp] = await Promise.all([startSmsGateway(), startSmtpSink()]);
  t = await createTestApp({ env: { ...gateway.env('aliyun'), ...smtp.env() } });
  channels = channelsFrom(t.config, noLog);
});
afterAll(async () => {
  await t.close();
  await Promise.all([gateway.close(), smtp.close()]);
});

async function queue(...msgs: OutgoingMessage[]): Promise<number[]> {
  const before = await t.database.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  await t.database.db.transaction().execute((tx) => queueMessages(tx, msgs));
  const rows = await t.database.db
    .selectFrom('outbox')
    .select('id')
    .where('id', '>', Number(before?.id ?? 0))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
const row = (id: number) => t.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const makeDue = (id: number) =>
  t.database.db
    .updateTable('outbox')
    .set({ next_attempt_at: new Date(Date.now() - 1000) })
    .where('id', '=', id)
    .execute();
const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
const code = (mobile: string, c: string): OutgoingMessage => ({
  channel: 'sms',
  recipient: mobile,
  kind: 'verification_code',
  body: `【企服通】验证码 ${c}`,
  params: { code: c },
});

describe('the outbox through real channels', () => {
  it('sends a verification code at once on requestDispatch, without the scheduler, and records the BizId', async () => {
    const [id] = await queue(code('13912340001', '654321'));
    requestDispatch();
    const sms = await gateway.waitFor((m) => m.phone === '13912340001');
    expect(gateway.lastCode('13912340001')).toBe('654321');
    await expect.poll(async () => (await row(id!)).status).toBe('handed');
    expect(await row(id!)).toMatchObject({ provider: 'aliyun', provider_id: sms.id, attempts: 1, kind: 'verification_code' });
  });

  it('retries a throttled message with back-off, and sends it once the provider lets it through', async () => {
    gateway.answerNext('throttled');
    const [id] = await queue(code('13912340002', '111111'));
    await dispatchOutbox(t.database.db, channels);
    const first = await row(id!);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, error_code: 'isv.BUSINESS_LIMIT_CONTROL', handed_at: null });
    expect(new Date(first.next_attempt_at).getTime() - Date.now()).toBeGreaterThan(50_000);
    await dispatchOutbox(t.database.db, channels);
    expect((await row(id!)).attempts).toBe(1);
    await makeDue(id!);
    await dispatchOutbox(t.database.db, channels);
    expect(await row(id!)).toMatchObject({ status: 'handed', attempts: 2 });
  });

  it('fails a refused number at once and never tries it again; a 5xx six times in a row fails too', async () => {
    gateway.answerNext('invalid_number');
    const [bad] = await queue(code('13912340003', '222222'));
    await dispatchOutbox(t.database.db, channels);
    expect(await row(bad!)).toMatchObject({ status: 'failed', attempts: 1, error_code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    const calls = gateway.calls.length;
    await makeDue(bad!);
    await dispatchOutbox(t.database.db, channels);
    expect(gateway.calls.length).toBe(calls);

    gateway.answerNext(...Array<'server_error'>(6).fill('server_error'));
    const [flaky] = await queue(code('13912340004', '333333'));
    for (let i = 0; i < 6; i++) {
      await makeDue(flaky!);
      await dispatchOutbox(t.database.db, channels);
    }
    expect(await row(flaky!)).toMatchObject({ status: 'failed', attempts: 6, error_code: 'ServiceUnavailable' });
  });

  it('records the receipt: delivered or failed, and asks again later when there is none yet', async () => {
    const [a, b, c] = await queue(code('13912340005', '1'), code('13912340006', '2'), code('13912340007', '3'));
    await dispatchOutbox(t.database.db, channels);
    const [ra, rb] = [await row(a!), await row(b!)];
    gateway.report(ra.provider_id!, true);
    gateway.report(rb.provider_id!, false);
    await t.database.db
      .updateTable('outbox')
      .set({ receipt_due_at: new Date(Date.now() - 1000) })
      .where('id', 'in', [a!, b!, c!])
      .execute();
    expect(await pollReceipts(t.database.db, channels)).toEqual({ delivered: 1, failed: 1 });
    expect(await row(a!)).toMatchObject({ status: 'delivered', receipt_due_at: null });
    expect((await row(a!)).delivered_at).not.toBeNull();
    expect(await row(b!)).toMatchObject({ status: 'failed', error_code: 'MOBILE_NOT_ON_SERVICE' });
    const waiting = await row(c!);
    expect(waiting).toMatchObject({ status: 'handed', receipt_checks: 1 });
    expect(waiting.receipt_due_at!.getTime()).toBeGreaterThan(Date.now());
  });

  it('a dispatcher that outlived its claim cannot overwrite what another one recorded', async () => {
    expect(CLAIM_MS).toBeGreaterThanOrEqual(2 * Math.ceil(50 / 8) * SEND_TIMEOUT_MS);
    let fail!: () => void;
    let begin!: () => void;
    const started = new Promise<void>((resolve) => {
      begin = resolve;
    });
    const hung: ChannelAdapter = {
      provider: 'hung',
      real: true,
      send: () =>
        new Promise((_, reject) => {
          begin();
          fail = () => reject(new DeliveryError('timeout', 'ETIMEDOUT', false));
        }),
    };
    const [id] = await queue(code('13912340010', '777777'));
    const stale = dispatchOutbox(t.database.db, { ...channels, sms: hung });
    await started;
    // The claim ran out (a hung provider); another process claims the message and sends it.
    await makeDue(id!);
    expect(await dispatchOutbox(t.database.db, channels)).toMatchObject({ handed: 1 });
    fail();
    expect(await stale).toEqual({ handed: 0, logged: 0, failed: 0, retrying: 0 });
    expect(await row(id!)).toMatchObject({ status: 'handed', provider: 'aliyun', attempts: 2, error_code: null });
  });

  it('retries an SMS to an enterprise past its quiet hours, not into them', async () => {
    const e = await t.database.db.selectFrom('enterprises').select('id').orderBy('id').offset(22).limit(1).executeTakeFirstOrThrow();
    const [id] = await queue({ channel: 'sms', recipient: '13912340011', kind: 'appeal', body: '诉求已受理', enterpriseId: e.id });
    // Quiet hours begin now (the message was queued before them), for two hours.
    const now = Date.now();
    await t.database.db
      .insertInto('enterprise_contact_preferences')
      .values({ enterprise_id: e.id, quiet_start: hhmm(new Date(now)), quiet_end: hhmm(new Date(now + 2 * 3_600_000)) })
      .execute();
    gateway.answerNext('throttled');
    expect(await dispatchOutbox(t.database.db, channels)).toMatchObject({ retrying: 1 });
    const retry = await row(id!);
    expect(retry.status).toBe('pending');
    expect(retry.next_attempt_at.getTime() - now).toBeGreaterThan(110 * 60_000);
    await t.database.db.deleteFrom('outbox').where('id', '=', id!).execute();
  });

  it("a receipt query that fails is counted and asked again later, without losing the others' answers", async () => {
    const [a, b] = await queue(code('13912340012', '1'), code('13912340013', '2'));
    await dispatchOutbox(t.database.db, channels);
    const [ra, rb] = [await row(a!), await row(b!)];
    gateway.report(ra.provider_id!, true);
    gateway.failQuery(rb.provider_id!);
    await t.database.db
      .updateTable('outbox')
      .set({ receipt_due_at: new Date(Date.now() - 1000) })
      .where('id', 'in', [a!, b!])
      .execute();
    expect(await pollReceipts(t.database.db, channels)).toEqual({ delivered: 1, failed: 0 });
    expect(await row(a!)).toMatchObject({ status: 'delivered' });
    const failed = await row(b!);
    expect(failed).toMatchObject({ status: 'handed', receipt_checks: 1 });
    expect(failed.receipt_due_at!.getTime()).toBeGreaterThan(Date.now());
  });

  it('sends e-mail through SMTP: handed with its Message-ID, no receipt to wait for', async () => {
    const [id] = await queue({
      channel: 'email',
      recipient: 'li@example.cn',
      kind: 'appeal',
      subject: '诉求已办结',
      body: '您的诉求已办结，请评价。',
    });
    await dispatchOutbox(t.database.db, channels);
    const mail = await smtp.waitFor((m) => m.to.includes('li@example.cn'));
    expect(mail.subject).toBe('诉求已办结');
    expect(await row(id!)).toMatchObject({
      status: 'handed',
      provider: 'smtp',
      provider_id: mail.headers['message-id'],
      receipt_due_at: null,
    });
  });

  it('with no channel configured, only logs — and never calls that sent', async () => {
    const logged: object[] = [];
    const log = channelsFrom(loadConfig({ QIFU_DATA_DIR: 'memory://' }), (obj) => logged.push(obj));
    const [id] = await queue(code('13912340008', '444444'));
    await dispatchOutbox(t.database.db, log);
    expect(await row(id!)).toMatchObject({ status: 'logged', provider: 'log', handed_at: null });
    expect(logged).toHaveLength(1);
  });
});

describe('quiet hours', () => {
  const at = (s: string) => new Date(s);
  it('postpones to the end of the quiet hours, Asia/Shanghai, across midnight', () => {
    const night = { start: '22:00', end: '08:00' };
    expect(quietEnd(at('2026-12-07T15:30:00Z'), night).toISOString()).toBe('2026-12-08T00:00:00.000Z'); // 23:30 → 08:00 next day
    expect(quietEnd(at('2026-12-07T19:00:00Z'), night).toISOString()).toBe('2026-12-08T00:00:00.000Z'); // 03:00 → 08:00
    expect(quietEnd(at('2026-12-07T02:00:00Z'), night).toISOString()).toBe('2026-12-07T02:00:00.000Z'); // 10:00 stays
    expect(quietEnd(at('2026-12-07T04:30:00Z'), { start: '12:00', end: '14:00' }).toISOString()).toBe('2026-12-07T06:00:00.000Z');
  });

  it('keeps a spread of messages spread past the end, rather than one burst at its end', () => {
    const night = { start: '22:00', end: '08:00' };
    const queued = at('2027-03-01T13:30:00Z'); // 21:30: the campaign starts, one SMS a minute
    const due = (min: number) => quietEnd(new Date(queued.getTime() + min * 60_000), night, queued).toISOString();
    expect(due(29)).toBe('2027-03-01T13:59:00.000Z'); // 21:59 goes out
    expect(due(30)).toBe('2027-03-02T00:00:00.000Z'); // 22:00 → 08:00
    expect(due(32)).toBe('2027-03-02T00:02:00.000Z'); // 22:02 → 08:02
    const late = at('2027-03-01T15:00:00Z'); // queued at 23:00, inside: from the end on, at the same rate
    expect(quietEnd(new Date(late.getTime() + 5 * 60_000), night, late).toISOString()).toBe('2027-03-02T00:05:00.000Z');
  });

  it("holds an enterprise's notice SMS, never its verification code or its e-mail", async () => {
    const e = await t.database.db.selectFrom('enterprises').select('id').orderBy('id').offset(20).limit(1).executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('enterprise_contact_preferences')
      .values({ enterprise_id: e.id, quiet_start: '22:00', quiet_end: '08:00' })
      .execute();
    const due = at('2026-12-07T15:30:00Z');
    const [notice, mail, codeId, later] = await queue(
      { channel: 'sms', recipient: '13912340009', kind: 'appeal', body: '诉求已受理', enterpriseId: e.id, dueAt: due },
      { channel: 'email', recipient: 'q@example.cn', kind: 'appeal', body: '诉求已受理', enterpriseId: e.id, dueAt: due },
      { ...code('13912340009', '555555'), enterpriseId: e.id, dueAt: due },
      {
        channel: 'sms',
        recipient: '13912340019',
        kind: 'appeal',
        body: '诉求已受理',
        enterpriseId: e.id,
        dueAt: new Date(due.getTime() + 2 * 60_000),
      },
    );
    expect((await row(later!)).next_attempt_at.toISOString()).toBe('2026-12-08T00:02:00.000Z');
    expect((await row(notice!)).next_attempt_at.toISOString()).toBe('2026-12-08T00:00:00.000Z');
    expect((await row(mail!)).next_attempt_at.toISOString()).toBe(due.toISOString());
    expect((await row(codeId!)).next_attempt_at.toISOString()).toBe(due.toISOString());
    await t.database.db.deleteFrom('outbox').where('id', 'in', [notice!, mail!, codeId!, later!]).execute();
  });
});

describe('notices to an enterprise fall back to what its file holds', () => {
  it('portal users first, else the primary contact, else the legal representative, else a registered mobile — never a landline', async () => {
    const db = t.database.db;
    const ids = (await db.selectFrom('enterprises').select('id').orderBy('id').offset(30).limit(4).execute()).map((e) => e.id);
    const [contact, legal, phone, landline] = ids as [number, number, number, number];
    await db.updateTable('users').set({ active: false }).where('enterprise_id', 'in', ids).execute();
    await db.deleteFrom('enterprise_contacts').where('enterprise_id', 'in', ids).execute();
    await db.updateTable('enterprises').set({ legal_rep_mobile: null, phone: null }).where('id', 'in', ids).execute();
    await db
      .insertInto('enterprise_contacts')
      .values([
        { enterprise_id: contact, name: '次要联系人', mobile: '13800138001', is_primary: false },
        { enterprise_id: contact, name: '主要联系人', mobile: '13800138002', email: 'main@example.cn', is_primary: true },
      ])
      .execute();
    await db.updateTable('enterprises').set({ legal_rep_mobile: '+86 138-0013-8003' }).where('id', '=', legal).execute();
    await db.updateTable('enterprises').set({ phone: '13800138004' }).where('id', '=', phone).execute();
    await db.updateTable('enterprises').set({ phone: '0755-23456789' }).where('id', '=', landline).execute();
    await db.transaction().execute((tx) =>
      enqueueNotices(
        tx,
        ids.map((id) => ({
          to: { kind: 'enterprise' as const, enterpriseId: id },
          title: '诉求已受理',
          kind: 'appeal' as const,
          sms: true,
          email: true,
        })),
      ),
    );
    const rows = await db
      .selectFrom('outbox')
      .select(['enterprise_id', 'channel', 'recipient', 'kind'])
      .where('enterprise_id', 'in', ids)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { enterprise_id: contact, channel: 'sms', recipient: '13800138002', kind: 'appeal' },
      { enterprise_id: contact, channel: 'email', recipient: 'main@example.cn', kind: 'appeal' },
      { enterprise_id: legal, channel: 'sms', recipient: '13800138003', kind: 'appeal' },
      { enterprise_id: phone, channel: 'sms', recipient: '13800138004', kind: 'appeal' },
    ]);
  });
});
