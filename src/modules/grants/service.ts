import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { deliverToEnterprises } from '../campaigns/delivery.ts';
import { DEFAULT_RATE_PER_MINUTE } from '../campaigns/schemas.ts';
import { currentRule, ensureFresh, evaluate, loadProfiles } from '../matching/index.ts';

/** Eligible enterprises of the policy that have no benefit under it and are in no other draft batch. */
async function candidates(db: Db, policyId: number): Promise<number[]> {
  const { rows } = await sql<{ enterprise_id: number }>`
    select m.enterprise_id from policy_matches m
    join enterprises e on e.id = m.enterprise_id and e.status = 'active'
    where m.policy_id = ${policyId}::int and m.outcome = 'eligible'
      and not exists (select 1 from benefits b where b.policy_id = m.policy_id and b.enterprise_id = m.enterprise_id)
      and not exists (select 1 from grant_batch_items i join grant_batches g on g.id = i.batch_id
                      where g.policy_id = m.policy_id and g.status = 'draft' and i.enterprise_id = m.enterprise_id)
    order by m.enterprise_id`.execute(db);
  return rows.map((r) => r.enterprise_id);
}

async function nextNumber(tx: Tx): Promise<string> {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from grant_batches where number like ${`MS${day}-%`}`.execute(tx);
  return `MS${day}-${String((rows[0]?.n ?? 0) + 1).padStart(3, '0')}`;
}

/**
 * 免申即享, step 1: a draft batch of the policy's eligible enterprises, each with the explanation
 * of why (kept with the item, so the confirmed grant shows the reasons it was made on) and an
 * amount: the one the officer sets for the batch, else the policy's maximum.
 */
export async function draftBatch(db: Db, actor: Actor, input: { policyId: number; amount?: number | undefined }) {
  const policy = await db.selectFrom('policies').select(['id', 'title', 'status', 'auto_grant', 'max_amount']).where('id', '=', input.policyId).executeTakeFirst();
  if (!policy) throw AppError.validation('policyId', '政策不存在');
  if (!policy.auto_grant) throw new AppError('INVALID_STATE', '该政策不是免申即享政策');
  if (policy.status !== 'published') throw new AppError('INVALID_STATE', '只能为已发布的政策发放');
  const amount = input.amount ?? policy.max_amount;
  if (amount === null || amount === undefined) throw AppError.validation('amount', '该政策未设定最高金额，请填写每家企业的发放金额');
  const rule = await currentRule(db, policy.id);
  if (!rule) throw new AppError('INVALID_STATE', '该政策没有现行的政策画像规则');
  await ensureFresh(db);
  const ids = await candidates(db, policy.id);
  const items: { enterprise_id: number; amount: number; explanation: string }[] = [];
  // Profiles in one set-based load; the stored match may be a moment older than the file, so
  // each enterprise is evaluated again and only a present pass is drafted.
  for (const { id, active, profile } of await loadProfiles(db, ids)) {
    const evaluation = evaluate(rule.rule, profile);
    if (active && evaluation.eligibility === 'eligible') items.push({ enterprise_id: id, amount, explanation: JSON.stringify({ ...evaluation, version: rule.version }) });
  }
  if (items.length === 0) throw new AppError('INVALID_STATE', '没有待发放的符合条件企业（均已享受或已在草稿批次中）');
  return db.transaction().execute(async (tx) => {
    const number = await nextNumber(tx);
    const batch = await tx.insertInto('grant_batches').values({
      number, policy_id: policy.id, rule_version: rule.version, enterprises: items.length, total_amount: amount * items.length, created_by: actor.id,
    }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < items.length; i += 1_000) await tx.insertInto('grant_batch_items').values(items.slice(i, i + 1_000).map((x) => ({ ...x, batch_id: batch.id }))).execute();
    await recordAudit(tx, actor, { action: 'grant_batch.draft', entityType: 'grant_batch', entityId: batch.id, after: { number, policyId: policy.id, ruleVersion: rule.version, enterprises: items.length, amount } });
    return { id: batch.id, number, enterprises: items.length, totalAmount: amount * items.length };
  });
}

async function draftFor(tx: Tx, batchId: number) {
  const batch = await tx.selectFrom('grant_batches').selectAll().where('id', '=', batchId).forUpdate().executeTakeFirst();
  if (!batch) throw AppError.notFound('发放批次');
  if (batch.status !== 'draft') throw new AppError('INVALID_STATE', batch.status === 'confirmed' ? '批次已确认，不能再修改' : '批次已作废');
  return batch;
}

/** Keeps the batch's counts equal to its included items. */
async function recount(tx: Tx, batchId: number) {
  await sql`update grant_batches g set enterprises = s.n, total_amount = s.total
    from (select count(*)::int as n, coalesce(sum(amount), 0) as total from grant_batch_items where batch_id = ${batchId}::int and not excluded) s
    where g.id = ${batchId}::int`.execute(tx);
}

/** The officer's review of one item: exclude (or include again) an enterprise, or change its amount. */
export async function updateItem(db: Db, actor: Actor, batchId: number, enterpriseId: number, patch: { excluded?: boolean | undefined; amount?: number | undefined }) {
  await db.transaction().execute(async (tx) => {
    await draftFor(tx, batchId);
    const item = await tx.selectFrom('grant_batch_items').select(['excluded', 'amount']).where('batch_id', '=', batchId).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
    if (!item) throw AppError.notFound('批次中的企业');
    const set = { ...(patch.excluded !== undefined ? { excluded: patch.excluded } : {}), ...(patch.amount !== undefined ? { amount: patch.amount } : {}) };
    if (Object.keys(set).length === 0) return;
    await tx.updateTable('grant_batch_items').set(set).where('batch_id', '=', batchId).where('enterprise_id', '=', enterpriseId).execute();
    await recount(tx, batchId);
    await recordAudit(tx, actor, { action: 'grant_batch.item', entityType: 'grant_batch', entityId: batchId, before: { enterpriseId, ...item }, after: { enterpriseId, ...set } });
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
    const policy = await tx.selectFrom('policies').select(['id', 'title']).where('id', '=', batch.policy_id).executeTakeFirstOrThrow();
    const included = await tx.selectFrom('grant_batch_items').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', batchId).where('excluded', '=', false).executeTakeFirstOrThrow();
    if (Number(included.n) === 0) throw new AppError('INVALID_STATE', '批次中没有纳入发放的企业，请作废该批次');
    const day = paidOn ?? new Date().toISOString().slice(0, 10);
    const { rows: granted } = await sql<{ enterprise_id: number; amount: number }>`
      insert into benefits (enterprise_id, policy_id, grant_batch_id, amount, paid_on, payment_batch, created_by)
      select i.enterprise_id, ${batch.policy_id}::int, ${batchId}::int, i.amount, ${day}::date, ${batch.number}, ${actor.id}::int
      from grant_batch_items i
      where i.batch_id = ${batchId}::int and not i.excluded
        and not exists (select 1 from benefits b where b.policy_id = ${batch.policy_id}::int and b.enterprise_id = i.enterprise_id)
      order by i.enterprise_id
      returning enterprise_id, amount`.execute(tx);
    const grantedIds = new Set(granted.map((g) => g.enterprise_id));
    // Items left out because of an earlier benefit are marked so the batch shows what it paid.
    await tx.updateTable('grant_batch_items').set({ excluded: true }).where('batch_id', '=', batchId).where('excluded', '=', false)
      .$if(grantedIds.size > 0, (q) => q.where('enterprise_id', 'not in', [...grantedIds])).execute();
    const total = granted.reduce((s, g) => s + g.amount, 0);
    await tx.updateTable('grant_batches').set({ status: 'confirmed', enterprises: granted.length, total_amount: total, confirmed_by: actor.id, confirmed_at: new Date() }).where('id', '=', batchId).execute();
    await recordAudit(tx, actor, { action: 'grant_batch.confirm', entityType: 'grant_batch', entityId: batchId, before: { status: 'draft' }, after: { status: 'confirmed', enterprises: granted.length, totalAmount: total, paidOn: day } });
    for (const amount of new Set(granted.map((g) => g.amount))) {
      const ids = granted.filter((g) => g.amount === amount).map((g) => g.enterprise_id);
      await deliverToEnterprises(tx, ids, { policyId: policy.id, title: `免申即享：${policy.title}`, body: `贵企业符合政策条件，已免申请享受 ${amount} 万元，请在“我的惠企兑现”查看`, link: '/portal/benefits', kind: 'application' }, {
        inApp: true, sms: true, email: false, ratePerMinute: DEFAULT_RATE_PER_MINUTE,
      });
    }
    return { id: batchId, number: batch.number, enterprises: granted.length, totalAmount: total };
  });
}

export async function cancelBatch(db: Db, actor: Actor, batchId: number) {
  await db.transaction().execute(async (tx) => {
    await draftFor(tx, batchId);
    await tx.updateTable('grant_batches').set({ status: 'cancelled' }).where('id', '=', batchId).execute();
    await recordAudit(tx, actor, { action: 'grant_batch.cancel', entityType: 'grant_batch', entityId: batchId, before: { status: 'draft' }, after: { status: 'cancelled' } });
  });
}
