import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { MatchOutcome } from '../../platform/db/schema-policies.ts';
import { ruleSchema, type Rule } from './rule.ts';

/** The matching engine's SQL: current rules, the stored result and its diff, the run log. */

export interface PolicyRule {
  policyId: number;
  version: number;
  rule: Rule;
}

/** A stored rule that no longer parses (a catalogue change) is skipped rather than failing every match. */
function parseRule(raw: unknown): Rule | undefined {
  const r = ruleSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  return r.success ? r.data : undefined;
}

/** The rule version of a policy valid on `on` (the highest version whose range holds the day). */
export async function selectCurrentRule(db: Db, policyId: number, on: string): Promise<{ version: number; rule: Rule } | undefined> {
  const row = await db
    .selectFrom('policy_rules')
    .select(['version', 'rule'])
    .where('policy_id', '=', policyId)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const rule = parseRule(row.rule);
  return rule ? { version: row.version, rule } : undefined;
}

/**
 * The rules matched on `on`: published policies in force that have a rule version valid that day
 * (all such policies, or only `policyIds`).
 */
export async function selectRulesInForce(db: Db, on: string, policyIds?: readonly number[]): Promise<PolicyRule[]> {
  const only = policyIds ? sql`p.id = any(${[...policyIds]}::int[])` : sql`true`;
  const rows = await sql<{ policy_id: number; version: number; rule: unknown }>`
    select distinct on (r.policy_id) r.policy_id, r.version, r.rule
    from policies p join policy_rules r on r.policy_id = p.id
    where p.status = 'published' and p.effective_from <= ${on}::date and (p.effective_to is null or p.effective_to >= ${on}::date)
      and r.valid_from <= ${on}::date and (r.valid_to is null or r.valid_to >= ${on}::date) and ${only}
    order by r.policy_id, r.version desc`.execute(db);
  const out: PolicyRule[] = [];
  for (const r of rows.rows) {
    const rule = parseRule(r.rule);
    if (rule) out.push({ policyId: r.policy_id, version: r.version, rule });
  }
  return out;
}

export interface MatchRow {
  policyId: number;
  enterpriseId: number;
  outcome: MatchOutcome;
  version: number;
}

/**
 * The stored matches of some policies and/or some enterprises (all when neither is given).
 * Aggregated into arrays per policy, outcome and version: a hundred thousand single rows cost
 * seconds to ship from the embedded database, a few hundred arrays do not.
 */
export async function selectMatches(
  db: Tx,
  scope: { policyIds?: readonly number[]; enterpriseIds?: readonly number[] },
): Promise<MatchRow[]> {
  const byPolicy = scope.policyIds ? sql`policy_id = any(${[...scope.policyIds]}::int[])` : sql`true`;
  const byEnterprise = scope.enterpriseIds ? sql`enterprise_id = any(${[...scope.enterpriseIds]}::int[])` : sql`true`;
  const groups = await sql<{ policy_id: number; outcome: MatchOutcome; rule_version: number; ids: number[] }>`
    select policy_id, outcome, rule_version, array_agg(enterprise_id) as ids from policy_matches
    where ${byPolicy} and ${byEnterprise} group by policy_id, outcome, rule_version`.execute(db);
  const out: MatchRow[] = [];
  for (const g of groups.rows)
    for (const id of g.ids) out.push({ policyId: g.policy_id, enterpriseId: id, outcome: g.outcome, version: g.rule_version });
  return out;
}

const CHUNK = 20_000;

