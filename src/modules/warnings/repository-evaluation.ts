/** The monthly evaluation's SQL: the rules, the latest month, the cadres, the warnings raised and the runs. */
import { sql, type Insertable } from 'kysely';
import type { DB, Db, Tx } from '../../platform/db/index.ts';

export function ruleRows(db: Db, activeOnly: boolean) {
  let q = db.selectFrom('warning_rules').select(['id', 'name', 'kind', 'indicator', 'params', 'level', 'active']).orderBy('id');
  if (activeOnly) q = q.where('active', '=', true);
  return q.execute();
}

/** The latest month with indicators, 'YYYY-MM-01'; null on an empty district. */
export async function latestMonth(db: Db): Promise<string | null> {
  const { rows } = await sql<{ m: string | null }>`select to_char(max(month), 'YYYY-MM-DD') as m from enterprise_indicators`.execute(db);
  return rows[0]?.m ?? null;
}

/** Active liaison cadre per enterprise, when the service network (migration 0007) is installed. */
export async function liaisonCadres(tx: Tx, enterpriseIds: number[]): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  if (enterpriseIds.length === 0) return map;
  const { rows: exists } = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns
    where table_schema = any(current_schemas(false)) and table_name = 'liaisons' and column_name in ('enterprise_id', 'user_id', 'ended_at')`.execute(
    tx,
  );
  if ((exists[0]?.n ?? 0) < 3) return map;
  const { rows } = await sql<{ enterprise_id: number; user_id: number }>`select enterprise_id, user_id from liaisons
    where ended_at is null and enterprise_id = any(${enterpriseIds}::int[])`.execute(tx);
  for (const r of rows) map.set(r.enterprise_id, r.user_id);
  return map;
}

/** 'rule:enterprise' of the warnings these rules raised before `month`. */
export async function warnedBefore(db: Db, ruleIds: number[], month: string): Promise<Set<string>> {
  if (ruleIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('enterprise_warnings')
    .select(['enterprise_id', 'rule_id'])
    .where('rule_id', 'in', ruleIds)
    .where('month', '<', month)
    .execute();
  return new Set(rows.map((w) => `${w.rule_id}:${w.enterprise_id}`));
}

/** Inserts the warnings not raised yet (one per enterprise, rule and month); returns those it inserted. */
export function insertNewWarnings(tx: Tx, values: Insertable<DB['enterprise_warnings']>[]) {
  return tx
    .insertInto('enterprise_warnings')
    .values(values)
    .onConflict((oc) => oc.columns(['enterprise_id', 'rule_id', 'month']).doNothing())
    .returning(['enterprise_id', 'assigned_user_id', 'level'])
    .execute();
}

/** Records the run of `month`: the indicator rows it saw now, and what it raised added to earlier runs'. */
export async function recordRun(tx: Tx, month: string, raised: number): Promise<void> {
  const { rows: count } = await sql<{
    n: number;
  }>`select count(*)::int as n from enterprise_indicators where month = ${month}::date`.execute(tx);
  await tx
    .insertInto('warning_runs')
    .values({ month, indicator_rows: count[0]?.n ?? 0, raised })
    .onConflict((oc) =>
      oc.column('month').doUpdateSet((eb) => ({
        indicator_rows: eb.ref('excluded.indicator_rows'),
        raised: sql`warning_runs.raised + excluded.raised`,
        ran_at: new Date(),
      })),
    )
    .execute();
}

/** The month's indicator rows now, and how many its last run saw (null: never run). One indexed count. */
export async function monthState(db: Db, month: string): Promise<{ n: number; done: number | null } | undefined> {
  const { rows } = await sql<{ n: number; done: number | null }>`select
      (select count(*)::int from enterprise_indicators where month = ${month}::date) as n,
      (select indicator_rows from warning_runs where month = ${month}::date) as done`.execute(db);
  return rows[0];
}
