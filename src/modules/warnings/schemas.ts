import { z } from 'zod';
import { industryCodeField } from '../enterprises/industry.ts';
import { INDICATORS, RULE_KINDS } from './rules.ts';

export const level = z.enum(['yellow', 'orange', 'red']);
export const status = z.enum(['open', 'following', 'closed']);
const month = z
  .string()
  .regex(/^\d{4}-\d{2}(-01)?$/, '月份格式为 YYYY-MM')
  .transform((m) => (m.length === 7 ? `${m}-01` : m));
const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const listQuery = z.object({
  month: month.optional(),
  level: level.optional(),
  status: status.optional(),
  ruleId: z.coerce.number().int().positive().optional(),
  streetId: z.coerce.number().int().positive().optional(),
  industry: industryCodeField.optional(),
  q: z.string().trim().max(100).optional(),
  mine: flag.optional(),
  unassigned: flag.optional(),
  relocation: flag.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const warningItem = z.object({
  id: z.number(),
  month: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
  industryCode: z.string(),
  street: z.string().nullable(),
  ruleId: z.number(),
  ruleName: z.string(),
  kind: z.string(),
  indicator: z.string().nullable(),
  level,
  value: z.number().nullable(),
  explanation: z.string(),
  status,
  assignedUserId: z.number().nullable(),
  assignedName: z.string().nullable(),
  actionsTaken: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});

const point = z.object({
  month: z.string(),
  output: z.number().nullable(),
  value_added: z.number().nullable(),
  fixed_investment: z.number().nullable(),
  tax: z.number().nullable(),
  employees: z.number().nullable(),
  electricity: z.number().nullable(),
  water: z.number().nullable(),
  gas: z.number().nullable(),
});

export const warningDetail = warningItem.extend({
  canAct: z.boolean(),
  canReopen: z.boolean().describe('已关闭，且本人（企业服务办、管理员或挂点干部）可以重新打开'),
  series: z.array(point),
  actions: z.array(z.object({ id: z.number(), kind: z.string(), note: z.string(), by: z.string().nullable(), at: z.string() })),
  others: z.array(z.object({ id: z.number(), ruleName: z.string(), level, status, month: z.string() })),
});

export const noteBody = z.object({ note: z.string().trim().min(1, '请填写跟进情况').max(2000) });
export const reopenBody = z.object({ reason: z.string().trim().min(1, '请填写重新打开的原因').max(2000) });
export const closeBody = z.object({ actionsTaken: z.string().trim().min(1, '请填写采取的措施').max(2000) });
export const evaluateBody = z.object({ month: month.optional() });
export const evaluateResult = z.object({ month: z.string(), found: z.number(), raised: z.number() });

export const ruleSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(RULE_KINDS),
  indicator: z.enum(INDICATORS).nullable(),
  params: z.record(z.string(), z.number()),
  level,
  active: z.boolean(),
});
export const ruleBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(RULE_KINDS),
  indicator: z.enum(INDICATORS).nullable().default(null),
  params: z.record(z.string(), z.number()),
  level,
  active: z.boolean().default(true),
});
export const rulePatch = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  indicator: z.enum(INDICATORS).nullable().optional(),
  params: z.record(z.string(), z.number()).optional(),
  level: level.optional(),
  active: z.boolean().optional(),
});

const group = z.object({
  key: z.string(),
  name: z.string(),
  red: z.number(),
  orange: z.number(),
  yellow: z.number(),
  total: z.number(),
  closed: z.number(),
});
export const reportQuery = z.object({ month: month.optional() });
export const reportSchema = z.object({
  month: z.string(),
  months: z.array(z.string()),
  total: z.number(),
  byLevel: z.object({ red: z.number(), orange: z.number(), yellow: z.number() }),
  byStatus: z.object({ open: z.number(), following: z.number(), closed: z.number() }),
  followUps: z.number(),
  relocationEnterprises: z.number(),
  byRule: z.array(group),
  bySection: z.array(group),
  byStreet: z.array(group),
  relocation: z.array(warningItem),
  closed: z.array(warningItem),
});
