import type { Db } from '../../platform/db/index.ts';
import type { Role } from '../../platform/db/schema.ts';

/** Staff only: enterprise users sign in with their own accounts, not the government's provider. */
export function findStaff(db: Db, login: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'active'])
    .where((eb) => eb.or([eb('username', '=', login), eb('mobile', '=', login)]))
    .where('role', '!=', 'enterprise')
    .executeTakeFirst();
}

export async function setRole(tx: Db, id: number, role: Role): Promise<void> {
  await tx.updateTable('users').set({ role, updated_at: new Date() }).where('id', '=', id).execute();
}
