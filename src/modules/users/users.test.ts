import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

describe('user administration', () => {
  it('is for administrators only', async () => {
    const cookie = await t.login('coordinator');
    const res = await t.app.inject({ url: '/api/admin/users', headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('lists users with masked mobile numbers and filters by role', async () => {
    const res = await t.app.inject({ url: '/api/admin/users?role=handler&pageSize=5', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThan(5);
    expect(body.items).toHaveLength(5);
    for (const u of body.items) {
      expect(u.role).toBe('handler');
      if (u.mobile) expect(u.mobile).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
  });

  it('creates an enterprise user only with a credit code of an enterprise on file', async () => {
    const base = { username: 'ent_new', displayName: '王五', role: 'enterprise', password: 'Start2026' };
    const missing = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie: admin }, payload: base });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0].field).toBe('enterpriseUscc');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie: admin },
      payload: { ...base, enterpriseUscc: '91440300MA5DC0G94X' },
    });
    expect(bad.json().error.details.fields[0].field).toBe('enterpriseUscc');
    const e = await t.database.db.selectFrom('enterprises').select('uscc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie: admin },
      payload: { ...base, enterpriseUscc: e.uscc.toLowerCase() },
    });
    expect(ok.statusCode).toBe(201);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie: admin },
      payload: { ...base, enterpriseUscc: e.uscc },
    });
    expect(again.statusCode).toBe(409);
    const first = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'ent_new', password: 'Start2026' } });
    expect(first.json().user.mustChangePassword).toBe(true);
    expect(first.json().user.enterprise.uscc).toBe(e.uscc);
  });

  it('disabling a user ends their sessions and is audited with before and after', async () => {
    const cookie = await t.login('leader');
    const leader = await t.database.db.selectFrom('users').select('id').where('username', '=', 'leader').executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${leader.id}`,
      headers: { cookie: admin },
      payload: { active: false },
    });
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'leader', password: 'qifu@2026' } });
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
    const audit = await t.app.inject({
      url: `/api/admin/audit?entityType=user&entityId=${leader.id}&action=user.update`,
      headers: { cookie: admin },
    });
    expect(audit.json().items[0]).toMatchObject({ before: { active: true }, after: { active: false }, actorName: expect.any(String) });
  });

  it('resets a password, unlocks, and refuses to disable oneself', async () => {
    const h = await t.database.db.selectFrom('users').select('id').where('username', '=', 'handler').executeTakeFirstOrThrow();
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${h.id}/reset-password`,
      headers: { cookie: admin },
      payload: { password: 'Reset2026' },
    });
    expect(reset.statusCode).toBe(204);
    const weak = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${h.id}/reset-password`,
      headers: { cookie: admin },
      payload: { password: 'weak' },
    });
    expect(weak.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/users/${h.id}/unlock`, headers: { cookie: admin } })).statusCode).toBe(
      204,
    );
    const me = await t.database.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${me.id}`,
      headers: { cookie: admin },
      payload: { active: false },
    });
    expect(self.statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'PATCH', url: '/api/admin/users/999999', headers: { cookie: admin }, payload: { active: false } }))
        .statusCode,
    ).toBe(404);
  });

  it('keeps an active 企业管理员 in the enterprise a user leaves and resets the role in the one they join', async () => {
    const free = await t.database.db
      .selectFrom('enterprises as e')
      .select('e.uscc')
      .where('e.status', '=', 'active')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.enterprise_id', '=', 'e.id'))))
      .orderBy('e.id', 'desc')
      .limit(3)
      .execute();
    const [a, b, c] = free.map((e) => e.uscc);
    const create = async (username: string, uscc: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: { cookie: admin },
        payload: { username, displayName: username, role: 'enterprise', password: 'Start2026ok', enterpriseUscc: uscc },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const patch = (id: number, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: { cookie: admin }, payload });
    const roleOf = async (id: number) =>
      (await t.database.db.selectFrom('users').select(['enterprise_role', 'enterprise_id']).where('id', '=', id).executeTakeFirstOrThrow())
        .enterprise_role;
    const a1 = await create('keep_a1', a!);
    const a2 = await create('keep_a2', a!);
    await create('keep_b1', b!);
    // a1 is the only administrator of a, whose 经办人 a2 is active.
    for (const change of [{ enterpriseRole: 'agent' }, { active: false }, { enterpriseUscc: b }, { role: 'specialist' }]) {
      const res = await patch(a1, change);
      expect(res.statusCode, JSON.stringify(change)).toBe(409);
      expect(res.json().error.message).toContain('没有企业管理员');
    }
    expect(await roleOf(a1)).toBe('admin');
    expect((await patch(a2, { enterpriseRole: 'admin' })).statusCode).toBe(204);
    // Now a1 may move to b, which has an administrator: there a1 is 经办人.
    expect((await patch(a1, { enterpriseUscc: b })).statusCode).toBe(204);
    expect(await roleOf(a1)).toBe('agent');
    // And on to c, which has nobody: there a1 administers.
    expect((await patch(a1, { enterpriseUscc: c })).statusCode).toBe(204);
    expect(await roleOf(a1)).toBe('admin');
    // The last member of an enterprise may be deactivated: nobody is left to manage.
    expect((await patch(a1, { active: false })).statusCode).toBe(204);
  });
});
