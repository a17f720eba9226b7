import { z } from 'zod';
import { fieldDef } from './fields.ts';
import type { ConditionResult, Evaluation } from './rule.ts';

const value = z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.string(), z.number()])).readonly(), z.null()]);

/**
 * Why an enterprise is (not) eligible, as pages and the API show it: every condition with the
 * clause, what it needs, what the file holds and the field's name, unit and source. The same shape
 * is stored with applications and grant items, so what was decided stays explained as it was.
 */
export const explanationSchema = z
  .object({
    eligibility: z.enum(['eligible', 'ineligible', 'unknown']),
    version: z.number().nullable().describe('政策画像规则版本'),
    conditions: z.array(
      z.object({
        id: z.string(),
        field: z.string(),
        label: z.string().describe('字段名称'),
        labelEn: z.string().default(''),
        unit: z.string().nullable(),
        source: z.string().default('').describe('数据来源'),
        op: z.string(),
        required: value.describe('要求'),
        held: value.describe('档案中的值；null 为缺少数据'),
        outcome: z.enum(['pass', 'fail', 'unknown']),
        clause: z.string().describe('条款原文'),
      }),
    ),
  })
  .meta({ id: 'EligibilityExplanation' });
export type Explanation = z.output<typeof explanationSchema>;
type Shown = Explanation['conditions'][number];

function condition(c: ConditionResult): Shown {
  const def = fieldDef(c.field);
  return {
    id: c.id,
    field: c.field,
    label: def?.label ?? c.field,
    labelEn: def?.labelEn ?? c.field,
    unit: def?.unit ?? null,
    source: def?.source ?? '',
    op: c.op,
    required: c.required as Shown['required'],
    held: (c.held ?? null) as Shown['held'],
    outcome: c.outcome,
    clause: c.clause,
  };
}

/** An evaluation, made under rule `version`, in the shape shown and stored. */
export function explain(evaluation: Evaluation, version: number | null): Explanation {
  return { eligibility: evaluation.eligibility, version, conditions: evaluation.conditions.map(condition) };
}

/** From an evaluation stored as JSON with its rule version to the shape shown. */
export function explanationOf(stored: unknown): Explanation {
  const e = stored as Evaluation & { version?: number };
  return explain({ ...e, conditions: e.conditions ?? [] }, e.version ?? null);
}
