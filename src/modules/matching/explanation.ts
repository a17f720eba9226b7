import { z } from 'zod';
import { displayNumber } from './decimal.ts';
import { fieldDef, type FieldKey } from './fields.ts';
import type { Notes } from './profile-notes.ts';
import type { EnterpriseStatus } from './record.ts';
import type { ConditionResult, Evaluation } from './rule.ts';

const value = z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.string(), z.number()])).readonly(), z.null()]);
const STATUSES = ['active', 'moved_out', 'deregistered'] as const;

const conditionBase = {
  id: z.string(),
  field: z.string(),
  label: z.string().describe('字段名称'),
  labelEn: z.string().default(''),
  unit: z.string().nullable().describe('单位；null 为无单位'),
  source: z.string().default('').describe('数据来源：数据表·字段，期间（如“月度指标·产值，2025年1—12月合计”）'),
  op: z.string(),
  required: value.describe('要求'),
  held: value.describe('档案中的值（未经舍入）；null 为缺少数据'),
  outcome: z.enum(['pass', 'fail', 'unknown']),
  clause: z.string().describe('条款原文'),
};
const shownValue = value.describe('显示用的值：数值四舍五入到两位小数（恰与门槛相等时多显示几位）');
const missingReason = z.string().nullable().describe('缺少数据时说明缺的是什么、为什么缺；有值时为 null');
const statusOf = z.enum(STATUSES).describe('企业状态：active 在册、moved_out 已迁出、deregistered 已注销');
const outOfScopeOf = z.string().nullable().describe('不在匹配范围的原因（已迁出、已注销）：此时结论为不符合；在册企业为 null');

/**
 * Why an enterprise is (not) eligible, as pages and the API show it: every condition with the
 * clause, what it needs, what the file holds and the field's name, unit and source. The same shape
 * is stored with applications and grant items, so what was decided stays explained as it was; what
 * older stored explanations lack (shown, missing, status) is optional here.
 */
export const explanationSchema = z
  .object({
    eligibility: z.enum(['eligible', 'ineligible', 'unknown']),
    version: z.number().nullable().describe('政策画像规则版本'),
    status: statusOf.optional(),
    outOfScope: outOfScopeOf.optional(),
    conditions: z.array(z.object({ ...conditionBase, shown: shownValue.optional(), missing: missingReason.optional() })),
  })
  .meta({ id: 'EligibilityExplanation' });
export type Explanation = z.output<typeof explanationSchema>;

/** One enterprise against a policy's rule in force today, everything stated (GET /api/policies/{id}/eligible/{enterpriseId}). */
export const enterpriseExplanationSchema = z
  .object({
    eligibility: z.enum(['eligible', 'ineligible', 'unknown']).describe('符合 / 不符合 / 数据不全；已迁出或已注销的企业为不符合'),
    version: z.number().describe('政策画像规则版本'),
    status: statusOf,
    outOfScope: outOfScopeOf,
    conditions: z.array(z.object({ ...conditionBase, shown: shownValue, missing: missingReason })),
  })
  .meta({ id: 'EnterpriseEligibilityExplanation' });
export type EnterpriseExplanation = z.output<typeof enterpriseExplanationSchema>;
type Shown = EnterpriseExplanation['conditions'][number];

const OUT_OF_SCOPE: Record<EnterpriseStatus, string | null> = {
  active: null,
  moved_out: '企业已迁出本区，不在政策匹配范围内，不符合',
  deregistered: '企业已注销，不在政策匹配范围内，不符合',
};

/** The bounds a number is compared with, so that display rounding never makes it look equal to one. */
function bounds(required: unknown): number[] {
  if (typeof required === 'number') return [required];
  return Array.isArray(required) ? required.filter((x): x is number => typeof x === 'number') : [];
}

type Stored = ConditionResult & { source?: string; shown?: unknown; missing?: string | null };

function condition(c: Stored, notes?: Notes): Shown {
  const def = fieldDef(c.field);
  const note = notes?.get(c.field as FieldKey);
  const held = (c.held ?? null) as Shown['held'];
  return {
    id: c.id,
    field: c.field,
    label: def?.label ?? c.field,
    labelEn: def?.labelEn ?? c.field,
    unit: def?.unit ?? null,
    source: note?.source ?? c.source ?? def?.source ?? '',
    op: c.op,
    required: c.required as Shown['required'],
    held,
    shown: (c.shown as Shown['shown'] | undefined) ?? (typeof held === 'number' ? displayNumber(held, bounds(c.required)) : held),
    missing: held !== null ? null : (note?.missing ?? c.missing ?? '企业档案中没有该数据'),
    outcome: c.outcome,
    clause: c.clause,
  };
}

/** An evaluation, made under rule `version`, in the shape shown and stored. */
export function explain(evaluation: Evaluation, version: number | null): Explanation {
  return { eligibility: evaluation.eligibility, version, conditions: evaluation.conditions.map((c) => condition(c)) };
}

/**
 * One enterprise's explanation with its file's notes (source and period of each value, why one is
 * missing) and its status: an enterprise that moved out or was deregistered is out of scope — not
 * eligible, whatever its file would say, as the lists (policy_matches) leave it out.
 */
export function explainEnterprise(evaluation: Evaluation, version: number, status: EnterpriseStatus, notes: Notes): EnterpriseExplanation {
  const outOfScope = OUT_OF_SCOPE[status];
  return {
    eligibility: outOfScope ? 'ineligible' : evaluation.eligibility,
    version,
    status,
    outOfScope,
    conditions: evaluation.conditions.map((c) => condition(c, notes)),
  };
}

/** From an explanation stored as JSON (or one just made) to the shape shown, keeping what it already states. */
export function explanationOf(stored: unknown): Explanation {
  const e = stored as Evaluation & { version?: number; status?: EnterpriseStatus; outOfScope?: string | null; conditions?: Stored[] };
  const out: Explanation = {
    eligibility: e.eligibility,
    version: e.version ?? null,
    conditions: (e.conditions ?? []).map((c) => condition(c)),
  };
  if (e.status) out.status = e.status;
  if (e.outOfScope !== undefined) out.outOfScope = e.outOfScope;
  return out;
}
