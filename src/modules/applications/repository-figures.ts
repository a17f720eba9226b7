import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { FiguresBy } from './figures.ts';

/** The group of a row; `month` is the month expression of the table grouped (submission or payment). */
function keyExpr(by: FiguresBy, policy: RawBuilder<number>, month: RawBuilder<string>): RawBuilder<string | number | null> {
  switch (by) {
    case 'policy':
      return policy;
    case 'department':
      return sql<number | null>`p.department_id`;
    case 'industry':
      return sql<string>`substr(e.industry_code, 1, 1)`;
    case 'street':
      return sql<number | null>`e.street_id`;
    case 'month':
      return month;
  }
}

/** What 免申即享 batches paid between the two days (inclusive), by group: by policy, enterprise and month of payment. */
export function grantsBy(db: Db, by: FiguresBy, from: string, to: string) {
  const key = keyExpr(by, sql<number>`b.policy_id`, sql<string>`to_char(b.paid_on, 'YYYY-MM')`);
  return db
    .selectFrom('benefits as b')
    .innerJoin('policies as p', 'p.id', 'b.policy_id')
    .innerJoin('enterprises as e', 'e.id', 'b.enterprise_id')
    .select([key.as('key'), sql<number>`coalesce(sum(b.amount), 0)`.as('amount'), sql<number>`count(*)`.as('n')])
    .where('b.grant_batch_id', 'is not', null)
    .where('b.paid_on', '>=', from)
    .where('b.paid_on', '<=', to)
    .groupBy(key)
    .execute();
}

/** The applications submitted in [start, end) but not withdrawn, counted by group. */
export function applicationsBy(db: Db, by: FiguresBy, start: Date, end: Date) {
  const key = keyExpr(by, sql<number>`a.policy_id`, sql<string>`to_char(a.created_at at time zone 'Asia/Shanghai', 'YYYY-MM')`);
  return (
    db
      .selectFrom('policy_applications as a')
      .innerJoin('policies as p', 'p.id', 'a.policy_id')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      // An application is disbursed once: at most one benefit row joins each application.
      .leftJoin('benefits as b', 'b.application_id', 'a.id')
      .select([
        key.as('key'),
        sql<number>`count(*)`.as('applications'),
        sql<number>`count(*) filter (where a.state in ('approved', 'agreement_signed', 'disbursed'))`.as('approved'),
        sql<number>`count(*) filter (where a.state = 'refused')`.as('refused'),
        sql<number>`count(*) filter (where a.instant)`.as('instant'),
        sql<number>`coalesce(sum(a.requested_amount), 0)`.as('requested'),
        sql<number>`coalesce(sum(a.approved_amount) filter (where a.state in ('approved', 'agreement_signed', 'disbursed')), 0)`.as(
          'approved_amount',
        ),
        sql<number>`coalesce(sum(b.amount), 0)`.as('disbursed_amount'),
        sql<number>`count(b.id)`.as('disbursed'),
      ])
      .where('a.state', '<>', 'withdrawn')
      .where('a.created_at', '>=', start)
      .where('a.created_at', '<', end)
      .groupBy(key)
      .execute()
  );
}

/** The names of the policies, departments or streets (the numeric groups) with these ids. */
export function groupNames(db: Db, by: FiguresBy, ids: number[]) {
  if (by === 'policy') return db.selectFrom('policies').select(['id', 'title as name']).where('id', 'in', ids).execute();
  if (by === 'department') return db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute();
  return db.selectFrom('streets').select(['id', 'name']).where('id', 'in', ids).execute();
}
