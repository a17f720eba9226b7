import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { seedDemoWork } from './test-fixtures.ts';
import type { TodoQueue } from './schemas.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
const LOGINS = ['specialist', 'handler', 'handler_gxj', 'coordinator', 'cadre', 'policy', 'admin', 'leader'] as const;

beforeAll(async () => {
  t = await createTestApp({ enterprises: 200 });
  await seedDemoWork(t.database.db, t.config);
  for (const u of LOGINS) cookies[u] = await t.login(u);
});
afterAll(() => t.close());

function get(user: string, url: string) {
  return t.app.inject({ url, headers: { cookie: cookies[user]! } });
}

async function todo(user: string): Promise<TodoQueue[]> {
  const res = await get(user, '/api/my/todo');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { queues: TodoQueue[] }).queues;
}

/** The list endpoint behind each page a card links to, with the card's own filters: its total. */
async function listTotal(user: string, path: string): Promise<number> {
  const url = new URL(path, 'http://x');
  const q = url.searchParams;
  const api = (p: string) => `${p}${q.size ? `?${q.toString()}` : ''}`;
  const paged = async (p: string) => (await get(user, api(p))).json().total as number;
  const whole = async (p: string) => ((await get(user, api(p))).json().items as unknown[]).length;
  if (/^\/appeals\/(intake|dispatch|inbox|returns|warnings)$/.test(url.pathname)) return paged('/api/appeals');
  switch (url.pathname) {
    case '/appeals/extensions':
      return whole('/api/appeals/extensions');
    case '/appeals/supervision':
      return whole('/api/supervision-orders');
    case '/liaison/workbench':
      // The workbench lists the cadre's planned visits.
      return ((await get(user, '/api/liaisons/visits?status=planned')).json().items as unknown[]).length;
    case '/warnings':
      return paged('/api/warnings');
    case '/policy-applications':
      return paged('/api/applications');
    case '/policy-grants': {
      const res = await get(user, `/api/grant-batches?status=${q.get('batches.status') ?? ''}`);
      return res.json().total as number;
    }
    case '/registration-requests':
      return paged('/api/registration-requests');
    default:
      throw new Error(`no list for ${path}`);
  }
}

const EXPECTED: Record<string, string[]> = {
  specialist: ['intake', 'dispatch'],
  handler: ['to_claim', 'claimed', 'in_progress', 'due_soon', 'overdue'],
  coordinator: ['dispatch', 'arbitration', 'extensions', 'supervision', 'red'],
  cadre: ['visits', 'warnings'],
  policy: ['applications_submitted', 'applications_accepted', 'applications_in_review', 'grant_batches'],
  admin: ['registration_requests'],
};

describe('我的待办', () => {
  for (const [user, keys] of Object.entries(EXPECTED)) {
    it(`${user}: each card counts what the list it opens shows, oldest items first`, async () => {
      const queues = await todo(user);
      expect(queues.map((q) => q.key)).toEqual(keys);
      for (const q of queues) {
        expect(q.count, `${user} ${q.key} ${q.path}`).toBe(await listTotal(user, q.path));
        expect(q.items.length).toBe(Math.min(q.count, 5));
        const since = q.items.map((i) => i.since);
        expect(since).toEqual([...since].sort());
      }
      // The demo gives every role something to do (the demo has no pending registration request).
      if (user !== 'admin') expect(queues.some((q) => q.count > 0)).toBe(true);
    });
  }

  it("a handler sees only its own department's appeals", async () => {
    const db = t.database.db;
    const deptOf = async (username: string) =>
      (await db.selectFrom('users').select('department_id').where('username', '=', username).executeTakeFirstOrThrow()).department_id!;
    for (const user of ['handler', 'handler_gxj']) {
      const dept = await deptOf(user);
      const queues = await todo(user);
      const ids = queues.flatMap((q) => q.items.map((i) => i.id));
      if (user === 'handler') expect(ids.length).toBeGreaterThan(0);
      if (ids.length > 0) {
        const theirs = await db
          .selectFrom('appeal_departments')
          .select('appeal_id')
          .where('appeal_id', 'in', ids)
          .where('department_id', '=', dept)
          .execute();
        expect(new Set(theirs.map((r) => r.appeal_id))).toEqual(new Set(ids));
      }
      const toClaim = queues.find((q) => q.key === 'to_claim')!;
      const led = await db
        .selectFrom('appeals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'dispatched')
        .where('lead_department_id', '=', dept)
        .executeTakeFirstOrThrow();
      expect(toClaim.count).toBeGreaterThanOrEqual(Number(led.n));
    }
    const [a, b] = await Promise.all([todo('handler'), todo('handler_gxj')]);
    expect(a.map((q) => q.count)).not.toEqual(b.map((q) => q.count));
  });

  it('the leader keeps the district overview: no 我的待办', async () => {
    expect((await get('leader', '/api/my/todo')).statusCode).toBe(403);
  });
});
