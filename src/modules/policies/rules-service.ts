import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { Scale } from '../../platform/db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { shanghaiDate } from '../calendar/working-days.ts';
import { industryCodesUnder, industryName } from '../enterprises/industry.ts';
import { currentRule, ensureFresh, evaluate, rematchPolicy } from '../matching/index.ts';
import type { Eligibility, Rule } from '../matching/rule.ts';
import { checkRule, fullProfile } from './rule-check.ts';

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

async function policyExists(db: Db, id: number) {
  const p = await db.selectFrom('policies').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
  if (!p) throw AppError.notFound('政策');
  return p;
}

export async function ruleVersions(db: Db, policyId: number) {
  await policyExists(db, policyId);
  const today = shanghaiDate(new Date());
  const rows = await db.selectFrom('policy_rules as r').leftJoin('users as u', 'u.id', 'r.created_by')
    .select(['r.version', sql<string>`to_char(r.valid_from, 'YYYY-MM-DD')`.as('valid_from'), sql<string | null>`to_char(r.valid_to, 'YYYY-MM-DD')`.as('valid_to'),
      'r.rule', 'r.note', 'u.display_name', 'r.created_at'])
    .where('r.policy_id', '=', policyId).orderBy('r.version', 'desc').execute();
  return rows.map((r) => ({
    version: r.version, validFrom: r.valid_from, validTo: r.valid_to, rule: r.rule as Rule, note: r.note, createdBy: r.display_name,
    createdAt: new Date(r.created_at).toISOString(), current: r.valid_from <= today && (r.valid_to === null || r.valid_to >= today),
  }));
}

/**
 * Saves a rule as the policy's next version, valid from `validFrom` (default today); the version
 * before it ends the day before. Versions never overlap and are never rewritten, so a past
 * decision can always be explained by the rule it was made with. Re-matches after commit.
 */
export async function saveRule(db: Db, actor: Actor, policyId: number, input: { rule: unknown; validFrom?: string | undefined; note: string }): Promise<number> {
  const rule = checkRule(input.rule);
  const validFrom = input.validFrom ?? shanghaiDate(new Date());
  const version = await db.transaction().execute(async (tx) => {
    const p = await tx.selectFrom('policies').select(['id', 'status']).where('id', '=', policyId).forUpdate().executeTakeFirst();
    if (!p) throw AppError.notFound('政策');
    if (p.status === 'archived') throw new AppError('INVALID_STATE', '政策已归档，不能修改政策画像');
    const last = await tx.selectFrom('policy_rules').select(['id', 'version', sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from')])
      .where('policy_id', '=', policyId).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (last && validFrom <= last.valid_from) {
      throw AppError.validation('validFrom', `新版本的生效日期须晚于第 ${last.version} 版的生效日期 ${last.valid_from}`);
    }
    if (last) await tx.updateTable('policy_rules').set({ valid_to: dayBefore(validFrom) }).where('id', '=', last.id).execute();
    const next = (last?.version ?? 0) + 1;
    await tx.insertInto('policy_rules').values({ policy_id: policyId, version: next, valid_from: validFrom, rule: JSON.stringify(rule), note: input.note, created_by: actor.id }).execute();
    await recordAudit(tx, actor, { action: 'policy_rule.save', entityType: 'policy', entityId: policyId, before: last ? { version: last.version } : null, after: { version: next, validFrom, rule, note: input.note } });
    return next;
  });
  await rematchPolicy(db, policyId);
  return version;
}

export async function listCases(db: Db, policyId: number) {
  await policyExists(db, policyId);
  const rows = await db.selectFrom('policy_rule_cases').select(['id', 'name', 'profile', 'expected']).where('policy_id', '=', policyId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, profile: r.profile as Record<string, unknown>, expected: r.expected }));
}

export interface CaseInput {
  name: string;
  profile: Record<string, unknown>;
  expected: Eligibility;
}

