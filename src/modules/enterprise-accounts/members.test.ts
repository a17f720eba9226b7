import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { codeSentTo, enterpriseWithNumbers, lastMessage, newMobile } from '../../../tests/support/accounts.ts';

let t: TestApp;
let address = 0;
const from = () => `10.2.0.${++address}`;
let admin: string;
let adminId: number;
let enterpriseId: number;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 20 });
  const e = await enterpriseWithNumbers(t.database.db);
  enterpriseId = e.id;
  await call('POST', '/api/registration/send-code', { uscc: e.uscc, mobile: e.legalRep });
  const res = await call('POST', '/api/registration', {
    uscc: e.uscc,
    mobile: e.legalRep,
    code: await codeSentTo(t.database.db, e.legalRep),
    displayName: '管理员甲',
    password: 'Qifu2026ok',
  });
  admin = `qifu_session=${res.cookies.find((c) => c.name === 'qifu_session')?.value}`;
  adminId = res.json().user.id;
});
afterAll(() => t.close());

function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, cookie?: string) {
  return t.app.inject({ method, url, remoteAddress: from(), ...(payload ? { payload } : {}), ...(cookie ? { headers: { cookie } } : {}) });
}

/** Invites a colleague and has them join through the code; returns their session cookie and id. */
async function inviteAndJoin(displayName: string, enterpriseRole: 'admin' | 'agent' = 'agent') {
  const mobile = newMobile();
  const inv = await call('POST', '/api/portal/members/invitations', { mobile, displayName, enterpriseRole }, admin);
  expect(inv.statusCode, inv.body).toBe(201);
  const sent = await call('POST', '/api/join/send-code', { mobile });
  expect(sent.statusCode, sent.body).toBe(200);
  const joined = await call('POST', '/api/join', { mobile, code: await codeSentTo(t.database.db, mobile), password: 'Join2026ok' });
  expect(joined.statusCode, joined.body).toBe(201);
  return {
    mobile,
    id: joined.json().user.id as number,
    cookie: `qifu_session=${joined.cookies.find((c) => c.name === 'qifu_session')?.value}`,
  };
}

