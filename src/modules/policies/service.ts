import type { Db, Tx } from '../../platform/db/index.ts';
import type { PolicyStatus } from '../../platform/db/schema-policies.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { rematchPolicy } from '../matching/index.ts';
import type { NoticeBody, NoticePatch, PolicyBody, PolicyPatch } from './schemas.ts';
import * as repo from './repository-writes.ts';
import { indexTokens } from './tokens.ts';

/** The columns a policy body writes, with the search tokens kept in step with the text. */
function columnsOf(b: PolicyBody) {
  return {
    code: b.code,
    title: b.title,
    doc_number: b.docNumber,
    issuer: b.issuer,
    department_id: b.departmentId,
    level: b.level,
    category: b.category,
    effective_from: b.effectiveFrom,
    effective_to: b.effectiveTo,
    summary: b.summary,
    full_text: b.fullText,
    interpretation: b.interpretation,
    benefit: b.benefit,
    max_amount: b.maxAmount,
    industry_codes: b.industryCodes,
    auto_grant: b.autoGrant,
    title_tokens: indexTokens(b.title),
    body_tokens: bodyTokens(b),
  };
}

export function bodyTokens(b: {
  docNumber: string | null;
  issuer: string;
  summary: string;
  fullText: string;
  interpretation: string;
  benefit: string;
}): string {
  return indexTokens([b.docNumber ?? '', b.issuer, b.summary, b.benefit, b.interpretation, b.fullText].join('\n'));
}

function checkDates(from: string, to: string | null): void {
  if (to !== null && to < from) throw AppError.validation('effectiveTo', '失效日期不能早于生效日期');
}

async function lockPolicy(tx: Tx, id: number) {
  const p = await repo.lockPolicy(tx, id);
  if (!p) throw AppError.notFound('政策');
  return p;
}

export async function createPolicy(db: Db, actor: Actor, b: PolicyBody): Promise<number> {
  checkDates(b.effectiveFrom, b.effectiveTo);
  return db.transaction().execute(async (tx) => {
    if (await repo.codeTaken(tx, b.code))
      throw new AppError('CONFLICT', `政策编号 ${b.code} 已存在`, { fields: [{ field: 'code', message: '编号已存在' }] });
    const id = await repo.insertPolicy(tx, { ...columnsOf(b), created_by: actor.id });
    await recordAudit(tx, actor, {
      action: 'policy.create',
      entityType: 'policy',
      entityId: id,
      after: { ...b, fullText: undefined, interpretation: undefined },
    });
    return id;
  });
}

function toBody(p: {
  code: string;
  title: string;
  doc_number: string | null;
  issuer: string;
  department_id: number | null;
  level: PolicyBody['level'];
  category: string;
  effective_from: string;
  effective_to: string | null;
  summary: string;
  full_text: string;
  interpretation: string;
  benefit: string;
  max_amount: number | null;
  industry_codes: string[];
  auto_grant: boolean;
}): PolicyBody {
  return {
    code: p.code,
    title: p.title,
    docNumber: p.doc_number,
    issuer: p.issuer,
    departmentId: p.department_id,
    level: p.level,
    category: p.category,
    effectiveFrom: String(p.effective_from),
    effectiveTo: p.effective_to === null ? null : String(p.effective_to),
    summary: p.summary,
    fullText: p.full_text,
    interpretation: p.interpretation,
    benefit: p.benefit,
    maxAmount: p.max_amount,
    industryCodes: p.industry_codes,
    autoGrant: p.auto_grant,
  };
}

/** Edits a policy; a change of its dates in force re-matches it (after commit, so the engine sees the change). */
export async function updatePolicy(db: Db, actor: Actor, id: number, patch: PolicyPatch): Promise<void> {
  const datesChanged = await db.transaction().execute(async (tx) => {
    const p = await lockPolicy(tx, id);
    if (p.status === 'archived') throw new AppError('INVALID_STATE', '政策已归档，不能修改');
    const before = toBody(p);
    const next: PolicyBody = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    checkDates(next.effectiveFrom, next.effectiveTo);
    if (next.code !== before.code) {
      if (await repo.codeTaken(tx, next.code, id))
        throw new AppError('CONFLICT', `政策编号 ${next.code} 已存在`, { fields: [{ field: 'code', message: '编号已存在' }] });
    }
    await repo.updatePolicy(tx, id, { ...columnsOf(next), updated_at: new Date() });
    const { before: b, after: a } = changedFields(before, next);
    for (const k of ['fullText', 'interpretation'] as const) if (k in a) a[k] = b[k] = '(正文已修改)';
    await recordAudit(tx, actor, { action: 'policy.update', entityType: 'policy', entityId: id, before: b, after: a });
    return next.effectiveFrom !== before.effectiveFrom || next.effectiveTo !== before.effectiveTo;
  });
  if (datesChanged) await rematchPolicy(db, id);
}

