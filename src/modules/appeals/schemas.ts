import { z } from 'zod';
import { mobileSchema, pageQuery } from '../../platform/http/schemas.ts';
import { appealTypeSchema } from './action-inputs.ts';
import { STATES } from './workflow.ts';

export const channelSchema = z
  .enum(['portal', 'visit', 'phone', 'hall', 'wechat', 'hotline_12345', 'system', 'joint_meeting'])
  .describe(
    '渠道：portal 企业端、visit 走访、phone 电话、hall 服务大厅、wechat 微信、hotline_12345 12345 热线、system 其他系统、joint_meeting 联席会议',
  );
export const stateSchema = z.enum(STATES);
export const gradeSchema = z.enum(['normal', 'urgent', 'complex']);

export const submitBody = z.object({
  title: z.string().trim().min(4, '标题至少 4 个字').max(100),
  description: z.string().trim().min(10, '请把问题描述清楚（至少 10 个字）').max(5000),
  serviceItemId: z.number().int().positive().optional().describe('服务事项（可不选，由专员分类）'),
  contactName: z.string().trim().max(30).optional(),
  contactPhone: mobileSchema.optional(),
  urgency: z.enum(['normal', 'urgent']).default('normal').describe('企业请求的紧急程度'),
  channel: channelSchema.optional().describe('代企业提交时必填'),
  enterpriseId: z.number().int().positive().optional().describe('代企业提交：企业 ID'),
  enterpriseUscc: z.string().trim().max(18).optional().describe('代企业提交：统一社会信用代码'),
  externalRef: z.string().trim().max(100).optional().describe('来源系统的单号'),
  appealType: appealTypeSchema.default('help').describe('诉求类型：consultation 咨询、help 求助（缺省）、complaint 投诉、suggestion 建议'),
});

export const listQuery = z.object({
  view: z
    .enum(['all', 'intake', 'dispatch', 'returns', 'inbox', 'escalated', 'mine', 'warnings'])
    .default('all')
    .describe('intake 待受理、dispatch 待分办、returns 退回待仲裁、inbox 本部门待办、escalated 提请领导、mine 我提交的、warnings 黄红灯'),
  state: stateSchema.optional(),
  q: z.string().trim().max(60).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  warning: z.enum(['green', 'yellow', 'red']).optional(),
  appealType: appealTypeSchema.optional(),
  ...pageQuery,
});

const ref = z.object({ id: z.number(), name: z.string() }).nullable();

export const appealListItem = z
  .object({
    id: z.number(),
    number: z.string(),
    title: z.string(),
    state: stateSchema,
    appealType: appealTypeSchema,
    channel: channelSchema,
    grade: gradeSchema.nullable(),
    enterprise: z.object({ id: z.number(), name: z.string() }),
    serviceItem: ref,
    department: ref,
    submittedAt: z.string(),
    deadlineAt: z.string().nullable(),
    acceptDeadlineAt: z.string().nullable().describe('受理时限：提交后须在此前受理；未受理时黄红灯按它计算'),
    deadlineProvisional: z
      .boolean()
      .describe('暂定：正在计时的时限（未受理时为受理时限）跨越尚无官方节假日数据的年份，按周一至周五计算，导入该年安排后会重算'),
    warningLevel: z.enum(['green', 'yellow', 'red']).describe('黄红灯：待受理时按受理时限，受理后按办理时限'),
    escalated: z.boolean(),
    reopenCount: z.number(),
  })
  .meta({ id: 'AppealListItem' });

export const followUpCallSchema = z.object({
  id: z.number(),
  outcome: z.enum(['rated', 'not_reached', 'declined']),
  rating: z.number().nullable(),
  comment: z.string().nullable(),
  calledBy: z.string(),
  calledAt: z.string(),
});

export const eventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  note: z.string().nullable(),
  data: z.unknown(),
});

export const appealDetail = appealListItem
  .extend({
    description: z.string(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    contactEmail: z.string().nullable().describe('诉求人的电子邮箱（Open311 email）'),
    location: z
      .object({ address: z.string().nullable(), lat: z.number().nullable(), long: z.number().nullable() })
      .nullable()
      .describe('诉求人报送的问题位置（Open311 address_string、lat/long）；未报送为 null'),
    mediaUrl: z.string().nullable().describe('诉求人提供的图片链接（Open311 media_url，http/https）'),
    requestedUrgency: z.enum(['normal', 'urgent']),
    acceptedAt: z.string().nullable(),
    repliedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    reply: z.string().nullable(),
    declineReason: z.string().nullable(),
    rating: z.number().nullable(),
    ratingComment: z.string().nullable(),
    ratingSource: z.enum(['self', 'follow_up']).nullable().describe('当前评价来自企业自评（self）还是回访（follow_up）'),
    closedUnrated: z
      .enum(['not_reached', 'declined', 'auto', 'office'])
      .nullable()
      .describe('未评价办结的原因：回访未接通、企业拒绝评价、逾期自动办结、办公室办结'),
    followUps: z.array(followUpCallSchema).describe('回访记录（企业看不到）'),
    onSpot: z.boolean(),
    paused: z.boolean(),
    mergedInto: z.object({ id: z.number(), number: z.string() }).nullable(),
    departments: z.array(z.object({ id: z.number(), name: z.string(), role: z.enum(['lead', 'assist']), opinion: z.string().nullable() })),
    suggestions: z.array(z.object({ serviceItemId: z.number(), name: z.string(), confidence: z.number(), terms: z.array(z.string()) })),
    attachments: z.array(
      z.object({
        id: z.number(),
        fileName: z.string(),
        mime: z.string(),
        size: z.number(),
        eventId: z.number().nullable().describe('随之发出的时间线步骤（答复）；未随答复发出为 null'),
      }),
    ),
    timeline: z.array(eventSchema),
    pendingReturn: z
      .object({ reason: z.string(), suggestedDepartmentId: z.number().nullable(), fromDepartment: z.string().nullable() })
      .nullable()
      .describe('待仲裁的退回'),
    pendingExtension: z
      .object({ workingDays: z.number(), reason: z.string(), requestedAt: z.string() })
      .nullable()
      .describe('待审批的延期申请'),
    actions: z.array(z.string()).describe('当前用户此刻可执行的动作'),
  })
  .meta({ id: 'AppealDetail' });
