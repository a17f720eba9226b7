import { z } from 'zod';
import { pageQuery } from '../../platform/http/schemas.ts';
import { industryCodeField } from '../enterprises/industry.ts';
import { FIELD_KEYS } from '../matching/fields.ts';

export const LEVELS = ['national', 'provincial', 'municipal', 'district'] as const;
export const level = z.enum(LEVELS);
export const policyStatus = z.enum(['draft', 'published', 'archived']);
export const noticeStatus = z.enum(['draft', 'published', 'withdrawn']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** The fields without defaults, so that a patch leaves out what it does not change. */
const policyFields = z.object({
  code: z
    .string()
    .trim()
    .min(1, '请填写政策编号')
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, '编号只能含字母、数字、- 和 _'),
  title: z.string().trim().min(2, '请填写政策标题').max(200),
  docNumber: z.string().trim().max(100).nullable(),
  issuer: z.string().trim().min(1, '请填写发文机关').max(100),
  departmentId: z.number().int().positive().nullable(),
  level,
  category: z.string().trim().max(40),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable(),
  summary: z.string().max(2000),
  fullText: z.string().max(100_000),
  interpretation: z.string().max(50_000),
  benefit: z.string().max(5000),
  maxAmount: z.number().min(0).nullable(),
  industryCodes: z.array(industryCodeField).max(50),
  autoGrant: z.boolean(),
});
export const policyBody = policyFields.extend({
  docNumber: policyFields.shape.docNumber.default(null),
  departmentId: policyFields.shape.departmentId.default(null),
  category: policyFields.shape.category.default(''),
  effectiveTo: policyFields.shape.effectiveTo.default(null),
  summary: policyFields.shape.summary.default(''),
  fullText: policyFields.shape.fullText.default(''),
  interpretation: policyFields.shape.interpretation.default(''),
  benefit: policyFields.shape.benefit.default(''),
  maxAmount: policyFields.shape.maxAmount.default(null),
  industryCodes: policyFields.shape.industryCodes.default([]),
  autoGrant: policyFields.shape.autoGrant.default(false),
});
export type PolicyBody = z.infer<typeof policyBody>;
export const policyPatch = policyFields.partial();
export type PolicyPatch = z.infer<typeof policyPatch>;

export const searchQuery = z.object({
  q: z.string().trim().max(100).optional(),
  level: level.optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  industry: industryCodeField.optional(),
  category: z.string().trim().max(40).optional(),
  inForceOn: isoDate.optional(),
  status: policyStatus.optional(),
  autoGrant: z
    .enum(['1', '0', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  ...pageQuery,
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const policyItem = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  issuer: z.string(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  level,
  category: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  inForce: z.boolean(),
  summary: z.string(),
  maxAmount: z.number().nullable(),
  industryCodes: z.array(z.string()),
  autoGrant: z.boolean(),
  status: policyStatus,
  publishedAt: z.string().nullable(),
  snippet: z.string(),
  rank: z.number().nullable(),
  openNotices: z.number(),
});
export const searchResult = z.object({ items: z.array(policyItem), total: z.number(), terms: z.array(z.string()), tookMs: z.number() });

export const attachmentItem = z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number(), createdAt: z.string() });
const material = z.object({ name: z.string().trim().min(1, '请填写材料名称').max(100), required: z.boolean().default(true) });
const noticeFields = z.object({
  title: z.string().trim().min(2, '请填写通知标题').max(200),
  body: z.string().max(50_000),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  materials: z.array(material).max(30),
  declaredFields: z.array(z.enum(FIELD_KEYS)).max(30),
  reviewLevels: z.number().int().min(1).max(5),
  budget: z.number().min(0).nullable(),
});
export const noticeBody = noticeFields.extend({
  body: noticeFields.shape.body.default(''),
  materials: noticeFields.shape.materials.default([]),
  declaredFields: noticeFields.shape.declaredFields.default([]),
  reviewLevels: noticeFields.shape.reviewLevels.default(1),
  budget: noticeFields.shape.budget.default(null),
});
export type NoticeBody = z.infer<typeof noticeBody>;
export const noticePatch = noticeFields.partial();
export type NoticePatch = z.infer<typeof noticePatch>;
export const noticeItem = z.object({
  id: z.number(),
  policyId: z.number(),
  policyTitle: z.string(),
  title: z.string(),
  body: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  materials: z.array(z.object({ name: z.string(), required: z.boolean() })),
  declaredFields: z.array(z.string()),
  reviewLevels: z.number(),
  budget: z.number().nullable(),
  status: noticeStatus,
  open: z.boolean(),
});
export const noticeQuery = z.object({
  open: z
    .enum(['1', '0', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  ...pageQuery,
});

export const policyDetail = policyItem.omit({ snippet: true, rank: true }).extend({
  fullText: z.string(),
  interpretation: z.string(),
  benefit: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  attachments: z.array(attachmentItem),
  notices: z.array(noticeItem),
  ruleVersion: z.number().nullable(),
  canEdit: z.boolean(),
});
