import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { fileApplication, publishPolicy, setUpEnterprises, type Fixture } from '../portal-policies/test-fixture.ts';
import { dueAt } from './delivery.ts';

let t: TestApp;
let f: Fixture;
let policy: { id: number; noticeId: number };
const cookies: Record<string, string> = {};

function call(user: string, method: 'GET' | 'POST', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: { cookie: cookies[user]! }, ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  t = await createTestApp();
  f = await setUpEnterprises(t.database.db);
  policy = await publishPolicy(t.database.db, { code: 'PUSH-1', title: '推送测试政策' });
  for (const u of ['policy', 'admin', 'enterprise', 'coordinator']) cookies[u] = await t.login(u);
});
afterAll(() => t.close());

describe('push campaigns', () => {
  let first: number;

  it('counts the targets before sending', async () => {
    const res = await call('policy', 'GET', `/api/push-campaigns/target-count?policyId=${policy.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      eligible: 2,
      unknown: 1,
      targeted: 2,
      alreadySent: 0,
      toSend: 2,
      reachable: 2,
      unreachable: 0,
      optedOut: 0,
      byChannel: { inApp: 2, sms: 2, email: 2 },
    });
    const withUnknown = await call('policy', 'GET', `/api/push-campaigns/target-count?policyId=${policy.id}&includeUnknown=1`);
    expect(withUnknown.json()).toMatchObject({ targeted: 3, toSend: 3 });
  });

  it('sends to the eligible enterprises by in-app, SMS and e-mail in one transaction with its audit row', async () => {
    const res = await call('policy', 'POST', '/api/push-campaigns', {
      policyId: policy.id,
      message: '您可能符合推送测试政策，欢迎申报',
      channels: ['in_app', 'sms', 'email'],
    });
    expect(res.statusCode, res.body).toBe(201);
    // Sent = taken by a channel: the in-app inbox at once; SMS and e-mail are only queued.
    expect(res.json()).toMatchObject({
      targeted: 2,
      recipients: 2,
      skipped: 0,
      reachable: 2,
      unreachable: 0,
      sent: 2,
      notifications: 2,
      sms: 4,
      email: 3,
    });
    // SMS to the user's and the primary contact's mobiles; the demo user has no e-mail address.
    first = res.json().id;
    const db = t.database.db;
    const notes = await db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.enterprise_id', 'n.link', 'n.policy_id'])
      .where('n.policy_id', '=', policy.id)
      .execute();
    expect(new Set(notes.map((n) => n.enterprise_id))).toEqual(new Set([f.a, f.b]));
    expect(notes.every((n) => n.link === `/portal/policies/${policy.id}`)).toBe(true);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'push_campaign')
      .where('entity_id', '=', String(first))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['push_campaign.create']);
  });

  it('never sends the same policy twice to an enterprise: a second campaign skips them', async () => {
    const res = await call('admin', 'POST', '/api/push-campaigns', {
      policyId: policy.id,
      message: '再次提醒',
      channels: ['in_app'],
      includeUnknown: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ targeted: 3, recipients: 1, sent: 1, skipped: 2 });
    const recipients = await t.database.db
      .selectFrom('push_recipients')
      .select(['enterprise_id', 'campaign_id'])
      .where('policy_id', '=', policy.id)
      .execute();
    expect(recipients).toHaveLength(3);
    expect(recipients.find((r) => r.enterprise_id === f.c)?.campaign_id).toBe(res.json().id);
    const count = await call('policy', 'GET', `/api/push-campaigns/target-count?policyId=${policy.id}&includeUnknown=true`);
    expect(count.json()).toMatchObject({ targeted: 3, alreadySent: 3, toSend: 0 });
  });

  it('spreads SMS and e-mail over minutes at the campaign cap', async () => {
    const started = Date.now();
    const res = await call('policy', 'POST', '/api/push-campaigns', {
      policyId: policy.id,
      noticeId: policy.noticeId,
      message: '错峰发送测试',
      channels: ['sms', 'email'],
      includeUnknown: true,
      ratePerMinute: 2,
    });
    expect(res.statusCode, res.body).toBe(201);
    // A notice is a different thing to send than its policy: the three enterprises get it.
    expect(res.json()).toMatchObject({ recipients: 3, reachable: 3, sent: 0, skipped: 0, notifications: 0, sms: 6, email: 5 });
    const rows = await t.database.db
      .selectFrom('outbox')
      .select(['channel', 'next_attempt_at'])
      .where('body', 'like', '%错峰发送测试%')
      .orderBy('id')
      .execute();
    const minutes = (channel: string) =>
      rows.filter((r) => r.channel === channel).map((r) => Math.round((new Date(r.next_attempt_at).getTime() - started) / 60_000));
    expect(minutes('sms')).toEqual([0, 0, 1, 1, 2, 2]);
    expect(minutes('email')).toEqual([0, 0, 1, 1, 2]);
    expect(new Date(res.json().lastDueAt).getTime() - started).toBeGreaterThan(110_000);
    expect(dueAt(new Date(0), 599, 300).getTime()).toBe(60_000);
  });

  it('counts sent, read and applied with their rates', async () => {
    // A opens the policy (read); B applies after the push (applied, without having read it).
    expect((await call('enterprise', 'GET', `/api/portal/policies/${policy.id}`)).statusCode).toBe(200);
    await fileApplication(t.database.db, f.b, policy.id, policy.noticeId);
    const res = await call('policy', 'GET', `/api/push-campaigns/${first}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      handed: 2,
      delivered: 2,
      sent: 2,
      read: 1,
      applied: 1,
      readRate: 0.5,
      appliedRate: 0.5,
      channels: ['in_app', 'sms', 'email'],
    });
    const list = await call('policy', 'GET', `/api/push-campaigns?policyId=${policy.id}`);
    expect(list.json().total).toBe(3);
    expect(list.json().items[0].id).toBeGreaterThan(first);
    const recipients = await call('policy', 'GET', `/api/push-campaigns/${first}/recipients`);
    const byId = new Map(recipients.json().items.map((r: { enterpriseId: number; status: string }) => [r.enterpriseId, r.status]));
    expect(byId).toEqual(
      new Map([
        [f.a, 'read'],
        [f.b, 'applied'],
      ]),
    );
    const applied = await call('policy', 'GET', `/api/push-campaigns/${first}/recipients?status=applied`);
    expect(applied.json()).toMatchObject({ total: 1, items: [{ enterpriseId: f.b }] });
  });

  it('exports the recipients', async () => {
    const res = await call('policy', 'GET', `/api/push-campaigns/${first}/recipients.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('推送对象')!.rowCount).toBe(3);
  });

  it('refuses what is not allowed', async () => {
    expect((await call('enterprise', 'GET', '/api/push-campaigns')).statusCode).toBe(403);
    expect(
      (await call('coordinator', 'POST', '/api/push-campaigns', { policyId: policy.id, message: 'x', channels: ['sms'] })).statusCode,
    ).toBe(403);
    const noChannel = await call('policy', 'POST', '/api/push-campaigns', { policyId: policy.id, message: 'x', channels: [] });
    expect(noChannel.statusCode).toBe(400);
    const draft = await t.database.db
      .insertInto('policies')
      .values({ code: 'PUSH-DRAFT', title: '草稿政策', issuer: '区政府', level: 'district', effective_from: '2024-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await call('policy', 'POST', '/api/push-campaigns', { policyId: draft.id, message: 'x', channels: ['in_app'] });
    expect(res.statusCode).toBe(409);
  });

  it('shows the pushes in the enterprise file', async () => {
    const res = await call('admin', 'GET', `/api/enterprises/${f.c}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.filter((i: { kind: string }) => i.kind === 'push')).toHaveLength(2);
  });
});
