import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { ClientChannel } from '../../platform/db/schema-open.ts';

const clientColumns = [
  'c.id',
  'c.name',
  'c.description',
  'c.channel',
  'c.scopes',
  'c.rate_per_minute',
  'c.key_prefix',
  'c.active',
  'c.created_at',
  'c.key_rotated_at',
  'c.revoked_at',
  'c.user_id',
] as const;

export function listClients(db: Db) {
  return db
    .selectFrom('api_clients as c')
    .select(clientColumns)
    .select((eb) =>
      eb
        .selectFrom('api_calls')
        .select(sql<Date>`max(at)`.as('m'))
        .whereRef('client_id', '=', 'c.id')
        .as('last_call_at'),
    )
    .orderBy('c.id')
    .execute();
}

export function findClient(db: Db, id: number) {
  return db.selectFrom('api_clients as c').select(clientColumns).where('c.id', '=', id).executeTakeFirst();
}

export async function insertServiceUser(tx: Db, username: string, displayName: string): Promise<number> {
  // Inactive with an unusable password: the account cannot log in, gets no role-wide notices
  // and is not counted as staff; it exists so that the client's acts are attributed to it.
  const row = await tx
    .insertInto('users')
    .values({ username, display_name: displayName, password_hash: '!api-client', role: 'specialist', active: false })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertClient(
  tx: Db,
  c: {
    name: string;
    description: string;
    userId: number;
    channel: ClientChannel;
    scopes: string;
    rate: number;
    prefix: string;
    hash: string;
    createdBy: number;
  },
): Promise<number> {
  const row = await tx
    .insertInto('api_clients')
    .values({
      name: c.name,
      description: c.description,
      user_id: c.userId,
      channel: c.channel,
      scopes: c.scopes,
      rate_per_minute: c.rate,
      key_prefix: c.prefix,
      key_hash: c.hash,
      created_by: c.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateClient(
  tx: Db,
  id: number,
  patch: { name?: string; description?: string; channel?: ClientChannel; scopes?: string; rate_per_minute?: number },
): Promise<void> {
  await tx.updateTable('api_clients').set(patch).where('id', '=', id).execute();
}

export async function setKey(tx: Db, id: number, prefix: string, hash: string, now: Date): Promise<void> {
  await tx.updateTable('api_clients').set({ key_prefix: prefix, key_hash: hash, key_rotated_at: now }).where('id', '=', id).execute();
}

export async function revoke(tx: Db, id: number, now: Date): Promise<void> {
  await tx.updateTable('api_clients').set({ active: false, revoked_at: now }).where('id', '=', id).execute();
}

export function findByKeyHash(db: Db, hash: string) {
  return db
    .selectFrom('api_clients as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select([
      'c.id',
      'c.scopes',
      'c.rate_per_minute',
      'u.id as userId',
      'u.username',
      'u.display_name',
      'u.role',
      'u.department_id',
      'u.street_id',
      'u.enterprise_id',
    ])
    .where('c.key_hash', '=', hash)
    .where('c.active', '=', true)
    .executeTakeFirst();
}

export async function insertCall(
  db: Db,
  c: { clientId: number; method: string; path: string; status: number; ms: number; requestId: string },
): Promise<void> {
  await db
    .insertInto('api_calls')
    .values({ client_id: c.clientId, method: c.method, path: c.path, status: c.status, ms: c.ms, request_id: c.requestId })
    .execute();
}

/**
 * Deletes the call log older than `before`, oldest first in batches: ids grow with time, so each
 * batch is found at the start of the primary key and no long lock is held on a busy log.
 */
export async function pruneCalls(db: Db, before: Date, batch = 5_000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const r = await db
      .deleteFrom('api_calls')
      .where('id', 'in', (eb) => eb.selectFrom('api_calls').select('id').where('at', '<', before).orderBy('id').limit(batch))
      .executeTakeFirst();
    const n = Number(r.numDeletedRows);
    deleted += n;
    if (n < batch) return deleted;
  }
}

export async function listCalls(db: Db, clientId: number, page: number, pageSize: number) {
  const [items, total] = await Promise.all([
    db
      .selectFrom('api_calls')
      .select(['id', 'at', 'method', 'path', 'status', 'ms', 'request_id'])
      .where('client_id', '=', clientId)
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('api_calls')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The latest appeal the client filed under its own reference. */
export function appealByRef(db: Db, userId: number, externalRef: string) {
  return db
    .selectFrom('appeals as a')
    .leftJoin('departments as d', 'd.id', 'a.lead_department_id')
    .select([
      'a.id',
      'a.number',
      'a.external_ref',
      'a.state',
      'a.submitted_at',
      'a.updated_at',
      'a.deadline_at',
      'a.reply',
      'a.rating',
      'a.rating_source',
      'a.appeal_type',
      'd.name as department_name',
    ])
    .where('a.submitted_by', '=', userId)
    .where('a.external_ref', '=', externalRef)
    .orderBy('a.id', 'desc')
    .executeTakeFirst();
}

export function publicEvents(db: Db, appealId: number) {
  return db
    .selectFrom('appeal_events')
    .select(['at', 'action', 'to_state', 'note'])
    .where('appeal_id', '=', appealId)
    .where('public', '=', true)
    .orderBy('id')
    .execute();
}
