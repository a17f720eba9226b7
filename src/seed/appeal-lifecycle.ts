/**
 * How one demo appeal lived: drawn from the district's weights, walked through the workflow as far
 * as its drawn state, with the events, lead department and follow-up calls a real one would leave.
 */
import type { Insertable } from 'kysely';
import type { AppealEventsTable, AppealsTable, AppealType, Channel } from '../platform/db/schema-appeals.ts';
import type { AppealFollowUpsTable } from '../platform/db/schema-follow-up.ts';
import { acceptDeadlineFor, DEFAULT_APPEAL_SETTINGS, type AppealClock } from '../modules/appeals/clock.ts';
import { shanghaiYear } from '../modules/appeals/time.ts';
import { appealTextFor } from './appeal-texts.ts';
import type { Rng } from './random.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const CHANNELS: readonly (readonly [Channel, number])[] = [
  ['portal', 45],
  ['visit', 18],
  ['phone', 10],
  ['hall', 8],
  ['wechat', 7],
  ['hotline_12345', 10],
  ['system', 2],
];
const RATINGS: readonly (readonly [number, number])[] = [
  [5, 62],
  [4, 24],
  [3, 8],
  [2, 4],
  [1, 2],
];
const TYPES: readonly (readonly [AppealType, number])[] = [
  ['consultation', 20],
  ['help', 50],
  ['complaint', 15],
  ['suggestion', 15],
];
const OPEN_STATES: readonly (readonly [string, number])[] = [
  ['submitted', 10],
  ['accepted', 6],
  ['dispatched', 12],
  ['claimed', 8],
  ['in_progress', 30],
  ['awaiting_info', 4],
  ['replied', 10],
];

/** What the appeals are drawn from: the district's enterprises, service items and staff. */
export interface Pools {
  enterprises: { id: number; is_key: boolean }[];
  items: {
    id: number;
    name: string;
    keywords: string;
    category: string;
    department_id: number;
    default_grade: 'normal' | 'urgent' | 'complex';
  }[];
  specialists: { id: number; name: string }[];
  handlers: Map<number, { id: number; name: string }>;
  enterpriseUsers: Map<number, number>;
}

type Row = Insertable<AppealsTable>;
type Ev = Omit<Insertable<AppealEventsTable>, 'appeal_id'>;
type Call = Omit<Insertable<AppealFollowUpsTable>, 'appeal_id'>;
type Rater = { kind: 'self'; id: number } | { kind: 'follow_up'; id: number; name: string };

/** One appeal as it is written: its row, its events, its lead department, its follow-up calls. */
export interface Generated {
  row: Row;
  events: Ev[];
  lead: number | null;
  calls?: Call[];
}

/**
 * The appeals' generator. Each call draws one appeal from `rng`, so the order of the calls is the
 * order of the draws; `counters` holds the last number given in each year.
 */
