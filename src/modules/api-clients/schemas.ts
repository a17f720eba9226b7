import { z } from 'zod';
import { stateSchema, submitBody } from '../appeals/schemas.ts';
import { appealTypeSchema } from '../appeals/action-inputs.ts';
import { SCOPES } from './keys.ts';

export const scopeSchema = z.enum(SCOPES).describe('appeals:write 提交诉求、appeals:read 查询诉求、webhooks:manage 管理事件订阅');
export const clientChannelSchema = z
  .enum(['hotline_12345', 'system', 'wechat', 'phone', 'hall', 'visit'])
  .describe('该系统提交的诉求记为哪个渠道');

export const clientBody = z.object({
  name: z.string().trim().min(2).max(60),
  description: z.string().trim().max(300).default(''),
  channel: clientChannelSchema.default('system'),
  scopes: z.array(scopeSchema).min(1).max(SCOPES.length),
  ratePerMinute: z.number().int().min(1).max(100_000).default(60).describe('每分钟最多调用次数'),
});

export const clientPatch = z.object({
  name: z.string().trim().min(2).max(60).optional(),
  description: z.string().trim().max(300).optional(),
  channel: clientChannelSchema.optional(),
  scopes: z.array(scopeSchema).min(1).max(SCOPES.length).optional(),
  ratePerMinute: z.number().int().min(1).max(100_000).optional(),
});

export const clientSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    description: z.string(),
    channel: clientChannelSchema,
    scopes: z.array(scopeSchema),
    ratePerMinute: z.number(),
    keyPrefix: z.string().describe('密钥前几位，仅供辨认'),
    active: z.boolean(),
    createdAt: z.string(),
    keyRotatedAt: z.string(),
    revokedAt: z.string().nullable(),
    lastCallAt: z.string().nullable(),
  })
  .meta({ id: 'ApiClient' });

export const clientWithKey = z.object({ client: clientSchema, key: z.string().describe('API 密钥：只显示这一次，请立即保存') });

export const callSchema = z.object({
  id: z.number(),
  at: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number(),
  ms: z.number(),
  requestId: z.string(),
});

/** Intake by a connected system: the enterprise and the system's own reference are required. */
export const openIntakeBody = submitBody
  .pick({
    title: true,
    description: true,
    serviceItemId: true,
    contactName: true,
    contactPhone: true,
    urgency: true,
    enterpriseId: true,
    enterpriseUscc: true,
    appealType: true,
  })
  .extend({ externalRef: z.string().trim().min(1).max(100).describe('来源系统的单号（如 12345 工单号），可凭它查询状态') });

export const intakeResult = z.object({
  id: z.number(),
  number: z.string(),
  externalRef: z.string(),
  created: z.boolean().describe('false：相同的幂等键已提交过，返回的是首次生成的诉求'),
});

export const appealStatus = z.object({
  id: z.number(),
  number: z.string(),
  externalRef: z.string(),
  state: stateSchema,
  stateName: z.string(),
  appealType: appealTypeSchema,
  closed: z.boolean(),
  department: z.string().nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  deadlineAt: z.string().nullable(),
  reply: z.string().nullable(),
  rating: z.number().nullable(),
  ratingSource: z.enum(['self', 'follow_up']).nullable().describe('评价来自企业自评（self）还是回访（follow_up）'),
  events: z.array(z.object({ at: z.string(), action: z.string(), state: z.string().nullable(), note: z.string().nullable() })),
});
