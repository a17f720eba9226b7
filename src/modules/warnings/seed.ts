import type { Db } from '../../platform/db/index.ts';
import { addMonths } from '../calendar/working-days.ts';
import { evaluateWarnings, latestMonth } from './service.ts';

/** How many of the latest months a fresh demo evaluates: the monthly report has a quarter to show. */
const DEMO_MONTHS = 3;

/**
 * A fresh demo shows warnings at once: the rules are evaluated for the latest seeded months, oldest
 * first, as the monthly job would have done when their indicators arrived. Older months are left
 * alone: nobody would still be following a warning from a year ago.
 */
export async function evaluateSeededMonths(db: Db): Promise<{ months: string[]; raised: number }> {
  const latest = await latestMonth(db);
  if (!latest) return { months: [], raised: 0 };
  const months = Array.from({ length: DEMO_MONTHS }, (_, i) => addMonths(latest, i - DEMO_MONTHS + 1));
  let raised = 0;
  for (const month of months) raised += (await evaluateWarnings(db, { month })).raised;
  return { months, raised };
}
