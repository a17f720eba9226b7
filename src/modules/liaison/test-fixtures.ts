import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

/**
 * The demo app the liaison tests share, with the office, three cadres, a leader and the admin logged
 * in. Call it at the top of a test file: it registers the file's beforeAll and afterAll. `ids` holds
 * the users' ids by username, and what one test leaves for the next.
 */
export function liaisonApp() {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['coordinator', 'cadre', 'cadre01', 'cadre05', 'leader', 'admin']) cookies[u] = await t.login(u);
    const users = await t.database.db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('username', 'in', ['cadre', 'cadre01', 'cadre05', 'coordinator'])
      .execute();
    for (const u of users) ids[u.username] = u.id;
  });
  afterAll(() => t.close());

  function call(user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
    return t.app.inject({
      method,
      url,
      headers: { cookie: cookies[user]! },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }
  const db = () => t.database.db;

  async function keyEnterprises() {
    return db()
      .selectFrom('enterprises')
      .select(['id', 'street_id'])
      .where('is_key', '=', true)
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
  }

  return { ids, call, db, keyEnterprises };
}
