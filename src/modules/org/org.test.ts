import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

describe('streets and departments', () => {
  it('lists the 10 streets and at least 35 departments to any signed-in user', async () => {
    const cookie = await t.login('enterprise');
    const streets = await t.app.inject({ url: '/api/streets', headers: { cookie } });
    expect(streets.json().items).toHaveLength(10);
    const depts = await t.app.inject({ url: '/api/departments', headers: { cookie } });
    expect(depts.json().items.length).toBeGreaterThanOrEqual(35);
  });

  it('lets an administrator add and rename a street, refusing duplicates with the field named', async () => {
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/admin/streets',
      headers: { cookie: admin },
      payload: { code: 'TEST', name: '测试街道' },
    });
    expect(add.statusCode).toBe(201);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/admin/streets',
      headers: { cookie: admin },
      payload: { code: 'TEST2', name: '测试街道' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.field).toBe('name');
    const { id } = add.json();
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/streets/${id}`,
      headers: { cookie: admin },
      payload: { name: '测试街道二', active: false },
    });
    expect(rename.statusCode).toBe(204);
    const log = await t.app.inject({ url: `/api/admin/audit?entityType=street&entityId=${id}`, headers: { cookie: admin } });
    expect(log.json().items.map((i: { action: string }) => i.action)).toEqual(['street.update', 'street.create']);
  });

  it('refuses a department head from another department', async () => {
    const depts = (await t.app.inject({ url: '/api/departments', headers: { cookie: admin } })).json().items as {
      id: number;
      code: string;
    }[];
    const other = await t.database.db
      .selectFrom('users')
      .select(['id', 'department_id'])
      .where('role', '=', 'handler')
      .executeTakeFirstOrThrow();
    const target = depts.find((d) => d.id !== other.department_id)!;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/departments/${target.id}`,
      headers: { cookie: admin },
      payload: { headUserId: other.id },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('headUserId');
  });

  it('forbids non-administrators to change them', async () => {
    const cookie = await t.login('leader');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/departments',
      headers: { cookie },
      payload: { code: 'X', name: 'X局' },
    });
    expect(res.statusCode).toBe(403);
  });
});
