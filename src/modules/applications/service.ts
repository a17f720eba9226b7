import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import type { ProfileValue } from '../matching/fields.ts';
import { assess, storedExplanation } from './apply.ts';
import { checkRequired, declaredFieldsOfNotice, materialsOfNotice, type UploadedMaterial } from './materials.ts';
import { notifyEnterprise } from './notify.ts';
import * as repo from './repository.ts';
import type { ActionInput } from './schemas.ts';
import { STATE_NAMES, decide, type ApplicationAction, type ApplicationState, type Relation } from './workflow.ts';

export async function relationOf(db: Db, user: SessionUser, app: { enterprise_id: number; policy_id: number }): Promise<Relation> {
  return {
    ownEnterprise: user.role === 'enterprise' && user.enterpriseId === app.enterprise_id,
    policyDepartment:
      user.role === 'handler' && user.departmentId !== null && (await repo.policyDepartment(db, app.policy_id)) === user.departmentId,
  };
}

/** Office roles that see every application; handlers see their department's policies, enterprises their own. */
const SEE_ALL = ['policy_officer', 'admin', 'leader', 'coordinator'];

export async function canSee(db: Db, user: SessionUser, app: { enterprise_id: number; policy_id: number }): Promise<boolean> {
  if (SEE_ALL.includes(user.role)) return true;
  const r = await relationOf(db, user, app);
  return r.ownEnterprise || r.policyDepartment;
}

interface Effect {
  patch?: Parameters<typeof repo.updateInState>[3];
  comment?: string;
  data?: Record<string, unknown>;
  /** What the enterprise is told; nothing for internal steps. */
  notify?: { title: string; body: string; sms: boolean };
}

type EffectFn<A extends ApplicationAction> = (
  tx: Db,
  app: repo.ApplicationRow,
  input: ActionInput<A>,
  user: SessionUser,
  now: Date,
) => Promise<Effect> | Effect;

const EFFECTS: { [A in ApplicationAction]: EffectFn<A> } = {
  accept: (_tx, app, i) => ({ comment: i.comment ?? '', notify: { title: `申报 ${app.number} 已受理`, body: '已进入审核', sms: false } }),
  pass: (_tx, app, i) => ({ comment: i.comment ?? '', data: { level: app.review_level + 1 } }),
  approve: async (tx, app, i, user, now) => {
    const max = await repo.policyMaxAmount(tx, app.policy_id);
    const requested = app.requested_amount;
    const amount = i.approvedAmount ?? (requested !== null && max !== null ? Math.min(requested, max) : (requested ?? max));
    if (amount !== null && max !== null && amount > max)
      throw AppError.validation('approvedAmount', `核定金额不能超过政策上限 ${max} 万元`);
    return {
      patch: { approved_amount: amount, decided_at: now, decided_by: user.id, decision_reason: i.comment ?? null },
      comment: i.comment ?? '',
      data: { approvedAmount: amount },
      notify: {
        title: `申报 ${app.number} 已审批通过`,
        body: amount !== null ? `核定金额 ${amount} 万元，请留意协议签订通知` : '请留意协议签订通知',
        sms: true,
      },
    };
  },
  refuse: (_tx, app, i, user, now) => ({
    patch: { decided_at: now, decided_by: user.id, decision_reason: i.reason },
    comment: i.reason,
    notify: { title: `申报 ${app.number} 未获批准`, body: i.reason, sms: true },
  }),
  return: (_tx, app, i) => ({
    comment: i.reason,
    data: { materials: i.materials },
    notify: {
      title: `申报 ${app.number} 需补正材料`,
      body: i.materials.length > 0 ? `${i.reason}（${i.materials.join('、')}）` : i.reason,
      sms: true,
    },
  }),
  resubmit: async (tx, app, i) => {
    const notice = await repo.noticeRequirements(tx, app.notice_id);
    checkRequired(materialsOfNotice(notice.materials), await repo.materialCounts(tx, app.id));
    // The file may have changed meanwhile: the reviewer sees the comparison as of now. A resubmission
    // is always reviewed by a person (it was returned by one), so 秒批 does not apply.
    const fields = declaredFieldsOfNotice(notice.declared_fields);
    const a = await assess(tx, app.policy_id, app.enterprise_id, fields, app.declared as Record<string, ProfileValue>);
    return {
      patch: {
        held: JSON.stringify(a.held),
        differences: JSON.stringify(a.differences),
        explanation: storedExplanation(a.explanation, a.version, a.flag ?? (a.differences.length > 0 ? 'differences' : null)),
      },
      comment: i.comment ?? '',
    };
  },
  withdraw: (_tx, _app, i) => ({ comment: i.reason ?? '' }),
  sign_agreement: (_tx, app, i, _user, now) => {
    const signedOn = i.signedOn ?? now.toISOString().slice(0, 10);
    return {
      comment: i.comment ?? '',
      data: { signedOn },
      notify: { title: `申报 ${app.number} 已签订协议`, body: `协议签订日期 ${signedOn}，资金将按批次拨付`, sms: false },
    };
  },
  disburse: async (tx, app, i, user) => {
    if (app.approved_amount !== null && i.amount > app.approved_amount + 1e-6)
      throw AppError.validation('amount', `拨付金额不能超过核定金额 ${app.approved_amount} 万元`);
    const benefitId = await repo.insertBenefit(tx, {
      enterprise_id: app.enterprise_id,
      policy_id: app.policy_id,
      application_id: app.id,
      amount: i.amount,
      paid_on: i.paidOn,
      payment_batch: i.paymentBatch,
      created_by: user.id,
    });
    return {
      data: { amount: i.amount, paidOn: i.paidOn, paymentBatch: i.paymentBatch, benefitId },
      notify: { title: `申报 ${app.number} 资金已拨付`, body: `${i.amount} 万元（${i.paidOn}，批次 ${i.paymentBatch}）`, sms: true },
    };
  },
};

