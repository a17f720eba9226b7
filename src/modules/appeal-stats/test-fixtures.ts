import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { AppealsTable } from '../../platform/db/schema-appeals.ts';

/** Shanghai wall-clock time, '2024-03-08T10:00' → the instant. */
export const sh = (local: string): Date => new Date(`${local}:00+08:00`);

export interface Org {
  scj: number;
  gxj: number;
  scjItem: number;
  gxjItem: number;
  enterprise: number;
  specialist: number;
  handler: number;
  coordinator: number;
}

export async function org(db: Db): Promise<Org> {
  const dept = async (code: string) =>
    (await db.selectFrom('departments').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const item = async (departmentId: number) =>
    (await db.selectFrom('service_items').select('id').where('department_id', '=', departmentId).orderBy('id').executeTakeFirstOrThrow())
      .id;
  const user = (username: string) =>
    db.selectFrom('users').select(['id', 'enterprise_id']).where('username', '=', username).executeTakeFirstOrThrow();
  const scj = await dept('SCJ');
  const gxj = await dept('GXJ');
  return {
    scj,
    gxj,
    scjItem: await item(scj),
    gxjItem: await item(gxj),
    enterprise: (await user('enterprise')).enterprise_id!,
    specialist: (await user('specialist')).id,
    handler: (await user('handler')).id,
    coordinator: (await user('coordinator')).id,
  };
}

/** The report covers every open appeal in the district: start from none so every figure is known. */
export async function clearAppeals(db: Db): Promise<void> {
  await db.deleteFrom('meeting_items').execute();
  await db.deleteFrom('supervision_orders').execute();
  await db.deleteFrom('appeals').execute();
}

interface Spec {
  dept: 'scj' | 'gxj' | null;
  state: string;
  accepted: string | null;
  deadline?: string;
  replied?: string;
  closed?: string;
  rating?: number;
  /** Who gave the current rating; the enterprise itself unless a follow-up call. */
  source?: 'follow_up';
  /** The current rating was unsatisfied and sent the appeal back, as the workflow counts it. */
  sentBack?: true;
  unrated?: 'not_reached' | 'declined' | 'auto' | 'office';
  reopens?: number;
  returnsUpheld?: number;
  onSpot?: boolean;
  paused?: string;
  /** What the warning sweep has set on an overdue appeal. */
  red?: true;
}

/**
 * March 2024 (no public holiday in it) in known states, as the appeal workflow leaves them:
 * A* led by 区市场监督管理局 (SCJ), B* by 区工业和信息化局 (GXJ, B1 after SCJ's return was upheld),
 * S1 handled on the spot, H1, O* and D1 outside the March cohort.
 */
const SPECS = {
  A1: {
    dept: 'scj',
    state: 'closed',
    accepted: '2024-03-08T10:00',
    deadline: '2024-03-13T18:00',
    replied: '2024-03-12T15:00',
    closed: '2024-03-13T09:00',
    rating: 5,
  },
  // Closed without a rating: the follow-up never reached the enterprise.
  A2: {
    dept: 'scj',
    state: 'closed',
    accepted: '2024-03-11T09:00',
    deadline: '2024-03-14T18:00',
    replied: '2024-03-18T10:00',
    closed: '2024-03-19T10:00',
    unrated: 'not_reached',
  },
  A3: { dept: 'scj', state: 'in_progress', accepted: '2024-03-12T10:00', deadline: '2024-03-15T18:00', red: true },
  A4: {
    dept: 'scj',
    state: 'closed',
    accepted: '2024-03-13T09:00',
    deadline: '2024-03-25T18:00',
    replied: '2024-03-20T10:00',
    closed: '2024-03-21T10:00',
    rating: 4,
    reopens: 1,
  },
  A5: { dept: 'scj', state: 'awaiting_info', accepted: '2024-03-14T09:00', deadline: '2024-03-19T18:00', paused: '2024-03-15T10:00' },
  A6: { dept: 'scj', state: 'replied', accepted: '2024-03-14T10:00', deadline: '2024-03-19T18:00', replied: '2024-03-15T11:00' },
  // Rated 2 in a follow-up call, and sent back to the department.
  A7: {
    dept: 'scj',
    state: 'in_progress',
    accepted: '2024-03-15T09:00',
    deadline: '2024-03-27T18:00',
    rating: 2,
    source: 'follow_up',
    sentBack: true,
    reopens: 1,
    red: true,
  },
  B1: {
    dept: 'gxj',
    state: 'closed',
    accepted: '2024-03-04T09:00',
    deadline: '2024-03-07T18:00',
    replied: '2024-03-06T17:00',
    closed: '2024-03-07T09:00',
    rating: 3,
    returnsUpheld: 1,
  },
  B2: {
    dept: 'gxj',
    state: 'closed',
    accepted: '2024-03-04T10:00',
    deadline: '2024-03-07T18:00',
    replied: '2024-03-08T10:00',
    closed: '2024-03-09T10:00',
    rating: 3,
    source: 'follow_up',
  },
  // Sunday 23:30 in Shanghai is still March, though it is 15:30 UTC.
  B3: { dept: 'gxj', state: 'dispatched', accepted: '2024-03-31T23:30', deadline: '2024-04-03T18:00', red: true },
  // No deadline recorded: an appeal handled on the spot counts on time whatever its deadline.
  S1: {
    dept: null,
    state: 'closed',
    accepted: '2024-03-20T10:00',
    replied: '2024-03-20T10:30',
    closed: '2024-03-20T11:00',
    rating: 5,
    onSpot: true,
  },
  O1: {
    dept: 'gxj',
    state: 'closed',
    accepted: '2024-02-29T10:00',
    deadline: '2024-03-05T18:00',
    replied: '2024-03-01T10:00',
    closed: '2024-03-02T10:00',
    rating: 5,
  },
  // Across Qingming 2024: 4–6 April off, Sunday 7 April worked (调休): 2 working days, not 3 weekdays.
  H1: {
    dept: 'gxj',
    state: 'closed',
    accepted: '2024-04-03T10:00',
    deadline: '2024-04-09T18:00',
    replied: '2024-04-08T16:00',
    closed: '2024-04-09T10:00',
    rating: 5,
  },
  // 00:30 on 1 April in Shanghai is 31 March in UTC: April's.
  O2: {
    dept: 'scj',
    state: 'closed',
    accepted: '2024-04-01T00:30',
    deadline: '2024-04-03T18:00',
    replied: '2024-04-02T10:00',
    closed: '2024-04-03T10:00',
    rating: 4,
  },
  D1: { dept: null, state: 'declined', accepted: null, closed: '2024-03-10T10:00' },
} satisfies Record<string, Spec>;

export type AppealIds = Record<keyof typeof SPECS, number>;

export async function seedMarch(db: Db, o: Org): Promise<AppealIds> {
  const ids: Record<string, number> = {};
  for (const [name, s] of Object.entries<Spec>(SPECS)) {
    const lead = s.dept === null ? null : o[s.dept];
    const at = (t: string | undefined) => (t ? sh(t) : null);
    const row: Insertable<AppealsTable> = {
      number: `T-2024-${name}`,
      enterprise_id: o.enterprise,
      service_item_id: s.dept === 'gxj' ? o.gxjItem : o.scjItem,
      title: `测试诉求 ${name}`,
      description: '用于统计口径测试的诉求',
      channel: 'portal',
      grade: 'normal',
      state: s.state,
      lead_department_id: lead,
      submitted_by: o.specialist,
      submitted_at: sh(s.accepted ?? s.closed!),
      accepted_at: at(s.accepted ?? undefined),
      dispatched_at: lead === null ? null : at(s.accepted ?? undefined),
      replied_at: at(s.replied),
      closed_at: at(s.closed),
      deadline_at: at(s.deadline),
      paused_since: at(s.paused),
      warning_level: s.red ? 'red' : 'green',
      on_spot: s.onSpot ?? false,
      reopen_count: s.reopens ?? 0,
      returns_upheld: s.returnsUpheld ?? 0,
      rating: s.rating ?? null,
      rated_at: s.rating ? at(s.closed ?? s.accepted ?? undefined) : null,
      rating_source: s.rating ? (s.source ?? 'self') : null,
      unsatisfied_ratings: s.sentBack ? 1 : 0,
      unsatisfied_points: s.sentBack ? s.rating! : 0,
      unsatisfied_follow_ups: s.sentBack && s.source ? 1 : 0,
      unsatisfied_follow_up_points: s.sentBack && s.source ? s.rating! : 0,
      closed_unrated: s.unrated ?? null,
    };
    ids[name] = (await db.insertInto('appeals').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }
  // SCJ returned B1 as not its business; the office upheld it and sent it to GXJ.
  await db
    .insertInto('appeal_returns')
    .values({
      appeal_id: ids.B1!,
      department_id: o.scj,
      reason: '不属于本部门职责',
      suggested_department_id: o.gxj,
      requested_by: o.handler,
      requested_at: sh('2024-03-04T11:00'),
      decision: 'upheld',
      decided_by: o.coordinator,
      decided_at: sh('2024-03-04T15:00'),
    })
    .execute();
  await db
    .insertInto('supervision_orders')
    .values({
      number: 'DB-2024-0001',
      appeal_id: ids.A3!,
      department_id: o.scj,
      content: '请尽快办结',
      deadline_at: sh('2024-03-20T18:00'),
      issued_by: o.coordinator,
      issued_at: sh('2024-03-18T10:00'),
    })
    .execute();
  return ids as AppealIds;
}
