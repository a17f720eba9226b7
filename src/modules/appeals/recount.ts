import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { AppealEventsTable, AppealsTable, WarningLevel } from '../../platform/db/schema-appeals.ts';
import type { Grade } from '../../platform/db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { onCalendarChange, type CalendarChange, type Moved } from '../calendar/hooks.ts';
import { shanghaiDateTime, type OfficeHours } from '../calendar/working-days.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import type { AppealSettings } from './clock.ts';
import { recount, recountHandling, type StepEvent } from './deadline-replay.ts';
import * as repo from './repository-recount.ts';
import { insertEvents } from './repository-sweep.ts';

/** The light a clock from `start` to `due` shows at `now`, as the warning sweep sets it. */
function light(start: Date, due: Date, now: Date, yellowShare: number): { warning_level: WarningLevel; red_since: Date | null } {
  if (due <= now) return { warning_level: 'red', red_since: due };
  const used = (now.getTime() - start.getTime()) / (due.getTime() - start.getTime());
  return { warning_level: used >= yellowShare ? 'yellow' : 'green', red_since: null };
}

const moved = (label: string, from: Date, to: Date) => `${label}由 ${shanghaiDateTime(from)} 改为 ${shanghaiDateTime(to)}`;

/**
 * Recounts, in the calendar change's transaction, every stored deadline of an open item that was
 * counted in working days: the handling deadline of appeals not yet answered, the acceptance
 * deadline of unaccepted ones, the open supervision orders. Each appeal that moved gets a timeline
 * note (old → new, why), an audit row, and its light as the sweep would set it now — a deadline
 * moved past `now` is no longer red. Replied and closed appeals keep theirs: what they were
 * measured against when they were answered.
 */
export async function recountOpenDeadlines(tx: Tx, change: CalendarChange, office: OfficeHours, settings: AppealSettings): Promise<Moved> {
  const { before, after, actor, reason } = change;
  const now = new Date();
  const appeals = await repo.openClocks(tx);
  const byAppeal = new Map<number, StepEvent[]>();
  for (const e of await repo.deadlineEvents(
    tx,
    appeals.filter((a) => a.deadline_at).map((a) => a.id),
  )) {
    const list = byAppeal.get(e.appeal_id) ?? [];
    list.push(e);
    byAppeal.set(e.appeal_id, list);
  }
  const count = { deadlines: 0, acceptDeadlines: 0, supervisionOrders: 0 };
  const events: Insertable<AppealEventsTable>[] = [];
  const event = (appealId: number, state: string | null, note: string, data: unknown, isPublic: boolean) =>
    events.push({
      appeal_id: appealId,
      at: now,
      actor_id: actor.id,
      actor_name: actor.name,
      actor_role: actor.role,
      action: 'deadline_recounted',
      from_state: state,
      to_state: state,
      note: `${note}：${reason}`,
      data: JSON.stringify({ ...(data as object), reason, dates: change.dates }),
      public: isPublic,
    });

  for (const a of appeals) {
    const patch: Updateable<AppealsTable> = {};
    const data: Record<string, { from: string; to: string }> = {};
    const notes: string[] = [];
    if (a.deadline_at && a.grade) {
      const next = recountHandling(
        { grade: a.grade as Grade, acceptedAt: a.accepted_at, deadline: a.deadline_at, events: byAppeal.get(a.id) ?? [] },
        before,
        after,
        office,
      );
      if (next) {
        patch.deadline_at = next.due;
        // While waiting for the enterprise the light stands still, as in the sweep.
        if (!a.paused_since) Object.assign(patch, light(a.accepted_at ?? a.submitted_at, next.due, now, settings.yellowShare));
        data.deadline = { from: a.deadline_at.toISOString(), to: next.due.toISOString() };
        notes.push(moved('办理时限', a.deadline_at, next.due));
        count.deadlines++;
      }
    }
    if (a.state === 'submitted' && a.accept_deadline_at && a.requested_urgency === 'normal') {
      const due = recount(a.submitted_at, a.accept_deadline_at, before, after);
      if (due && due.getTime() !== a.accept_deadline_at.getTime()) {
        Object.assign(patch, { accept_deadline_at: due }, light(a.submitted_at, due, now, settings.yellowShare));
        data.acceptDeadline = { from: a.accept_deadline_at.toISOString(), to: due.toISOString() };
        notes.push(moved('受理时限', a.accept_deadline_at, due));
        count.acceptDeadlines++;
      }
    }
    if (notes.length === 0) continue;
    await repo.updateAppeal(tx, a.id, { ...patch, updated_at: now });
    event(a.id, a.state, notes.join('；'), data, true);
    await recordAudit(tx, actor, {
      action: 'appeal.deadline_recounted',
      entityType: 'appeal',
      entityId: a.id,
      before: null,
      after: { ...data, reason },
    });
  }

  const states = new Map(appeals.map((a) => [a.id, a.state]));
  for (const o of await repo.openSupervisionOrders(tx)) {
    const due = recount(o.issued_at, o.deadline_at, before, after);
    if (!due || due.getTime() === o.deadline_at.getTime()) continue;
    await repo.updateOrderDeadline(tx, o.id, due);
    const data = { supervisionOrder: o.number, deadline: { from: o.deadline_at.toISOString(), to: due.toISOString() } };
    if (o.appeal_id !== null)
      event(o.appeal_id, states.get(o.appeal_id) ?? null, moved(`督办单 ${o.number} 时限`, o.deadline_at, due), data, false);
    await recordAudit(tx, actor, {
      action: 'supervision.deadline_recounted',
      entityType: 'supervision_order',
      entityId: o.id,
      before: null,
      after: { ...data, reason },
    });
    count.supervisionOrders++;
  }
  if (events.length > 0) await insertEvents(tx, events);
  const total = count.deadlines + count.acceptDeadlines + count.supervisionOrders;
  if (total > 0) {
    // One word to the office, not one per appeal: each appeal's timeline says what moved.
    const body = `办理时限 ${count.deadlines} 件、受理时限 ${count.acceptDeadlines} 件、督办单 ${count.supervisionOrders} 件已重新计算：${reason}`;
    await enqueueNotices(tx, [
      { to: { kind: 'role', role: 'coordinator' }, title: '工作日历调整，在办时限已重算', body, link: '/appeals' },
    ]);
  }
  return count;
}

/** The appeal loop follows the calendar: its open deadlines are recounted in every calendar change. */
export function followCalendar(db: Db, office: OfficeHours, settings: () => AppealSettings): void {
  onCalendarChange(db, 'appeals', (tx, change) => recountOpenDeadlines(tx, change, office, settings()));
}