describe('invitations', () => {
  it('an invited colleague joins by SMS code, is logged in, and later logs in with the password', async () => {
    const mobile = newMobile();
    const inv = await call('POST', '/api/portal/members/invitations', { mobile, displayName: '经办人乙', enterpriseRole: 'agent' }, admin);
    expect(inv.statusCode).toBe(201);
    const sms = await lastMessage(t.database.db, mobile);
    expect(sms).toContain('/join');
    expect(sms).toContain('经办人');
    const sent = await call('POST', '/api/join/send-code', { mobile });
    // Nothing about the invitation before the code: the same answer as for any mobile.
    expect(sent.json()).toEqual({ sentTo: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`, expiresInSeconds: 300, resendAfterSeconds: 60 });
    const stranger = newMobile();
    const strangerSent = await call('POST', '/api/join/send-code', { mobile: stranger });
    expect(Object.keys(strangerSent.json()).sort()).toEqual(Object.keys(sent.json()).sort());
    const wrong = await call('POST', '/api/join', {
      mobile,
      code: '999999' === (await codeSentTo(t.database.db, mobile)) ? '999998' : '999999',
      password: 'Join2026ok',
    });
    expect(wrong.json().error.message).toContain('验证码错误');
    const joined = await call('POST', '/api/join', { mobile, code: await codeSentTo(t.database.db, mobile), password: 'Join2026ok' });
    expect(joined.json().user).toMatchObject({ displayName: '经办人乙', enterpriseRole: 'agent', enterprise: { id: enterpriseId } });
    const login = await call('POST', '/api/auth/login', { login: mobile, password: 'Join2026ok' });
    expect(login.statusCode).toBe(200);
    // A plain 经办人 cannot manage members.
    expect((await call('GET', '/api/portal/members', undefined, `qifu_session=${login.cookies[0]?.value}`)).statusCode).toBe(403);
    const list = await call('GET', '/api/portal/members', undefined, admin);
    expect(list.json().members.map((m: { displayName: string; enterpriseRole: string }) => [m.displayName, m.enterpriseRole])).toEqual([
      ['管理员甲', 'admin'],
      ['经办人乙', 'agent'],
    ]);
    expect(list.json().invitations).toEqual([]);
  });

  it('refuses the mobile of staff or of another enterprise’s user, and an expired invitation', async () => {
    const staff = await call(
      'POST',
      '/api/portal/members/invitations',
      { mobile: '13800000002', displayName: '某', enterpriseRole: 'agent' },
      admin,
    );
    expect(staff.statusCode).toBe(409);
    expect(staff.json().error).toMatchObject({
      message: expect.stringContaining('其他企业或工作人员'),
      details: { fields: [{ field: 'mobile' }] },
    });
    const other = await enterpriseWithNumbers(t.database.db, [enterpriseId]);
    await call('POST', '/api/registration/send-code', { uscc: other.uscc, mobile: other.contact });
    await call('POST', '/api/registration', {
      uscc: other.uscc,
      mobile: other.contact,
      code: await codeSentTo(t.database.db, other.contact),
      displayName: '别家',
      password: 'Qifu2026ok',
    });
    const foreign = await call(
      'POST',
      '/api/portal/members/invitations',
      { mobile: other.contact, displayName: '别家', enterpriseRole: 'agent' },
      admin,
    );
    expect(foreign.statusCode).toBe(409);
    const before = await t.database.db.selectFrom('enterprise_invitations').select('id').execute();

    const mobile = newMobile();
    await call('POST', '/api/portal/members/invitations', { mobile, displayName: '过期丙', enterpriseRole: 'agent' }, admin);
    expect((await t.database.db.selectFrom('enterprise_invitations').select('id').execute()).length).toBe(before.length + 1);
    await t.database.db
      .updateTable('enterprise_invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('mobile', '=', mobile)
      .execute();
    // Expired, or never invited: said only once the code sent to the mobile is right.
    expect((await call('POST', '/api/join/send-code', { mobile })).statusCode).toBe(200);
    const wrong = await call('POST', '/api/join', {
      mobile,
      code: (await codeSentTo(t.database.db, mobile)) === '000000' ? '000001' : '000000',
      password: 'Join2026ok',
    });
    expect(wrong.json().error.message).toContain('验证码错误');
    const expired = await call('POST', '/api/join', { mobile, code: await codeSentTo(t.database.db, mobile), password: 'Join2026ok' });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.message).toContain('邀请已过期');
    const nobody = newMobile();
    expect((await call('POST', '/api/join/send-code', { mobile: nobody })).statusCode).toBe(200);
    expect(
      (await call('POST', '/api/join', { mobile: nobody, code: await codeSentTo(t.database.db, nobody), password: 'Join2026ok' })).json()
        .error.message,
    ).toContain('没有待接受的邀请');
  });

  it('limits invitations: three a day per mobile (even sent at once), twenty an hour per enterprise', async () => {
    const mobile = newMobile();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        call('POST', '/api/portal/members/invitations', { mobile, displayName: '频繁', enterpriseRole: 'agent' }, admin),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 201, 429, 429]);
    expect(answers.find((a) => a.statusCode === 429)!.json().error.message).toContain('该手机号今日已收到 3 条邀请');
    const recent = await t.database.db
      .selectFrom('enterprise_invitations')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('created_at', '>', new Date(Date.now() - 3_600_000))
      .execute();
    const filler = Array.from({ length: 20 - recent.length }, () => ({
      enterprise_id: enterpriseId,
      mobile: newMobile(),
      display_name: '旧',
      enterprise_role: 'agent' as const,
      invited_by: adminId,
      status: 'revoked' as const,
      expires_at: new Date(),
    }));
    await t.database.db.insertInto('enterprise_invitations').values(filler).execute();
    const hourly = await call(
      'POST',
      '/api/portal/members/invitations',
      { mobile: newMobile(), displayName: '又一位', enterpriseRole: 'agent' },
      admin,
    );
    expect(hourly.statusCode).toBe(429);
    expect(hourly.json().error.message).toContain('每小时最多');
    // Later tests invite again: everything so far is moved out of the hour.
    await t.database.db
      .updateTable('enterprise_invitations')
      .set({ created_at: new Date(Date.now() - 7_200_000) } as never)
      .where('enterprise_id', '=', enterpriseId)
      .execute();
  });
});

describe('managing members', () => {
  it('suspends, reactivates, changes roles and removes — never the last active administrator', async () => {
    const agent = await inviteAndJoin('经办人丁');
    const suspend = await call('POST', `/api/portal/members/${agent.id}/suspend`, undefined, admin);
    expect(suspend.statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', undefined, agent.cookie)).statusCode).toBe(401);
    expect((await call('POST', '/api/auth/login', { login: agent.mobile, password: 'Join2026ok' })).json().error.code).toBe(
      'ACCOUNT_DISABLED',
    );
    expect((await call('POST', `/api/portal/members/${agent.id}/reactivate`, undefined, admin)).statusCode).toBe(204);
    const relogin = await call('POST', '/api/auth/login', { login: agent.mobile, password: 'Join2026ok' });
    expect(relogin.statusCode).toBe(200);
    agent.cookie = `qifu_session=${relogin.cookies.find((c) => c.name === 'qifu_session')?.value}`;

    // The only administrator can neither suspend, remove nor demote themself.
    for (const [method, url, body] of [
      ['POST', `/api/portal/members/${adminId}/suspend`],
      ['POST', `/api/portal/members/${adminId}/remove`],
      ['PUT', `/api/portal/members/${adminId}/role`, { enterpriseRole: 'agent' }],
    ] as const) {
      const res = await call(method, url, body, admin);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain('至少需要保留一名');
    }
    // Another enterprise's member is not ours to touch.
    const stranger = await t.database.db.selectFrom('users').select('id').where('username', '=', 'enterprise').executeTakeFirstOrThrow();
    expect((await call('POST', `/api/portal/members/${stranger.id}/suspend`, undefined, admin)).statusCode).toBe(404);

    expect((await call('PUT', `/api/portal/members/${agent.id}/role`, { enterpriseRole: 'admin' }, admin)).statusCode).toBe(204);
    expect((await call('GET', '/api/portal/members', undefined, agent.cookie)).statusCode).toBe(200);
    // With a second administrator, the first may step down; the new one removes an agent.
    expect((await call('PUT', `/api/portal/members/${adminId}/role`, { enterpriseRole: 'agent' }, admin)).statusCode).toBe(204);
    expect((await call('GET', '/api/portal/members', undefined, admin)).statusCode).toBe(403);
    expect((await call('POST', `/api/portal/members/${adminId}/remove`, undefined, agent.cookie)).statusCode).toBe(204);
    const removed = await t.database.db
      .selectFrom('users')
      .select(['mobile', 'removed_mobile', 'active', 'removed_at'])
      .where('id', '=', adminId)
      .executeTakeFirstOrThrow();
    expect(removed).toMatchObject({
      mobile: null,
      removed_mobile: expect.stringMatching(/^1\d{10}$/),
      active: false,
      removed_at: expect.any(Date),
    });
    const members = (await call('GET', '/api/portal/members', undefined, agent.cookie)).json().members;
    expect(members.map((m: { id: number }) => m.id)).not.toContain(adminId);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'enterprise_member.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'enterprise_member.invite',
        'enterprise_member.suspend',
        'enterprise_member.reactivate',
        'enterprise_member.role',
        'enterprise_member.remove',
      ]),
    );
  });
});

describe('user administration', () => {
  it('sets the enterprise role: administrator for an enterprise without one, otherwise 经办人', async () => {
    const sysadmin = await t.login('admin');
    const e = await enterpriseWithNumbers(t.database.db, [enterpriseId]);
    const create = (username: string) =>
      call(
        'POST',
        '/api/admin/users',
        { username, displayName: username, role: 'enterprise', password: 'Start2026ok', enterpriseUscc: e.uscc },
        sysadmin,
      );
    expect((await create('ent_first')).statusCode).toBe(201);
    expect((await create('ent_second')).statusCode).toBe(201);
    const list = await call('GET', '/api/admin/users?q=ent_&role=enterprise', undefined, sysadmin);
    const roles = Object.fromEntries(
      list.json().items.map((u: { username: string; enterpriseRole: string }) => [u.username, u.enterpriseRole]),
    );
    expect(roles).toMatchObject({ ent_first: 'admin', ent_second: 'agent' });
  });
});
