import { sql } from 'kysely';
import type { Db } from './index.ts';

/** A round trip to the database: resolves when it answers, throws when it cannot be reached (readiness). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
