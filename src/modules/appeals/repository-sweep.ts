import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { AppealEventsTable, WarningLevel } from '../../platform/db/schema-appeals.ts';
import { awaitingFollowUp } from './repository-follow-ups.ts';
import { CLOCK_STATES } from './workflow.ts';

/**
 * Sets every running appeal's three-colour warning in one statement: red past its deadline,
 * yellow once `yellowShare` of its time is used. Returns how many appeals changed colour.
 */
export async function raiseWarnings(db: Db, now: Date, yellowShare: number): Promise<number> {
  const level = sql<string>`case when a.deadline_at <= ${now} then 'red'
    when extract(epoch from (${now}::timestamptz - a.accepted_at)) >= ${yellowShare} * extract(epoch from (a.deadline_at - a.accepted_at)) then 'yellow'
    else 'green' end`;
  const changed = await db
    .updateTable('appeals as a')
    .set({
      warning_level: sql`${level}`,
      red_since: sql`case when a.deadline_at <= ${now} then coalesce(a.red_since, a.deadline_at) else null end`,
    })
    .where('a.state', 'in', CLOCK_STATES)
    .where('a.deadline_at', 'is not', null)
    .where('a.paused_since', 'is', null)
    .where(sql<boolean>`a.warning_level <> ${level}`)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows);
}

/**
 * Records a reminder stage for every running, assigned appeal at one of `levels` (and red since
 * `redSince`, when given), once per appeal and deadline (ON CONFLICT DO NOTHING): the ids
 * returned are those this call recorded, so only one process notifies.
 */
export async function insertReminders(tx: Tx, stage: string, levels: readonly WarningLevel[], redSince: Date | null) {
  const rows = await tx
    .insertInto('appeal_reminders')
    .columns(['appeal_id', 'stage', 'deadline_at'])
    .expression((eb) =>
      eb
        .selectFrom('appeals')
        .select(['id', sql.lit(stage).as('stage'), 'deadline_at'])
        .where('state', 'in', CLOCK_STATES)
        .where('warning_level', 'in', levels)
        .where('deadline_at', 'is not', null)
        .where('lead_department_id', 'is not', null)
        .where((w) => (redSince ? w('red_since', '<=', redSince) : w.lit(true))),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('appeal_id')
    .execute();
  return rows.map((r) => r.appeal_id);
}

export function remindedAppeals(tx: Tx, ids: readonly number[]) {
  return tx.selectFrom('appeals').select(['id', 'number', 'title', 'lead_department_id']).where('id', 'in', ids).execute();
}

/** Puts appeals red since `redSince` on the joint meeting's agenda, once (a partial unique index guards it). */
export async function addLongRedToAgenda(db: Db, redSince: Date): Promise<number> {
  const agenda = await db
    .insertInto('meeting_items')
    .columns(['appeal_id', 'title', 'summary', 'source'])
    .expression((eb) =>
      eb
        .selectFrom('appeals')
        .select([
          'id',
          sql<string>`number || ' ' || title`.as('title'),
          sql<string>`'超期未办结，自动列入联席会议议程'`.as('summary'),
          sql.lit('long_red').as('source'),
        ])
        .where('state', 'in', CLOCK_STATES)
        .where('warning_level', '=', 'red')
        .where('red_since', '<=', redSince)
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('meeting_items as m')
                .select('m.id')
                .whereRef('m.appeal_id', '=', 'appeals.id')
                .where('m.source', '=', 'long_red'),
            ),
          ),
        ),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(agenda.numInsertedOrUpdatedRows ?? 0);
}

/** Closes, unrated (auto), the replied appeals replied before `before`; returns their ids. */
export async function closeUnratedReplied(tx: Tx, before: Date, now: Date): Promise<number[]> {
  const rows = await tx
    .updateTable('appeals')
    .set({ state: 'closed', closed_at: now, closed_unrated: 'auto', updated_at: now })
    .where('state', '=', 'replied')
    .where('replied_at', '<', before)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Ends the follow-up of consultations closed on the spot and replied before `before`; returns their ids. */
export async function endUnratedFollowUps(tx: Tx, before: Date, now: Date): Promise<number[]> {
  const rows = await tx
    .updateTable('appeals as a')
    .set({ closed_unrated: 'auto', updated_at: now })
    .where(awaitingFollowUp)
    .where('a.state', '=', 'closed')
    .where('a.replied_at', '<', before)
    .returning('a.id')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertEvents(tx: Tx, rows: Insertable<AppealEventsTable>[]): Promise<void> {
  await tx.insertInto('appeal_events').values(rows).execute();
}
