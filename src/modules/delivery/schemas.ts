import { z } from 'zod';
import { pageQuery } from '../../platform/http/schemas.ts';

export const kind = z.enum(['verification_code', 'invitation', 'account', 'appeal', 'application', 'policy']);
export const contactChannel = z.enum(['in_app', 'sms', 'email']);
export const outboxStatus = z.enum(['pending', 'handed', 'delivered', 'failed', 'logged']);

export const channelsStatus = z
  .object({
    sms: z.object({
      provider: z.enum(['log', 'aliyun', 'tencent']),
      configured: z.boolean().describe('false：未配置短信通道，短信仅记录日志'),
      missingTemplates: z.array(kind).describe('未配置模板的消息类型（这些短信将发送失败）'),
    }),
    email: z.object({ provider: z.enum(['log', 'smtp']), configured: z.boolean().describe('false：未配置邮件通道，邮件仅记录日志') }),
  })
  .meta({ id: 'DeliveryChannels' });

export const messagesQuery = z.object({
  status: outboxStatus.optional(),
  channel: z.enum(['sms', 'email']).optional(),
  kind: kind.optional(),
  q: z.string().trim().max(100).optional().describe('收件人（手机号或邮箱，完整或部分）'),
  enterpriseId: z.coerce.number().int().positive().optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  ...pageQuery,
});

export const messageItem = z
  .object({
    id: z.number(),
    channel: z.enum(['sms', 'email']),
    kind,
    recipient: z.string().describe('已脱敏'),
    subject: z.string(),
    status: outboxStatus,
    attempts: z.number(),
    provider: z.string().nullable(),
    providerId: z.string().nullable().describe('服务商消息编号：阿里云 BizId、腾讯云 SerialNo、邮件 Message-ID'),
    errorCode: z.string().nullable(),
    error: z.string().nullable(),
    enterpriseId: z.number().nullable(),
    enterpriseName: z.string().nullable(),
    campaignId: z.number().nullable(),
    createdAt: z.string(),
    dueAt: z.string().describe('下次（或计划）发送时间'),
    handedAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'OutboxMessage' });

export const messagesResult = z.object({
  items: z.array(messageItem),
  total: z.number(),
  byStatus: z.record(z.string(), z.number()).describe('当前筛选条件下（不含状态）各状态的条数'),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:MM，如 22:00');

export const preferencesBody = z
  .object({
    channels: z
      .array(contactChannel)
      .max(3)
      .transform((c) => [...new Set(c)])
      .describe('政策推送可使用的渠道'),
    promotions: z.boolean().describe('是否接收政策推送；诉求、申报、验证码和邀请通知不受影响'),
    quietHours: z
      .object({ start: hhmm, end: hhmm })
      .nullable()
      .describe('短信免打扰时段（北京时间，可跨零点）；期间的通知短信顺延到时段结束'),
  })
  .refine((b) => !b.quietHours || b.quietHours.start !== b.quietHours.end, {
    message: '免打扰的开始和结束时间不能相同',
    path: ['quietHours'],
  });

export const preferencesResult = z
  .object({
    enterpriseId: z.number(),
    channels: z.array(contactChannel),
    promotions: z.boolean(),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    canEdit: z.boolean().describe('企业管理员可修改；其他成员只读'),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'ContactPreferences' });
