/**
 * The enterprise file as the matching engine reads it (profile.ts turns the rows into records):
 * four set-based queries whatever the number of enterprises, `ids` undefined meaning all.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';

/** `lastYear`: the calendar year before the evaluation date; `employeesFrom`..`asOf`: the window for "latest employees". */
export async function fileRows(db: Db, ids: readonly number[] | undefined, w: { lastYear: number; asOf: string; employeesFrom: string }) {
  const ly = w.lastYear;
  const only = ids === undefined ? sql`true` : sql`e.id = any(${[...ids]}::int[])`;
  const onlyRef = ids === undefined ? sql`true` : sql`x.enterprise_id = any(${[...ids]}::int[])`;
  const [base, annual, monthly, staff] = await Promise.all([
    sql<{
      id: number;
      industry_code: string;
      street_code: string | null;
      scale: string;
      tags: string[] | null;
      is_key: boolean;
      founded_on: string | null;
      registered_capital: number | null;
      status: string;
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
      output_n: number;
      tax: number | null;
      tax_n: number;
      fi: number | null;
      fi_n: number;
    }>`
      select x.enterprise_id, extract(year from x.month)::int as year,
        sum(x.output) as output, count(x.output)::int as output_n, sum(x.tax) as tax, count(x.tax)::int as tax_n,
        sum(x.fixed_investment) as fi, count(x.fixed_investment)::int as fi_n
      from enterprise_indicators x
      where x.month >= ${`${ly - 1}-01-01`}::date and x.month < ${`${ly + 1}-01-01`}::date and ${onlyRef}
      group by 1, 2`.execute(db),
    sql<{ enterprise_id: number; employees: number }>`
      select distinct on (x.enterprise_id) x.enterprise_id, x.employees from enterprise_indicators x
      where x.month >= ${w.employeesFrom}::date and x.month <= ${w.asOf}::date and x.employees is not null and ${onlyRef}
      order by x.enterprise_id, x.month desc`.execute(db),
  ]);
  return { base: base.rows, annual: annual.rows, monthly: monthly.rows, staff: staff.rows };
}
