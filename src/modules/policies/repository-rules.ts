/** 政策画像's SQL: rule versions, their test cases, the eligible enterprises and the rule editor's options. */
import { sql, type Insertable } from 'kysely';
import type { DB, Db, Tx } from '../../platform/db/index.ts';
import type { Scale } from '../../platform/db/schema.ts';

/** The policy's id and status; with `lock`, locked until the transaction ends. */
export function policyState(db: Db, id: number, lock = false) {
  const q = db.selectFrom('policies').select(['id', 'status']).where('id', '=', id);
  return lock ? q.forUpdate().executeTakeFirst() : q.executeTakeFirst();
}

/** Every version, newest first, with its author and its dates as 'YYYY-MM-DD'. */
export function ruleVersions(db: Db, policyId: number) {
  return db
    .selectFrom('policy_rules as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select([
      'r.version',
      sql<string>`to_char(r.valid_from, 'YYYY-MM-DD')`.as('valid_from'),
      sql<string | null>`to_char(r.valid_to, 'YYYY-MM-DD')`.as('valid_to'),
      'r.rule',
      'r.note',
      'u.display_name',
      'r.created_at',
    ])
    .where('r.policy_id', '=', policyId)
    .orderBy('r.version', 'desc')
    .execute();
}

export function lastRule(tx: Tx, policyId: number) {
  return tx
    .selectFrom('policy_rules')
    .select(['id', 'version', sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from')])
    .where('policy_id', '=', policyId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function endRule(tx: Tx, id: number, validTo: string): Promise<void> {
  await tx.updateTable('policy_rules').set({ valid_to: validTo }).where('id', '=', id).execute();
}

export async function insertRule(tx: Tx, row: Insertable<DB['policy_rules']>): Promise<void> {
  await tx.insertInto('policy_rules').values(row).execute();
}

export function ruleCases(db: Db, policyId: number) {
  return db
    .selectFrom('policy_rule_cases')
    .select(['id', 'name', 'profile', 'expected'])
    .where('policy_id', '=', policyId)
    .orderBy('id')
    .execute();
}

export async function insertCase(tx: Tx, row: Insertable<DB['policy_rule_cases']>): Promise<number> {
  return (await tx.insertInto('policy_rule_cases').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Rewrites a case of the policy; false when the policy has no such case. */
export async function updateCase(
  tx: Tx,
  id: number,
  policyId: number,
  set: { name: string; profile: string; expected: Insertable<DB['policy_rule_cases']>['expected'] },
): Promise<boolean> {
  const r = await tx.updateTable('policy_rule_cases').set(set).where('id', '=', id).where('policy_id', '=', policyId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes a case of the policy; its name, or undefined when there was none. */
export async function deleteCase(tx: Tx, id: number, policyId: number): Promise<string | undefined> {
  return (
    await tx.deleteFrom('policy_rule_cases').where('id', '=', id).where('policy_id', '=', policyId).returning(['name']).executeTakeFirst()
  )?.name;
}

export interface MatchFilter {
  outcome?: 'eligible' | 'unknown' | undefined;
  streetId?: number | undefined;
  scale?: Scale | undefined;
  /** A checked industry code at any level: a prefix match selects exactly its subtree ('C391' → C391, C3911 …). */
  industryPrefix?: string | undefined;
  q?: string | undefined;
}

/** The policy's kept matches by the filter: counts per outcome, and one page (eligible first, by name). */
export async function matches(db: Db, policyId: number, f: MatchFilter, page: { page: number; pageSize: number }) {
  let q = db
    .selectFrom('policy_matches as m')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .where('m.policy_id', '=', policyId);
  if (f.outcome) q = q.where('m.outcome', '=', f.outcome);
  if (f.streetId) q = q.where('e.street_id', '=', f.streetId);
  if (f.scale) q = q.where('e.scale', '=', f.scale);
  if (f.industryPrefix) q = q.where('e.industry_code', 'like', `${f.industryPrefix}%`);
  const text = f.q;
  if (text)
    q = q.where((eb) => eb.or([eb('e.name', 'ilike', `%${text.replace(/[\\%_]/g, '\\$&')}%`), eb('e.uscc', '=', text.toUpperCase())]));
  const counts = await q
    .select(['m.outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('m.outcome')
    .execute();
  const rows = await q
    .select(['e.id', 'e.name', 'e.uscc', 'e.industry_code', 'e.scale', 's.name as street', 'm.outcome', 'm.rule_version', 'm.matched_at'])
    .orderBy('m.outcome')
    .orderBy('e.name')
    // A unique last key: pages (and the export that reads them one after another) never repeat or skip a row.
    .orderBy('e.id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { counts: counts.map((c) => ({ outcome: c.outcome, n: Number(c.n) })), rows };
}

/** The rule editor's choices: active streets by code, and every tag in use. */
export async function ruleOptions(db: Db) {
  const [streets, tags] = await Promise.all([
    db.selectFrom('streets').select(['code', 'name']).where('active', '=', true).orderBy('code').execute(),
    db.selectFrom('enterprise_tags').select('tag').distinct().orderBy('tag').execute(),
  ]);
  return { streets, tags: tags.map((t) => t.tag) };
}
