/**
 * The enterprise file as the matching engine reads it (profile.ts turns the rows into records):
 * five set-based queries whatever the number of enterprises, `ids` undefined meaning all.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';

/** How many months of staff reports a record holds, counting back from the evaluation date's month. */
export const STAFF_MONTHS = 36;

/**
 * `lastYear`: the calendar year before the evaluation date; `staffFrom`..`asOf`: the months whose
 * employee reports are read for the months insured, `latestFrom`..`asOf` for the latest employees. A month mask (bit m−1 = month m
 * reported) says which months a yearly total covers; a staff mask (bit k = k months before the
 * evaluation date's month) which months report employees, and which at least one.
 */
export async function fileRows(
  db: Db,
  ids: readonly number[] | undefined,
  w: { lastYear: number; asOf: string; staffFrom: string; latestFrom: string },
) {
  const ly = w.lastYear;
  const only = ids === undefined ? sql`true` : sql`e.id = any(${[...ids]}::int[])`;
  const onlyRef = ids === undefined ? sql`true` : sql`x.enterprise_id = any(${[...ids]}::int[])`;
  const bit = sql`(1 << (extract(month from x.month)::int - 1))`;
  const month = sql`(extract(year from x.month)::int * 12 + extract(month from x.month)::int - 1)`;
  const thisMonth = sql.lit(Number(w.asOf.slice(0, 4)) * 12 + Number(w.asOf.slice(5, 7)) - 1);
  const [base, annual, monthly, staff, latest] = await Promise.all([
    sql<{
      id: number;
      industry_code: string;
      street_code: string | null;
      scale: string;
      tags: string[] | null;
      is_key: boolean;
      founded_on: string | null;
      registered_capital: number | null;
      status: 'active' | 'moved_out' | 'deregistered';
    }>`
      select e.id, e.industry_code, s.code as street_code, e.scale, e.is_key, e.founded_on, e.registered_capital, e.status,
        (select array_agg(t.tag order by t.tag) from enterprise_tags t where t.enterprise_id = e.id) as tags
      from enterprises e left join streets s on s.id = e.street_id
      where ${only} order by e.id`.execute(db),
    sql<{ enterprise_id: number; year: number; revenue: number | null; rd_expense: number | null; patents: number | null }>`
      select x.enterprise_id, x.year, x.revenue, x.rd_expense, x.patents from enterprise_annual_figures x
      where x.year in (${ly}::int, ${ly - 1}::int) and ${onlyRef}`.execute(db),
    sql<{
      enterprise_id: number;
      year: number;
      output: number | null;
      output_mask: number | null;
      tax: number | null;
      tax_mask: number | null;
      fi: number | null;
      fi_mask: number | null;
    }>`
      select x.enterprise_id, extract(year from x.month)::int as year,
        sum(x.output) as output, bit_or(${bit}) filter (where x.output is not null) as output_mask,
        sum(x.tax) as tax, bit_or(${bit}) filter (where x.tax is not null) as tax_mask,
        sum(x.fixed_investment) as fi, bit_or(${bit}) filter (where x.fixed_investment is not null) as fi_mask
      from enterprise_indicators x
      where x.month >= ${`${ly - 1}-01-01`}::date and x.month < ${`${ly + 1}-01-01`}::date and ${onlyRef}
      group by 1, 2`.execute(db),
    sql<{ enterprise_id: number; reported: number; staffed: number }>`
      select x.enterprise_id,
        coalesce(bit_or(1::bigint << (${thisMonth} - ${month})) filter (where x.employees is not null), 0) as reported,
        coalesce(bit_or(1::bigint << (${thisMonth} - ${month})) filter (where x.employees >= 1), 0) as staffed
      from enterprise_indicators x
      where x.month >= ${w.staffFrom}::date and x.month <= ${w.asOf}::date and ${onlyRef}
      group by 1`.execute(db),
    sql<{ enterprise_id: number; month: number; employees: number }>`
      select distinct on (x.enterprise_id) x.enterprise_id, ${month} as month, x.employees from enterprise_indicators x
      where x.month >= ${w.latestFrom}::date and x.month <= ${w.asOf}::date and x.employees is not null and ${onlyRef}
      order by x.enterprise_id, x.month desc`.execute(db),
  ]);
  return { base: base.rows, annual: annual.rows, monthly: monthly.rows, staff: staff.rows, latest: latest.rows };
}
