import type { Db } from '../../platform/db/index.ts';

export interface AuditFilter {
  q?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
}

export async function searchAudit(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.actor) q = q.where((eb) => eb.or([eb('actor_name', 'like', `%${f.actor}%`), eb(eb.cast('actor_id', 'text'), '=', f.actor!)]));
  if (f.action) q = q.where('action', 'like', `${f.action}%`);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) =>
      eb.or([
        eb('action', 'like', like),
        eb('ip', 'like', like),
        eb('request_id', '=', f.q!),
        eb(eb.cast('before', 'text'), 'like', like),
        eb(eb.cast('after', 'text'), 'like', like),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