/**
 * One guarded use-case for every review step: lock the application, check the role, the actor's
 * relation and the state (workflow.ts), run the step's effect, update where the state is still the
 * one decided on, append the timeline event and the audit row, tell the enterprise — one transaction.
 */
export async function act<A extends ApplicationAction>(
  db: Db,
  user: SessionUser,
  actor: Actor,
  id: number,
  action: A,
  input: ActionInput<A>,
  now = new Date(),
): Promise<{ state: ApplicationState; reviewLevel: number }> {
  return db.transaction().execute(async (tx) => {
    const app = await repo.lockApplication(tx, id);
    if (!app || !(await canSee(tx, user, app))) throw AppError.notFound('申报');
    const state = app.state;
    const relation = await relationOf(tx, user, app);
    const decision = decide(action, user.role, state, relation, { reviewLevel: app.review_level, reviewLevels: app.review_levels });
    if (!decision.ok) {
      if (decision.reason === 'state') throw new AppError('INVALID_STATE', decision.message, { state });
      throw AppError.forbidden(decision.message);
    }
    const effect = await (EFFECTS[action] as EffectFn<A>)(tx, app, input, user, now);
    const changed = await repo.updateInState(tx, app.id, state, {
      ...effect.patch,
      state: decision.to,
      review_level: decision.reviewLevel,
    });
    if (!changed) throw AppError.conflict('申报已被他人处理，请刷新后重试');
    await repo.insertEvent(tx, {
      application_id: app.id,
      action,
      from_state: state,
      to_state: decision.to,
      level: action === 'pass' || action === 'approve' ? decision.reviewLevel : null,
      actor_id: user.id,
      comment: effect.comment ?? '',
      data: effect.data ? JSON.stringify(effect.data) : null,
      created_at: now,
    });
    await recordAudit(tx, actor, {
      action: `application.${action}`,
      entityType: 'policy_application',
      entityId: app.id,
      before: { state, reviewLevel: app.review_level },
      after: { state: decision.to, reviewLevel: decision.reviewLevel, ...effect.data },
    });
    if (effect.notify) await notifyEnterprise(tx, app, effect.notify.title, effect.notify.body, effect.notify.sms);
    return { state: decision.to, reviewLevel: decision.reviewLevel };
  });
}

/** Materials added after submission (补正): only the applying enterprise, only before review closes. */
export async function addMaterials(db: Db, user: SessionUser, actor: Actor, id: number, files: UploadedMaterial[]): Promise<number> {
  if (files.length === 0) throw AppError.validation('materials', '请选择要上传的材料');
  return db.transaction().execute(async (tx) => {
    const app = await repo.lockApplication(tx, id);
    if (!app || !(await canSee(tx, user, app))) throw AppError.notFound('申报');
    if (!(await relationOf(tx, user, app)).ownEnterprise) throw AppError.forbidden('只能为本企业的申报补充材料');
    if (app.state !== 'returned' && app.state !== 'submitted')
      throw new AppError('INVALID_STATE', `申报处于「${STATE_NAMES[app.state]}」状态，不能补充材料`, { state: app.state });
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
    await recordAudit(tx, actor, {
      action: 'application.attach',
      entityType: 'policy_application',
      entityId: id,
      after: files.map((f) => ({ material: f.material, fileName: f.fileName, size: f.size })),
    });
    return files.length;
  });
}
