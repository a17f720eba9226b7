import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { loadConfig } from '../../platform/config.ts';
import { queueMessages } from '../notifications/queue.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
let enterpriseId: number;

function call(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: { cookie: cookies[user]! }, ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const demo = await db
    .selectFrom('users')
    .select(['enterprise_id', 'password_hash'])
    .where('username', '=', 'enterprise')
    .executeTakeFirstOrThrow();
  enterpriseId = demo.enterprise_id!;
  await db.updateTable('users').set({ enterprise_role: 'admin' }).where('username', '=', 'enterprise').execute();
  await db
    .insertInto('users')
    .values({
      username: 'pref_agent',
      display_name: '经办人',
      mobile: '13955550001',
      role: 'enterprise',
      enterprise_id: enterpriseId,
      enterprise_role: 'agent',
      password_hash: demo.password_hash,
      must_change_password: false,
    })
    .execute();
  for (const u of ['admin', 'coordinator', 'specialist', 'handler', 'enterprise', 'pref_agent', 'policy']) cookies[u] = await t.login(u);
});
afterAll(() => t.close());

describe('channels', () => {
  it('tells the sending pages that nothing is configured (log only)', async () => {
    const res = await call('specialist', 'GET', '/api/delivery/channels');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      sms: { provider: 'log', configured: false, missingTemplates: [] },
      email: { provider: 'log', configured: false },
    });
    expect((await call('enterprise', 'GET', '/api/delivery/channels')).statusCode).toBe(403);
  });

  it('reads the settings, and refuses incomplete ones at start', () => {
    const c = loadConfig({
      QIFU_SMS_PROVIDER: 'tencent',
      QIFU_SMS_KEY_ID: 'id',
      QIFU_SMS_KEY_SECRET: 's',
      QIFU_SMS_SIGN_NAME: '企服通',
      QIFU_SMS_APP_ID: '1400',
      QIFU_SMS_TEMPLATES: 'verification_code=1001,appeal=1002',
    });
    expect(c.sms).toMatchObject({ provider: 'tencent', templates: { verification_code: '1001', appeal: '1002' } });
    expect(() =>
      loadConfig({
        QIFU_SMS_PROVIDER: 'tencent',
        QIFU_SMS_KEY_ID: 'id',
        QIFU_SMS_KEY_SECRET: 's',
        QIFU_SMS_SIGN_NAME: 'x',
        QIFU_SMS_TEMPLATES: 'appeal=1',
      }),
    ).toThrow(/QIFU_SMS_APP_ID/);
    expect(() => loadConfig({ QIFU_SMS_PROVIDER: 'aliyun' })).toThrow(/QIFU_SMS_KEY_ID/);
    expect(() => loadConfig({ QIFU_SMS_TEMPLATES: 'nonsense=1' })).toThrow(/QIFU_SMS_TEMPLATES/);
    expect(() => loadConfig({ QIFU_SMTP_URL: 'smtp://mail.example.cn:25' })).toThrow(/QIFU_MAIL_FROM/);
  });
});

describe('contact preferences (消息设置)', () => {
  it('shows the defaults to every member; only the administrator may change them', async () => {
    const mine = await call('pref_agent', 'GET', '/api/portal/contact-preferences');
    expect(mine.json()).toEqual({
      enterpriseId,
      channels: ['in_app', 'sms', 'email'],
      promotions: true,
      quietHours: null,
      canEdit: false,
      updatedAt: null,
    });
    const body = { channels: ['in_app', 'email'], promotions: true, quietHours: { start: '21:30', end: '08:00' } };
    expect((await call('pref_agent', 'PUT', '/api/portal/contact-preferences', body)).statusCode).toBe(403);
    const res = await call('enterprise', 'PUT', '/api/portal/contact-preferences', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ channels: ['in_app', 'email'], quietHours: { start: '21:30', end: '08:00' }, canEdit: true });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_type', '=', 'enterprise')
      .where('entity_id', '=', String(enterpriseId))
      .execute();
    expect(audit.map((a) => a.action)).toContain('contact_preferences.update');
    const staff = await call('specialist', 'GET', `/api/enterprises/${enterpriseId}/contact-preferences`);
    expect(staff.json()).toMatchObject({ channels: ['in_app', 'email'], promotions: true, canEdit: false });
  });

  it('refuses bad input with the field named', async () => {
    const same = await call('enterprise', 'PUT', '/api/portal/contact-preferences', {
      channels: [],
      promotions: false,
      quietHours: { start: '22:00', end: '22:00' },
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.message).toContain('免打扰');
    const format = await call('enterprise', 'PUT', '/api/portal/contact-preferences', {
      channels: ['fax'],
      promotions: true,
      quietHours: { start: '25:00', end: '08:00' },
    });
    expect(format.statusCode).toBe(400);
  });
});

describe('消息发送记录', () => {
  it('lists messages with state and masked recipients; the administrator resends a failed one', async () => {
    const db = t.database.db;
    await db.transaction().execute((tx) =>
      queueMessages(tx, [
        { channel: 'sms', recipient: '13912349876', kind: 'appeal', body: '诉求已受理', enterpriseId },
        { channel: 'email', recipient: 'wang@example.cn', kind: 'policy', subject: '政策推送', body: '政策推送', enterpriseId },
      ]),
    );
    const failed = await db
      .updateTable('outbox')
      .set({ status: 'failed', error_code: 'isv.SMS_TEMPLATE_ILLEGAL', last_error: '模板不合法', finished_at: new Date() })
      .where('recipient', '=', '13912349876')
      .returning('id')
      .executeTakeFirstOrThrow();
    const list = await call('coordinator', 'GET', `/api/delivery/messages?enterpriseId=${enterpriseId}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((m: { recipient: string }) => m.recipient)).toEqual(['w***@example.cn', '139****9876']);
    expect(list.json().byStatus).toMatchObject({ failed: 1, pending: 1 });
    const onlyFailed = await call('admin', 'GET', `/api/delivery/messages?status=failed&q=9876`);
    expect(onlyFailed.json()).toMatchObject({
      total: 1,
      items: [{ id: failed.id, errorCode: 'isv.SMS_TEMPLATE_ILLEGAL', kind: 'appeal', status: 'failed' }],
    });
    expect((await call('coordinator', 'POST', `/api/delivery/messages/${failed.id}/retry`)).statusCode).toBe(403);
    expect((await call('admin', 'POST', `/api/delivery/messages/${failed.id}/retry`)).statusCode).toBe(204);
    // Resent at once through the (log) channel the test app runs.
    await expect
      .poll(async () => (await db.selectFrom('outbox').select('status').where('id', '=', failed.id).executeTakeFirstOrThrow()).status)
      .toBe('logged');
    expect((await call('admin', 'POST', `/api/delivery/messages/${failed.id}/retry`)).statusCode).toBe(409);
    expect((await call('policy', 'GET', '/api/delivery/messages')).statusCode).toBe(403);
  });
});
