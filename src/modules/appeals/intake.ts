import type { Insertable } from 'kysely';
import type { z } from 'zod';
import { AppError, fromDatabaseError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { nextCounter } from '../../platform/db/counters.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import { validateUscc } from '../enterprises/uscc.ts';
import { enterpriseIdBy } from '../enterprises/service.ts';
import type { AppealsTable } from '../../platform/db/schema-appeals.ts';
import * as repo from './repository.ts';
import type { AppealDeps } from './service.ts';
import type { submitBody } from './schemas.ts';
import { shanghaiYear } from './time.ts';
import { acceptDeadlineFor } from './clock.ts';

async function enterpriseFor(deps: AppealDeps, user: SessionUser, input: z.output<typeof submitBody>): Promise<number> {
  if (user.role === 'enterprise') {
    if (!user.enterpriseId) throw AppError.forbidden('账号未关联企业');
    return user.enterpriseId;
  }
  if (input.enterpriseId) {
    const id = await enterpriseIdBy(deps.db, { id: input.enterpriseId });
    if (!id) throw AppError.validation('enterpriseId', '企业不存在');
    return id;
  }
  if (input.enterpriseUscc) {
    const v = validateUscc(input.enterpriseUscc);
    if (!v.valid) throw AppError.validation('enterpriseUscc', v.reason);
    const id = await enterpriseIdBy(deps.db, { uscc: v.normalized });
    if (!id) throw AppError.validation('enterpriseUscc', `企业库中没有信用代码为 ${v.normalized} 的企业`);
    return id;
  }
  throw AppError.validation('enterpriseId', '代企业提交时须指定企业');
}

/** What an Open311 requester may add: where the problem is, an e-mail, a picture link (validated by the caller). */
export type RequesterDetails = Pick<
  Insertable<AppealsTable>,
  'location_lat' | 'location_long' | 'location_address' | 'contact_email' | 'media_url'
>;

/**
 * Files an appeal: one way in for every channel. The same Idempotency-Key from the same
 * submitter gives back the appeal it created the first time.
 */
export async function submit(
  deps: AppealDeps,
  user: SessionUser,
  actor: Actor,
  input: z.output<typeof submitBody>,
  idempotencyKey: string | undefined,
  details: RequesterDetails = {},
): Promise<{ id: number; number: string; created: boolean }> {
  if (idempotencyKey) {
    const existing = await repo.findByIdempotencyKey(deps.db, user.id, idempotencyKey);
    if (existing) return { ...existing, created: false };
  }
  const enterpriseId = await enterpriseFor(deps, user, input);
  if (input.serviceItemId) {
    const item = await repo.serviceItem(deps.db, input.serviceItemId);
    if (!item?.active) throw AppError.validation('serviceItemId', '服务事项不存在或已停用');
  }
  const channel = user.role === 'enterprise' ? 'portal' : input.channel;
  if (!channel) throw AppError.validation('channel', '代企业提交时须注明渠道');
  const suggestions = deps.suggester.suggest(`${input.title} ${input.description}`, 3);
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const now = new Date();
      const year = shanghaiYear(now);
      const n = await nextCounter(tx, `appeal-${year}`);
      const number = `QF-${year}-${String(n).padStart(6, '0')}`;
      const id = await repo.insertAppeal(tx, {
        number,
        enterprise_id: enterpriseId,
        service_item_id: input.serviceItemId ?? null,
        title: input.title,
        description: input.description,
        contact_name: input.contactName ?? null,
        contact_phone: input.contactPhone ?? null,
        channel,
        appeal_type: input.appealType,
        requested_urgency: input.urgency,
        state: 'submitted',
        submitted_by: user.id,
        submitted_at: now,
        accept_deadline_at: acceptDeadlineFor(deps.clock, deps.settings(), now, input.urgency),
        idempotency_key: idempotencyKey ?? null,
        external_ref: input.externalRef ?? null,
        suggestions: JSON.stringify(suggestions),
        ...details,
      });
      await repo.insertEvent(tx, {
        appeal_id: id,
        at: now,
        actor_id: user.id,
        actor_name: user.displayName,
        actor_role: user.role,
        action: 'submit',
        to_state: 'submitted',
        note: null,
        data: JSON.stringify({ channel, appealType: input.appealType }),
      });
      await recordAudit(tx, actor, {
        action: 'appeal.submit',
        entityType: 'appeal',
        entityId: id,
        after: { number, enterpriseId, channel, appealType: input.appealType, title: input.title },
      });
      await enqueueNotices(tx, [
        {
          to: { kind: 'role', role: 'specialist' },
          title: `新诉求待受理：${number}`,
          body: input.title,
          link: `/appeals/${id}`,
          appealId: id,
        },
      ]);
      return { id, number, created: true };
    });
  } catch (err) {
    // The same key sent twice at once: the unique index lets one through; the other gets its appeal.
    if (idempotencyKey && fromDatabaseError(err)?.code === 'CONFLICT') {
      const existing = await repo.findByIdempotencyKey(deps.db, user.id, idempotencyKey);
      if (existing) return { ...existing, created: false };
    }
    throw err;
  }
}
