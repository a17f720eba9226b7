import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
let ent: string;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 10 });
  ent = await t.login('enterprise');
});
afterAll(() => t.close());

it('keeps 20 contacts and one primary when whole replacements arrive at once (they take turns on the enterprise row)', async () => {
  const lists = Array.from({ length: 5 }, (_, k) => Array.from({ length: 20 }, (_, i) => ({ name: `联系人${k}-${i}`, primary: i === 0 })));
  const results = await Promise.all(
    lists.map((items) =>
      t.app.inject({ method: 'PUT', url: '/api/enterprises/mine/contacts', headers: { cookie: ent }, payload: { items } }),
    ),
  );
  expect(
    results.map((r) => r.statusCode),
    results.map((r) => r.body.slice(0, 200)).join('\n'),
  ).toEqual([200, 200, 200, 200, 200]);
  const me = await t.database.db.selectFrom('users').select('enterprise_id').where('username', '=', 'enterprise').executeTakeFirstOrThrow();
  const rows = await t.database.db
    .selectFrom('enterprise_contacts')
    .select(['name', 'is_primary'])
    .where('enterprise_id', '=', me.enterprise_id!)
    .orderBy('id')
    .execute();
  // Exactly one of the lists, whole: the last to take its turn.
  expect(lists.map((l) => JSON.stringify(l.map((c) => c.name)))).toContain(JSON.stringify(rows.map((r) => r.name)));
  expect(rows.filter((r) => r.is_primary)).toHaveLength(1);
});
