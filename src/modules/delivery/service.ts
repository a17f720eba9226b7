import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/index.ts';
import { MESSAGE_KINDS, type ContactChannel } from '../../platform/db/schema-delivery.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { DEFAULT_PREFERENCES, loadPreferences } from '../notifications/preferences.ts';
import { requestDispatch } from '../notifications/queue.ts';
import * as repo from './repository.ts';

/** Which channels really send, for the pages that send ("短信通道未配置，仅记录日志"). */
export function channelStatus(config: Config) {
  return {
    sms: {
      provider: config.sms?.provider ?? 'log',
      configured: config.sms !== null,
      missingTemplates: config.sms ? MESSAGE_KINDS.filter((k) => !config.sms!.templates[k]) : [],
    },
    email: { provider: config.mail ? 'smtp' : 'log', configured: config.mail !== null },
  } as const;
}

export async function getPreferences(db: Db, enterpriseId: number, canEdit: boolean) {
  const p = (await loadPreferences(db, [enterpriseId])).get(enterpriseId) ?? DEFAULT_PREFERENCES;
  const updatedAt = await repo.preferencesUpdatedAt(db, enterpriseId);
  return {
    enterpriseId,
    channels: p.channels,
    promotions: p.promotions,
    quietHours: p.quiet,
    canEdit,
    updatedAt: updatedAt ? updatedAt.toISOString() : null,
  };
}

/** Whether this portal user is its enterprise's administrator (企业管理员): only they change the settings. */
export async function isEnterpriseAdmin(db: Db, user: SessionUser): Promise<boolean> {
  if (user.role !== 'enterprise' || user.enterpriseId === null) return false;
  const me = await repo.portalUser(db, user.id);
  return me?.active === true && me.enterprise_role === 'admin';
}

export interface PreferencesInput {
  channels: ContactChannel[];
  promotions: boolean;
  quietHours: { start: string; end: string } | null;
}

/** 消息设置: the enterprise's administrator changes them; audited with before and after. */
export async function updatePreferences(db: Db, actor: Actor, user: SessionUser, input: PreferencesInput) {
  if (user.enterpriseId === null) throw AppError.forbidden();
  if (!(await isEnterpriseAdmin(db, user))) throw AppError.forbidden('只有企业管理员可以修改消息设置');
  const enterpriseId = user.enterpriseId;
  await db.transaction().execute(async (tx) => {
    const before = (await loadPreferences(tx, [enterpriseId])).get(enterpriseId) ?? DEFAULT_PREFERENCES;
    const values = {
      channels: input.channels,
      promotions: input.promotions,
      quiet_start: input.quietHours?.start ?? null,
      quiet_end: input.quietHours?.end ?? null,
      updated_by: user.id,
      updated_at: new Date(),
    };
    await repo.savePreferences(tx, enterpriseId, values);
    await recordAudit(tx, actor, {
      action: 'contact_preferences.update',
      entityType: 'enterprise',
      entityId: enterpriseId,
      before,
      after: { channels: input.channels, promotions: input.promotions, quiet: input.quietHours },
    });
  });
  return getPreferences(db, enterpriseId, true);
}

/** Sends a failed message again (e.g. after a template was fixed): attempts from zero, audited. */
export async function retryMessage(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const m = await repo.lockMessage(tx, id);
    if (!m) throw AppError.notFound('消息');
    if (m.status !== 'failed') throw new AppError('INVALID_STATE', '只能重发发送失败的消息');
    await repo.requeueMessage(tx, id, new Date());
    await recordAudit(tx, actor, {
      action: 'outbox.retry',
      entityType: 'outbox',
      entityId: id,
      before: { status: 'failed', errorCode: m.error_code },
      after: { status: 'pending' },
    });
  });
  requestDispatch();
}
