import { z } from 'zod';
import type { AppealAction } from './workflow.ts';

const text = (label: string, max = 2000) => z.string().trim().min(1, `请填写${label}`).max(max);
const note = z.string().trim().max(2000).optional();
const departmentId = z.number().int().positive();
const grade = z.enum(['normal', 'urgent', 'complex']);
const rating = z.number().int().min(1, '评分为 1–5').max(5, '评分为 1–5');
export const APPEAL_TYPES = ['consultation', 'help', 'complaint', 'suggestion'] as const;
export const appealTypeSchema = z.enum(APPEAL_TYPES).describe('诉求类型：consultation 咨询、help 求助、complaint 投诉、suggestion 建议');

/** A follow-up call (回访): a rating only when the enterprise gave one. */
const followUp = z
  .object({
    outcome: z.enum(['rated', 'not_reached', 'declined']).describe('rated 已评价、not_reached 未接通、declined 拒绝评价'),
    rating: rating.optional().describe('企业在回访中给出的评分（outcome 为 rated 时必填）'),
    comment: z.string().trim().max(1000).optional().describe('企业的意见或回访记录'),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'rated' && v.rating === undefined)
      ctx.addIssue({ code: 'custom', path: ['rating'], message: '企业已评价时请填写评分（1–5）' });
    if (v.outcome !== 'rated' && v.rating !== undefined)
      ctx.addIssue({ code: 'custom', path: ['rating'], message: '未接通或拒绝评价时不能填写评分' });
  });

/** The body each action takes: one POST route per action is generated from this table. */
export const ACTION_INPUTS = {
  accept: z.object({
    appealType: appealTypeSchema.optional().describe('改定诉求类型；缺省不变'),
    serviceItemId: z.number().int().positive().optional().describe('确认或改选的服务事项；缺省为已选事项'),
    grade: grade.optional().describe('缺省为服务事项的默认等级'),
    note,
  }),
  decline: z.object({ reason: text('不予受理的理由') }),
  resolve_on_spot: z.object({ reply: text('现场办理结果') }),
  dispatch: z.object({
    departmentId: departmentId.optional().describe('主办部门；缺省为服务事项的责任部门'),
    assistDepartmentIds: z.array(departmentId).max(10).default([]).describe('协办部门'),
    note,
  }),
  claim: z.object({ note }),
  start: z.object({ note }),
  claim_and_start: z.object({ note }),
  return: z.object({ reason: text('退回理由'), suggestedDepartmentId: departmentId.optional().describe('建议的责任部门') }),
  arbitrate_return: z.object({
    upheld: z.boolean().describe('true 退回成立（改派，不计入原部门考核）；false 退回不成立（原部门继续办理）'),
    departmentId: departmentId.optional().describe('退回成立时改派的部门；缺省为建议部门'),
    note,
  }),
  transfer: z.object({ departmentId, note: text('转办说明') }),
  request_info: z.object({ question: text('需要企业补充的内容') }),
  provide_info: z.object({ answer: text('补充内容') }),
  assist_opinion: z.object({ opinion: text('协办意见') }),
  reply: z.object({
    reply: text('答复内容', 5000),
    attachmentIds: z
      .array(z.number().int().positive())
      .max(20)
      .default([])
      .describe('随答复发送的附件：先上传到本诉求（POST /api/appeals/{id}/attachments）、尚未随答复发出的附件编号'),
  }),
  rate: z.object({ rating, comment: z.string().trim().max(1000).optional() }),
  follow_up: followUp,
  reopen: z.object({ reason: text('重办理由') }),
  close: z.object({ note }),
  request_extension: z.object({ workingDays: z.number().int().min(1).max(30), reason: text('延期理由') }),
  decide_extension: z.object({ approve: z.boolean(), note }),
  escalate: z.object({ note: text('提请事由'), toAgenda: z.boolean().default(false).describe('同时列入联席会议议程') }),
  supervise: z.object({
    content: text('督办要求'),
    workingDays: z.number().int().min(1).max(30).default(2).describe('督办时限（工作日）'),
  }),
  comment: z.object({ note: text('批示或备注') }),
} satisfies Record<AppealAction, z.ZodObject>;

export type ActionInput<A extends AppealAction> = z.output<(typeof ACTION_INPUTS)[A]>;
