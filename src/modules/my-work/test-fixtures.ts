import type { Db } from '../../platform/db/index.ts';
import type { Config } from '../../platform/config.ts';
import { seedDemoAppeals } from '../../seed/appeals.ts';
import { seedDemoLiaisons } from '../../seed/liaisons.ts';
import { seedDemoPolicies } from '../../seed/policies.ts';
import { seedDemoPolicyApplications } from '../../seed/policy-applications.ts';
import { seedDemoGrants } from '../../seed/policy-grants.ts';
import { appealClock, DEFAULT_APPEAL_SETTINGS } from '../appeals/clock.ts';
import { sweepWarnings } from '../appeals/sweep.ts';
import { calendarFor } from '../calendar/store.ts';
import { matchAll } from '../matching/index.ts';
import { evaluateSeededMonths } from '../warnings/seed.ts';

/**
 * The rest of the demo district, as a first start seeds it after the enterprises (src/main.ts):
 * appeals with their warnings, liaisons and visits, early warnings, policies, applications and
 * 免申即享 batches — every role's queue has something in it.
 */
export async function seedDemoWork(db: Db, config: Config, appeals = 120): Promise<void> {
  const clock = appealClock(await calendarFor(db), config.officeHours);
  await seedDemoAppeals(db, { count: appeals, randomSeed: 7, clock });
  await sweepWarnings(db, clock, DEFAULT_APPEAL_SETTINGS);
  await seedDemoLiaisons(db, { randomSeed: 7 });
  await evaluateSeededMonths(db);
  await seedDemoPolicies(db, { match: false });
  await matchAll(db);
  await seedDemoPolicyApplications(db, { randomSeed: 7 });
  await seedDemoGrants(db);
}
