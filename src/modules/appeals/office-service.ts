import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import * as repo from './repository-office.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const appealRef = (id: number | null, number: string | null, title: string | null) =>
  id !== null && number !== null ? { id, number, title: title ?? '' } : null;
/** A handler sees their own department's items; the office and leaders see all. */
const scope = (user: SessionUser) => (user.role === 'handler' ? (user.departmentId ?? -1) : undefined);

export async function extensions(db: Db, user: SessionUser, status?: string) {
  const rows = await repo.extensions(db, status, scope(user));
  return rows.map((x) => ({
    id: x.id,
    appeal: { id: x.appeal_id, number: x.number, title: x.title },
    department: { id: x.department_id, name: x.department_name },
    workingDays: x.working_days,
    reason: x.reason,
    requestedBy: x.requested_by,
    requestedAt: x.requested_at.toISOString(),
    status: x.status,
    decisionNote: x.decision_note,
  }));
}

export async function supervisionOrders(db: Db, user: SessionUser, status?: string) {
  const rows = await repo.supervisionOrders(db, status, scope(user));
  return rows.map((s) => ({
    id: s.id,
    number: s.number,
    appeal: appealRef(s.appeal_id, s.appeal_number, s.appeal_title),
    department: { id: s.department_id, name: s.department_name },
    content: s.content,
    deadlineAt: s.deadline_at.toISOString(),
    issuedAt: s.issued_at.toISOString(),
    status: s.status,
    response: s.response,
    respondedAt: iso(s.responded_at),
    closedAt: iso(s.closed_at),
    closedReason: s.closed_reason,
  }));
}

export async function respondToOrder(db: Db, user: SessionUser, actor: Actor, id: number, response: string): Promise<void> {
  const order = await repo.findOrder(db, id);
  if (!order) throw AppError.notFound('督办单');
  if (order.department_id !== user.departmentId) throw AppError.forbidden('只能回复发给本部门的督办单');
  if (order.status !== 'open') throw new AppError('INVALID_STATE', '督办单已回复或已办结');
  await db.transaction().execute(async (tx) => {
    await repo.updateOrder(tx, id, { status: 'answered', response, responded_by: user.id, responded_at: new Date() });
    await recordAudit(tx, actor, { action: 'supervision.respond', entityType: 'supervision_order', entityId: id, after: { response } });
    await enqueueNotices(tx, [
      {
        to: { kind: 'user', userId: order.issued_by },
        title: `督办单 ${order.number} 已回复`,
        body: response,
        link: order.appeal_id ? `/appeals/${order.appeal_id}` : undefined,
      },
    ]);
  });
}

export async function closeOrder(db: Db, actor: Actor, id: number): Promise<void> {
  const order = await repo.findOrder(db, id);
  if (!order) throw AppError.notFound('督办单');
  if (order.status === 'closed') throw new AppError('INVALID_STATE', '督办单已办结');
  await db.transaction().execute(async (tx) => {
    await repo.updateOrder(tx, id, { status: 'closed', closed_at: new Date(), closed_reason: 'office' });
    await recordAudit(tx, actor, {
      action: 'supervision.close',
      entityType: 'supervision_order',
      entityId: id,
      before: { status: order.status },
    });
  });
}

/**
 * Appeals that end (办结 or 不予受理, by a step or by the sweep's auto-close) settle their supervision
 * orders in the same transaction: an order about a finished matter would otherwise stay open in the
 * department's list and in the figures. Each is audited and its department told.
 */
export async function settleOrdersWithAppeals(
  tx: Tx,
  actor: Actor,
  appealIds: readonly number[],
  to: 'closed' | 'declined',
  now: Date,
): Promise<void> {
  const settled = await repo.settleOrdersOf(tx, appealIds, now);
  for (const o of settled) {
    await recordAudit(tx, actor, {
      action: 'supervision.settled',
      entityType: 'supervision_order',
      entityId: o.id,
      before: { status: o.status },
      after: { status: 'closed', reason: 'appeal_closed', appealState: to },
    });
  }
  await enqueueNotices(
    tx,
    settled.map((o) => ({
      to: { kind: 'department' as const, departmentId: o.department_id },
      title: `督办单 ${o.number} 已随诉求 ${o.appeal_number} 办结`,
      body: to === 'closed' ? '诉求已办结，督办单随之办结。' : '诉求不予受理，督办单随之办结。',
      link: `/appeals/${o.appeal_id!}`,
      appealId: o.appeal_id!,
    })),
  );
}

export async function meetingItems(db: Db, status?: string) {
  const rows = await repo.meetingItems(db, status);
  return rows.map((m) => ({
    id: m.id,
    appeal: appealRef(m.appeal_id, m.appeal_number, m.appeal_title),
    title: m.title,
    summary: m.summary,
    source: m.source,
    addedAt: m.added_at.toISOString(),
    meetingDate: m.meeting_date,
    decision: m.decision,
    followUpDepartment:
      m.follow_up_department_id !== null && m.follow_up_department_name !== null
        ? { id: m.follow_up_department_id, name: m.follow_up_department_name }
        : null,
    followUpDue: m.follow_up_due,
    status: m.status,
  }));
}

export async function addMeetingItem(
  db: Db,
  user: SessionUser,
  actor: Actor,
  input: { title: string; summary: string; appealId?: number | undefined; meetingDate?: string | undefined },
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertMeetingItem(tx, {
      title: input.title,
      summary: input.summary,
      appeal_id: input.appealId ?? null,
      meeting_date: input.meetingDate ?? null,
      added_by: user.id,
    });
    await recordAudit(tx, actor, { action: 'meeting.add', entityType: 'meeting_item', entityId: id, after: input });
    return id;
  });
}

export async function decideMeetingItem(
  db: Db,
  user: SessionUser,
  actor: Actor,
  id: number,
  input: { decision: string; followUpDepartmentId: number; followUpDue: string },
): Promise<void> {
  const item = await repo.findMeetingItem(db, id);
  if (!item) throw AppError.notFound('议题');
  if (item.status === 'done') throw new AppError('INVALID_STATE', '议题已落实完毕');
  await db.transaction().execute(async (tx) => {
    await repo.updateMeetingItem(tx, id, {
      decision: input.decision,
      decided_by: user.id,
      decided_at: new Date(),
      follow_up_department_id: input.followUpDepartmentId,
      follow_up_due: input.followUpDue,
      status: 'decided',
    });
    await recordAudit(tx, actor, {
      action: 'meeting.decide',
      entityType: 'meeting_item',
      entityId: id,
      before: { status: item.status, decision: item.decision },
      after: input,
    });
    await enqueueNotices(tx, [
      {
        to: { kind: 'department', departmentId: input.followUpDepartmentId },
        title: `联席会议决定待落实：${item.title}`,
        body: `${input.decision}（期限 ${input.followUpDue}）`,
        link: item.appeal_id ? `/appeals/${item.appeal_id}` : undefined,
      },
      {
        to: { kind: 'department_head', departmentId: input.followUpDepartmentId },
        title: `联席会议决定待落实：${item.title}`,
        body: input.decision,
      },
    ]);
  });
}

export async function completeMeetingItem(db: Db, actor: Actor, id: number): Promise<void> {
  const item = await repo.findMeetingItem(db, id);
  if (!item) throw AppError.notFound('议题');
  if (item.status !== 'decided') throw new AppError('INVALID_STATE', '议题尚未形成决定');
  await db.transaction().execute(async (tx) => {
    await repo.updateMeetingItem(tx, id, { status: 'done' });
    await recordAudit(tx, actor, { action: 'meeting.done', entityType: 'meeting_item', entityId: id });
  });
}
