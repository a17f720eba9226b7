import type { Db } from '../../platform/db/index.ts';
import { enqueueNotices, type Notice } from '../notifications/notices.ts';
import { enqueueWebhooks } from '../webhooks/enqueue.ts';
import { sweepAcceptance } from './acceptance.ts';
import type { AppealClock, AppealSettings } from './clock.ts';
import { overdueCutoff } from './follow-ups.ts';
import * as repo from './repository-sweep.ts';
import { settleOrdersWithAppeals } from './office-service.ts';

/** The scheduled sweep as the audit log records it. */
const SWEEP_ACTOR = { id: null, name: '系统', role: 'system', ip: '127.0.0.1', requestId: 'appeal-sweep' };

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
 * Raises three-colour warnings for every running appeal in one set-based statement (and for
 * every unaccepted one on its acceptance clock, acceptance.ts),
 * then sends each reminder stage once: the reminder row is inserted with ON CONFLICT DO
 * NOTHING, and only the process whose insert succeeded notifies, so several server
 * processes sweeping at once never remind twice.
 */
export async function sweepWarnings(db: Db, clock: AppealClock, settings: AppealSettings, now = new Date()): Promise<SweepResult> {
  const started = performance.now();
  const accepting = await sweepAcceptance(db, clock, settings, now);
  const changed = accepting.changed + (await repo.raiseWarnings(db, now, settings.yellowShare));

  const reminders: Record<string, number> = { ...accepting.reminders };
  for (const s of STAGES) {
    const inserted = await db.transaction().execute(async (tx) => {
      const ids = await repo.insertReminders(tx, s.stage, s.levels, s.redFor > 0 ? new Date(now.getTime() - s.redFor) : null);
      if (ids.length === 0) return 0;
      const appeals = await repo.remindedAppeals(tx, ids);
      const notices: Notice[] = appeals.map((a) => ({
        to: s.to === 'coordinator' ? { kind: 'role', role: 'coordinator' } : { kind: s.to, departmentId: a.lead_department_id! },
        title: `${s.title}：${a.number}`,
        body: a.title,
        link: `/appeals/${a.id}`,
        appealId: a.id,
        sms: s.stage !== 'yellow_department',
      }));
      await enqueueNotices(tx, notices);
      return ids.length;
    });
    reminders[s.stage] = inserted;
  }

  // Long-red items go on the joint meeting's agenda, once (a partial unique index guards it).
  const cutoff = workingDaysBefore(clock, now, settings.agendaAfterRedDays);
  const agendaItems = await repo.addLongRedToAgenda(db, cutoff);

  const autoClosed = await autoClose(db, clock, settings, now);
  return { changed, reminders, agendaItems, autoClosed, ms: performance.now() - started };
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
    const closed = await repo.closeUnratedReplied(tx, before, now);
    const ended = await repo.endUnratedFollowUps(tx, before, now);
    const events = [
      ...closed.map((id) => ({
        appeal_id: id,
        at: now,
        actor_name: '系统',
        actor_role: 'system',
        action: 'close',
        from_state: 'replied',
        to_state: 'closed',
        note,
        public: true,
      })),
      ...ended.map((id) => ({
        appeal_id: id,
        at: now,
        actor_name: '系统',
        actor_role: 'system',
        action: 'close',
        from_state: 'closed',
        to_state: 'closed',
        note: '逾期未评价，结束回访',
        public: false,
      })),
    ];
    if (events.length > 0) await repo.insertEvents(tx, events);
    if (closed.length > 0) await enqueueWebhooks(tx, closed, 'close', 'replied', 'closed');
    await settleOrdersWithAppeals(tx, SWEEP_ACTOR, closed, 'closed', now);
    return closed.length + ended.length;
  });
}
