import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { BACKFILL_LEGACY_RECIPIENTS } from '../../platform/db/migrations/0012_delivery.ts';
import { publishPolicy, setUpEnterprises } from '../portal-policies/test-fixture.ts';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  await setUpEnterprises(t.database.db);
  cookie = await t.login('policy');
});
afterAll(() => t.close());

const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: { cookie } })).json();
async function send(code: string, channels: string[]): Promise<number> {
  const policy = await publishPolicy(t.database.db, { code, title: `迁移前推送${code}` });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/push-campaigns',
    headers: { cookie },
    payload: { policyId: policy.id, message: '迁移前的推送', channels },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('campaigns sent before migration 0012', () => {
  it('show in-app delivery counted back from the notifications, and the rest as legacy — never "queued"', async () => {
    const smsOnly = await send('LEGACY-1', ['sms']);
    const withInApp = await send('LEGACY-2', ['in_app', 'sms']);
    const db = t.database.db;
    // What a campaign looked like before 0012: its SMS not linked to it, no in-app count.
    await db.deleteFrom('push_recipient_messages').execute();
    await db.updateTable('outbox').set({ campaign_id: null }).where('campaign_id', 'is not', null).execute();
    await db.updateTable('push_recipients').set({ in_app: 0, legacy: false }).execute();
    expect(await get(`/api/push-campaigns/${smsOnly}`)).toMatchObject({ recipients: 2, queued: 2, handed: 0 });

    await BACKFILL_LEGACY_RECIPIENTS.execute(db);
    expect(await get(`/api/push-campaigns/${smsOnly}`)).toMatchObject({ recipients: 2, legacy: 2, queued: 0, handed: 0, failed: 0 });
    expect(await get(`/api/push-campaigns/${withInApp}`)).toMatchObject({ recipients: 2, legacy: 0, queued: 0, handed: 2, delivered: 2 });
    const list = await get(`/api/push-campaigns/${smsOnly}/recipients?status=legacy`);
    expect(list.items.map((r: { delivery: string }) => r.delivery)).toEqual(['legacy', 'legacy']);
    const { rows } = await sql<{ in_app: number }>`select in_app from push_recipients where campaign_id = ${withInApp}::int`.execute(db);
    expect(rows.every((r) => r.in_app > 0)).toBe(true);
  });
});
