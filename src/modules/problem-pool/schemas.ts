import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');

export const problemCreate = z.object({
  title: z.string().trim().min(2, '请填写问题名称').max(200),
  description: z.string().trim().max(5000).default(''),
  ownerDepartmentId: z.number().int().positive().describe('牵头部门'),
  deadline: isoDate.optional(),
  appealIds: z.array(z.number().int().positive()).max(500).default([]).describe('关联的诉求'),
});

export const problemPatch = z.object({
  title: z.string().trim().min(2).max(200).optional(),
  description: z.string().trim().max(5000).optional(),
  ownerDepartmentId: z.number().int().positive().optional(),
  deadline: isoDate.nullish(),
  progress: z.string().trim().max(5000).optional().describe('推进情况'),
  status: z.enum(['open', 'resolved']).optional(),
  linkAppealIds: z.array(z.number().int().positive()).max(500).optional(),
});

export const problemSchema = z
  .object({
    id: z.number(),
    title: z.string(),
    description: z.string(),
    owner: z.object({ id: z.number(), name: z.string() }).nullable(),
    deadline: z.string().nullable(),
    progress: z.string(),
    status: z.enum(['open', 'resolved']),
    appeals: z.number(),
    enterprises: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'CommonProblem' });

export const similarSchema = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  enterprise: z.object({ id: z.number(), name: z.string() }),
  score: z.number(),
  sameEnterprise: z.boolean().describe('同一企业重复提交'),
  commonProblemId: z.number().nullable(),
});