const TRANSITIONS: Record<'publish' | 'archive' | 'unpublish', { from: PolicyStatus[]; to: PolicyStatus; label: string }> = {
  publish: { from: ['draft'], to: 'published', label: '发布' },
  archive: { from: ['draft', 'published'], to: 'archived', label: '归档' },
  unpublish: { from: ['published'], to: 'draft', label: '撤回为草稿' },
};

/** draft → published → archived (a published policy may go back to draft for correction). Re-matches it after commit. */
export async function changePolicyStatus(db: Db, actor: Actor, id: number, action: keyof typeof TRANSITIONS): Promise<void> {
  const t = TRANSITIONS[action];
  await db.transaction().execute(async (tx) => {
    const p = await lockPolicy(tx, id);
    if (!t.from.includes(p.status)) throw new AppError('INVALID_STATE', `政策当前状态不能${t.label}`);
    if (action === 'publish' && !p.full_text.trim() && !p.summary.trim())
      throw AppError.validation('fullText', '发布前请填写政策原文或摘要');
    await repo.updatePolicy(tx, id, {
      status: t.to,
      updated_at: new Date(),
      ...(action === 'publish' ? { published_at: new Date() } : {}),
    });
    if (t.to !== 'published') await repo.withdrawPublishedNotices(tx, id, new Date());
    await recordAudit(tx, actor, {
      action: `policy.${action}`,
      entityType: 'policy',
      entityId: id,
      before: { status: p.status },
      after: { status: t.to },
    });
  });
  await rematchPolicy(db, id);
}

function checkWindow(opensAt: string, closesAt: string): void {
  if (new Date(closesAt) <= new Date(opensAt)) throw AppError.validation('closesAt', '截止时间须晚于开始时间');
}

export async function createNotice(db: Db, actor: Actor, policyId: number, b: NoticeBody): Promise<number> {
  checkWindow(b.opensAt, b.closesAt);
  return db.transaction().execute(async (tx) => {
    const p = await lockPolicy(tx, policyId);
    if (p.status === 'archived') throw new AppError('INVALID_STATE', '政策已归档，不能新增申报通知');
    const id = await repo.insertNotice(tx, {
      policy_id: policyId,
      title: b.title,
      body: b.body,
      opens_at: b.opensAt,
      closes_at: b.closesAt,
      materials: JSON.stringify(b.materials),
      declared_fields: JSON.stringify(b.declaredFields),
      review_levels: b.reviewLevels,
      budget: b.budget,
      created_by: actor.id,
    });
    await recordAudit(tx, actor, { action: 'policy_notice.create', entityType: 'policy_notice', entityId: id, after: { policyId, ...b } });
    return id;
  });
}

async function lockNotice(tx: Tx, id: number) {
  const n = await repo.lockNotice(tx, id);
  if (!n) throw AppError.notFound('申报通知');
  return n;
}

export async function updateNotice(db: Db, actor: Actor, id: number, patch: NoticePatch): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const n = await lockNotice(tx, id);
    if (n.status === 'withdrawn') throw new AppError('INVALID_STATE', '申报通知已撤回，不能修改');
    const opensAt = patch.opensAt ?? new Date(n.opens_at).toISOString();
    const closesAt = patch.closesAt ?? new Date(n.closes_at).toISOString();
    checkWindow(opensAt, closesAt);
    await repo.updateNotice(tx, id, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      opens_at: opensAt,
      closes_at: closesAt,
      ...(patch.materials !== undefined ? { materials: JSON.stringify(patch.materials) } : {}),
      ...(patch.declaredFields !== undefined ? { declared_fields: JSON.stringify(patch.declaredFields) } : {}),
      ...(patch.reviewLevels !== undefined ? { review_levels: patch.reviewLevels } : {}),
      ...(patch.budget !== undefined ? { budget: patch.budget } : {}),
      updated_at: new Date(),
    });
    await recordAudit(tx, actor, {
      action: 'policy_notice.update',
      entityType: 'policy_notice',
      entityId: id,
      before: { title: n.title, opensAt: n.opens_at, closesAt: n.closes_at },
      after: patch,
    });
  });
}

/** draft → published (only under a published policy) → withdrawn. */
export async function changeNoticeStatus(db: Db, actor: Actor, id: number, action: 'publish' | 'withdraw'): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const n = await lockNotice(tx, id);
    if (action === 'publish') {
      if (n.status !== 'draft') throw new AppError('INVALID_STATE', '只有草稿状态的申报通知可以发布');
      if ((await repo.policyStatus(tx, n.policy_id)) !== 'published')
        throw new AppError('INVALID_STATE', '请先发布所属政策，再发布申报通知');
    } else if (n.status === 'withdrawn') throw new AppError('INVALID_STATE', '申报通知已撤回');
    const to = action === 'publish' ? 'published' : 'withdrawn';
    await repo.updateNotice(tx, id, { status: to, updated_at: new Date() });
    await recordAudit(tx, actor, {
      action: `policy_notice.${action}`,
      entityType: 'policy_notice',
      entityId: id,
      before: { status: n.status },
      after: { status: to },
    });
  });
}
