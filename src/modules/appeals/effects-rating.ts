import type { Updateable } from 'kysely';
import type { AppealsTable, RatingSource } from '../../platform/db/schema-appeals.ts';
import type { Notice } from '../notifications/notices.ts';
import type { Effect, EffectContext, AppealRow } from './effects.ts';
import { link, toCoordinators, toDepartment, toDepartmentPatch, toEnterprise } from './effects.ts';
import { SATISFIED_FROM, type AppealAction } from './workflow.ts';
import type { Db } from '../../platform/db/index.ts';
import { insertFollowUp, notReachedSince } from './repository-follow-ups.ts';

/**
 * A consultation answered and closed on the spot still waits for its rating — from the
 * enterprise or from the office's follow-up — until it is rated or its follow-up has ended.
 */
export function awaitsRating(
  a: Pick<AppealRow, 'state' | 'on_spot' | 'appeal_type' | 'closed_unrated' | 'rated_at' | 'replied_at'>,
): boolean {
  return (
    a.state === 'closed' &&
    a.on_spot &&
    a.appeal_type === 'consultation' &&
    a.closed_unrated === null &&
    a.replied_at !== null &&
    (a.rated_at === null || a.rated_at < a.replied_at)
  );
}

/** Follow-up calls since the appeal's latest reply that did not reach the enterprise. */
export async function notReachedSinceReply(tx: Db, a: Pick<AppealRow, 'id' | 'replied_at'>): Promise<number> {
  if (!a.replied_at) return 0;
  return notReachedSince(tx, a.id, a.replied_at);
}

const SOURCE_NAMES: Record<RatingSource, string> = { self: '企业', follow_up: '回访' };

/**
 * A rating, the enterprise's own or given in a follow-up call: satisfied closes the appeal
 * (a consultation closed on the spot keeps its closing time); unsatisfied sends it back — to its
 * department with a fresh deadline, or to the front office when it was handled on the spot.
 * Unsatisfied ratings are kept as counts and points by source, for the figures.
 */
export function ratingEffect(c: EffectContext<AppealAction>, rating: number, comment: string | undefined, source: RatingSource): Effect {
  const a = c.appeal;
  const common = { rating, rating_comment: comment ?? null, rated_at: c.now, rating_source: source, closed_unrated: null };
  const data = { rating, source };
  if (rating >= SATISFIED_FROM) return { patch: { ...common, closed_at: a.closed_at ?? c.now }, note: comment ?? null, data };
  const counts: Updateable<AppealsTable> = {
    reopen_count: a.reopen_count + 1,
    unsatisfied_ratings: a.unsatisfied_ratings + 1,
    unsatisfied_points: a.unsatisfied_points + rating,
    ...(source === 'follow_up'
      ? { unsatisfied_follow_ups: a.unsatisfied_follow_ups + 1, unsatisfied_follow_up_points: a.unsatisfied_follow_up_points + rating }
      : {}),
  };
  const who = SOURCE_NAMES[source];
  const lead = a.lead_department_id;
  if (!lead) {
    // Handled on the spot and not resolved: back to the front office, to dispatch this time.
    return {
      patch: { ...common, ...counts, on_spot: false, replied_at: null, closed_at: null },
      note: comment ?? null,
      data: { ...data, reopened: true },
      notify: [
        {
          to: { kind: 'role', role: 'specialist' },
          title: `现场办结的诉求${who}评价不满意：${a.number}`,
          body: comment ?? a.title,
          link: link(a),
          appealId: a.id,
        },
      ],
    };
  }
  return {
    patch: { ...common, ...counts, ...toDepartmentPatch(c, lead, true), replied_at: null },
    note: comment ?? null,
    data: { ...data, reopened: true },
    notify: [toDepartment(a, lead, `${who}评价不满意，诉求重办`), toCoordinators(a, `${who}评价不满意`, comment)],
  };
}

/**
 * One follow-up call (回访), recorded whatever its outcome. A rating acts as the enterprise's
 * own; declining, or the last allowed call not reached, closes the appeal without a rating.
 */
export async function followUpEffect(c: EffectContext<'follow_up'>): Promise<Effect> {
  const { outcome, rating, comment } = c.input;
  const a = c.appeal;
  await insertFollowUp(c.tx, {
    appeal_id: a.id,
    outcome,
    rating: rating ?? null,
    comment: comment ?? null,
    called_by: c.user.id,
    called_at: c.now,
  });
  if (outcome === 'rated') {
    const e = ratingEffect(c, rating!, comment, 'follow_up');
    return { ...e, data: { outcome, ...(e.data as object) } };
  }
  const attempt = outcome === 'not_reached' ? await notReachedSinceReply(c.tx, a) : undefined;
  // Counted with this call, as act() counted before it for the decision; a consultation closed on
  // the spot stays closed either way, so the state cannot tell whether the follow-up has ended.
  const ends = outcome === 'declined' || (attempt ?? 0) >= c.settings.followUpMaxAttempts;
  if (!ends) return { note: comment ?? null, data: { outcome, attempt }, public: false };
  const closing: Notice[] = a.state === 'closed' ? [] : [toEnterprise(a, `您的诉求 ${a.number} 已办结`)];
  return {
    patch: { closed_at: a.closed_at ?? c.now, closed_unrated: outcome },
    note: comment ?? (outcome === 'declined' ? '企业表示不作评价，办结' : `回访 ${attempt} 次未接通，不评价办结`),
    data: { outcome, attempt, closedUnrated: outcome },
    notify: closing,
  };
}
