import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { enqueueNotices, type Notice } from '../notifications/notices.ts';
import { enqueueWebhooks } from '../webhooks/enqueue.ts';
import type { AppealClock, AppealSettings } from './clock.ts';
import { overdueCutoff } from './follow-ups.ts';
import { awaitingFollowUp } from './repository-follow-ups.ts';
import { CLOCK_STATES } from './workflow.ts';

export interface SweepResult {
  changed: number;
  reminders: Record<string, number>;
  agendaItems: number;
  autoClosed: number;
  ms: number;
}

/** Reminder stages, in order: the handler first, then the department head, then the office. */
const STAGES = [
  { stage: 'yellow_department', levels: ['yellow', 'red'], redFor: 0, title: '诉求即将超期（黄灯）', to: 'department' },
  { stage: 'red_department', levels: ['red'], redFor: 0, title: '诉求已超期（红灯）', to: 'department' },
  { stage: 'red_head', levels: ['red'], redFor: 0, title: '本部门诉求已超期（红灯）', to: 'department_head' },
  { stage: 'red_coordinator', levels: ['red'], redFor: 86_400_000, title: '诉求超期逾一天', to: 'coordinator' },
] as const;

/** The moment N working days before `now`, found by stepping back a day at a time. */
function workingDaysBefore(clock: AppealClock, now: Date, n: number): Date {
  for (let k = n; k < n * 4 + 14; k++) {
    const candidate = new Date(now.getTime() - k * 86_400_000);
    if (clock.addWorkingDays(candidate, n) <= now) return candidate;
  }
  return new Date(now.getTime() - n * 4 * 86_400_000);
}

/**
 * Raises three-colour warnings for every running appeal in one set-based statement,
 * then sends each reminder stage once: the reminder row is inserted with ON CONFLICT DO
 * NOTHING, and only the process whose insert succeeded notifies, so several server
 * processes sweeping at once never remind twice.
 */
export async function sweepWarnings(db: Db, clock: AppealClock, settings: AppealSettings, now = new Date()): Promise<SweepResult> {
  const started = performance.now();
  const share = settings.yellowShare;
  const level = sql<string>`case when a.deadline_at <= ${now} then 'red'
    when extract(epoch from (${now}::timestamptz - a.accepted_at)) >= ${share} * extract(epoch from (a.deadline_at - a.accepted_at)) then 'yellow'
    else 'green' end`;
  const changed = await db
    .updateTable('appeals as a')
    .set({ warning_level: sql`${level}`, red_since: sql`case when a.deadline_at <= ${now} then coalesce(a.red_since, a.deadline_at) else null end` })
    .where('a.state', 'in', CLOCK_STATES)
    .where('a.deadline_at', 'is not', null)
    .where('a.paused_since', 'is', null)
    .where(sql<boolean>`a.warning_level <> ${level}`)
    .executeTakeFirst();

  const reminders: Record<string, number> = {};
  for (const s of STAGES) {
    const inserted = await db.transaction().execute(async (tx) => {
      const rows = await tx
        .insertInto('appeal_reminders')
        .columns(['appeal_id', 'stage', 'deadline_at'])
        .expression((eb) =>
          eb
            .selectFrom('appeals')
            .select(['id', sql.lit(s.stage).as('stage'), 'deadline_at'])
            .where('state', 'in', CLOCK_STATES)
            .where('warning_level', 'in', s.levels)
            .where('deadline_at', 'is not', null)
            .where('lead_department_id', 'is not', null)
            .where((w) => (s.redFor > 0 ? w('red_since', '<=', new Date(now.getTime() - s.redFor)) : w.lit(true))),
        )
        .onConflict((oc) => oc.doNothing())
        .returning('appeal_id')
        .execute();
      if (rows.length === 0) return 0;
      const appeals = await tx.selectFrom('appeals').select(['id', 'number', 'title', 'lead_department_id']).where('id', 'in', rows.map((r) => r.appeal_id)).execute();
      const notices: Notice[] = appeals.map((a) => ({
        to: s.to === 'coordinator' ? { kind: 'role', role: 'coordinator' } : { kind: s.to, departmentId: a.lead_department_id! },
        title: `${s.title}：${a.number}`,
        body: a.title,
        link: `/appeals/${a.id}`,
        appealId: a.id,
        sms: s.stage !== 'yellow_department',
      }));
      await enqueueNotices(tx, notices);
      return rows.length;
    });
    reminders[s.stage] = inserted;
  }

  // Long-red items go on the joint meeting's agenda, once (a partial unique index guards it).
  const cutoff = workingDaysBefore(clock, now, settings.agendaAfterRedDays);
  const agenda = await db
    .insertInto('meeting_items')
    .columns(['appeal_id', 'title', 'summary', 'source'])
    .expression((eb) =>
      eb
        .selectFrom('appeals')
        .select(['id', sql<string>`number || ' ' || title`.as('title'), sql<string>`'超期未办结，自动列入联席会议议程'`.as('summary'), sql.lit('long_red').as('source')])
        .where('state', 'in', CLOCK_STATES)
        .where('warning_level', '=', 'red')
        .where('red_since', '<=', cutoff)
        .where((w) => w.not(w.exists(w.selectFrom('meeting_items as m').select('m.id').whereRef('m.appeal_id', '=', 'appeals.id').where('m.source', '=', 'long_red')))),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();

  const autoClosed = await autoClose(db, clock, settings, now);
  return { changed: Number(changed.numUpdatedRows), reminders, agendaItems: Number(agenda.numInsertedOrUpdatedRows ?? 0), autoClosed, ms: performance.now() - started };
}

/**
 * A replied appeal nobody has rated closes by itself, counted as closed unrated (auto) — but only
 * once both the set days since the reply and its follow-up's due date have passed, so the office's
 * call (回访) always comes first. A consultation closed on the spot leaves the follow-up queue the
 * same way, without changing state.
 */
async function autoClose(db: Db, clock: AppealClock, settings: AppealSettings, now: Date): Promise<number> {
  const daysAgo = new Date(now.getTime() - settings.autoCloseDays * 86_400_000);
  const dueCutoff = overdueCutoff(clock, settings, now);
  const before = daysAgo < dueCutoff ? daysAgo : dueCutoff;
  const note = `企业与回访均未在 ${settings.autoCloseDays} 天内评价，自动办结`;
  return db.transaction().execute(async (tx) => {
    const closed = await tx
      .updateTable('appeals')
      .set({ state: 'closed', closed_at: now, closed_unrated: 'auto', updated_at: now })
      .where('state', '=', 'replied')
      .where('replied_at', '<', before)
      .returning('id')
      .execute();
    const ended = await tx
      .updateTable('appeals as a')
      .set({ closed_unrated: 'auto', updated_at: now })
      .where(awaitingFollowUp)
      .where('a.state', '=', 'closed')
      .where('a.replied_at', '<', before)
      .returning('a.id')
      .execute();
    const events = [
      ...closed.map((c) => ({ appeal_id: c.id, at: now, actor_name: '系统', actor_role: 'system', action: 'close', from_state: 'replied', to_state: 'closed', note, public: true })),
      ...ended.map((c) => ({ appeal_id: c.id, at: now, actor_name: '系统', actor_role: 'system', action: 'close', from_state: 'closed', to_state: 'closed', note: '逾期未评价，结束回访', public: false })),
    ];
    if (events.length > 0) await tx.insertInto('appeal_events').values(events).execute();
    if (closed.length > 0) await enqueueWebhooks(tx, closed.map((c) => c.id), 'close', 'replied', 'closed');
    return closed.length + ended.length;
  });
}
