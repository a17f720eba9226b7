import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './index.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_calendar.ts';
import * as m0003 from './migrations/0003_appeals.ts';
import * as m0004 from './migrations/0004_appeal_stats.ts';
import * as m0005 from './migrations/0005_open_platform.ts';
import * as m0006 from './migrations/0006_enterprise_file.ts';
import * as m0007 from './migrations/0007_service_network.ts';
import * as m0008 from './migrations/0008_early_warning.ts';
import * as m0009 from './migrations/0009_policies.ts';
import * as m0010 from './migrations/0010_application_returns.ts';
import * as m0011 from './migrations/0011_enterprise_accounts.ts';
import * as m0012 from './migrations/0012_delivery.ts';
import * as m0013 from './migrations/0013_follow_up.ts';
import * as m0014 from './migrations/0014_job_runs.ts';
import * as m0015 from './migrations/0015_rate_limits.ts';
import * as m0016 from './migrations/0016_login_attempts.ts';
import * as m0017 from './migrations/0017_accept_deadline.ts';
import * as m0018 from './migrations/0018_reply_templates.ts';
import * as m0019 from './migrations/0019_open311_location.ts';
import * as m0020 from './migrations/0020_webhook_order.ts';
import * as m0021 from './migrations/0021_calendar_reminders.ts';
import * as m0022 from './migrations/0022_sso_logout_and_settled_orders.ts';

/** Migrations listed explicitly: no directory scanning, works alike under tsx and vitest. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_calendar': m0002,
  '0003_appeals': m0003,
  '0004_appeal_stats': m0004,
  '0005_open_platform': m0005,
  '0006_enterprise_file': m0006,
  '0007_service_network': m0007,
  '0008_early_warning': m0008,
  '0009_policies': m0009,
  '0010_application_returns': m0010,
  '0011_enterprise_accounts': m0011,
  '0012_delivery': m0012,
  '0013_follow_up': m0013,
  '0014_job_runs': m0014,
  '0015_rate_limits': m0015,
  '0016_login_attempts': m0016,
  '0017_accept_deadline': m0017,
  '0018_reply_templates': m0018,
  '0019_open311_location': m0019,
  '0020_webhook_order': m0020,
  '0021_calendar_reminders': m0021,
  '0022_sso_logout_and_settled_orders': m0022,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * `schema`: where the migration bookkeeping lives when the database is used through a
 * search_path (test schemas); Kysely otherwise finds another schema's tables and skips its own.
 */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
