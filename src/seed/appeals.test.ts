import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import { freshDatabase } from '../../tests/support/database.ts';
import { calendarFor } from '../modules/calendar/store.ts';
import { appealClock } from '../modules/appeals/clock.ts';
import { STATES } from '../modules/appeals/workflow.ts';
import { seedDemo } from './demo.ts';
import { seedDemoAppeals } from './appeals.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await seedDemo(database.db, { enterprises: 60, randomSeed: 3 });
});
afterAll(() => database.close());

it('seeds a year of consistent appeal history with a live queue', async () => {
  const clock = appealClock(await calendarFor(database.db), { endHour: 18, endMinute: 0 });
  const n = await seedDemoAppeals(database.db, { count: 400, randomSeed: 3, clock });
  expect(n).toBe(400);
  const rows = (await sql<{ state: string; n: number }>`select state, count(*)::int n from appeals group by state`.execute(database.db))
    .rows;
  const by = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  for (const s of Object.keys(by)) expect(STATES).toContain(s);
  expect(by.closed).toBeGreaterThan(250);
  expect(Object.keys(by).length).toBeGreaterThanOrEqual(6);
  // Every dispatched appeal has its lead department, every accepted one a deadline, numbers are unique and ordered.
  const broken = await sql<{
    n: number;
  }>`select count(*)::int n from appeals a where (a.lead_department_id is not null and not exists (select 1 from appeal_departments d where d.appeal_id = a.id and d.role = 'lead')) or (a.accepted_at is not null and a.deadline_at is null) or (a.state = 'closed' and a.closed_at is null)`.execute(
    database.db,
  );
  expect(Number(broken.rows[0]!.n)).toBe(0);
  const order = await sql<{
    n: number;
  }>`select count(*)::int n from appeals a join appeals b on a.number < b.number and a.submitted_at > b.submitted_at and left(a.number, 7) = left(b.number, 7)`.execute(
    database.db,
  );
  expect(Number(order.rows[0]!.n)).toBe(0);
});

it('rates as a district does: self-ratings and 回访 apart, some closed unrated, every type', async () => {
  const { rows } = await sql<{ source: string | null; unrated: string | null; n: number }>`
    select rating_source as source, closed_unrated as unrated, count(*)::int as n from appeals where state = 'closed' group by 1, 2`.execute(
    database.db,
  );
  const n = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((sum, r) => sum + r.n, 0);
  expect(n((r) => r.source === 'self')).toBeGreaterThan(0);
  expect(n((r) => r.source === 'follow_up')).toBeGreaterThan(0);
  expect(n((r) => r.unrated !== null)).toBeGreaterThan(0);
  // A closed appeal is either rated with its source or closed unrated with its reason.
  expect(n((r) => (r.source === null) === (r.unrated === null))).toBe(0);
  // Self-ratings come only from enterprises with portal users; every follow-up rating has its call.
  const orphans = await sql<{ n: number }>`select count(*)::int n from appeals a where
      (a.rating_source = 'self' and not exists (select 1 from users u where u.enterprise_id = a.enterprise_id))
      or (a.rating_source = 'follow_up' and not exists (select 1 from appeal_follow_ups f where f.appeal_id = a.id and f.outcome = 'rated'))
      or (a.closed_unrated = 'not_reached' and (select count(*) from appeal_follow_ups f where f.appeal_id = a.id and f.outcome = 'not_reached') <> 3)
      or exists (select 1 from appeal_follow_ups f where f.appeal_id = a.id and f.called_at < a.replied_at)`.execute(database.db);
  expect(Number(orphans.rows[0]!.n)).toBe(0);
  const types = await sql<{ t: string }>`select distinct appeal_type as t from appeals`.execute(database.db);
  expect(types.rows.map((r) => r.t).sort()).toEqual(['complaint', 'consultation', 'help', 'suggestion']);
});
