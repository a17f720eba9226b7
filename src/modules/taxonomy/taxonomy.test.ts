import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

interface Category {
  id: number;
  name: string;
  items: { id: number; departmentId: number; departmentName: string; active: boolean }[];
}

describe('appeal taxonomy', () => {
  it('has at least 10 categories and 130 service items, each naming its responsible department', async () => {
    const cookie = await t.login('enterprise');
    const res = await t.app.inject({ url: '/api/taxonomy', headers: { cookie } });
    const cats = res.json().categories as Category[];
    expect(cats.length).toBeGreaterThanOrEqual(10);
    const items = cats.flatMap((c) => c.items);
    expect(items.length).toBeGreaterThanOrEqual(130);
    for (const i of items) expect(i.departmentName).toBeTruthy();
  });

  it('lets an administrator add an item, move it to another department and disable it', async () => {
    const cats = (await t.app.inject({ url: '/api/taxonomy', headers: { cookie: admin } })).json().categories as Category[];
    const depts = (await t.app.inject({ url: '/api/departments', headers: { cookie: admin } })).json().items as { id: number }[];
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/admin/taxonomy/items',
      headers: { cookie: admin },
      payload: {
        categoryId: cats[0]!.id,
        code: 'ZZ99',
        name: '测试事项',
        departmentId: depts[0]!.id,
        defaultGrade: 'urgent',
        keywords: '测试 事项',
      },
    });
    expect(add.statusCode).toBe(201);
    const id = add.json().id as number;
    const noDept = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/taxonomy/items/${id}`,
      headers: { cookie: admin },
      payload: { departmentId: 999999 },
    });
    expect(noDept.statusCode).toBe(400);
    expect(noDept.json().error.details.fields[0].field).toBe('departmentId');
    const move = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/taxonomy/items/${id}`,
      headers: { cookie: admin },
      payload: { departmentId: depts[1]!.id, active: false },
    });
    expect(move.statusCode).toBe(204);
    const visible = (await t.app.inject({ url: '/api/taxonomy', headers: { cookie: admin } })).json().categories as Category[];
    expect(visible.flatMap((c) => c.items).some((i) => i.id === id)).toBe(false);
    const all = (await t.app.inject({ url: '/api/taxonomy?all=true', headers: { cookie: admin } })).json().categories as Category[];
    expect(all.flatMap((c) => c.items).find((i) => i.id === id)).toMatchObject({ departmentId: depts[1]!.id, active: false });
  });

  it('names the bad field when the grade is unknown', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/taxonomy/categories',
      headers: { cookie: admin },
      payload: { code: 'bad code!', name: '' },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.details.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name']));
  });
});
