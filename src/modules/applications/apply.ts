import { nextCounter } from '../../platform/db/counters.ts';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { shanghaiDate } from '../calendar/working-days.ts';
import { currentRule, evaluate, explain, loadProfile, type Explanation } from '../matching/index.ts';
import { fieldDef, type Profile, type ProfileValue } from '../matching/fields.ts';
import type { Evaluation } from '../matching/rule.ts';
import { differencesOf, heldValues, instantOutcome, type Difference } from './instant.ts';
import { checkRequired, declaredFieldsOfNotice, materialsOfNotice, type UploadedMaterial } from './materials.ts';
import { notifyEnterprise } from './notify.ts';
import * as repo from './repository.ts';
import type { ApplyInput } from './schemas.ts';

function ownEnterprise(user: SessionUser): number {
  if (user.role !== 'enterprise' || user.enterpriseId === null) throw AppError.forbidden('只有企业用户可以申报');
  return user.enterpriseId;
}

/** A notice one may apply to: published, under a published policy. */
async function publishedNotice(db: Db, noticeId: number): Promise<repo.NoticeRow> {
  const notice = await repo.noticeWithPolicy(db, noticeId);
  if (!notice || notice.status !== 'published' || notice.policy_status !== 'published') throw AppError.notFound('申报通知');
  return notice;
}

function windowOpen(notice: repo.NoticeRow, now: Date): boolean {
  return now >= new Date(notice.opens_at) && now <= new Date(notice.closes_at);
}

const fmt = (d: Date | string) => new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

async function evaluateHeld(
  db: Db,
  policyId: number,
  profile: Profile | undefined,
): Promise<{ evaluation?: Evaluation; version: number | null }> {
  const current = await currentRule(db, policyId);
  if (!current || !profile) return { version: current?.version ?? null };
  return { evaluation: evaluate(current.rule, profile), version: current.version };
}

/**
 * The application against the held data: held values of the declared fields, the differences,
 * the policy's current rule evaluated on held data, and whether that decides it instantly.
 * Fields the applicant left out count as declared equal to the file (the form is pre-filled).
 */
export async function assess(
  db: Db,
  policyId: number,
  enterpriseId: number,
  fields: readonly string[],
  given: Record<string, ProfileValue>,
) {
  const profile = await loadProfile(db, enterpriseId);
  const held = profile ? heldValues(fields, profile) : {};
  const declared: Record<string, ProfileValue> = { ...held, ...given };
  const differences = differencesOf(fields, declared, held);
  const { evaluation, version } = await evaluateHeld(db, policyId, profile);
  const outcome = instantOutcome(evaluation, differences);
  const explanation = evaluation ? explain(evaluation, version) : null;
  return { declared, held, differences, outcome, explanation, flag: outcome.instant ? null : outcome.flag, version };
}

/** The explanation column: the explanation with the reason for manual review (or an empty one without a rule). */
export function storedExplanation(explanation: Explanation | null, version: number | null, flag: string | null): string {
  return JSON.stringify(explanation ? { ...explanation, flag } : { version, eligibility: 'unknown', conditions: [], flag });
}

/** The application form filled in from the enterprise file (申报表预填). */
export async function prefill(db: Db, user: SessionUser, noticeId: number, now = new Date()) {
  const enterpriseId = ownEnterprise(user);
  const notice = await publishedNotice(db, noticeId);
  const fields = declaredFieldsOfNotice(notice.declared_fields);
  const [profile, contact, existing, me] = await Promise.all([
    loadProfile(db, enterpriseId),
    repo.primaryContact(db, enterpriseId),
    repo.activeApplication(db, noticeId, enterpriseId),
    repo.userContact(db, user.id),
  ]);
  const held = profile ? heldValues(fields, profile) : {};
  const { evaluation, version } = await evaluateHeld(db, notice.policy_id, profile);
  return {
    notice: {
      id: notice.id,
      title: notice.title,
      body: notice.body,
      opensAt: new Date(notice.opens_at).toISOString(),
      closesAt: new Date(notice.closes_at).toISOString(),
      open: windowOpen(notice, now),
      reviewLevels: notice.review_levels,
    },
    policy: { id: notice.policy_id, title: notice.policy_title, benefit: notice.benefit, maxAmount: notice.max_amount },
    fields: fields.map((f) => {
      const def = fieldDef(f);
      return {
        field: f,
        label: def?.label ?? f,
        labelEn: def?.labelEn ?? f,
        kind: def?.kind ?? 'number',
        unit: def?.unit ?? null,
        source: def?.source ?? '',
        held: held[f] ?? null,
      };
    }),
    materials: materialsOfNotice(notice.materials).map((m, index) => ({ index, ...m })),
    // The enterprise's primary contact, else the applying user.
    contact: contact ? { name: contact.name, phone: contact.mobile } : { name: me?.display_name ?? null, phone: me?.mobile ?? null },
    explanation: evaluation ? explain(evaluation, version) : null,
    existing: existing ? { id: existing.id, number: existing.number, state: existing.state } : null,
  };
}

