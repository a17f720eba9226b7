import type { Db, Tx } from '../../platform/db/index.ts';
import type { NewUser, Role, UserUpdate } from '../../platform/db/schema.ts';

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  departmentId?: number | undefined;
  active?: boolean | undefined;
  page: number;
  pageSize: number;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .leftJoin('streets as st', 'st.id', 'u.street_id')
    .leftJoin('enterprises as e', 'e.id', 'u.enterprise_id');
}

export async function listUsers(db: Db, f: UserFilter) {
  let q = baseQuery(db);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) =>
      eb.or([
        eb('u.username', 'ilike', like),
        eb('u.display_name', 'ilike', like),
        eb('u.mobile', 'like', like),
        eb('e.name', 'like', like),
      ]),
    );
  }
  if (f.role) q = q.where('u.role', '=', f.role);
  if (f.departmentId) q = q.where('u.department_id', '=', f.departmentId);
  if (f.active !== undefined) q = q.where('u.active', '=', f.active);
  const [rows, count] = await Promise.all([
    q
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.mobile',
        'u.role',
        'u.enterprise_role',
        'u.active',
        'u.locked_until',
        'u.last_login_at',
        'd.id as department_id',
        'd.name as department_name',
        'st.id as street_id',
        'st.name as street_name',
        'e.id as enterprise_id',
        'e.name as enterprise_name',
        'e.uscc as enterprise_uscc',
      ])
      .orderBy('u.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findUser(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, user: NewUser): Promise<number> {
  const r = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUser(db: Db, id: number, patch: UserUpdate): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function deleteSessionsOf(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').select(['id', 'role', 'active']).where('username', '=', username).executeTakeFirst();
}

export async function hasActiveAdmin(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', true).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Locks the enterprises, in id order (two changes at once cannot deadlock), until the transaction ends. */
export async function lockEnterprises(tx: Tx, ids: readonly number[]): Promise<void> {
  if (ids.length > 0)
    await tx
      .selectFrom('enterprises')
      .select('id')
      .where('id', 'in', [...ids])
      .orderBy('id')
      .forUpdate()
      .execute();
}
