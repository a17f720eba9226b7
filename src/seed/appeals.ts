/**
 * A year of appeal history for the demo district: most closed and rated, some late, a few
 * returned or reopened, and a live queue in every state, so that every page, warning and
 * figure has something real to show on the first start.
 */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import type { AppealDepartmentsTable } from '../platform/db/schema-appeals.ts';
import type { AppealClock } from '../modules/appeals/clock.ts';
import { appealLives, type Generated, type Pools } from './appeal-lifecycle.ts';
import { Rng, mixSeed } from './random.ts';

const DAY = 86_400_000;
const BATCH = 500;

async function pools(db: Kysely<DB>): Promise<Pools> {
  const [enterprises, items, users] = await Promise.all([
    db.selectFrom('enterprises').select(['id', 'is_key']).orderBy('id').execute(),
    db
      .selectFrom('service_items as i')
      .innerJoin('taxonomy_categories as c', 'c.id', 'i.category_id')
      .select(['i.id', 'i.name', 'i.keywords', 'c.name as category', 'i.department_id', 'i.default_grade'])
      .orderBy('i.id')
      .execute(),
    db.selectFrom('users').select(['id', 'display_name', 'role', 'department_id', 'enterprise_id']).orderBy('id').execute(),
  ]);
  const handlers = new Map<number, { id: number; name: string }>();
  for (const u of users)
    if (u.role === 'handler' && u.department_id !== null && !handlers.has(u.department_id))
      handlers.set(u.department_id, { id: u.id, name: u.display_name });
  return {
    enterprises,
    items,
    specialists: users.filter((u) => u.role === 'specialist').map((u) => ({ id: u.id, name: u.display_name })),
    handlers,
    enterpriseUsers: new Map(users.filter((u) => u.enterprise_id !== null).map((u) => [u.enterprise_id!, u.id])),
  };
}

export async function seedDemoAppeals(
  db: Kysely<DB>,
  opts: { count: number; randomSeed: number; clock: AppealClock; now?: Date },
): Promise<number> {
  const rng = new Rng(mixSeed(opts.randomSeed, 0xa99ea1));
  const now = opts.now ?? new Date();
  const p = await pools(db);
  const { counters, lifeOf } = appealLives(p, rng, now, opts.clock);
  // Oldest first, so that the yearly numbers follow the order of submission.
  const ages = Array.from({ length: opts.count }, () => Math.pow(rng.float(), 1.4) * 365 * DAY).sort((a, b) => b - a);
  const generated: Generated[] = ages.map((age) => lifeOf(age));

  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < generated.length; i += BATCH) {
      const chunk = generated.slice(i, i + BATCH);
      const ids = await tx
        .insertInto('appeals')
        .values(chunk.map((g) => g.row))
        .returning('id')
        .execute();
      const events = chunk.flatMap((g, k) => g.events.map((e) => ({ ...e, appeal_id: ids[k]!.id })));
      for (let j = 0; j < events.length; j += BATCH * 2)
        await tx
          .insertInto('appeal_events')
          .values(events.slice(j, j + BATCH * 2))
          .execute();
      const leads: Insertable<AppealDepartmentsTable>[] = chunk.flatMap((g, k) =>
        g.lead ? [{ appeal_id: ids[k]!.id, department_id: g.lead, role: 'lead' as const }] : [],
      );
      if (leads.length) await tx.insertInto('appeal_departments').values(leads).execute();
      const calls = chunk.flatMap((g, k) => (g.calls ?? []).map((c) => ({ ...c, appeal_id: ids[k]!.id })));
      if (calls.length) await tx.insertInto('appeal_follow_ups').values(calls).execute();
    }
    for (const [year, value] of counters) {
      await tx
        .insertInto('counters')
        .values({ name: `appeal-${year}`, value })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
        .execute();
    }
  });
  return generated.length;
}
