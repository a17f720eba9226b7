import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import { SimilarityIndex, clusterSimilar, DEFAULT_THRESHOLD } from '../classification/similarity.ts';
import * as repo from './repository.ts';
import type { problemCreate, problemPatch } from './schemas.ts';

const POOL_DAYS = 180;
const CACHE_MS = 60_000;
let cache: { db: Db; at: number; index: SimilarityIndex } | undefined;

/** The similarity index over the pool, rebuilt at most once a minute: searches are many, appeals few. */
async function poolIndex(db: Db): Promise<SimilarityIndex> {
  if (cache && cache.db === db && Date.now() - cache.at < CACHE_MS) return cache.index;
  const rows = await repo.poolAppeals(db, new Date(Date.now() - POOL_DAYS * 86_400_000));
  const index = new SimilarityIndex(rows.map((r) => ({ id: r.id, text: r.text, enterpriseId: r.enterprise_id })));
  cache = { db, at: Date.now(), index };
  return index;
}

export function forgetPool(): void {
  cache = undefined;
}

export async function similarTo(db: Db, appealId: number) {
  const a = await repo.findAppeal(db, appealId);
  if (!a) throw AppError.notFound('诉求');
  const matches = (await poolIndex(db)).findSimilar(`${a.title} ${a.description}`, {
    enterpriseId: a.enterprise_id,
    excludeId: a.id,
    threshold: DEFAULT_THRESHOLD,
    limit: 10,
  });
  const info = new Map(
    (
      await repo.appealsByIds(
        db,
        matches.map((m) => m.id),
      )
    ).map((r) => [r.id, r]),
  );
  return matches.flatMap((m) => {
    const r = info.get(m.id);
    return r
      ? [
          {
            id: r.id,
            number: r.number,
            title: r.title,
            state: r.state,
            enterprise: { id: r.enterprise_id, name: r.enterprise_name },
            score: Math.round(m.score * 1000) / 1000,
            sameEnterprise: m.sameEnterprise,
            commonProblemId: r.common_problem_id,
          },
        ]
      : [];
  });
}

/** Clusters of similar appeals from several enterprises: candidates for a common problem. */
export async function candidates(db: Db) {
  const clusters = clusterSimilar(await poolIndex(db)).filter((c) => c.enterpriseIds.length >= 2 && c.ids.length >= 3);
  const reps = new Map(
    (
      await repo.appealsByIds(
        db,
        clusters.map((c) => c.representativeId),
      )
    ).map((r) => [r.id, r]),
  );
  return clusters
    .sort((a, b) => b.enterpriseIds.length - a.enterpriseIds.length || b.ids.length - a.ids.length)
    .slice(0, 50)
    .map((c) => ({
      appealIds: c.ids,
      enterprises: c.enterpriseIds.length,
      terms: c.terms,
      title: reps.get(c.representativeId)?.title ?? c.terms.join(' '),
    }));
}

/**
 * Merges a repeat into the appeal it repeats: the repeat closes, pointing at the one that goes
 * on, and its enterprise is told which appeal it joined.
 */
export async function merge(db: Db, user: SessionUser, actor: Actor, id: number, intoId: number): Promise<void> {
  if (id === intoId) throw AppError.validation('intoId', '不能并入自身');
  const [a, into] = await Promise.all([repo.findAppeal(db, id), repo.findAppeal(db, intoId)]);
  if (!a || !into) throw AppError.notFound('诉求');
  if (!['submitted', 'accepted'].includes(a.state)) throw new AppError('INVALID_STATE', '只有尚未分办的诉求可以并入其他诉求');
  if (into.merged_into_id !== null || ['declined', 'closed'].includes(into.state))
    throw AppError.validation('intoId', '目标诉求已办结或已被合并');
  const now = new Date();
  await db.transaction().execute(async (tx) => {
    if (!(await repo.closeAsMerged(tx, a.id, a.state, into.id, now))) throw AppError.conflict('诉求已被他人处理，请刷新后重试');
    await repo.insertAppealEvent(tx, {
      appeal_id: a.id,
      at: now,
      actor_id: user.id,
      actor_name: user.displayName,
      actor_role: user.role,
      action: 'merge',
      from_state: a.state,
      to_state: 'closed',
      note: `已并入诉求 ${into.number}，将随该诉求一并办理`,
      data: JSON.stringify({ intoId: into.id, intoNumber: into.number }),
    });
    await repo.insertAppealEvent(tx, {
      appeal_id: into.id,
      at: now,
      actor_id: user.id,
      actor_name: user.displayName,
      actor_role: user.role,
      action: 'merged_in',
      note: `合并了诉求 ${a.number}`,
      data: JSON.stringify({ fromId: a.id }),
      public: false,
    });
    await recordAudit(tx, actor, {
      action: 'appeal.merge',
      entityType: 'appeal',
      entityId: a.id,
      before: { state: a.state },
      after: { state: 'closed', mergedInto: into.id },
    });
    await enqueueNotices(tx, [
      {
        to: { kind: 'enterprise', enterpriseId: a.enterprise_id },
        title: `您的诉求 ${a.number} 已并入 ${into.number} 一并办理`,
        link: `/portal/appeals/${a.id}`,
        appealId: a.id,
      },
    ]);
  });
  forgetPool();
}

export async function problems(db: Db, status?: string) {
  const rows = await repo.listProblems(db, status);
  return rows.map((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    owner: p.owner_department_id !== null && p.owner_name !== null ? { id: p.owner_department_id, name: p.owner_name } : null,
    deadline: p.deadline,
    progress: p.progress,
    status: p.status,
    appeals: Number(p.appeals ?? 0),
    enterprises: Number(p.enterprises ?? 0),
    createdAt: p.created_at.toISOString(),
  }));
}

export async function createProblem(db: Db, user: SessionUser, actor: Actor, input: z.output<typeof problemCreate>): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertProblem(tx, {
      title: input.title,
      description: input.description,
      owner_department_id: input.ownerDepartmentId,
      deadline: input.deadline ?? null,
      created_by: user.id,
    });
    if (input.appealIds.length) await repo.linkAppeals(tx, id, input.appealIds);
    await recordAudit(tx, actor, { action: 'common_problem.create', entityType: 'common_problem', entityId: id, after: input });
    await enqueueNotices(tx, [
      {
        to: { kind: 'department', departmentId: input.ownerDepartmentId },
        title: `共性问题交办：${input.title}`,
        body: input.description,
        link: '/problems',
      },
    ]);
    return id;
  });
}

export async function updateProblem(db: Db, actor: Actor, id: number, input: z.output<typeof problemPatch>): Promise<void> {
  const p = await repo.findProblem(db, id);
  if (!p) throw AppError.notFound('共性问题');
  const patch = {
    title: input.title,
    description: input.description,
    owner_department_id: input.ownerDepartmentId,
    deadline: input.deadline,
    progress: input.progress,
    status: input.status,
  };
  const diff = changedFields(p, patch);
  await db.transaction().execute(async (tx) => {
    if (Object.keys(diff.after).length) await repo.updateProblem(tx, id, { ...patch, updated_at: new Date() });
    if (input.linkAppealIds?.length) await repo.linkAppeals(tx, id, input.linkAppealIds);
    await recordAudit(tx, actor, {
      action: 'common_problem.update',
      entityType: 'common_problem',
      entityId: id,
      ...diff,
      after: { ...diff.after, linkAppealIds: input.linkAppealIds },
    });
  });
}
