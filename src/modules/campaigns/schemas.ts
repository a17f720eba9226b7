import { z } from 'zod';
import { pageQuery } from '../../platform/http/schemas.ts';

const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');
export const channel = z.enum(['in_app', 'sms', 'email']);

/** Per-campaign cap on SMS / e-mails due per minute (the gateways' usual contract limits). */
export const DEFAULT_RATE_PER_MINUTE = 300;

export const targetQuery = z.object({
  policyId: z.coerce.number().int().positive(),
  noticeId: z.coerce.number().int().positive().optional(),
  includeUnknown: flag.default(false),
});

export const targetCount = z.object({
  eligible: z.number().describe('符合条件的企业数'),
  unknown: z.number().describe('可能符合（数据不全）的企业数'),
  targeted: z.number().describe('本次目标企业数'),
  alreadySent: z.number().describe('目标中已推送过同一政策/通知的企业数（将跳过）'),
  toSend: z.number().describe('实际将推送的企业数'),
});

export const createBody = z.object({
  policyId: z.number().int().positive(),
  noticeId: z.number().int().positive().nullish(),
  title: z.string().trim().max(200).optional(),
  message: z.string().trim().min(1, '请填写推送内容').max(500),
  channels: z.array(channel).min(1, '请至少选择一个渠道').transform((c) => [...new Set(c)]),
  includeUnknown: z.boolean().default(false),
  ratePerMinute: z.number().int().min(1).max(10_000).default(DEFAULT_RATE_PER_MINUTE),
});

export const createResult = z.object({
  id: z.number(),
  targeted: z.number(),
  sent: z.number(),
  skipped: z.number(),
  notifications: z.number(),
  sms: z.number(),
  email: z.number(),
  lastDueAt: z.string().nullable().describe('最后一条短信/邮件的计划发送时间（按每分钟上限错峰）'),
});

export const campaignItem = z.object({
  id: z.number(),
  policyId: z.number(),
  policyTitle: z.string(),
  noticeId: z.number().nullable(),
  noticeTitle: z.string().nullable(),
  title: z.string(),
  message: z.string(),
  channels: z.array(channel),
  includeUnknown: z.boolean(),
  targeted: z.number(),
  sent: z.number(),
  skipped: z.number(),
  read: z.number(),
  applied: z.number(),
  readRate: z.number().describe('已读 / 已推送'),
  appliedRate: z.number().describe('推送后申报 / 已推送'),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const listQuery = z.object({ policyId: z.coerce.number().int().positive().optional(), ...pageQuery });

export const recipientStatus = z.enum(['sent', 'read', 'applied']);
export const recipientsQuery = z.object({ status: recipientStatus.optional(), q: z.string().trim().max(100).optional(), ...pageQuery });
export const recipientItem = z.object({
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
  street: z.string().nullable(),
  sentAt: z.string(),
  readAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  status: recipientStatus,
});
