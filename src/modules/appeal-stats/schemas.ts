import { z } from 'zod';
import { isIsoDate } from '../calendar/working-days.ts';
import { daysBetween } from './period.ts';

export const isoDate = z
  .string()
  .regex(/^20\d\d-\d\d-\d\d$/, '日期格式为 YYYY-MM-DD（2000–2099 年）')
  .refine(isIsoDate, '不是有效的日期');

/** Ten years at most: the working-day index behind the figures is built for the whole period. */
const MAX_DAYS = 3_660;

function checkPeriod(p: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (!p.from || !p.to) return;
  if (p.to < p.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  else if (daysBetween(p.from, p.to) > MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: '统计区间不能超过 10 年' });
}

export const FIGURES_BY = ['department', 'service_item', 'category', 'street', 'appeal_type', 'month'] as const;
export type FiguresBy = (typeof FIGURES_BY)[number];

export const figuresQuery = z
  .object({
    by: z.enum(FIGURES_BY).default('department').describe('分组：部门、服务事项、诉求类别、街道、诉求类型（咨询/求助/投诉/建议）、月份'),
    from: isoDate.optional().describe('受理日期起（含），缺省为本年 1 月 1 日'),
    to: isoDate.optional().describe('受理日期止（含），缺省为今天'),
  })
  .superRefine(checkPeriod);

const rate = z.number().nullable();

const figureFields = {
  received: z.number().describe('受理件数：统计期内受理的诉求'),
  closed: z.number().describe('办结件数'),
  open: z.number().describe('在办件数'),
  overdue: z.number().describe('超期在办件数：计时中且已过办理时限'),
  onTime: z.number().describe('按期办结件数：在时限内答复（现场即办均算按期）'),
  closureRate: rate.describe('办结率 = 办结 ÷ 受理'),
  onTimeRate: rate.describe('按期办结率 = 按期办结 ÷ (办结 + 超期在办)'),
  replied: z.number().describe('已答复件数（计算平均办理时长的件数）'),
  avgHandlingDays: rate.describe('平均办理时长（工作日）：受理次日起至答复当日的法定工作日数的平均值'),
  rated: z.number().describe('评价次数：企业自评与回访评价合计（引发重办的不满意评价也计入）'),
  satisfied: z.number().describe('满意评价次数（评分 ≥ 3）'),
  satisfactionRate: rate.describe('满意率 = 满意评价 ÷ 全部评价（引发重办的不满意评价也计入）'),
  avgRating: rate.describe('平均评分（1–5），全部评价'),
  selfRated: z.number().describe('企业自评次数'),
  selfSatisfied: z.number().describe('企业自评满意次数'),
  selfSatisfactionRate: rate.describe('自评满意率 = 自评满意 ÷ 自评'),
  selfAvgRating: rate.describe('自评平均评分'),
  followUpRated: z.number().describe('回访评价次数（办公室电话回访时企业给出的评分）'),
  followUpSatisfied: z.number().describe('回访满意次数'),
  followUpSatisfactionRate: rate.describe('回访满意率 = 回访满意 ÷ 回访评价'),
  followUpAvgRating: rate.describe('回访平均评分'),
  closedUnrated: z.number().describe('未评价办结件数（以下四项之和）'),
  closedUnratedNotReached: z.number().describe('回访多次未接通、不评价办结'),
  closedUnratedDeclined: z.number().describe('企业拒绝评价、不评价办结'),
  closedUnratedAuto: z.number().describe('逾期无人评价、自动办结'),
  closedUnratedOffice: z.number().describe('企业服务办直接办结、未评价'),
  reopened: z.number().describe('重办过的诉求件数'),
  reopenRate: rate.describe('重办率 = 重办过的诉求 ÷ 办结'),
  returnsUpheld: z.number().describe('退回成立次数，计入诉求现主办部门，不计入退回的部门'),
};

export const figuresTotals = z.object(figureFields);
export const figuresRow = z.object({
  key: z.string().nullable().describe('部门、服务事项、类别、街道的编号，诉求类型代码，或月份 YYYY-MM；null 表示未分办/未归类'),
  name: z.string(),
  ...figureFields,
});

