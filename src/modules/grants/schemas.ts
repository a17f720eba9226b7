import { z } from 'zod';
import { industryCodeField } from '../enterprises/industry.ts';
import { pageQuery } from '../../platform/http/schemas.ts';
import { explanationSchema } from '../matching/index.ts';

const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const amount = z.number().min(0, '金额不能为负').max(1e8, '金额过大');
export const batchStatus = z.enum(['draft', 'confirmed', 'cancelled']);

export const policyItem = z.object({
  id: z.number(),
  title: z.string(),
  issuer: z.string(),
  maxAmount: z.number().nullable(),
  eligible: z.number(),
  granted: z.number(),
  unclaimed: z.number(),
  drafts: z.number().describe('草稿批次数'),
});

export const draftBody = z.object({
  policyId: z.number().int().positive(),
  amount: amount.optional().describe('每家企业发放金额（万元）；缺省为政策最高金额'),
});
export const batchResult = z.object({ id: z.number(), number: z.string(), enterprises: z.number(), totalAmount: z.number() });

export const batchItem = z.object({
  id: z.number(),
  number: z.string(),
  policyId: z.number(),
  policyTitle: z.string(),
  ruleVersion: z.number(),
  status: batchStatus,
  enterprises: z.number().describe('发放企业数（不含排除）'),
  totalAmount: z.number(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  confirmedBy: z.string().nullable(),
});
export const batchDetail = batchItem.extend({ items: z.number(), excluded: z.number() });
export const batchesQuery = z.object({
  policyId: z.coerce.number().int().positive().optional(),
  status: batchStatus.optional(),
  ...pageQuery,
});

export const itemsQuery = z.object({ q: z.string().trim().max(100).optional(), ...pageQuery });
export const grantItem = z.object({
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
  industryCode: z.string(),
  street: z.string().nullable(),
  amount: z.number(),
  excluded: z.boolean(),
  explanation: explanationSchema,
});
export const itemParams = z.object({ id: z.coerce.number().int().positive(), enterpriseId: z.coerce.number().int().positive() });
export const itemPatch = z.object({ excluded: z.boolean().optional(), amount: amount.optional() });
export const confirmBody = z.object({
  paidOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .optional(),
});

export const unclaimedQuery = z.object({
  policyId: z.coerce.number().int().positive().optional(),
  all: flag.optional().describe('包含需申报的政策（默认仅免申即享政策）'),
  streetId: z.coerce.number().int().positive().optional(),
  industry: industryCodeField.optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});
export const unclaimedItem = z.object({
  policyId: z.number(),
  policyTitle: z.string(),
  autoGrant: z.boolean(),
  maxAmount: z.number().nullable(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
  industryCode: z.string(),
  street: z.string().nullable(),
  matchedAt: z.string(),
});