export function appealLives(p: Pools, rng: Rng, now: Date, clock: AppealClock) {
  const fallbackHandler = [...p.handlers.values()][0]!;
  const counters = new Map<number, number>();
  const specialist = p.specialists[0]!;
  const keyEnterprises = p.enterprises.filter((e) => e.is_key);

  /** An appeal submitted `age` ms before `now`. */
  function lifeOf(age: number): Generated {
    // Key enterprises file more; the newest weeks hold the open queue.
    const ent = rng.chance(0.6) && keyEnterprises.length ? rng.pick(keyEnterprises) : rng.pick(p.enterprises);
    const item = rng.pick(p.items);
    const submitted = new Date(now.getTime() - age);
    const year = shanghaiYear(submitted);
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    const text = appealTextFor({ name: item.name, keywords: item.keywords, categoryName: item.category }, rng);
    const channel = rng.weighted(CHANNELS);
    const submitter = channel === 'portal' ? (p.enterpriseUsers.get(ent.id) ?? specialist.id) : specialist.id;
    const grade = item.default_grade;
    // The type follows what the text asks where it says so (咨询… / …投诉 / 建议…), else the district's mix.
    const drawn = rng.weighted(TYPES);
    const appealType: AppealType = /咨询/.test(text.title + text.description)
      ? 'consultation'
      : /投诉/.test(text.title)
        ? 'complaint'
        : /建议/.test(text.title)
          ? 'suggestion'
          : drawn === 'consultation'
            ? 'help'
            : drawn;
    // An enterprise with portal users rates on the portal, mostly; the others are called back (回访).
    const rater: Rater =
      p.enterpriseUsers.has(ent.id) && (channel === 'portal' || rng.chance(0.5))
        ? { kind: 'self', id: p.enterpriseUsers.get(ent.id)! }
        : { kind: 'follow_up', id: specialist.id, name: specialist.name };
    const handler = p.handlers.get(item.department_id) ?? fallbackHandler;
    const row: Row = {
      number: `QF-${year}-${String(n).padStart(6, '0')}`,
      enterprise_id: ent.id,
      service_item_id: item.id,
      title: text.title,
      description: text.description,
      contact_name: null,
      contact_phone: `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      channel: submitter === specialist.id && channel === 'portal' ? 'hall' : channel,
      requested_urgency: grade === 'urgent' ? 'urgent' : 'normal',
      grade,
      state: 'closed',
      appeal_type: appealType,
      submitted_by: submitter,
      submitted_at: submitted,
      suggestions: null,
    };
    const ev: Ev[] = [
      {
        at: submitted,
        actor_id: submitter,
        actor_name: '企业',
        actor_role: submitter === specialist.id ? 'specialist' : 'enterprise',
        action: 'submit',
        to_state: 'submitted',
      },
    ];
    const step = (
      at: Date,
      action: string,
      from: string,
      to: string,
      who: { id: number; name: string },
      role: string,
      note: string | null = null,
      isPublic = true,
    ) =>
      ev.push({
        at,
        actor_id: who.id,
        actor_name: who.name,
        actor_role: role,
        action,
        from_state: from,
        to_state: to,
        note,
        public: isPublic,
      });
    const calls: Call[] = [];
    /** A rating as `rate` or `follow_up` records it (a follow-up call is also a row of its own). */
    const rate = (at: Date, rating: number, from: string, to: string, note: string | null = null) => {
      if (rater.kind === 'self') return step(at, 'rate', from, to, { id: rater.id, name: '企业' }, 'enterprise', note);
      calls.push({ outcome: 'rated', rating, comment: note, called_by: rater.id, called_at: at });
      ev.push({
        at,
        actor_id: rater.id,
        actor_name: rater.name,
        actor_role: 'specialist',
        action: 'follow_up',
        from_state: from,
        to_state: to,
        note,
        data: JSON.stringify({ outcome: 'rated', rating, source: 'follow_up' }),
      });
    };
    const source = rater.kind === 'self' ? 'self' : 'follow_up';

    // The live queue: this week's appeals, and a few older ones still open (they show as overdue).
    const fresh = age < 6 * DAY || (age < 20 * DAY && rng.chance(0.08));
    const target = fresh ? rng.weighted(OPEN_STATES) : rng.chance(0.03) ? 'declined' : 'closed';
    const accepted = new Date(submitted.getTime() + rng.int(1, 20) * HOUR);
    if (target === 'submitted' || accepted > now) {
      // The acceptance clock (受理时限) as intake sets it; the sweep after seeding lights the old ones red.
      const acceptDeadline = acceptDeadlineFor(clock, DEFAULT_APPEAL_SETTINGS, submitted, row.requested_urgency ?? 'normal');
      return { row: { ...row, state: 'submitted', accept_deadline_at: acceptDeadline }, events: ev, lead: null };
    }
    if (target === 'declined') {
      step(accepted, 'decline', 'submitted', 'declined', specialist, 'specialist', '不属于企业诉求受理范围，已告知企业通过 12345 反映');
      return {
        row: { ...row, state: 'declined', decline_reason: '不属于企业诉求受理范围', closed_at: accepted },
        events: ev,
        lead: null,
      };
    }
    const deadline = clock.deadlineFor(accepted, grade);
    Object.assign(row, { accepted_at: accepted, deadline_at: deadline });
    step(accepted, 'accept', 'submitted', 'accepted', specialist, 'specialist');
    if (target === 'accepted') {
      return { row: { ...row, state: 'accepted' }, events: ev, lead: null };
    }
    // Consultations are mostly answered at the front desk; a few other appeals are settled there too.
    const onSpot = !fresh && rng.chance(appealType === 'consultation' ? 0.6 : 0.06);
    const span = deadline.getTime() - accepted.getTime();
    // Most replies well inside the limit; about one in ten late.
    const replied = new Date(accepted.getTime() + span * (rng.chance(0.9) ? 0.15 + rng.float() * 0.8 : 1.05 + rng.float() * 0.9));
    if (onSpot) {
      const at = new Date(accepted.getTime() + rng.int(1, 3) * HOUR);
      // A consultation answered on the spot is closed at its reply and rated afterwards.
      const consultation = appealType === 'consultation';
      step(at, 'resolve_on_spot', 'accepted', consultation ? 'closed' : 'replied', specialist, 'specialist', '现场答复并办结');
      const rating = rng.weighted(RATINGS.slice(0, 3));
      const ratedAt = new Date(at.getTime() + rng.int(2, 48) * HOUR);
      rate(ratedAt, rating, consultation ? 'closed' : 'replied', 'closed');
      return {
        row: {
          ...row,
          state: 'closed',
          on_spot: true,
          reply: '现场答复并办结',
          replied_at: at,
          closed_at: consultation ? at : ratedAt,
          rating,
          rated_at: ratedAt,
          rating_source: source,
        },
        events: ev,
        lead: null,
        calls,
      };
    }
    const dispatched = new Date(accepted.getTime() + rng.int(1, 4) * HOUR);
    step(dispatched, 'dispatch', 'accepted', 'dispatched', specialist, 'specialist');
    Object.assign(row, { lead_department_id: item.department_id, dispatched_at: dispatched });
    if (target === 'dispatched') {
      return { row: { ...row, state: 'dispatched' }, events: ev, lead: item.department_id };
    }
    const claimed = new Date(dispatched.getTime() + rng.int(1, 10) * HOUR);
    step(claimed, 'claim', 'dispatched', 'claimed', handler, 'handler');
    Object.assign(row, { handler_user_id: handler.id, claimed_at: claimed });
    if (target === 'claimed' || target === 'in_progress' || target === 'awaiting_info') {
      if (target !== 'claimed') step(new Date(claimed.getTime() + HOUR), 'start', 'claimed', 'in_progress', handler, 'handler');
      if (target === 'awaiting_info')
        step(
          new Date(claimed.getTime() + 2 * HOUR),
          'request_info',
          'in_progress',
          'awaiting_info',
          handler,
          'handler',
          '请补充相关证明材料',
        );
      return {
        row: { ...row, state: target, paused_since: target === 'awaiting_info' ? new Date(claimed.getTime() + 2 * HOUR) : null },
        events: ev,
        lead: item.department_id,
      };
    }
    step(new Date(claimed.getTime() + HOUR), 'start', 'claimed', 'in_progress', handler, 'handler');
    const reply = `已按${item.name}相关规定办理，具体情况已电话告知企业。`;
    const repliedAt = replied > now ? new Date(now.getTime() - HOUR) : replied;
    step(repliedAt, 'reply', 'in_progress', 'replied', handler, 'handler', reply);
    Object.assign(row, { reply, replied_at: repliedAt });
    if (target === 'replied') {
      return { row: { ...row, state: 'replied' }, events: ev, lead: item.department_id };
    }
    // The office calls back a day or more after the reply; nothing is rated in the future.
    const rated = new Date(
      Math.min(now.getTime() - HOUR / 2, repliedAt.getTime() + (rater.kind === 'self' ? rng.int(2, 72) : rng.int(26, 100)) * HOUR),
    );
    if (rater.kind === 'follow_up') {
      // Some calls find nobody; three unanswered, or a refusal, close the appeal without a rating.
      const misses = rng.weighted([
        [0, 70],
        [1, 15],
        [2, 5],
        [3, 7],
      ] as const);
      for (let k = 0; k < misses; k++) {
        const at = new Date(repliedAt.getTime() + ((rated.getTime() - repliedAt.getTime()) * (k + 1)) / (misses + 1));
        calls.push({ outcome: 'not_reached', rating: null, comment: null, called_by: rater.id, called_at: at });
        ev.push({
          at,
          actor_id: rater.id,
          actor_name: rater.name,
          actor_role: 'specialist',
          action: 'follow_up',
          from_state: 'replied',
          to_state: k === 2 ? 'closed' : 'replied',
          note: '电话未接通',
          data: JSON.stringify({ outcome: 'not_reached' }),
        });
      }
      const declined = misses < 3 && rng.chance(0.04);
      if (declined) {
        calls.push({ outcome: 'declined', rating: null, comment: '企业表示不参与评价', called_by: rater.id, called_at: rated });
        ev.push({
          at: rated,
          actor_id: rater.id,
          actor_name: rater.name,
          actor_role: 'specialist',
          action: 'follow_up',
          from_state: 'replied',
          to_state: 'closed',
          note: '企业表示不参与评价',
          data: JSON.stringify({ outcome: 'declined' }),
        });
      }
      if (misses === 3 || declined) {
        const closedAt = misses === 3 ? new Date(calls[2]!.called_at!) : rated;
        return {
          row: { ...row, state: 'closed', closed_at: closedAt, closed_unrated: declined ? 'declined' : 'not_reached' },
          events: ev,
          lead: item.department_id,
          calls,
        };
      }
    }
    const rating = rng.weighted(RATINGS);
    // An unsatisfied rating was followed by a second round that satisfied the enterprise.
    const reopened = rating <= 2;
    rate(rated, rating, 'replied', reopened ? 'dispatched' : 'closed', reopened ? '问题没有解决' : null);
    const finalRating = reopened ? rng.weighted(RATINGS.slice(0, 3)) : rating;
    if (reopened) rate(new Date(rated.getTime() + 2 * DAY), finalRating, 'replied', 'closed');
    const closed = reopened ? new Date(rated.getTime() + 2 * DAY) : rated;
    const unsatisfied = reopened
      ? {
          unsatisfied_ratings: 1,
          unsatisfied_points: rating,
          ...(source === 'follow_up' ? { unsatisfied_follow_ups: 1, unsatisfied_follow_up_points: rating } : {}),
        }
      : {};
    return {
      row: {
        ...row,
        state: 'closed',
        rating: finalRating,
        rating_source: source,
        rated_at: closed,
        closed_at: closed,
        reopen_count: reopened ? 1 : 0,
        ...unsatisfied,
      },
      events: ev,
      lead: item.department_id,
      calls,
    };
  }

  return { counters, lifeOf };
}
