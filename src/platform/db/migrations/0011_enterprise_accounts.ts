import { sql, type Kysely } from 'kysely';

// Enterprise accounts: several users per enterprise (企业管理员 / 经办人), the legal
// representative's mobile (one of the numbers a registrant may be verified by).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table enterprises add column legal_rep_mobile text`.execute(db);
  await sql`alter table users add column enterprise_role text check (enterprise_role in ('admin', 'agent'))`.execute(db);
  // Every enterprise user so far was created by an administrator, one per enterprise: its administrator.
  await sql`update users set enterprise_role = 'admin' where role = 'enterprise'`.execute(db);
}
