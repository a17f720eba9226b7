import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { WarningLevel } from '../../platform/db/schema-appeals.ts';

/** Unaccepted appeals without an acceptance deadline: filed before migration 0017, or inserted by other code. */
export function unacceptedWithoutDeadline(db: Db, limit: number) {
  return db
    .selectFrom('appeals')
    .select(['id', 'submitted_at', 'requested_urgency'])
    .where('state', '=', 'submitted')
    .where('accept_deadline_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function setAcceptDeadlines(db: Db, rows: readonly { id: number; due: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction().execute(async (tx) => {
    for (const r of rows) {
      await tx
        .updateTable('appeals')
        .set({ accept_deadline_at: r.due })
        .where('id', '=', r.id)
        .where('accept_deadline_at', 'is', null)
        .execute();
    }
  });
}

/**
 * Sets every unaccepted appeal's acceptance light in one statement, as raiseWarnings does for
 * handling: red past its acceptance deadline, yellow once `yellowShare` of its time is used.
 */
export async function raiseAcceptWarnings(db: Db, now: Date, yellowShare: number): Promise<number> {
  const level = sql<string>`case when a.accept_deadline_at <= ${now} then 'red'
    when extract(epoch from (${now}::timestamptz - a.submitted_at)) >= ${yellowShare} * extract(epoch from (a.accept_deadline_at - a.submitted_at)) then 'yellow'
    else 'green' end`;
  const changed = await db
    .updateTable('appeals as a')
    .set({
      warning_level: sql`${level}`,
      red_since: sql`case when a.accept_deadline_at <= ${now} then coalesce(a.red_since, a.accept_deadline_at) else null end`,
    })
    .where('a.state', '=', 'submitted')
    .where('a.accept_deadline_at', 'is not', null)
    .where(sql<boolean>`a.warning_level <> ${level}`)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows);
}

/**
 * Records an acceptance reminder stage for every unaccepted appeal at one of `levels` (and red
 * since `redSince`, when given), once per appeal and acceptance deadline (ON CONFLICT DO NOTHING):
 * the ids returned are those this call recorded, so only one process notifies.
 */
export async function insertAcceptReminders(tx: Tx, stage: string, levels: readonly WarningLevel[], redSince: Date | null) {
  const rows = await tx
    .insertInto('appeal_reminders')
    .columns(['appeal_id', 'stage', 'deadline_at'])
    .expression((eb) =>
      eb
        .selectFrom('appeals')
        .select(['id', sql.lit(stage).as('stage'), sql<Date>`accept_deadline_at`.as('deadline_at')])
        .where('state', '=', 'submitted')
        .where('warning_level', 'in', levels)
        .where('accept_deadline_at', 'is not', null)
        .where((w) => (redSince ? w('red_since', '<=', redSince) : w.lit(true))),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('appeal_id')
    .execute();
  return rows.map((r) => r.appeal_id);
}
