import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

describe('audit list', () => {
  it('returns each action and entity by name, in Chinese and English, next to its code', async () => {
    const res = await t.app.inject({ url: '/api/admin/audit?action=auth.login&entityType=user', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { action: string; actionName: unknown; entityType: string; entityName: unknown }[];
    const login = items.find((i) => i.action === 'auth.login');
    expect(login).toMatchObject({
      action: 'auth.login',
      actionName: { zh_CN: '登录', en_US: 'Sign in' },
      entityType: 'user',
      entityName: { zh_CN: '用户', en_US: 'User' },
    });
  });

  it('shows a code it has no name for as itself', async () => {
    await t.database.db.insertInto('audit_log').values({ action: 'legacy.thing', entity_type: 'legacy_entity', actor_name: 'x' }).execute();
    const res = await t.app.inject({ url: '/api/admin/audit?action=legacy.', headers: { cookie: admin } });
    expect(res.json().items[0]).toMatchObject({
      actionName: { zh_CN: 'legacy.thing', en_US: 'legacy.thing' },
      entityName: { zh_CN: 'legacy_entity' },
    });
  });
});
