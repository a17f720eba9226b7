import type { Db, Tx } from '../../platform/db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { deliverToEnterprises } from '../campaigns/delivery.ts';
import { DEFAULT_RATE_PER_MINUTE } from '../campaigns/schemas.ts';
import { currentRule, ensureFresh, evaluate, loadProfiles } from '../matching/index.ts';
import * as repo from './repository-batches.ts';

async function nextNumber(tx: Tx): Promise<string> {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return `MS${day}-${String((await repo.batchesNumbered(tx, `MS${day}-`)) + 1).padStart(3, '0')}`;
}

/**
 * 免申即享, step 1: a draft batch of the policy's eligible enterprises, each with the explanation
 * of why (kept with the item, so the confirmed grant shows the reasons it was made on) and an
 * amount: the one the officer sets for the batch, else the policy's maximum.
 */
export async function draftBatch(db: Db, actor: Actor, input: { policyId: number; amount?: number | undefined }) {
  const policy = await repo.grantPolicy(db, input.policyId);
  if (!policy) throw AppError.validation('policyId', '政策不存在');
  if (!policy.auto_grant) throw new AppError('INVALID_STATE', '该政策不是免申即享政策');
  if (policy.status !== 'published') throw new AppError('INVALID_STATE', '只能为已发布的政策发放');
  const amount = input.amount ?? policy.max_amount;
  if (amount === null || amount === undefined) throw AppError.validation('amount', '该政策未设定最高金额，请填写每家企业的发放金额');
  const rule = await currentRule(db, policy.id);
  if (!rule) throw new AppError('INVALID_STATE', '该政策没有现行的政策画像规则');
  await ensureFresh(db);
  const ids = await repo.grantCandidates(db, policy.id);
  const items: { enterprise_id: number; amount: number; explanation: string }[] = [];
  // Profiles in one set-based load; the stored match may be a moment older than the file, so
  // each enterprise is evaluated again and only a present pass is drafted.
  for (const { id, active, profile } of await loadProfiles(db, ids)) {
    const evaluation = evaluate(rule.rule, profile);
    if (active && evaluation.eligibility === 'eligible')
      items.push({ enterprise_id: id, amount, explanation: JSON.stringify({ ...evaluation, version: rule.version }) });
  }
  if (items.length === 0) throw new AppError('INVALID_STATE', '没有待发放的符合条件企业（均已享受或已在草稿批次中）');
  return db.transaction().execute(async (tx) => {
    const number = await nextNumber(tx);
    const batchId = await repo.insertBatch(tx, {
      number,
      policy_id: policy.id,
      rule_version: rule.version,
      enterprises: items.length,
      total_amount: amount * items.length,
      created_by: actor.id,
    });
    await repo.insertBatchItems(tx, batchId, items);
    await recordAudit(tx, actor, {
      action: 'grant_batch.draft',
      entityType: 'grant_batch',
      entityId: batchId,
      after: { number, policyId: policy.id, ruleVersion: rule.version, enterprises: items.length, amount },
    });
    return { id: batchId, number, enterprises: items.length, totalAmount: amount * items.length };
  });
}

async function draftFor(tx: Tx, batchId: number) {
  const batch = await repo.lockBatch(tx, batchId);
  if (!batch) throw AppError.notFound('发放批次');
  if (batch.status !== 'draft') throw new AppError('INVALID_STATE', batch.status === 'confirmed' ? '批次已确认，不能再修改' : '批次已作废');
  return batch;
}

/** The officer's review of one item: exclude (or include again) an enterprise, or change its amount. */
export async function updateItem(
  db: Db,
  actor: Actor,
  batchId: number,
  enterpriseId: number,
  patch: { excluded?: boolean | undefined; amount?: number | undefined },
) {
  await db.transaction().execute(async (tx) => {
    await draftFor(tx, batchId);
    const item = await repo.batchItem(tx, batchId, enterpriseId);
    if (!item) throw AppError.notFound('批次中的企业');
    const set = {
      ...(patch.excluded !== undefined ? { excluded: patch.excluded } : {}),
      ...(patch.amount !== undefined ? { amount: patch.amount } : {}),
    };
    if (Object.keys(set).length === 0) return;
    await repo.updateBatchItem(tx, batchId, enterpriseId, set);
    await repo.recountBatch(tx, batchId);
    await recordAudit(tx, actor, {
      action: 'grant_batch.item',
      entityType: 'grant_batch',
      entityId: batchId,
      before: { enterpriseId, ...item },
      after: { enterpriseId, ...set },
    });
  });
}

/**
 * 免申即享, step 2: one transaction writes a benefit per included item, confirms the batch and
 * audits it; then the enterprises are told (in-app and SMS, queued in the same transaction so a
 * notice exists exactly when the grant does). An enterprise that received a benefit under the
 * policy since the draft (another batch, a disbursed application) is left out, so none gets two.
 */
export async function confirmBatch(db: Db, actor: Actor, batchId: number, paidOn: string | undefined) {
  return db.transaction().execute(async (tx) => {
    const batch = await draftFor(tx, batchId);
    const policy = await repo.policyTitle(tx, batch.policy_id);
    if ((await repo.includedItems(tx, batchId)) === 0) throw new AppError('INVALID_STATE', '批次中没有纳入发放的企业，请作废该批次');
    const day = paidOn ?? new Date().toISOString().slice(0, 10);
    const granted = await repo.insertGrantBenefits(tx, {
      id: batchId,
      policyId: batch.policy_id,
      number: batch.number,
      paidOn: day,
      by: actor.id,
    });
    const grantedIds = new Set(granted.map((g) => g.enterprise_id));
    // Items left out because of an earlier benefit are marked so the batch shows what it paid.
    await repo.excludeAllBut(tx, batchId, grantedIds);
    const total = granted.reduce((s, g) => s + g.amount, 0);
    await repo.updateBatch(tx, batchId, {
      status: 'confirmed',
      enterprises: granted.length,
      total_amount: total,
      confirmed_by: actor.id,
      confirmed_at: new Date(),
    });
    await recordAudit(tx, actor, {
      action: 'grant_batch.confirm',
      entityType: 'grant_batch',
      entityId: batchId,
      before: { status: 'draft' },
      after: { status: 'confirmed', enterprises: granted.length, totalAmount: total, paidOn: day },
    });
    for (const amount of new Set(granted.map((g) => g.amount))) {
      const ids = granted.filter((g) => g.amount === amount).map((g) => g.enterprise_id);
      await deliverToEnterprises(
        tx,
        ids,
        {
          policyId: policy.id,
          title: `免申即享：${policy.title}`,
          body: `贵企业符合政策条件，已免申请享受 ${amount} 万元，请在“我的惠企兑现”查看`,
          link: '/portal/benefits',
          kind: 'application',
        },
        {
          inApp: true,
          sms: true,
          email: false,
          ratePerMinute: DEFAULT_RATE_PER_MINUTE,
        },
      );
    }
    return { id: batchId, number: batch.number, enterprises: granted.length, totalAmount: total };
  });
}

export async function cancelBatch(db: Db, actor: Actor, batchId: number) {
  await db.transaction().execute(async (tx) => {
    await draftFor(tx, batchId);
    await repo.updateBatch(tx, batchId, { status: 'cancelled' });
    await recordAudit(tx, actor, {
      action: 'grant_batch.cancel',
      entityType: 'grant_batch',
      entityId: batchId,
      before: { status: 'draft' },
      after: { status: 'cancelled' },
    });
  });
}
