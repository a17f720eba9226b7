import type { Db } from '../../platform/db/index.ts';
import { enqueueNotices, type Notice } from '../notifications/notices.ts';
import { acceptDeadlineFor, type AppealClock, type AppealSettings } from './clock.ts';
import * as repo from './repository-acceptance.ts';
import { remindedAppeals } from './repository-sweep.ts';

/**
 * The clock on acceptance (受理时限): while an appeal waits in 待受理 its light is the acceptance
 * light, and the front office is reminded as a department is for handling: the specialists when
 * it turns yellow and again red, the coordinators after a day in red.
 */
const STAGES = [
  { stage: 'accept_yellow', levels: ['yellow', 'red'], redFor: 0, title: '诉求即将超过受理时限（黄灯）', to: 'specialist' },
  { stage: 'accept_red', levels: ['red'], redFor: 0, title: '诉求已超过受理时限（红灯）', to: 'specialist' },
  { stage: 'accept_red_coordinator', levels: ['red'], redFor: 86_400_000, title: '诉求超过受理时限逾一天', to: 'coordinator' },
] as const;

/** Appeals given their acceptance deadline per sweep: those filed before the clock existed. */
const BACKFILL_BATCH = 1000;

export interface AcceptanceSweep {
  changed: number;
  reminders: Record<string, number>;
}

export async function sweepAcceptance(db: Db, clock: AppealClock, settings: AppealSettings, now: Date): Promise<AcceptanceSweep> {
  // Deadlines are counted in the application (the calendar lives here), from each appeal's submission.
  const missing = await repo.unacceptedWithoutDeadline(db, BACKFILL_BATCH);
  await repo.setAcceptDeadlines(
    db,
    missing.map((a) => ({ id: a.id, due: acceptDeadlineFor(clock, settings, a.submitted_at, a.requested_urgency) })),
  );
  const changed = await repo.raiseAcceptWarnings(db, now, settings.yellowShare);

  const reminders: Record<string, number> = {};
  for (const s of STAGES) {
    reminders[s.stage] = await db.transaction().execute(async (tx) => {
      const ids = await repo.insertAcceptReminders(tx, s.stage, s.levels, s.redFor > 0 ? new Date(now.getTime() - s.redFor) : null);
      if (ids.length === 0) return 0;
      const appeals = await remindedAppeals(tx, ids);
      const notices: Notice[] = appeals.map((a) => ({
        to: { kind: 'role', role: s.to },
        title: `${s.title}：${a.number}`,
        body: a.title,
        link: `/appeals/${a.id}`,
        appealId: a.id,
        sms: s.stage !== 'accept_yellow',
      }));
      await enqueueNotices(tx, notices);
      return ids.length;
    });
  }
  return { changed, reminders };
}
