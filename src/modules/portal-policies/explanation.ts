import { z } from 'zod';
import { fieldDef } from '../matching/fields.ts';
import type { ConditionResult, Evaluation } from '../matching/rule.ts';

const value = z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.string(), z.number()])), z.null()]);

/** Why an enterprise is (not) eligible: every condition with the clause, what it needs and what the file holds. */
export const explanationSchema = z.object({
  eligibility: z.enum(['eligible', 'ineligible', 'unknown']),
  version: z.number().nullable().describe('政策画像规则版本'),
  conditions: z.array(z.object({
    id: z.string(),
    field: z.string(),
    label: z.string().describe('字段名称'),
    labelEn: z.string(),
    unit: z.string().nullable(),
    source: z.string().describe('数据来源'),
    op: z.string(),
    required: value.describe('要求'),
    held: value.describe('档案中的值；null 为缺少数据'),
    outcome: z.enum(['pass', 'fail', 'unknown']),
    clause: z.string().describe('条款原文'),
  })),
}).meta({ id: 'EligibilityExplanation' });
export type Explanation = z.infer<typeof explanationSchema>;

function condition(c: ConditionResult) {
  const def = fieldDef(c.field);
  return {
    id: c.id, field: c.field, label: def?.label ?? c.field, labelEn: def?.labelEn ?? c.field, unit: def?.unit ?? null, source: def?.source ?? '', op: c.op,
    required: c.required as Explanation['conditions'][number]['required'], held: (c.held ?? null) as Explanation['conditions'][number]['held'], outcome: c.outcome, clause: c.clause,
  };
}

/** From an evaluation (or one stored as JSON with its rule version) to the shape the pages show. */
export function explanationOf(stored: unknown): Explanation {
  const e = stored as Evaluation & { version?: number };
  return { eligibility: e.eligibility, version: e.version ?? null, conditions: (e.conditions ?? []).map(condition) };
}
