import pino from 'pino';
import { loadConfig } from './platform/config.ts';
import { logOptions } from './platform/log.ts';
import { openDatabase, type Database } from './platform/db/index.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { buildApp } from './app.ts';
import { needsSeed, seedDemo } from './seed/demo.ts';
import { seedDemoAppeals } from './seed/appeals.ts';
import { seedDemoLiaisons } from './seed/liaisons.ts';
import { evaluateSeededMonths } from './modules/warnings/seed.ts';
import { seedDemoPolicies } from './seed/policies.ts';
import { seedDemoPolicyApplications } from './seed/policy-applications.ts';
import { seedDemoGrants } from './seed/policy-grants.ts';
import { calendarFor } from './modules/calendar/store.ts';
import { appealClock, DEFAULT_APPEAL_SETTINGS } from './modules/appeals/clock.ts';
import { sweepWarnings } from './modules/appeals/sweep.ts';
import { matchAll } from './modules/matching/index.ts';
import { hasActiveAdministrator } from './modules/users/first-admin.ts';

const config = loadConfig();
const log = pino({ level: config.logLevel, ...logOptions });
const started = Date.now();

let database: Database;
try {
  database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
} catch (err) {
  if (err instanceof DataDirLockedError) {
    log.fatal(err.message);
    process.exit(1);
  }
  throw err;
}
log.info({ kind: database.kind, location: database.location }, 'database opened');

const applied = await migrateToLatest(database.db);
if (applied.length > 0) log.info({ applied }, 'migrations applied');

if (config.seed === 'demo' && (await needsSeed(database.db))) {
  log.info({ enterprises: config.demoEnterprises }, 'seeding the demo district (first start)');
  const r = await seedDemo(database.db, {
    enterprises: config.demoEnterprises,
    randomSeed: config.demoRandomSeed,
    log: (m: string) => log.info(m),
  });
  const clock = appealClock(await calendarFor(database.db), config.officeHours);
  const appeals = await seedDemoAppeals(database.db, {
    count: Math.min(20_000, Math.round(config.demoEnterprises / 4)),
    randomSeed: config.demoRandomSeed,
    clock,
  });
  await sweepWarnings(database.db, clock, DEFAULT_APPEAL_SETTINGS);
  await seedDemoLiaisons(database.db, { randomSeed: config.demoRandomSeed });
  log.info(await evaluateSeededMonths(database.db), 'early warning: the latest seeded months evaluated');
  log.info(await seedDemoPolicies(database.db, { match: false }), 'demo policy library seeded');
  log.info({ ...r, appeals }, 'demo district seeded');
  log.info(await matchAll(database.db), 'policy matching: full match of the demo district');
  // After matching: most demo applicants are enterprises the engine found eligible.
  log.info(
    { applications: await seedDemoPolicyApplications(database.db, { randomSeed: config.demoRandomSeed }) },
    'demo policy applications seeded',
  );
  log.info(await seedDemoGrants(database.db), 'demo 免申即享 batches seeded');
}
if (!(await hasActiveAdministrator(database.db))) {
  log.warn(
    'no active administrator yet: create the first one with `npm run create-admin` (it prompts; scripts set QIFU_ADMIN_USERNAME and QIFU_ADMIN_PASSWORD)',
  );
}

const app = await buildApp({ db: database.db, config }, { logger: log });
await app.listen({ port: config.port, host: config.host });
log.info({ url: `http://localhost:${config.port}`, startupMs: Date.now() - started }, 'Qifu is ready');

// Graceful shutdown: stop accepting, let in-flight requests finish, then close the database cleanly.
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    log.error('shutdown took longer than 20 s; exiting');
    process.exit(1);
  }, 20_000);
  force.unref();
  await app.close();
  await database.close();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
