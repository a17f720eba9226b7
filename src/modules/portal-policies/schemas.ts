import { z } from 'zod';
import { pageQuery } from '../../platform/http/schemas.ts';
import { level, policyDetail, policyItem, searchQuery } from '../policies/schemas.ts';
import { explanationSchema } from '../matching/index.ts';

export const outcome = z.enum(['eligible', 'unknown']);

export const forMeQuery = z.object({ outcome: outcome.optional(), ...pageQuery });
export const forMeItem = z.object({
  id: z.number(),
  title: z.string(),
  issuer: z.string(),
  level,
  summary: z.string(),
  benefit: z.string(),
  maxAmount: z.number().nullable(),
  effectiveTo: z.string().nullable(),
  autoGrant: z.boolean(),
  outcome: outcome.describe('eligible 符合；unknown 可能符合，需补充数据'),
  openNotices: z.number(),
  pushed: z.boolean().describe('已向本企业推送'),
  unread: z.boolean().describe('推送未读'),
  received: z.boolean().describe('已享受'),
});
export const forMeResult = z.object({ items: z.array(forMeItem), total: z.number(), eligible: z.number(), unknown: z.number() });

export const browseQuery = searchQuery.omit({ status: true });
export const browseItem = policyItem.extend({ outcome: outcome.nullable().describe('本企业的匹配结果；null 为不符合或无政策画像') });
export const browseResult = z.object({ items: z.array(browseItem), total: z.number(), terms: z.array(z.string()), tookMs: z.number() });

export const portalPolicy = z.object({
  policy: policyDetail.omit({ canEdit: true, ruleVersion: true }),
  eligibility: explanationSchema.nullable().describe('本企业是否符合及每个条件的说明；null 为该政策尚无政策画像'),
  applications: z.array(z.object({ id: z.number(), number: z.string(), noticeId: z.number(), state: z.string(), createdAt: z.string() })),
  benefits: z.array(z.object({ id: z.number(), amount: z.number(), paidOn: z.string() })),
});

export const benefitItem = z.object({
  id: z.number(),
  policyId: z.number(),
  policyTitle: z.string(),
  amount: z.number().describe('万元'),
  paidOn: z.string(),
  source: z.enum(['auto_grant', 'application']),
  grantBatchNumber: z.string().nullable(),
  applicationId: z.number().nullable(),
  applicationNumber: z.string().nullable(),
  paymentBatch: z.string().nullable(),
});
export const benefitsResult = z.object({ items: z.array(benefitItem), total: z.number(), totalAmount: z.number() });
export const benefitsQuery = z.object({ ...pageQuery });
