import { z } from 'zod';
import { mobileSchema, pageQuery } from '../../platform/http/schemas.ts';
import { explanationSchema } from '../matching/index.ts';
import { ACTIONS, STATES, type ApplicationAction } from './workflow.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');
export const profileValue = z.union([z.number(), z.string(), z.array(z.string()).readonly(), z.boolean(), z.null()]);
const text = (label: string, max = 2000) => z.string().trim().min(1, `请填写${label}`).max(max);
const comment = z.string().trim().max(2000).optional();
const amount = z.number().min(0, '金额不能为负').max(1e8, '金额过大');

/** The form (the multipart field `data`, as JSON; files as `materials.<index of the notice's material>`). */
export const applyInput = z.object({
  noticeId: z.number().int().positive(),
  declared: z.record(z.string(), profileValue).default({}).describe('申报的数值，键为申报通知列出的字段'),
  contactName: text('联系人', 40),
  contactPhone: mobileSchema,
  requestedAmount: amount.nullish().describe('申请金额（万元）'),
});
export type ApplyInput = z.output<typeof applyInput>;

export const ACTION_INPUTS = {
  accept: z.object({ comment }),
  pass: z.object({ comment }),
  approve: z.object({ comment, approvedAmount: amount.optional().describe('核定金额（万元）；缺省为申请金额（不超过政策上限）') }),
  refuse: z.object({ reason: text('不予批准的理由') }),
  return: z.object({
    reason: text('需要补正的内容'),
    materials: z.array(z.string().min(1)).max(20).default([]).describe('需补充的材料名称'),
  }),
  resubmit: z.object({ comment }),
  withdraw: z.object({ reason: z.string().trim().max(500).optional() }),
  sign_agreement: z.object({ signedOn: isoDate.optional().describe('协议签订日期，缺省为今天'), comment }),
  disburse: z.object({ amount: amount.refine((v) => v > 0, '拨付金额须大于 0'), paidOn: isoDate, paymentBatch: text('拨付批次', 60) }),
} satisfies Record<ApplicationAction, z.ZodObject>;
export type ActionInput<A extends ApplicationAction> = z.output<(typeof ACTION_INPUTS)[A]>;

const state = z.enum(STATES);
const flagName = z.enum(['no_rule', 'unknown', 'ineligible', 'differences']);
export const reviewFlag = flagName.nullable().describe('转人工审核的原因：无规则、数据缺失、按已有数据不符合、申报值与已有数据不一致');

export const listQuery = z.object({
  ...pageQuery,
  state: state.optional(),
  policyId: z.coerce.number().int().positive().optional(),
  noticeId: z.coerce.number().int().positive().optional(),
  instant: z.enum(['true', 'false']).optional().describe('true 只看秒批，false 只看人工审核'),
  level: z.coerce.number().int().min(1).max(5).optional().describe('待第几级审核'),
  flag: flagName.optional(),
  q: z.string().trim().max(60).optional().describe('申报编号或企业名称'),
});

/** What the list and the detail both say of an application. */
const applicationHead = z.object({
  id: z.number(),
  number: z.string(),
  state,
  instant: z.boolean(),
  flag: reviewFlag,
  reviewLevel: z.number(),
  reviewLevels: z.number(),
});

export const listItem = applicationHead.extend({
  policyId: z.number(),
  policyTitle: z.string(),
  noticeId: z.number(),
  noticeTitle: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  differences: z.number().describe('申报值与已有数据不一致的字段数'),
  requestedAmount: z.number().nullable(),
  approvedAmount: z.number().nullable(),
  contactPhone: z.string().nullable().describe('已脱敏'),
  createdAt: z.string(),
});
export type ListItem = z.output<typeof listItem>;

export const difference = z.object({
  field: z.string(),
  label: z.string(),
  labelEn: z.string().default(''),
  declared: profileValue,
  held: profileValue,
});

export const declaredField = z.object({
  field: z.string(),
  label: z.string(),
  labelEn: z.string(),
  kind: z.string(),
  unit: z.string().nullable(),
  declared: profileValue,
  held: profileValue,
  differs: z.boolean(),
});

export const materialSlot = z.object({ index: z.number(), name: z.string(), required: z.boolean(), files: z.number() });

export const applicationDetail = applicationHead
  .extend({
    policy: z.object({ id: z.number(), title: z.string(), departmentName: z.string().nullable(), maxAmount: z.number().nullable() }),
    notice: z.object({ id: z.number(), title: z.string(), closesAt: z.string() }),
    enterprise: z.object({
      id: z.number(),
      name: z.string(),
      uscc: z.string(),
      industryCode: z.string(),
      streetName: z.string().nullable(),
      scale: z.string(),
    }),
    fields: z.array(declaredField),
    differences: z.array(difference),
    explanation: explanationSchema.nullable(),
    requestedAmount: z.number().nullable(),
    approvedAmount: z.number().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    decisionReason: z.string().nullable(),
    decidedAt: z.string().nullable(),
    materials: z.array(
      z.object({ id: z.number(), material: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), createdAt: z.string() }),
    ),
    materialSlots: z.array(materialSlot),
    events: z.array(
      z.object({
        id: z.number(),
        action: z.string(),
        fromState: z.string().nullable(),
        toState: z.string(),
        level: z.number().nullable(),
        actorName: z.string().nullable(),
        comment: z.string(),
        data: z.unknown(),
        at: z.string(),
      }),
    ),
    benefits: z.array(z.object({ id: z.number(), amount: z.number(), paidOn: z.string(), paymentBatch: z.string().nullable() })),
    actions: z.array(z.enum(ACTIONS)),
    createdAt: z.string(),
  })
  .meta({ id: 'PolicyApplication' });
export type ApplicationDetail = z.output<typeof applicationDetail>;

export const prefillQuery = z.object({ noticeId: z.coerce.number().int().positive() });
export const prefill = z.object({
  notice: z.object({
    id: z.number(),
    title: z.string(),
    body: z.string(),
    opensAt: z.string(),
    closesAt: z.string(),
    open: z.boolean(),
    reviewLevels: z.number(),
  }),
  policy: z.object({ id: z.number(), title: z.string(), benefit: z.string(), maxAmount: z.number().nullable() }),
  fields: z.array(
    z.object({
      field: z.string(),
      label: z.string(),
      labelEn: z.string(),
      kind: z.string(),
      unit: z.string().nullable(),
      source: z.string(),
      held: profileValue,
    }),
  ),
  materials: z.array(z.object({ index: z.number(), name: z.string(), required: z.boolean() })),
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }),
  explanation: explanationSchema.nullable().describe('按已有数据评估的结果（秒批的依据）'),
  existing: z.object({ id: z.number(), number: z.string(), state }).nullable().describe('本企业已有的申报'),
});
