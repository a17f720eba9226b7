import type { Database } from '../../src/platform/db/index.ts';
import { databaseFrom } from './templates.ts';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a database of
 * its own on the PostgreSQL server named by TEST_DATABASE_URL (in the 'postgres' test project,
 * see vitest.config.ts). A copy of the run's migrated template (tests/support/templates.ts).
 */
export async function freshDatabase(): Promise<Database> {
  return databaseFrom('migrated');
}

/** A fresh database holding the demo (random seed 7) with this many enterprises. */
export async function demoDatabase(enterprises: number): Promise<Database> {
  return databaseFrom({ enterprises });
}