/** A declared value must have the field's kind; null means "not held / not declared". */
function checkDeclared(fields: readonly string[], declared: Record<string, ProfileValue>): void {
  for (const [key, v] of Object.entries(declared)) {
    const def = fieldDef(key);
    if (!def || !fields.includes(key)) throw AppError.validation(`declared.${key}`, '该字段不在申报通知的申报项中');
    if (v === null) continue;
    const ok =
      def.kind === 'number'
        ? typeof v === 'number' && Number.isFinite(v)
        : def.kind === 'date'
          ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
          : def.kind === 'code'
            ? typeof v === 'string'
            : def.kind === 'codes'
              ? Array.isArray(v)
              : typeof v === 'boolean';
    if (!ok) throw AppError.validation(`declared.${key}`, `「${def.label}」的取值类型不正确`);
  }
}

function summary(instant: boolean, explanation: Explanation | null, differences: readonly Difference[]): string {
  if (instant) return '按已掌握的数据，政策条件全部满足，系统秒批通过';
  if (!explanation) return '已提交，等待受理审核';
  if (differences.length > 0) return `申报值与已掌握数据有 ${differences.length} 处不一致，转人工审核`;
  return '部分条件需人工核实，转人工审核';
}

/**
 * Submits an application (申报). The declared values are compared with the file; when the
 * policy's current rule is decided by held data in every condition and passes, and nothing
 * declared differs, the application is approved at once (秒批) with its explanation.
 */
export async function submit(db: Db, user: SessionUser, actor: Actor, input: ApplyInput, files: UploadedMaterial[], now = new Date()) {
  const enterpriseId = ownEnterprise(user);
  const notice = await publishedNotice(db, input.noticeId);
  if (now < new Date(notice.opens_at)) throw new AppError('INVALID_STATE', `申报尚未开始，开始时间为 ${fmt(notice.opens_at)}`);
  if (now > new Date(notice.closes_at)) throw new AppError('INVALID_STATE', `申报已于 ${fmt(notice.closes_at)} 截止`);
  const fields = declaredFieldsOfNotice(notice.declared_fields);
  checkDeclared(fields, input.declared);
  const list = materialsOfNotice(notice.materials);
  const have = new Map<string, number>();
  for (const f of files) have.set(f.material, (have.get(f.material) ?? 0) + 1);
  checkRequired(list, have);
  const existing = await repo.activeApplication(db, notice.id, enterpriseId);
  if (existing) throw AppError.conflict(`本企业已申报该通知（${existing.number}），不能重复申报`, { applicationId: existing.id });

  const { declared, held, differences, outcome, explanation, flag, version } = await assess(
    db,
    notice.policy_id,
    enterpriseId,
    fields,
    input.declared,
  );
  const requested = input.requestedAmount ?? null;
  const approvedAmount = outcome.instant
    ? requested !== null && notice.max_amount !== null
      ? Math.min(requested, notice.max_amount)
      : (requested ?? notice.max_amount)
    : null;
  const note = summary(outcome.instant, explanation, differences);

  const result = await db.transaction().execute(async (tx) => {
    const year = shanghaiDate(now).slice(0, 4);
    const number = `SB-${year}-${String(await nextCounter(tx, `application-${year}`)).padStart(6, '0')}`;
    const state = outcome.instant ? ('approved' as const) : ('submitted' as const);
    const id = await repo.insertApplication(tx, {
      number,
      notice_id: notice.id,
      policy_id: notice.policy_id,
      enterprise_id: enterpriseId,
      applicant_id: user.id,
      state,
      review_level: outcome.instant ? notice.review_levels : 0,
      review_levels: notice.review_levels,
      declared: JSON.stringify(declared),
      held: JSON.stringify(held),
      differences: JSON.stringify(differences),
      explanation: storedExplanation(explanation, version, flag),
      instant: outcome.instant,
      requested_amount: requested,
      approved_amount: approvedAmount,
      contact_name: input.contactName,
      contact_phone: input.contactPhone,
      decision_reason: outcome.instant ? note : null,
      decided_at: outcome.instant ? now : null,
      created_at: now,
    });
    await repo.insertMaterials(
      tx,
      files.map((f) => ({
        application_id: id,
        material: f.material,
        file_name: f.fileName,
        mime: f.mime,
        size: f.size,
        sha256: f.sha256,
        content: f.content,
        uploaded_by: user.id,
      })),
    );
    await repo.insertEvent(tx, {
      application_id: id,
      action: 'submit',
      from_state: null,
      to_state: 'submitted',
      actor_id: user.id,
      comment: '',
      data: JSON.stringify({ differences: differences.length, materials: files.length }),
      created_at: now,
    });
    if (outcome.instant) {
      await repo.insertEvent(tx, {
        application_id: id,
        action: 'instant_approve',
        from_state: 'submitted',
        to_state: 'approved',
        level: notice.review_levels,
        actor_id: null,
        comment: note,
        data: JSON.stringify({ ruleVersion: version, approvedAmount }),
        created_at: now,
      });
    }
    await recordAudit(tx, actor, {
      action: 'application.submit',
      entityType: 'policy_application',
      entityId: id,
      after: { number, noticeId: notice.id, state, instant: outcome.instant, flag, differences: differences.length },
    });
    const target = { id, enterprise_id: enterpriseId, policy_id: notice.policy_id, contact_phone: input.contactPhone };
    if (outcome.instant) await notifyEnterprise(tx, target, `申报 ${number} 已秒批通过`, `「${notice.policy_title}」：${note}`, true);
    else await notifyEnterprise(tx, target, `申报 ${number} 已提交`, `「${notice.policy_title}」：${note}`, false);
    return { id, number, state };
  });
  return { ...result, instant: outcome.instant, flag, explanation, differences };
}
