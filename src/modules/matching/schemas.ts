import { z } from 'zod';
import { isIsoDate } from '../calendar/working-days.ts';
import { FIELDS, FIELD_KEYS } from './fields.ts';
import { OPS_BY_KIND, ruleSchema } from './rule.ts';

const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');

function valueSchema(kind: (typeof FIELDS)[number]['kind']) {
  switch (kind) {
    case 'number':
      return z.number().nullable();
    case 'date':
      return isoDate.nullable();
    case 'code':
      return z.string().nullable();
    case 'codes':
      return z.array(z.string()).nullable();
    case 'boolean':
      return z.boolean().nullable();
  }
}

/** A test profile: any field left out is missing (null), as in a file that lacks it. */
export const profileInput = z.object(Object.fromEntries(FIELDS.map((f) => [f.key, valueSchema(f.kind).optional()]))).strict();

export const evaluateBody = z.object({ rule: ruleSchema, profile: profileInput });
export const evaluationSchema = z.object({
  eligibility: z.enum(['eligible', 'ineligible', 'unknown']),
  conditions: z.array(
    z.object({
      id: z.string(),
      field: z.string(),
      op: z.string(),
      required: z.unknown().describe('条件要求的取值'),
      held: z.unknown().describe('企业档案中的取值；null 表示缺失'),
      outcome: z.enum(['pass', 'fail', 'unknown']),
      clause: z.string(),
    }),
  ),
});

export const runsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });
export const runItem = z.object({
  id: z.number(),
  scope: z.enum(['full', 'policy', 'enterprises']),
  policyId: z.number().nullable(),
  policyTitle: z.string().nullable(),
  policies: z.number(),
  enterprises: z.number(),
  changed: z.number(),
  durationMs: z.number(),
  ranAt: z.string(),
});
export const runSummary = z.object({ policies: z.number(), enterprises: z.number(), changed: z.number(), durationMs: z.number() });

export const fieldItem = z.object({
  key: z.enum(FIELD_KEYS),
  kind: z.enum(['number', 'date', 'code', 'codes', 'boolean']),
  label: z.string(),
  labelEn: z.string(),
  unit: z.string().nullable(),
  source: z.string(),
  ops: z.array(z.string()),
});

export const fieldList = FIELDS.map((f) => ({
  key: f.key,
  kind: f.kind,
  label: f.label,
  labelEn: f.labelEn,
  unit: 'unit' in f ? f.unit : null,
  source: f.source,
  ops: [...OPS_BY_KIND[f.kind]],
}));
