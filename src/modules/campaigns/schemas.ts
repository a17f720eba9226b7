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
  channels: z
    .string()
    .default('in_app,sms,email')
    .describe('逗号分隔的渠道：in_app,sms,email（可达数按所选渠道计算）')
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(channel).min(1, '请至少选择一个渠道')),
});

const reach = {
  reachable: z.number().describe('所选渠道可达的企业数（有在线用户、档案联系人手机/邮箱、法定代表人手机或登记手机，且未拒收）'),
  unreachable: z.number().describe('不可达的企业数（无任何可用联系方式，或已拒收政策推送）'),
  optedOut: z.number().describe('其中已拒收政策推送（或拒收所选全部渠道）的企业数'),
};

export const targetCount = z.object({
  eligible: z.number().describe('符合条件的企业数'),
  unknown: z.number().describe('可能符合（数据不全）的企业数'),
  targeted: z.number().describe('本次目标企业数'),
  alreadySent: z.number().describe('目标中已推送过同一政策/通知的企业数（将跳过）'),
  toSend: z.number().describe('实际将推送的企业数'),
  ...reach,
  byChannel: z.object({ inApp: z.number(), sms: z.number(), email: z.number() }).describe('按渠道可达的企业数'),
});

export const createBody = z.object({
  policyId: z.number().int().positive(),
  noticeId: z.number().int().positive().nullish(),
  title: z.string().trim().max(200).optional(),
  message: z.string().trim().min(1, '请填写推送内容').max(500),
  channels: z
    .array(channel)
    .min(1, '请至少选择一个渠道')
    .transform((c) => [...new Set(c)]),
  includeUnknown: z.boolean().default(false),
  ratePerMinute: z.number().int().min(1).max(10_000).default(DEFAULT_RATE_PER_MINUTE),
});

export const createResult = z.object({
  id: z.number(),
  targeted: z.number(),
  recipients: z.number().describe('本次负责推送的企业数（目标减去已推送跳过）'),
  skipped: z.number(),
  ...reach,
  sent: z.number().describe('已由渠道接收的企业数：创建时仅站内消息（短信、邮件在发送队列中，由通道接收后计入）'),
  notifications: z.number().describe('写入的站内消息条数'),
  sms: z.number().describe('进入发送队列的短信条数（尚未发送）'),
  email: z.number().describe('进入发送队列的邮件条数（尚未发送）'),
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
  targeted: z.number().describe('目标企业'),
  recipients: z.number().describe('本次推送对象（目标减去重复跳过）'),
  skipped: z.number(),
  ...reach,
  queued: z.number().describe('待发送（在队列中，未被任何通道接收）'),
  logged: z.number().describe('仅记录日志（通道未配置，未实际发送）'),
  handed: z.number().describe('已交付通道的企业数（站内消息，或短信/邮件已被服务商接收）'),
  delivered: z.number().describe('已送达的企业数（站内消息，或服务商回执成功）'),
  failed: z.number().describe('全部消息发送失败的企业数'),
  legacy: z.number().describe('迁移前发送、无送达记录的企业数（既不计入已交付，也不计入失败）'),
  sent: z.number().describe('同 handed（兼容旧字段）：从不计入没有通道接收的消息'),
  read: z.number(),
  applied: z.number(),
  readRate: z.number().describe('已读 / 已交付'),
  appliedRate: z.number().describe('推送后申报 / 已交付'),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const listQuery = z.object({ policyId: z.coerce.number().int().positive().optional(), ...pageQuery });

export const deliveryState = z.enum(['unreachable', 'queued', 'logged', 'handed', 'delivered', 'failed', 'legacy']);
export const recipientStatus = z.enum(['unreachable', 'queued', 'logged', 'handed', 'delivered', 'failed', 'legacy', 'read', 'applied']);
export const recipientsQuery = z.object({ status: recipientStatus.optional(), q: z.string().trim().max(100).optional(), ...pageQuery });
export const recipientItem = z.object({
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
  street: z.string().nullable(),
  sentAt: z.string(),
  readAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  status: recipientStatus.describe('进展：不可达，或 待发送 → 已交付 → 已送达（或失败）→ 已读 → 已申报'),
  delivery: deliveryState,
  unreachableReason: z.enum(['no_contact', 'opted_out']).nullable(),
  inApp: z.number().describe('站内消息条数'),
  messages: z.array(
    z.object({
      channel: z.enum(['sms', 'email']),
      recipient: z.string().describe('已脱敏'),
      status: z.enum(['pending', 'handed', 'delivered', 'failed', 'logged']),
      providerId: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
