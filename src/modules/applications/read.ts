import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionUser } from '../../platform/http/access.ts';
import { maskMobile } from '../../platform/mask.ts';
import { fieldDef, type ProfileValue } from '../matching/fields.ts';
import { sameValue, type Difference } from './instant.ts';
import { declaredFieldsOfNotice, materialsOfNotice } from './materials.ts';
import * as repo from './repository.ts';
import type { Explanation } from '../matching/index.ts';
import type { ApplicationDetail, ListItem } from './schemas.ts';
import { canSee, relationOf } from './service.ts';
import { availableActions } from './workflow.ts';

type StoredExplanation = Explanation & { flag: ListItem['flag'] };

const iso = (d: Date | string) => new Date(d).toISOString();

export async function detail(db: Db, user: SessionUser, id: number): Promise<ApplicationDetail> {
  const a = await repo.detailHeader(db, id);
  if (!a || !(await canSee(db, user, a))) throw AppError.notFound('申报');
  const [materials, events, benefits, relation] = await Promise.all([
    repo.materialsOf(db, id),
    repo.eventsOf(db, id),
    repo.benefitsOf(db, id),
    relationOf(db, user, a),
  ]);
  const stored = a.explanation as StoredExplanation | null;
  const declared = a.declared as Record<string, ProfileValue>;
  const held = a.held as Record<string, ProfileValue>;
  const isEnterprise = user.role === 'enterprise';
  const counts = new Map<string, number>();
  for (const m of materials) counts.set(m.material, (counts.get(m.material) ?? 0) + 1);
  return {
    id: a.id,
    number: a.number,
    state: a.state,
    instant: a.instant,
    flag: stored?.flag ?? null,
    reviewLevel: a.review_level,
    reviewLevels: a.review_levels,
    policy: { id: a.policy_id, title: a.policy_title, departmentName: a.department_name, maxAmount: a.max_amount },
    notice: { id: a.notice_id, title: a.notice_title, closesAt: iso(a.closes_at) },
    enterprise: {
      id: a.enterprise_id,
      name: a.enterprise_name,
      uscc: a.uscc,
      industryCode: a.industry_code,
      streetName: a.street_name,
      scale: a.scale,
    },
    fields: declaredFieldsOfNotice(a.declared_fields).map((f) => {
      const def = fieldDef(f);
      const d = declared[f] ?? null;
      const h = held[f] ?? null;
      return {
        field: f,
        label: def?.label ?? f,
        labelEn: def?.labelEn ?? f,
        kind: def?.kind ?? 'number',
        unit: def?.unit ?? null,
        declared: d,
        held: h,
        differs: !sameValue(d, h),
      };
    }),
    differences: a.differences as Difference[],
    explanation:
      stored && stored.flag !== 'no_rule'
        ? { version: stored.version, eligibility: stored.eligibility, conditions: stored.conditions }
        : null,
    requestedAmount: a.requested_amount,
    approvedAmount: a.approved_amount,
    contactName: a.contact_name,
    contactPhone: a.contact_phone,
    decisionReason: a.decision_reason,
    decidedAt: a.decided_at ? iso(a.decided_at) : null,
    materials: materials.map((m) => ({
      id: m.id,
      material: m.material,
      fileName: m.file_name,
      mime: m.mime,
      size: m.size,
      createdAt: iso(m.created_at),
    })),
    materialSlots: materialsOfNotice(a.notice_materials).map((m, index) => ({
      index,
      name: m.name,
      required: m.required,
      files: counts.get(m.name) ?? 0,
    })),
    // The enterprise sees who acted by role, not the reviewer's name.
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      level: e.level,
      actorName: e.actor_name === null ? null : isEnterprise && e.actor_role !== 'enterprise' ? '审核人员' : e.actor_name,
      comment: e.comment,
      data: e.data,
      at: iso(e.created_at),
    })),
    benefits: benefits.map((b) => ({ id: b.id, amount: b.amount, paidOn: b.paid_on, paymentBatch: b.payment_batch })),
    actions: availableActions(user.role, a.state, relation, { reviewLevel: a.review_level, reviewLevels: a.review_levels }),
    createdAt: iso(a.created_at),
  };
}

export interface ListQuery {
  page: number;
  pageSize: number;
  state?: string | undefined;
  policyId?: number | undefined;
  noticeId?: number | undefined;
  instant?: 'true' | 'false' | undefined;
  level?: number | undefined;
  flag?: string | undefined;
  q?: string | undefined;
}

export async function list(db: Db, user: SessionUser, q: ListQuery): Promise<{ items: ListItem[]; total: number }> {
  const scope: repo.ListFilter =
    user.role === 'enterprise'
      ? { enterpriseId: user.enterpriseId ?? -1 }
      : user.role === 'handler'
        ? { departmentId: user.departmentId ?? -1 }
        : {};
  const { rows, total } = await repo.list(
    db,
    {
      ...scope,
      state: q.state,
      policyId: q.policyId,
      noticeId: q.noticeId,
      instant: q.instant === undefined ? undefined : q.instant === 'true',
      level: q.level,
      flag: q.flag,
      q: q.q,
    },
    q.page,
    q.pageSize,
  );
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      state: r.state,
      instant: r.instant,
      flag: (r.flag as ListItem['flag']) ?? null,
      reviewLevel: r.review_level,
      reviewLevels: r.review_levels,
      policyId: r.policy_id,
      policyTitle: r.policy_title,
      noticeId: r.notice_id,
      noticeTitle: r.notice_title,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      differences: Number(r.difference_count),
      requestedAmount: r.requested_amount,
      approvedAmount: r.approved_amount,
      contactPhone: maskMobile(r.contact_phone),
      createdAt: iso(r.created_at),
    })),
  };
}

export async function materialFile(db: Db, user: SessionUser, id: number, fileId: number) {
  const a = await repo.findApplication(db, id);
  if (!a || !(await canSee(db, user, a))) throw AppError.notFound('申报');
  const file = await repo.material(db, id, fileId);
  if (!file) throw AppError.notFound('材料');
  return file;
}
