/**
 * The set-based path: every active rule over the whole district in one SQL statement per rule,
 * with window functions over date ranges (a missing month is a missing row, never the
 * neighbouring one). Its results equal rules.ts's evaluateRule on every enterprise.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { addMonths } from '../calendar/working-days.ts';
import { INDICATORS, type Hit, type Rule } from './rules.ts';

export interface RuleHit extends Hit {
  ruleId: number;
  enterpriseId: number;
}

const interval = (n: number) => {
  if (!Number.isInteger(n) || n < 0 || n > 48) throw new Error(`bad month count ${n}`);
  return sql.raw(`interval '${n} months'`);
};
const column = (name: string) => {
  if (!(INDICATORS as readonly string[]).includes(name)) throw new Error(`unknown indicator ${name}`);
  return sql.ref(`i.${name}`);
};

/**
 * One indicator's non-null values of the enterprises still registered, from `from` to `month`
 * (or in just those two months): each rule reads only the months it needs (index on month).
 */
function series(indicator: string, from: string, month: string, only?: 'ends'): RawBuilder<unknown> {
  const months = only === 'ends' ? sql`i.month in (${from}::date, ${month}::date)` : sql`i.month between ${from}::date and ${month}::date`;
  return sql`select i.enterprise_id, i.month, ${column(indicator)}::float8 as v
    from enterprise_indicators i join enterprises e on e.id = i.enterprise_id
    where ${months} and e.status <> 'deregistered' and ${column(indicator)} is not null`;
}

function ruleQuery(
  rule: Rule,
  month: string,
): RawBuilder<{ enterprise_id: number; value: number | null; current: number | null; baseline: number | null }> {
  const w = (from: RawBuilder<unknown>, to: RawBuilder<unknown>) =>
    sql`(partition by enterprise_id order by month range between ${from} and ${to})`;
  switch (rule.kind) {
    case 'yoy_drop': {
      const t = rule.params.threshold;
      return sql`select enterprise_id, (v - b) / b * 100 as value, v as current, b as baseline from (
          select enterprise_id, month, v, max(v) over ${w(sql`${interval(12)} preceding`, sql`${interval(12)} preceding`)} as b
          from (${series(rule.indicator!, addMonths(month, -12), month, 'ends')}) s
        ) x where month = ${month}::date and b > 0 and (v - b) / b * 100 <= ${-t}::float8`;
    }
    case 'rolling_drop': {
      const { months: n, threshold: t } = rule.params;
      return sql`select enterprise_id, (v - b) / b * 100 as value, v as current, b as baseline from (
          select enterprise_id, month, v,
            avg(v) over ${w(sql`${interval(n)} preceding`, sql`${interval(1)} preceding`)} as b,
            count(v) over ${w(sql`${interval(n)} preceding`, sql`${interval(1)} preceding`)} as c
          from (${series(rule.indicator!, addMonths(month, -n), month)}) s
        ) x where month = ${month}::date and c = ${n} and b > 0 and (v - b) / b * 100 <= ${-t}::float8`;
    }
    case 'consecutive_decline': {
      const k = rule.params.count;
      return sql`select enterprise_id, case when b > 0 then (v - b) / b * 100 end as value, v as current, b as baseline from (
          select enterprise_id, month, v,
            count(*) filter (where v < p) over ${w(sql`${interval(k - 1)} preceding`, sql`current row`)} as d,
            max(v) over ${w(sql`${interval(k)} preceding`, sql`${interval(k)} preceding`)} as b
          from (
            select enterprise_id, month, v, max(v) over ${w(sql`${interval(1)} preceding`, sql`${interval(1)} preceding`)} as p
            from (${series(rule.indicator!, addMonths(month, -k), month)}) s
          ) y
        ) x where month = ${month}::date and d = ${k}`;
    }
    case 'missing': {
      const m = rule.params.months;
      return sql`select enterprise_id, ${m}::float8 as value, null::float8 as current, null::float8 as baseline
        from (${series(rule.indicator!, addMonths(month, -m), month)}) s
        group by enterprise_id having max(month) = ${addMonths(month, -m)}::date`;
    }
    case 'relocation_address':
      return sql`select id as enterprise_id, null::float8 as value, null::float8 as current, null::float8 as baseline
        from enterprises where status = 'moved_out' or (status = 'active' and street_id is null)`;
    case 'relocation_power': {
      const { months: n, electricityDrop: x, outputBand: y } = rule.params;
      const from = addMonths(month, -n);
      const frame = w(sql`${interval(n)} preceding`, sql`${interval(1)} preceding`);
      return sql`select enterprise_id, (ev - eb) / eb * 100 as value, ev as current, eb as baseline from (
          select enterprise_id, month, ev, ov,
            avg(ev) over ${frame} as eb, count(ev) over ${frame} as ec,
            avg(ov) over ${frame} as ob, count(ov) over ${frame} as oc
          from (select i.enterprise_id, i.month, i.electricity::float8 as ev, i.output::float8 as ov
                from enterprise_indicators i join enterprises e on e.id = i.enterprise_id
                where i.month between ${from}::date and ${month}::date and e.status <> 'deregistered') s
        ) x where month = ${month}::date and ev is not null and ov is not null and ec = ${n} and oc = ${n}
          and eb > 0 and ob > 0 and (ev - eb) / eb * 100 < ${-x}::float8 and abs((ov - ob) / ob * 100) <= ${y}::float8`;
    }
  }
}

/** Every hit of the given rules in `month`, over the whole district. */
export async function findHits(db: Db, rules: readonly Rule[], month: string): Promise<RuleHit[]> {
  // Read-only, in one transaction: the window sorts get the memory to stay off disk.
  return db.transaction().execute(async (tx) => {
    await sql`set local work_mem = '64MB'`.execute(tx);
    const hits: RuleHit[] = [];
    for (const rule of rules) {
      const { rows } = await ruleQuery(rule, month).execute(tx);
      for (const r of rows)
        hits.push({ ruleId: rule.id, enterpriseId: r.enterprise_id, value: r.value, current: r.current, baseline: r.baseline });
    }
    return hits;
  });
}
