/**
 * 免申即享 history: the auto-grant policies with the fewest eligible enterprises each had a batch
 * drafted (by the real use-case, so every item keeps its explanation) and confirmed some months
 * ago; one in ten enterprises found eligible since stays out, so 应享未享 has something to show.
 * The confirmation is written directly, as the application history is: a seeded past sends no
 * notices. Deterministic: the same policies and enterprises on every first start.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import type { Actor } from '../platform/http/access.ts';
import { draftBatch } from '../modules/grants/service.ts';
import { addDays, shanghaiDate } from '../modules/calendar/working-days.ts';

const MAX_POLICIES = 3;
/** A demo district pays out one batch at a time to at most this many enterprises. */
const MAX_ENTERPRISES = 1_500;

export async function seedDemoGrants(
  db: Kysely<DB>,
  opts: { now?: Date } = {},
): Promise<{ batches: number; enterprises: number; amount: number }> {
  const officer = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('role', '=', 'policy_officer')
    .orderBy('id')
    .executeTakeFirst();
  if (!officer) return { batches: 0, enterprises: 0, amount: 0 };
  const actor: Actor = { id: officer.id, name: officer.display_name, role: 'policy_officer', ip: '127.0.0.1', requestId: 'demo-seed' };
  const { rows: policies } = await sql<{ id: number; n: number }>`
    select p.id, count(m.enterprise_id)::int as n from policies p join policy_matches m on m.policy_id = p.id and m.outcome = 'eligible'
    where p.auto_grant and p.status = 'published' and p.max_amount is not null
    group by p.id having count(m.enterprise_id) <= ${MAX_ENTERPRISES}::int order by n, p.id limit ${MAX_POLICIES}::int`.execute(db);
  const today = shanghaiDate(opts.now ?? new Date());
  let enterprises = 0;
  let amount = 0;
  for (const [k, p] of policies.entries()) {
    const draft = await draftBatch(db, actor, { policyId: p.id });
    const paidOn = addDays(today, -30 * (k + 2));
    const number = `MS${paidOn.replaceAll('-', '')}-${String(k + 1).padStart(3, '0')}`;
    await db.transaction().execute(async (tx) => {
      // Every tenth enterprise (by id) turned eligible after the batch: left out of it.
      await sql`update grant_batch_items set excluded = true where batch_id = ${draft.id}::int and enterprise_id % 10 = 3`.execute(tx);
      const { rows: paid } = await sql<{ amount: number }>`
        insert into benefits (enterprise_id, policy_id, grant_batch_id, amount, paid_on, payment_batch, created_by)
        select i.enterprise_id, ${p.id}::int, ${draft.id}::int, i.amount, ${paidOn}::date, ${number}, ${officer.id}::int
        from grant_batch_items i where i.batch_id = ${draft.id}::int and not i.excluded
        returning amount`.execute(tx);
      const total = paid.reduce((s, r) => s + r.amount, 0);
      await tx
        .updateTable('grant_batches')
        .set({
          status: 'confirmed',
          number,
          enterprises: paid.length,
          total_amount: total,
          confirmed_by: officer.id,
          confirmed_at: new Date(`${paidOn}T10:00:00+08:00`),
        })
        .where('id', '=', draft.id)
        .execute();
      // Drafted the day before it was confirmed, as the history would have it.
      await sql`update grant_batches set created_at = ${`${addDays(paidOn, -1)}T16:00:00+08:00`}::timestamptz where id = ${draft.id}::int`.execute(
        tx,
      );
      enterprises += paid.length;
      amount += total;
    });
  }
  return { batches: policies.length, enterprises, amount };
}
