import { z } from 'zod';

export const QUEUE_KEYS = [
  'intake',
  'dispatch',
  'to_claim',
  'claimed',
  'in_progress',
  'due_soon',
  'overdue',
  'arbitration',
  'extensions',
  'supervision',
  'red',
  'visits',
  'warnings',
  'applications_submitted',
  'applications_accepted',
  'applications_in_review',
  'grant_batches',
  'registration_requests',
] as const;
export type QueueKey = (typeof QUEUE_KEYS)[number];

export const todoItem = z.object({
  id: z.number(),
  title: z.string(),
  detail: z.string().nullable().describe('企业名称、部门等'),
  since: z.string().describe('进入队列的时间（提交、申请、计划日期）；按它从早到晚排'),
  due: z.string().nullable().describe('期限（如有）'),
  warning: z.enum(['green', 'yellow', 'red']).nullable(),
  path: z.string().describe('打开这一项的页面'),
});

export const todoQueue = z
  .object({
    key: z.enum(QUEUE_KEYS),
    count: z.number().describe('与 path 打开的列表所示总数相同'),
    path: z.string().describe('带筛选条件的列表页地址'),
    items: z.array(todoItem).describe('最早的几项，从早到晚'),
  })
  .meta({ id: 'TodoQueue' });

export const todoResponse = z.object({ queues: z.array(todoQueue) });
export type TodoQueue = z.output<typeof todoQueue>;
export type TodoItem = z.output<typeof todoItem>;
