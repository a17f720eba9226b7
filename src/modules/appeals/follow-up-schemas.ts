import { z } from 'zod';
import { pageQuery } from '../../platform/http/schemas.ts';
import { appealTypeSchema } from './action-inputs.ts';
import { channelSchema, followUpCallSchema, stateSchema } from './schemas.ts';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const followUpQuery = z.object({
  overdue: flag.optional().describe('true 只看已过回访期限的，false 只看未到期的'),
  attempted: flag.optional().describe('true 只看已回访未接通过的，false 只看尚未回访的'),
  appealType: appealTypeSchema.optional(),
  channel: channelSchema.optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(60).optional().describe('诉求编号、标题或企业名称'),
  ...pageQuery,
});

export const followUpCall = followUpCallSchema.meta({ id: 'FollowUpCall' });

export const followUpItem = z
  .object({
    id: z.number(),
    number: z.string(),
    title: z.string(),
    state: stateSchema,
    appealType: appealTypeSchema,
    channel: channelSchema,
    closedOnSpot: z.boolean().describe('咨询现场答复即办结、尚待评价'),
    enterprise: z.object({ id: z.number(), name: z.string() }),
    department: z.object({ id: z.number(), name: z.string() }).nullable(),
    contactName: z.string().nullable().describe('联系人（脱敏）'),
    contactPhone: z.string().nullable().describe('回访电话（脱敏；完整号码见单件回访信息）'),
    repliedAt: z.string(),
    dueAt: z.string().describe('回访期限：答复后第 N 个工作日下班时'),
    overdue: z.boolean(),
    attempts: z.number().describe('本次答复以来未接通的次数'),
    lastCallAt: z.string().nullable(),
  })
  .meta({ id: 'FollowUpItem' });

export const followUpList = z.object({
  items: z.array(followUpItem),
  total: z.number(),
  overdue: z.number().describe('符合筛选条件且已过回访期限的件数'),
  followUpAfterWorkingDays: z.number(),
  maxAttempts: z.number(),
});

export const followUpDetail = z
  .object({
    awaiting: z.boolean().describe('是否在待回访队列中'),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable().describe('完整号码，供回访拨打'),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    maxAttempts: z.number(),
    calls: z.array(followUpCall),
  })
  .meta({ id: 'FollowUp' });