export const figuresResult = z
  .object({
    by: z.enum(FIGURES_BY),
    from: z.string(),
    to: z.string(),
    generatedAt: z.string(),
    rows: z.array(figuresRow),
    totals: figuresTotals,
    acceptance: z
      .object({
        waiting: z.number().describe('待受理件数（现在）'),
        overdue: z.number().describe('超过受理时限仍未受理的件数（现在）'),
        accepted: z.number().describe('统计期内受理的件数'),
        acceptedLate: z.number().describe('其中超过受理时限才受理的件数'),
        onTimeRate: rate.describe('按时受理率 = (受理 − 超时受理) ÷ (受理 + 超时未受理)'),
      })
      .nullable()
      .describe('受理时限（企业服务办的受理环节）；部门账号为 null'),
  })
  .meta({ id: 'AppealFigures' });

export type FiguresRow = z.output<typeof figuresRow>;
export type FiguresTotals = z.output<typeof figuresTotals>;
export type FiguresResult = z.output<typeof figuresResult>;

export const reportDepartment = z.object({
  rank: z.number().describe('名次，最落后的为 1'),
  departmentId: z.number(),
  name: z.string(),
  handled: z.number().describe('统计期内在办或办结的诉求'),
  closed: z.number().describe('统计期内办结'),
  closedLate: z.number().describe('统计期内超期办结'),
  overdueNow: z.number().describe('生成时超期在办'),
  maxDaysOverdue: z.number().describe('超期在办中最长超期工作日数'),
  onTimeRate: rate.describe('按期办结 ÷ (统计期内办结 + 超期在办)'),
  avgHandlingDays: rate.describe('统计期内办结诉求的平均办理工作日'),
  supervisionOpen: z.number().describe('未回复的督办单'),
  returnsUpheld: z.number().describe('退回成立次数（计入现主办部门）'),
  lagging: z.boolean().describe('有超期在办或超期办结'),
});

export const overdueItem = z.object({
  appealId: z.number(),
  number: z.string(),
  title: z.string(),
  enterprise: z.string(),
  departmentId: z.number().nullable(),
  department: z.string(),
  deadlineAt: z.string(),
  daysOverdue: z.number().describe('超期工作日数：时限当日之后至生成当日'),
  warningLevel: z.enum(['green', 'yellow', 'red']),
  stage: z
    .literal('acceptance')
    .optional()
    .describe('acceptance：超过受理时限仍未受理（deadlineAt 为受理时限）；无此项：超过办理时限未办结'),
});

export const reportData = z
  .object({
    periodStart: z.string(),
    periodEnd: z.string(),
    generatedAt: z.string(),
    totals: z.object({
      handled: z.number(),
      closed: z.number(),
      closedLate: z.number(),
      overdueNow: z.number(),
      onTimeRate: rate,
      avgHandlingDays: rate,
      supervisionOpen: z.number(),
      returnsUpheld: z.number(),
      laggingDepartments: z.number(),
      acceptOverdueNow: z.number().optional().describe('生成时超过受理时限仍未受理的诉求（不计入上面的超期在办与按期率）'),
    }),
    closures: z
      .object({
        closed: z.number().describe('统计期内办结的诉求'),
        ratedSelf: z.number().describe('其中企业自评后办结'),
        ratedFollowUp: z.number().describe('其中回访评价后办结'),
        unrated: z.number().describe('其中未评价办结（以下四项之和）'),
        unratedNotReached: z.number().describe('回访多次未接通'),
        unratedDeclined: z.number().describe('企业拒绝评价'),
        unratedAuto: z.number().describe('逾期无人评价自动办结'),
        unratedOffice: z.number().describe('企业服务办直接办结'),
      })
      .optional()
      .describe('统计期内办结诉求的评价情况（回访上线前发布的报告没有此项）'),
    departments: z.array(reportDepartment).describe('按落后程度排序：超期在办多者在前，其次按期率低、超期办结多'),
    overdueItems: z.array(overdueItem).describe('超期在办清单，超期最久的在前'),
  })
  .meta({ id: 'OverdueReportData' });

export type ReportData = z.output<typeof reportData>;
export type ReportDepartment = z.output<typeof reportDepartment>;

const reportHeader = {
  id: z.number(),
  kind: z.enum(['weekly', 'on_demand']),
  periodStart: z.string(),
  periodEnd: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string().nullable(),
};

export const reportSummary = z.object({ ...reportHeader, overdueNow: z.number(), laggingDepartments: z.number() });
export const reportDetail = z.object({ ...reportHeader, data: reportData }).meta({ id: 'OverdueReport' });
export type ReportDetail = z.output<typeof reportDetail>;

export const reportPeriodBody = z.object({ from: isoDate, to: isoDate }).superRefine(checkPeriod);
