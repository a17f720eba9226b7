import { z } from 'zod';
import { industryCodeField } from '../enterprises/industry.ts';
import { pageQuery } from '../../platform/http/schemas.ts';
import { scaleSchema } from '../enterprises/schemas.ts';
import { stateSchema } from '../appeals/schemas.ts';

export const tierSchema = z
  .enum(['leader', 'department_head', 'special_group'])
  .describe('挂点层级：leader 区领导、department_head 部门负责人、special_group 专班');
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** The same filters as GET /api/enterprises, plus key enterprises only. */
export const enterpriseFilter = z.object({
  streetId: z.number().int().positive().optional(),
  industry: industryCodeField.optional(),
  scale: scaleSchema.optional(),
  tag: z.string().trim().max(20).optional(),
  keyOnly: z.boolean().default(true).describe('只含重点企业'),
});

export const bulkAssignBody = z.object({
  filter: enterpriseFilter,
  tier: tierSchema,
  userIds: z.array(z.number().int().positive()).min(1).max(600).describe('一人：全部挂给此人；多人：轮流分配'),
  onlyUnassigned: z.boolean().default(true).describe('只分配尚无挂点干部的企业；否则改派（原挂点记入历史）'),
});
export const bulkAssignResult = z.object({ matched: z.number(), assigned: z.number(), skipped: z.number() });

export const assignBody = z.object({ userId: z.number().int().positive(), tier: tierSchema });

export const coverageQuery = z.object({ streetId: z.coerce.number().int().positive().optional(), ...pageQuery });
const counts = z.object({ keyEnterprises: z.number(), covered: z.number(), uncovered: z.number() });
export const coverageSchema = z
  .object({
    totals: counts,
    byStreet: z.array(counts.extend({ streetId: z.number().nullable(), name: z.string() })),
    byTier: z.array(z.object({ tier: tierSchema, enterprises: z.number(), cadres: z.number() })),
    uncovered: z.object({
      items: z.array(
        z.object({
          id: z.number(),
          name: z.string(),
          uscc: z.string(),
          streetName: z.string().nullable(),
          industryCode: z.string(),
          scale: scaleSchema,
        }),
      ),
      total: z.number(),
    }),
  })
  .meta({ id: 'LiaisonCoverage' });

export const myEnterprise = z.object({
  id: z.number(),
  name: z.string(),
  uscc: z.string(),
  streetName: z.string().nullable(),
  tier: tierSchema,
  openAppeals: z.number(),
  lastVisitOn: z.string().nullable(),
  nextPlannedOn: z.string().nullable(),
});

export const visitSchema = z
  .object({
    id: z.number(),
    enterprise: z.object({ id: z.number(), name: z.string() }),
    cadre: z.object({ id: z.number(), name: z.string() }),
    status: z.enum(['planned', 'done', 'cancelled']),
    plannedOn: z.string().nullable(),
    visitedOn: z.string().nullable(),
    purpose: z.string(),
    peopleMet: z.string(),
    notes: z.string(),
    needs: z.array(
      z.object({
        id: z.number(),
        description: z.string(),
        resolution: z.enum(['appeal', 'on_spot']),
        note: z.string().nullable(),
        appeal: z.object({ id: z.number(), number: z.string(), state: stateSchema }).nullable(),
      }),
    ),
  })
  .meta({ id: 'LiaisonVisit' });

export const planBody = z.object({
  enterpriseId: z.number().int().positive(),
  plannedOn: dateSchema,
  purpose: z.string().trim().max(200).default(''),
});

export const needInput = z.object({
  description: z.string().trim().min(4, '请描述企业的需求（至少 4 个字）').max(2000),
  resolution: z.enum(['appeal', 'on_spot']).describe('appeal 转为诉求、on_spot 现场解决'),
  title: z.string().trim().max(100).optional().describe('转为诉求时的标题（不填取描述开头）'),
  note: z.string().trim().max(500).optional().describe('现场解决的处理情况'),
  serviceItemId: z.number().int().positive().optional(),
});

export const logBody = z.object({
  visitId: z.number().int().positive().optional().describe('完成一次计划走访；不填则新建走访记录'),
  enterpriseId: z.number().int().positive(),
  visitedOn: dateSchema,
  peopleMet: z.string().trim().min(1, '请填写会见人员').max(200),
  notes: z.string().trim().max(5000).default(''),
  needs: z.array(needInput).max(20).default([]),
});

export const visitsQuery = z.object({
  status: z.enum(['planned', 'done', 'cancelled']).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  userId: z.coerce.number().int().positive().optional().describe('办公室查看某位干部（干部只能看自己的）'),
});

