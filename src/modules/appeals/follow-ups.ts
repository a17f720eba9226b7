import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { maskMobile, maskName } from '../../platform/mask.ts';
import { addDays, shanghaiDate } from '../calendar/working-days.ts';
import type { AppealClock, AppealSettings } from './clock.ts';
import type { followUpQuery } from './follow-up-schemas.ts';
import * as repo from './repository-follow-ups.ts';
import type { AppealDeps } from './service.ts';
import type { AppealState } from './workflow.ts';

/** When the office should have called: N working days after the reply (the end of that office day). */
export function followUpDue(clock: AppealClock, settings: AppealSettings, repliedAt: Date): Date {
  return settings.followUpAfterWorkingDays === 0 ? repliedAt : clock.addWorkingDays(repliedAt, settings.followUpAfterWorkingDays);
}

/**
 * The instant before which a reply's follow-up is overdue at `now`. The due date depends only on
 * the reply's Shanghai day, and later days are due later, so it is the start of the day after the
 * latest reply day already due: list filters and the sweep compare replied_at with it in SQL.
 */
export function overdueCutoff(clock: AppealClock, settings: AppealSettings, now: Date): Date {
  if (settings.followUpAfterWorkingDays === 0) return now;
  const today = shanghaiDate(now);
  // Twenty working days never span more than about two months, even over the Spring Festival.
  for (let k = 0; k < 80; k++) {
    const day = addDays(today, -k);
    if (followUpDue(clock, settings, new Date(`${day}T12:00:00+08:00`)) <= now) return new Date(`${addDays(day, 1)}T00:00:00+08:00`);
  }
  return new Date(`${addDays(today, -80)}T00:00:00+08:00`);
}

/** The follow-up queue (回访): oldest reply first, each with its due date, attempts and the number to call (masked). */
export async function followUpQueue(deps: AppealDeps, f: z.output<typeof followUpQuery>, now = new Date()) {
  const settings = deps.settings();
  const cutoff = overdueCutoff(deps.clock, settings, now);
  const page = await repo.followUpQueuePage(deps.db, f, cutoff);
  return {
    total: page.total,
    overdue: page.overdue,
    followUpAfterWorkingDays: settings.followUpAfterWorkingDays,
    maxAttempts: settings.followUpMaxAttempts,
    items: page.rows.map((r) => {
      const due = followUpDue(deps.clock, settings, r.replied_at!);
      return {
        id: r.id,
        number: r.number,
        title: r.title,
        state: r.state as AppealState,
        appealType: r.appeal_type,
        channel: r.channel,
        closedOnSpot: r.state === 'closed' && r.on_spot,
        enterprise: { id: r.enterprise_id, name: r.enterprise_name },
        department:
          r.lead_department_id !== null && r.department_name !== null ? { id: r.lead_department_id, name: r.department_name } : null,
        contactName: maskName(r.contact_name),
        contactPhone: maskMobile(r.phone),
        repliedAt: r.replied_at!.toISOString(),
        dueAt: due.toISOString(),
        overdue: due <= now,
        attempts: Number(r.attempts),
        lastCallAt: r.last_call_at ? new Date(r.last_call_at).toISOString() : null,
      };
    }),
  };
}

/** Every follow-up call on an appeal, oldest first, with who made it. */
export async function followUpCalls(db: Db, appealId: number) {
  const rows = await repo.followUpCallRows(db, appealId);
  return rows.map((r) => ({
    id: r.id,
    outcome: r.outcome,
    rating: r.rating,
    comment: r.comment,
    calledBy: r.display_name,
    calledAt: r.called_at.toISOString(),
  }));
}

/** One appeal's follow-up: the number to call (in full, for the office), the due date and every call so far. */
export async function followUpOf(deps: AppealDeps, appealId: number, now = new Date()) {
  const a = await repo.followUpTarget(deps.db, appealId);
  if (!a) throw AppError.notFound('诉求');
  const settings = deps.settings();
  const due = a.awaiting && a.replied_at ? followUpDue(deps.clock, settings, a.replied_at) : null;
  return {
    awaiting: Boolean(a.awaiting),
    contactName: a.contact_name,
    contactPhone: a.phone,
    dueAt: due?.toISOString() ?? null,
    overdue: due !== null && due <= now,
    maxAttempts: settings.followUpMaxAttempts,
    calls: await followUpCalls(deps.db, appealId),
  };
}