export async function saveCase(db: Db, actor: Actor, policyId: number, caseId: number | null, c: CaseInput): Promise<number> {
  fullProfile(c.profile);
  return db.transaction().execute(async (tx) => {
    const p = await tx.selectFrom('policies').select('id').where('id', '=', policyId).executeTakeFirst();
    if (!p) throw AppError.notFound('政策');
    const values = { name: c.name, profile: JSON.stringify(c.profile), expected: c.expected };
    let id = caseId;
    if (id === null) {
      id = (await tx.insertInto('policy_rule_cases').values({ ...values, policy_id: policyId, created_by: actor.id }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const r = await tx.updateTable('policy_rule_cases').set(values).where('id', '=', id).where('policy_id', '=', policyId).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw AppError.notFound('测试用例');
    }
    await recordAudit(tx, actor, { action: caseId === null ? 'policy_rule_case.create' : 'policy_rule_case.update', entityType: 'policy_rule_case', entityId: id, after: { policyId, ...c } });
    return id;
  });
}

export async function deleteCase(db: Db, actor: Actor, policyId: number, caseId: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const r = await tx.deleteFrom('policy_rule_cases').where('id', '=', caseId).where('policy_id', '=', policyId).returning(['name']).executeTakeFirst();
    if (!r) throw AppError.notFound('测试用例');
    await recordAudit(tx, actor, { action: 'policy_rule_case.delete', entityType: 'policy_rule_case', entityId: caseId, before: { policyId, name: r.name } });
  });
}

/** Runs every test case of the policy against a draft rule, or else the rule in force today. */
export async function runCases(db: Db, policyId: number, draft: unknown) {
  const saved = draft === undefined ? await currentRule(db, policyId) : undefined;
  const rule = draft === undefined ? saved?.rule : checkRule(draft);
  if (!rule) throw new AppError('INVALID_STATE', '该政策尚无生效的政策画像，请先保存规则或提交草稿规则');
  const cases = await listCases(db, policyId);
  const results = cases.map((c) => {
    const e = evaluate(rule, fullProfile(c.profile, `cases.${c.id}.profile`));
    return { id: c.id, name: c.name, expected: c.expected, actual: e.eligibility, pass: e.eligibility === c.expected, conditions: e.conditions };
  });
  return { version: saved?.version ?? null, passed: results.filter((r) => r.pass).length, failed: results.filter((r) => !r.pass).length, results };
}

export interface EligibleFilter {
  streetId?: number | undefined;
  industry?: string | undefined;
  scale?: Scale | undefined;
  outcome?: 'eligible' | 'unknown' | undefined;
  q?: string | undefined;
}

/** The policy's eligible (and, by filter, data-incomplete) enterprises, from the engine's kept result. */
export async function eligibleEnterprises(db: Db, policyId: number, f: EligibleFilter, page: { page: number; pageSize: number }) {
  await policyExists(db, policyId);
  await ensureFresh(db);
  let q = db.selectFrom('policy_matches as m').innerJoin('enterprises as e', 'e.id', 'm.enterprise_id').leftJoin('streets as s', 's.id', 'e.street_id')
    .where('m.policy_id', '=', policyId);
  if (f.outcome) q = q.where('m.outcome', '=', f.outcome);
  if (f.streetId) q = q.where('e.street_id', '=', f.streetId);
  if (f.scale) q = q.where('e.scale', '=', f.scale);
  if (f.industry) {
    const codes = industryCodesUnder(f.industry);
    q = codes.length ? q.where('e.industry_code', 'in', codes) : q.where(sql<boolean>`false`);
  }
  if (f.q) q = q.where((eb) => eb.or([eb('e.name', 'ilike', `%${f.q!.replace(/[\\%_]/g, '\\$&')}%`), eb('e.uscc', '=', f.q!.toUpperCase())]));
  const counts = await q.select(['m.outcome', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('m.outcome').execute();
  const rows = await q.select(['e.id', 'e.name', 'e.uscc', 'e.industry_code', 'e.scale', 's.name as street', 'm.outcome', 'm.rule_version', 'm.matched_at'])
    .orderBy('m.outcome').orderBy('e.name').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  const n = (o: string) => Number(counts.find((c) => c.outcome === o)?.n ?? 0);
  return {
    items: rows.map((r) => ({
      enterpriseId: r.id, name: r.name, uscc: r.uscc, industryCode: r.industry_code, industryName: industryName(r.industry_code) ?? null, scale: r.scale,
      street: r.street, outcome: r.outcome, ruleVersion: r.rule_version, matchedAt: new Date(r.matched_at).toISOString(),
    })),
    total: n('eligible') + n('unknown'),
    eligible: n('eligible'),
    unknown: n('unknown'),
  };
}