/** Writes the difference between the stored and the wanted matches; returns how many rows changed. */
export async function writeDiff(trx: Tx, stored: readonly MatchRow[], wanted: readonly MatchRow[]): Promise<number> {
  const key = (m: MatchRow): number => m.policyId * 4_294_967_296 + m.enterpriseId;
  const before = new Map(stored.map((m) => [key(m), m]));
  const inserts: MatchRow[] = [];
  const updates: MatchRow[] = [];
  for (const m of wanted) {
    const k = key(m);
    const old = before.get(k);
    if (!old) inserts.push(m);
    else {
      before.delete(k);
      if (old.outcome !== m.outcome || old.version !== m.version) updates.push(m);
    }
  }
  const deletes = [...before.values()];
  for (let i = 0; i < deletes.length; i += CHUNK) {
    const part = deletes.slice(i, i + CHUNK);
    await sql`delete from policy_matches m using unnest(${part.map((d) => d.policyId)}::int[], ${part.map((d) => d.enterpriseId)}::int[]) as d(p, e)
      where m.policy_id = d.p and m.enterprise_id = d.e`.execute(trx);
  }
  for (let i = 0; i < updates.length; i += CHUNK) {
    const part = updates.slice(i, i + CHUNK);
    await sql`update policy_matches m set outcome = u.o, rule_version = u.v, matched_at = now()
      from unnest(${part.map((d) => d.policyId)}::int[], ${part.map((d) => d.enterpriseId)}::int[], ${part.map((d) => d.outcome)}::text[], ${part.map((d) => d.version)}::int[]) as u(p, e, o, v)
      where m.policy_id = u.p and m.enterprise_id = u.e`.execute(trx);
  }
  for (let i = 0; i < inserts.length; i += CHUNK) {
    const part = inserts.slice(i, i + CHUNK);
    // on conflict: another process may have written the same pair since we read.
    await sql`insert into policy_matches (policy_id, enterprise_id, outcome, rule_version)
      select * from unnest(${part.map((d) => d.policyId)}::int[], ${part.map((d) => d.enterpriseId)}::int[], ${part.map((d) => d.outcome)}::text[], ${part.map((d) => d.version)}::int[])
      on conflict (policy_id, enterprise_id) do update set outcome = excluded.outcome, rule_version = excluded.rule_version, matched_at = now()`.execute(
      trx,
    );
  }
  return inserts.length + updates.length + deletes.length;
}

/** Serialises writers of policy_matches across processes for the rest of the transaction. */
export async function lockMatches(trx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(20260505)`.execute(trx);
}

export async function recordRun(
  trx: Tx,
  run: {
    scope: 'full' | 'policy' | 'enterprises';
    policyId?: number | null;
    policies: number;
    enterprises: number;
    changed: number;
    durationMs: number;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('match_runs')
    .values({
      scope: run.scope,
      policy_id: run.policyId ?? null,
      policies: run.policies,
      enterprises: run.enterprises,
      changed: run.changed,
      duration_ms: Math.round(run.durationMs * 100) / 100,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * The newest run that read enterprise profiles (a full match or a queue drain), by any process:
 * a warm store built before it may miss what that run took off the queue.
 */
export async function latestProfileRun(db: Db): Promise<number> {
  const row = await db
    .selectFrom('match_runs')
    .select('id')
    .where('scope', 'in', ['full', 'enterprises'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? 0;
}

/** Takes the queued enterprises (the rows are deleted by the caller's transaction, so a failure re-queues them). */
export async function takeQueue(trx: Tx): Promise<number[]> {
  const rows = await sql<{ enterprise_id: number }>`delete from match_queue returning enterprise_id`.execute(trx);
  return rows.rows.map((r) => r.enterprise_id);
}

export async function queueLength(db: Db): Promise<number> {
  const row = await db
    .selectFrom('match_queue')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Full matches run since `since`, by any process. */
export async function fullRunsSince(db: Db, since: Date): Promise<number> {
  const ran = await sql<{
    n: number;
  }>`select count(*)::int as n from match_runs where scope = 'full' and ran_at >= ${since.toISOString()}::timestamptz`.execute(db);
  return ran.rows[0]?.n ?? 0;
}

export async function queueIsEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('match_queue').select('enterprise_id').limit(1).executeTakeFirst();
  return row === undefined;
}

export async function recentRuns(db: Db, limit: number) {
  return db
    .selectFrom('match_runs as r')
    .leftJoin('policies as p', 'p.id', 'r.policy_id')
    .select(['r.id', 'r.scope', 'r.policy_id', 'p.title', 'r.policies', 'r.enterprises', 'r.changed', 'r.duration_ms', 'r.ran_at'])
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}
