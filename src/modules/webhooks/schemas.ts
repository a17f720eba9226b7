import { z } from 'zod';
import { EVENTS } from './events.ts';

export const eventSchema = z
  .enum(EVENTS)
  .describe(
    'appeal.accepted 已受理、appeal.declined 不予受理、appeal.dispatched 已分办（含转办）、appeal.claimed 已签收、appeal.in_progress 办理中、' +
      'appeal.awaiting_info 待企业补充、appeal.return_requested 退回待仲裁、appeal.replied 已答复、appeal.closed 已办结、appeal.rated 已评价、' +
      'application.decided 申报已审定',
  );

export const subscriptionBody = z.object({
  url: z
    .url({ protocol: /^https?$/, error: '须为 http(s) 地址' })
    .max(500)
    .describe('接收事件的地址（POST JSON）'),
  events: z.array(eventSchema).min(1).max(EVENTS.length),
});

export const subscriptionSchema = z
  .object({
    id: z.number(),
    clientId: z.number(),
    url: z.string(),
    events: z.array(eventSchema),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'WebhookSubscription' });

export const subscriptionWithSecret = z.object({
  subscription: subscriptionSchema,
  secret: z.string().describe('签名密钥：只显示这一次。签名头 Qifu-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "t.body")>'),
});

export const deliverySchema = z.object({
  id: z.number().describe('投递编号，即请求头 Qifu-Delivery 与消息体 id：重试时不变，接收方据此去重'),
  event: z.string(),
  payload: z.unknown(),
  status: z
    .enum(['pending', 'delivered', 'failed', 'cancelled'])
    .describe(
      'pending 待发送或待重试、delivered 已送达、failed 多次失败已放弃、cancelled 订阅取消或客户端停用而未发送（原因见 lastError）',
    ),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().nullable().describe('对方最后一次的 HTTP 状态码'),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
