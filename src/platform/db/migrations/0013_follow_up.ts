import { sql, type Kysely } from 'kysely';

// 回访 (follow-up ratings) and appeal types.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`select 1`.execute(db);
}
