import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { OverdueReportsTable } from '../../platform/db/schema-appeals.ts';

export async function insertReport(tx: Tx, row: Insertable<OverdueReportsTable>): Promise<number> {
  return (await tx.insertInto('overdue_reports').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function weeklyReportExists(db: Db, periodStart: string): Promise<boolean> {
  return !!(await db
    .selectFrom('overdue_reports')
    .select('id')
    .where('kind', '=', 'weekly')
    .where('period_start', '=', periodStart)
    .executeTakeFirst());
}

/** A weekly report, unless one for its week exists (another process's): its id, or null. */
export async function insertWeeklyReport(tx: Tx, row: Omit<Insertable<OverdueReportsTable>, 'kind'>): Promise<number | null> {
  const inserted = await tx
    .insertInto('overdue_reports')
    .values({ ...row, kind: 'weekly' })
    // The index predicate must be a literal for PostgreSQL to match the partial index.
    .onConflict((oc) => oc.column('period_start').where('kind', '=', sql.lit('weekly')).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** One page of the reports, newest first, each with its two headline totals. */
export async function listReports(db: Db, page: number, pageSize: number) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('overdue_reports as r')
      .leftJoin('users as u', 'u.id', 'r.generated_by')
      .select([
        'r.id',
        'r.kind',
        'r.period_start',
        'r.period_end',
        'r.generated_at',
        'u.display_name',
        // The list needs two totals, not the whole stored report.
        sql<number>`(r.data->'totals'->>'overdueNow')::int`.as('overdue_now'),
        sql<number>`(r.data->'totals'->>'laggingDepartments')::int`.as('lagging'),
      ])
      .orderBy('r.generated_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('overdue_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findReport(db: Db, id: number) {
  return db
    .selectFrom('overdue_reports as r')
    .leftJoin('users as u', 'u.id', 'r.generated_by')
    .select(['r.id', 'r.kind', 'r.period_start', 'r.period_end', 'r.generated_at', 'u.display_name', 'r.data'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
