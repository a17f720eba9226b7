import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionUser } from '../../platform/http/access.ts';
import { maskEmail, maskMobile } from '../../platform/mask.ts';
import * as queries from './repository-lists.ts';
import * as repo from './repository.ts';
import type { appealDetail, listQuery } from './schemas.ts';
import { relationOf } from './service.ts';
import type { Suggestion } from './suggester.ts';
import { availableActions, FOLLOW_UP_ROLES, type AppealState } from './workflow.ts';
import { awaitsRating } from './effects-rating.ts';
import { followUpCalls } from './follow-ups.ts';
import { calendarFor } from '../calendar/store.ts';
import { deadlineProvisional } from './provisional.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

export async function list(db: Db, user: SessionUser, f: z.output<typeof listQuery>) {
  const [{ rows, total }, calendar] = await Promise.all([queries.listAppeals(db, user, f), calendarFor(db)]);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      state: r.state as AppealState,
      appealType: r.appeal_type,
      channel: r.channel,
      grade: r.grade,
      enterprise: { id: r.enterprise_id, name: r.enterprise_name },
      serviceItem: ref(r.service_item_id, r.service_item_name),
      department: ref(r.lead_department_id, r.department_name),
      submittedAt: r.submitted_at.toISOString(),
      deadlineAt: iso(r.deadline_at),
      acceptDeadlineAt: iso(r.accept_deadline_at),
      deadlineProvisional: deadlineProvisional(calendar, r),
      warningLevel: r.warning_level,
      escalated: r.escalated_at !== null,
      reopenCount: r.reopen_count,
    })),
  };
}

