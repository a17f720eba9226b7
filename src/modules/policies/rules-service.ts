import type { Db } from '../../platform/db/index.ts';
import type { Scale } from '../../platform/db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { shanghaiDate } from '../calendar/working-days.ts';
import { industryName } from '../enterprises/industry.ts';
import { currentRule, ensureFresh, evaluate, rematchPolicy } from '../matching/index.ts';
import type { Eligibility, Rule } from '../matching/rule.ts';
import * as repo from './repository-rules.ts';
import { checkRule, fullProfile } from './rule-check.ts';

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

async function policyExists(db: Db, id: number) {
  const p = await repo.policyState(db, id);
  if (!p) throw AppError.notFound('政策');
  return p;
}

export async function ruleVersions(db: Db, policyId: number) {
  await policyExists(db, policyId);
  const today = shanghaiDate(new Date());
  const rows = await repo.ruleVersions(db, policyId);
  return rows.map((r) => ({
    version: r.version,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    rule: r.rule as Rule,
    note: r.note,
    createdBy: r.display_name,
    createdAt: new Date(r.created_at).toISOString(),
    current: r.valid_from <= today && (r.valid_to === null || r.valid_to >= today),
  }));
}

/**
 * Saves a rule as the policy's next version, valid from `validFrom` (default today); the version
 * before it ends the day before. Versions never overlap and are never rewritten, so a past
 * decision can always be explained by the rule it was made with. Re-matches after commit.
 */
export async function saveRule(
  db: Db,
  actor: Actor,
  policyId: number,
  input: { rule: unknown; validFrom?: string | undefined; note: string },
): Promise<number> {
  const rule = checkRule(input.rule);
  const validFrom = input.validFrom ?? shanghaiDate(new Date());
  const version = await db.transaction().execute(async (tx) => {
    const p = await repo.policyState(tx, policyId, true);
    if (!p) throw AppError.notFound('政策');
    if (p.status === 'archived') throw new AppError('INVALID_STATE', '政策已归档，不能修改政策画像');
    const last = await repo.lastRule(tx, policyId);
    if (last && validFrom <= last.valid_from) {
      throw AppError.validation('validFrom', `新版本的生效日期须晚于第 ${last.version} 版的生效日期 ${last.valid_from}`);
    }
    if (last) await repo.endRule(tx, last.id, dayBefore(validFrom));
    const next = (last?.version ?? 0) + 1;
    await repo.insertRule(tx, {
      policy_id: policyId,
      version: next,
      valid_from: validFrom,
      rule: JSON.stringify(rule),
      note: input.note,
      created_by: actor.id,
    });
    await recordAudit(tx, actor, {
      action: 'policy_rule.save',
      entityType: 'policy',
      entityId: policyId,
      before: last ? { version: last.version } : null,
      after: { version: next, validFrom, rule, note: input.note },
    });
    return next;
  });
  await rematchPolicy(db, policyId);
  return version;
}

export async function listCases(db: Db, policyId: number) {
  await policyExists(db, policyId);
  const rows = await repo.ruleCases(db, policyId);
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
    const p = await repo.policyState(tx, policyId);
    if (!p) throw AppError.notFound('政策');
    const values = { name: c.name, profile: JSON.stringify(c.profile), expected: c.expected };
    let id = caseId;
    if (id === null) {
      id = await repo.insertCase(tx, { ...values, policy_id: policyId, created_by: actor.id });
    } else {
      if (!(await repo.updateCase(tx, id, policyId, values))) throw AppError.notFound('测试用例');
    }
    await recordAudit(tx, actor, {
      action: caseId === null ? 'policy_rule_case.create' : 'policy_rule_case.update',
      entityType: 'policy_rule_case',
      entityId: id,
      after: { policyId, ...c },
    });
    return id;
  });
}

export async function deleteCase(db: Db, actor: Actor, policyId: number, caseId: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const name = await repo.deleteCase(tx, caseId, policyId);
    if (name === undefined) throw AppError.notFound('测试用例');
    await recordAudit(tx, actor, {
      action: 'policy_rule_case.delete',
      entityType: 'policy_rule_case',
      entityId: caseId,
      before: { policyId, name },
    });
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
    return {
      id: c.id,
      name: c.name,
      expected: c.expected,
      actual: e.eligibility,
      pass: e.eligibility === c.expected,
      conditions: e.conditions,
    };
  });
  return {
    version: saved?.version ?? null,
    passed: results.filter((r) => r.pass).length,
    failed: results.filter((r) => !r.pass).length,
    results,
  };
}

export interface EligibleFilter {
  streetId?: number | undefined;
  industry?: string | undefined;
  scale?: Scale | undefined;
  outcome?: 'eligible' | 'unknown' | undefined;
  q?: string | undefined;
}

/**
 * The policy's eligible (and, by filter, data-incomplete) enterprises, from the engine's kept result.
 * `refresh: false` for the later pages of an export: the result is brought up to date once, before
 * the first page, so that a rematch cannot shift the rows between two pages.
 */
export async function eligibleEnterprises(
  db: Db,
  policyId: number,
  f: EligibleFilter,
  page: { page: number; pageSize: number },
  refresh = true,
) {
  await policyExists(db, policyId);
  if (refresh) await ensureFresh(db);
  const { counts, rows } = await repo.matches(
    db,
    policyId,
    {
      outcome: f.outcome,
      streetId: f.streetId,
      scale: f.scale,
      industryPrefix: f.industry,
      q: f.q,
    },
    page,
  );
  const n = (o: string) => counts.find((c) => c.outcome === o)?.n ?? 0;
  return {
    items: rows.map((r) => ({
      enterpriseId: r.id,
      name: r.name,
      uscc: r.uscc,
      industryCode: r.industry_code,
      industryName: industryName(r.industry_code) ?? null,
      scale: r.scale,
      street: r.street,
      outcome: r.outcome,
      ruleVersion: r.rule_version,
      matchedAt: new Date(r.matched_at).toISOString(),
    })),
    total: n('eligible') + n('unknown'),
    eligible: n('eligible'),
    unknown: n('unknown'),
  };
}
