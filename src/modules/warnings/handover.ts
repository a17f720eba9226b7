import type { Tx } from '../../platform/db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import { assignWarnings, openWarningsOf } from './repository-changes.ts';

const CHUNK = 5_000;

/**
 * When enterprises get a new liaison cadre (one by one or in bulk), their open and following
 * warnings go with them: the new cadre follows them up from now on. Runs in the reassignment's
 * transaction; each moved warning gets its audit row, each new cadre one notice. Closed warnings
 * stay with who closed them (reopening one gives it to the enterprise's cadre of the day).
 */
export async function handOverWarnings(
  tx: Tx,
  changes: readonly { enterpriseId: number; toUserId: number }[],
  actor: Actor,
): Promise<number> {
  const to = new Map(changes.map((c) => [c.enterpriseId, c.toUserId]));
  const ids = [...to.keys()];
  const moved: { id: number; from: number | null; to: number }[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await openWarningsOf(tx, ids.slice(i, i + CHUNK));
    for (const r of rows)
      if (r.assigned_user_id !== to.get(r.enterprise_id)) moved.push({ id: r.id, from: r.assigned_user_id, to: to.get(r.enterprise_id)! });
  }
  const byCadre = new Map<number, number[]>();
  for (const m of moved) (byCadre.get(m.to) ?? byCadre.set(m.to, []).get(m.to)!).push(m.id);
  const now = new Date();
  for (const [userId, warningIds] of byCadre) {
    for (let i = 0; i < warningIds.length; i += CHUNK) {
      await assignWarnings(tx, warningIds.slice(i, i + CHUNK), userId, now);
    }
  }
  for (const m of moved) {
    await recordAudit(tx, actor, {
      action: 'warning.reassign',
      entityType: 'enterprise_warning',
      entityId: m.id,
      before: { assignedUserId: m.from },
      after: { assignedUserId: m.to },
    });
  }
  await enqueueNotices(
    tx,
    [...byCadre].map(([userId, warningIds]) => ({
      to: { kind: 'user' as const, userId },
      title: `${warningIds.length} 条监测预警转由您跟进`,
      body: '您新挂点的企业有未关闭的监测预警，请及时走访核实并登记跟进情况',
      link: '/warnings?mine=1',
    })),
  );
  return moved.length;
}