export async function detail(db: Db, user: SessionUser, id: number): Promise<z.output<typeof appealDetail>> {
  if (!(await queries.isVisible(db, user, id))) {
    if (await repo.findAppeal(db, id)) throw AppError.forbidden('无权查看该诉求');
    throw AppError.notFound('诉求');
  }
  const a = await queries.appealHeader(db, id);
  if (!a) throw AppError.notFound('诉求');
  const isEnterprise = user.role === 'enterprise';
  const [depts, events, files, relation, pendingReturn, pendingExtension, calls, calendar] = await Promise.all([
    repo.departmentsOf(db, id),
    repo.events(db, id, isEnterprise),
    queries.attachmentsOf(db, id, isEnterprise),
    relationOf(db, user, a),
    repo.pendingReturn(db, id),
    repo.pendingExtension(db, id),
    isEnterprise ? Promise.resolve([]) : followUpCalls(db, id),
    calendarFor(db),
  ]);
  // The enterprise and the staff handling it need the phone and e-mail; everyone else sees them masked.
  const fullContact = isEnterprise || relation.leadDepartment || FOLLOW_UP_ROLES.includes(user.role);
  const deptName = new Map(depts.map((d) => [d.department_id, d.name]));
  const suggestions = (Array.isArray(a.suggestions) ? a.suggestions : []) as Suggestion[];
  const names = new Map(
    (
      await queries.serviceItemNames(
        db,
        suggestions.map((s) => s.serviceItemId),
      )
    ).map((i) => [i.id, i.name]),
  );
  const state = a.state as AppealState;
  return {
    id: a.id,
    number: a.number,
    title: a.title,
    description: a.description,
    state,
    appealType: a.appeal_type,
    channel: a.channel,
    grade: a.grade,
    enterprise: { id: a.enterprise_id, name: a.enterprise_name },
    serviceItem: ref(a.service_item_id, a.service_item_name),
    department: ref(a.lead_department_id, a.department_name),
    submittedAt: a.submitted_at.toISOString(),
    deadlineAt: iso(a.deadline_at),
    acceptDeadlineAt: iso(a.accept_deadline_at),
    deadlineProvisional: deadlineProvisional(calendar, a),
    warningLevel: a.warning_level,
    escalated: a.escalated_at !== null,
    reopenCount: a.reopen_count,
    contactName: a.contact_name,
    contactPhone: fullContact ? a.contact_phone : maskMobile(a.contact_phone),
    contactEmail: fullContact || !a.contact_email ? a.contact_email : maskEmail(a.contact_email),
    location:
      a.location_address !== null || a.location_lat !== null
        ? { address: a.location_address, lat: a.location_lat, long: a.location_long }
        : null,
    mediaUrl: a.media_url,
    requestedUrgency: a.requested_urgency,
    acceptedAt: iso(a.accepted_at),
    repliedAt: iso(a.replied_at),
    closedAt: iso(a.closed_at),
    reply: a.reply,
    declineReason: a.decline_reason,
    rating: a.rating,
    ratingComment: a.rating_comment,
    ratingSource: a.rating_source,
    closedUnrated: a.closed_unrated,
    followUps: calls,
    onSpot: a.on_spot,
    paused: a.paused_since !== null,
    mergedInto: a.merged_into_id !== null && a.merged_into_number !== null ? { id: a.merged_into_id, number: a.merged_into_number } : null,
    departments: depts.map((d) => ({ id: d.department_id, name: d.name, role: d.role, opinion: d.opinion })),
    suggestions: isEnterprise ? [] : suggestions.map((s) => ({ ...s, name: names.get(s.serviceItemId) ?? String(s.serviceItemId) })),
    attachments: files.map((f) => ({ id: f.id, fileName: f.file_name, mime: f.mime, size: f.size, eventId: f.event_id })),
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorName: isEnterprise && e.actor_role !== 'enterprise' ? staffLabel(e.actor_role) : e.actor_name,
      actorRole: e.actor_role,
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      note: e.note,
      data: e.data,
    })),
    pendingReturn:
      isEnterprise || !pendingReturn
        ? null
        : {
            reason: pendingReturn.reason,
            suggestedDepartmentId: pendingReturn.suggested_department_id,
            fromDepartment: deptName.get(pendingReturn.department_id) ?? null,
          },
    pendingExtension:
      isEnterprise || !pendingExtension
        ? null
        : {
            workingDays: pendingExtension.working_days,
            reason: pendingExtension.reason,
            requestedAt: pendingExtension.requested_at.toISOString(),
          },
    // One pending extension at a time: offer to ask for one, or to decide it, accordingly.
    // A merged appeal is answered through the one it joined: nothing more to do on it.
    actions:
      a.merged_into_id !== null
        ? []
        : availableActions(user.role, state, relation, { awaitingRating: awaitsRating(a) }).filter((act) =>
            act === 'request_extension' ? !pendingExtension : act === 'decide_extension' ? Boolean(pendingExtension) : true,
          ),
  };
}

/** Enterprises see the office that acted, not the civil servant's name. */
function staffLabel(role: string): string {
  return (
    (
      {
        specialist: '企服专员',
        admin: '企业服务办',
        coordinator: '企业服务办',
        handler: '承办部门',
        leader: '区领导',
        system: '系统',
      } as Record<string, string>
    )[role] ?? '工作人员'
  );
}

/** Suggestions with the names a person needs to confirm them. */
export async function suggestions(db: Db, items: readonly Suggestion[]) {
  const info = new Map(
    (
      await queries.serviceItemInfo(
        db,
        items.map((s) => s.serviceItemId),
      )
    ).map((i) => [i.id, i]),
  );
  return items.flatMap((s) => {
    const i = info.get(s.serviceItemId);
    return i ? [{ ...s, name: i.name, categoryName: i.category_name, departmentName: i.department_name }] : [];
  });
}

/** A list's count and its oldest appeals, for 我的待办: the same view and filters as GET /api/appeals. */
export async function queue(db: Db, user: SessionUser, f: Omit<z.output<typeof listQuery>, 'page' | 'pageSize'>, limit: number) {
  const { rows, total } = await queries.oldestAppeals(db, user, f, limit);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      label: `${r.number} ${r.title}`,
      detail: r.enterprise_name,
      since: r.submitted_at.toISOString(),
      // While unaccepted, the clock that runs is the acceptance deadline's.
      due: iso(r.deadline_at ?? r.accept_deadline_at),
      warning: r.warning_level,
    })),
  };
}
