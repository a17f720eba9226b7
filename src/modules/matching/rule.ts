import { z } from 'zod';
import { isIsoDate } from '../calendar/working-days.ts';
import { validateIndustryCode } from '../enterprises/industry.ts';
import { FIELD_KEYS, fieldDef, type FieldKind, type ProfileValue } from './fields.ts';

/**
 * 政策画像: a policy's eligibility as data. A rule is a tree of all / any / not over leaf
 * conditions; each leaf names a profile field, an operator and the required value, and keeps
 * the clause of the policy text it comes from (条款原文).
 *
 * Operators by field kind (see fields.ts):
 * - number: gte, gt, lte, lt, eq (value: number), between (value: [min, max], both inclusive)
 * - date:   before, after (value: 'YYYY-MM-DD', exclusive), between (value: [from, to], inclusive)
 * - code:   in (value: string[]); for `industry` a listed code matches at any level of the
 *           GB/T 4754 tree ('C' = the whole section, 'C39' = one division)
 * - codes:  has_any, has_all, has_none (value: string[])
 * - boolean: is (value: boolean)
 */
export const NUMBER_OPS = ['gte', 'gt', 'lte', 'lt', 'eq', 'between'] as const;
export const DATE_OPS = ['before', 'after', 'between'] as const;
export const CODE_OPS = ['in'] as const;
export const CODES_OPS = ['has_any', 'has_all', 'has_none'] as const;
export const BOOLEAN_OPS = ['is'] as const;
export const OPS_BY_KIND: Record<FieldKind, readonly string[]> = {
  number: NUMBER_OPS,
  date: DATE_OPS,
  code: CODE_OPS,
  codes: CODES_OPS,
  boolean: BOOLEAN_OPS,
};

const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');

export const conditionSchema = z
  .object({
    /** Stable within the rule, so explanations and test cases can name a condition. */
    id: z.string().min(1).max(40),
    field: z.enum(FIELD_KEYS),
    op: z.string(),
    value: z.union([
      z.number(),
      isoDate,
      z.boolean(),
      z.array(z.string().min(1)).min(1),
      z.tuple([z.number(), z.number()]),
      z.tuple([isoDate, isoDate]),
    ]),
    clause: z.string().max(2000).default(''),
  })
  .superRefine((c, ctx) => {
    const kind = fieldDef(c.field)?.kind;
    if (!kind) return;
    if (!OPS_BY_KIND[kind].includes(c.op)) {
      ctx.addIssue({ code: 'custom', path: ['op'], message: `字段“${fieldDef(c.field)?.label}”不支持运算“${c.op}”` });
      return;
    }
    if (!valueFits(kind, c.op, c.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `“${c.op}”的取值不符合要求` });
      return;
    }
    // A typo in an industry code would silently match nothing: refuse it while the officer is editing.
    if (c.field === 'industry' && Array.isArray(c.value)) {
      c.value.forEach((code, i) => {
        const r = validateIndustryCode(String(code));
        if (!r.valid) ctx.addIssue({ code: 'custom', path: ['value', i], message: r.reason });
      });
    }
  });

function valueFits(kind: FieldKind, op: string, v: unknown): boolean {
  const pair = Array.isArray(v) && v.length === 2;
  switch (kind) {
    case 'number':
      return op === 'between' ? pair && typeof v[0] === 'number' && typeof v[1] === 'number' && v[0] <= v[1] : typeof v === 'number';
    case 'date':
      return op === 'between' ? pair && typeof v[0] === 'string' && typeof v[1] === 'string' && v[0] <= v[1] : typeof v === 'string';
    case 'code':
    case 'codes':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'boolean':
      return typeof v === 'boolean';
  }
}

export type Condition = z.infer<typeof conditionSchema>;
export type Rule = Condition | { all: Rule[] } | { any: Rule[] } | { not: Rule };

// Named, so the contract refers to the recursion by a component rather than an unresolvable anonymous $ref.
export const ruleSchema: z.ZodType<Rule> = z
  .lazy(() =>
    z.union([
      conditionSchema,
      z.object({ all: z.array(ruleSchema).min(1) }),
      z.object({ any: z.array(ruleSchema).min(1) }),
      z.object({ not: ruleSchema }),
    ]),
  )
  .meta({ id: 'PolicyRule' });

export function isCondition(rule: Rule): rule is Condition {
  return 'field' in rule;
}

/** Every leaf of the rule, in order. */
export function conditionsOf(rule: Rule): Condition[] {
  if (isCondition(rule)) return [rule];
  if ('all' in rule) return rule.all.flatMap(conditionsOf);
  if ('any' in rule) return rule.any.flatMap(conditionsOf);
  return conditionsOf(rule.not);
}

export type Outcome = 'pass' | 'fail' | 'unknown';
/** A policy's eligibility for one enterprise: pass = eligible, unknown = data missing. */
export type Eligibility = 'eligible' | 'ineligible' | 'unknown';

export interface ConditionResult {
  id: string;
  field: string;
  op: string;
  required: Condition['value'];
  held: ProfileValue;
  outcome: Outcome;
  clause: string;
}

export interface Evaluation {
  eligibility: Eligibility;
  conditions: ConditionResult[];
}
