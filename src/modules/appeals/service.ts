import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import { enqueueWebhooks } from '../webhooks/enqueue.ts';
import type { ActionInput } from './action-inputs.ts';
import type { AppealClock, AppealSettings } from './clock.ts';
import type { FollowUpOutcome } from '../../platform/db/schema-follow-up.ts';
import { EFFECTS, type AppealRow } from './effects.ts';
import { awaitsRating, notReachedSinceReply } from './effects-rating.ts';
import * as repo from './repository.ts';
import { settleOrdersWithAppeals } from './office-service.ts';
import type { Suggester } from './suggester.ts';
import { decide, type AppealAction, type AppealState, type Relation } from './workflow.ts';

export interface AppealDeps {
  db: Db;
  clock: AppealClock;
  settings: () => AppealSettings;
  suggester: Suggester;
}

export async function relationOf(db: Db, user: SessionUser, appeal: AppealRow): Promise<Relation> {
  const inDept = user.role === 'handler' && user.departmentId !== null;
  return {
    ownEnterprise: user.role === 'enterprise' && user.enterpriseId === appeal.enterprise_id,
    leadDepartment: inDept && appeal.lead_department_id === user.departmentId,
    assistDepartment: inDept && (await repo.isAssisting(db, appeal.id, user.departmentId!)),
  };
}

/**
 * One guarded use-case for every workflow step: check the role, the actor's relation to the
 * appeal and its state (workflow.ts), then write the change, its timeline event, its audit
 * row and its notifications in one transaction.
 */
export async function act<A extends AppealAction>(
  deps: AppealDeps,
  user: SessionUser,
  actor: Actor,
  appealId: number,
  action: A,
  input: ActionInput<A>,
): Promise<{ state: AppealState }> {
  const result = await deps.db.transaction().execute(async (tx) => {
    const appeal = await repo.lockAppeal(tx, appealId);
    if (!appeal) throw AppError.notFound('诉求');
    const state = appeal.state as AppealState;
    const relation = await relationOf(tx, user, appeal);
    const settings = deps.settings();
    const outcome = 'outcome' in input ? (input.outcome as FollowUpOutcome) : undefined;
    const decision = decide(action, user.role, state, relation, {
      rating: 'rating' in input ? (input.rating as number | undefined) : undefined,
      upheld: 'upheld' in input ? (input.upheld as boolean) : undefined,
      hasDepartment: appeal.lead_department_id !== null,
      appealType: appeal.appeal_type,
      awaitingRating: awaitsRating(appeal),
      outcome,
      // Not reached for the last allowed time: the appeal closes without a rating.
      lastAttempt: outcome === 'not_reached' ? (await notReachedSinceReply(tx, appeal)) + 1 >= settings.followUpMaxAttempts : undefined,
    });
    if (!decision.ok) {
      if (decision.reason === 'state') throw new AppError('INVALID_STATE', decision.message, { state });
      throw AppError.forbidden(decision.message);
    }
    const now = new Date();
    const effect = await EFFECTS[action]({ tx, appeal, input, user, now, to: decision.to, clock: deps.clock, settings });
    const changed = await repo.updateAppealInState(tx, appeal.id, state, { ...effect.patch, state: decision.to });
    // Someone else moved it first (e.g. two handlers claiming at once): exactly one wins.
    if (!changed) throw AppError.conflict('诉求已被他人处理，请刷新后重试');
    const eventId = await repo.insertEvent(tx, {
      appeal_id: appeal.id,
      at: now,
      actor_id: user.id,
      actor_name: user.displayName,
      actor_role: user.role,
      action,
      from_state: state,
      to_state: decision.to,
      note: effect.note ?? null,
      data: effect.data === undefined ? null : JSON.stringify(effect.data),
      public: effect.public ?? true,
    });
    await repo.linkAttachments(tx, appeal.id, effect.attach ?? [], eventId);
    if (decision.to === 'closed' || decision.to === 'declined') await settleOrdersWithAppeals(tx, actor, [appeal.id], decision.to, now);
    await enqueueWebhooks(tx, appeal.id, action, state, decision.to, action === 'rate' || outcome === 'rated');
    await recordAudit(tx, actor, {
      action: `appeal.${action}`,
      entityType: 'appeal',
      entityId: appeal.id,
      before: { state },
      after: { state: decision.to, ...(effect.data && typeof effect.data === 'object' ? effect.data : {}) },
    });
    await enqueueNotices(tx, effect.notify ?? []);
    return {
      state: decision.to,
      learn: action === 'accept' ? { text: `${appeal.title} ${appeal.description}`, itemId: effect.patch?.service_item_id } : undefined,
    };
  });
  // The specialist's confirmed classification teaches the suggester (after commit, in memory).
  if (result.learn?.itemId) deps.suggester.learn(result.learn.text, Number(result.learn.itemId));
  return { state: result.state };
}