export const weeklyQuery = z.object({
  week: dateSchema.optional().describe('该周内任一天，默认本周'),
  userId: z.coerce.number().int().positive().optional().describe('办公室查看某位干部（干部只能看自己的）'),
});
export const weeklyReport = z
  .object({
    cadre: z.object({ id: z.number(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    summary: z.object({
      visits: z.number(),
      enterprisesVisited: z.number(),
      needs: z.number(),
      onSpot: z.number(),
      appealsFiled: z.number(),
      appealsClosed: z.number(),
      plannedNext: z.number(),
    }),
    visits: z.array(visitSchema),
    appeals: z.array(z.object({ id: z.number(), number: z.string(), title: z.string(), enterprise: z.string(), state: stateSchema })),
    plannedNext: z.array(visitSchema),
  })
  .meta({ id: 'LiaisonWeeklyReport' });

export const briefingQuery = z.object({ date: dateSchema.optional().describe('半月内任一天，默认今天') });
const briefingRow = z.object({
  name: z.string(),
  visits: z.number(),
  enterprisesVisited: z.number(),
  needs: z.number(),
  onSpot: z.number(),
  appealsFiled: z.number(),
  appealsClosed: z.number(),
});
export const briefingSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: briefingRow.omit({ name: true }).extend({ keyEnterprises: z.number(), covered: z.number() }),
    byStreet: z.array(briefingRow),
    byUnit: z.array(briefingRow),
  })
  .meta({ id: 'LiaisonBriefing' });

export const weightsSchema = z
  .object({
    visits: z.number().min(0).max(100).describe('走访完成（实际走访 ÷ 计划走访）'),
    onTime: z.number().min(0).max(100).describe('挂点企业诉求按期办结率'),
    satisfaction: z.number().min(0).max(100).describe('挂点企业诉求满意率（4、5 星）'),
    warnings: z.number().min(0).max(100).describe('预警跟进率：统计期内挂点企业新增预警中已跟进的比例（预警模块启用时计入）'),
  })
  .meta({ id: 'AssessmentWeights' });

export const assessmentQuery = z.object({ from: dateSchema.optional(), to: dateSchema.optional() });
export const termKeys = ['visits', 'onTime', 'satisfaction', 'warnings'] as const;
export const termSchema = z
  .object({
    key: z.enum(termKeys),
    name: z.string().describe('指标名称，如“走访完成率”'),
    weight: z.number().describe('设定的权重'),
    status: z
      .enum(['counted', 'noData', 'off'])
      .describe('counted 计入；noData 该干部无此项数据，不计入，其余权重按比例折算；off 权重为 0 或预警模块未启用，不计入'),
    done: z.number().describe('分子：完成走访次数、按期办结件数、满意（4–5 星）件数、已跟进预警条数'),
    of: z.number().describe('分母：计划走访次数、办结件数、已评价件数、新增预警条数'),
    unit: z.enum(['次', '件', '条']),
    rate: z.number().nullable().describe('done ÷ of（走访封顶 1）；无数据为 null'),
    averageRating: z.number().nullable().describe('满意度一项：统计期内评价的平均星级（分）；其余为 null'),
    effectiveWeight: z.number().describe('折算后的权重：计入各项合计 100'),
    points: z.number().describe('本项得分 = 折算权重 × rate；各项之和等于总分'),
    rule: z.string().describe('本项如何计分（中文说明）'),
  })
  .meta({ id: 'AssessmentTerm' });
const terms = z.object({
  visitsPlanned: z.number(),
  visitsDone: z.number(),
  visitRate: z.number().nullable(),
  appealsClosed: z.number(),
  closedOnTime: z.number(),
  onTimeRate: z.number().nullable(),
  rated: z.number(),
  satisfied: z.number(),
  satisfactionRate: z.number().nullable(),
  score: z.number().nullable(),
  terms: z.array(termSchema).describe('得分的各项构成，顺序同 termKeys'),
});
export const assessmentSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    weights: weightsSchema,
    termsUsed: z.array(z.enum(termKeys)),
    cadres: z.array(
      terms.extend({
        rank: z.number().nullable(),
        userId: z.number(),
        name: z.string(),
        unit: z.string().nullable(),
        enterprises: z.number(),
      }),
    ),
    units: z.array(
      z.object({
        rank: z.number().nullable(),
        departmentId: z.number().nullable(),
        name: z.string(),
        cadres: z.number(),
        score: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'LiaisonAssessment' });

const cadreRow = assessmentSchema.shape.cadres.element;
export const assessmentDetailSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    cadre: cadreRow,
    visits: z.array(
      z.object({
        id: z.number(),
        enterpriseId: z.number(),
        enterprise: z.string(),
        plannedOn: z.string().nullable(),
        visitedOn: z.string().nullable(),
        status: z.string(),
        planned: z.boolean().describe('计入计划（统计期内计划、未取消）'),
        done: z.boolean().describe('计入完成（统计期内已走访）'),
      }),
    ),
    appeals: z.array(
      z.object({
        id: z.number(),
        number: z.string(),
        title: z.string(),
        enterprise: z.string(),
        deadlineAt: z.string().nullable(),
        repliedAt: z.string().nullable(),
        closedAt: z.string().nullable(),
        onTime: z.boolean().describe('按期答复（或现场解决、无期限）'),
      }),
    ),
    ratings: z.array(
      z.object({
        id: z.number(),
        number: z.string(),
        title: z.string(),
        enterprise: z.string(),
        rating: z.number(),
        satisfied: z.boolean(),
      }),
    ),
    warnings: z
      .array(
        z.object({
          id: z.number(),
          enterpriseId: z.number(),
          enterprise: z.string(),
          level: z.string(),
          status: z.string(),
          createdAt: z.string(),
          followed: z.boolean(),
        }),
      )
      .nullable()
      .describe('预警模块未启用时为 null'),
  })
  .meta({ id: 'LiaisonAssessmentDetail' });
export const assessmentDetailParams = z.object({ userId: z.coerce.number().int().positive() });
