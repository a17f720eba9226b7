import {
  addNotes,
  addSheet,
  boldLastRow,
  dateCell,
  DATE_TIME,
  newWorkbook,
  timeCell,
  workbookBuffer,
  type Column,
} from '../../platform/excel.ts';
import type { FiguresBy, FiguresResult, FiguresTotals, ReportDetail } from './schemas.ts';

const BY_HEADER: Record<FiguresBy, string> = {
  department: '承办部门',
  service_item: '服务事项',
  category: '诉求类别',
  street: '街道',
  appeal_type: '诉求类型',
  month: '月份',
};

const FIGURE_COLUMNS: Column<FiguresTotals & { name: string }>[] = [
  { header: '受理（件）', width: 10, value: (r) => r.received },
  { header: '办结（件）', width: 10, value: (r) => r.closed },
  { header: '在办（件）', width: 10, value: (r) => r.open },
  { header: '超期在办（件）', width: 10, value: (r) => r.overdue },
  { header: '按期办结（件）', width: 10, value: (r) => r.onTime },
  { header: '办结率', width: 10, value: (r) => r.closureRate, format: '0.0%' },
  { header: '按期办结率', width: 12, value: (r) => r.onTimeRate, format: '0.0%' },
  { header: '平均办理时长（工作日）', width: 14, value: (r) => r.avgHandlingDays, format: '0.00' },
  { header: '满意率', width: 10, value: (r) => r.satisfactionRate, format: '0.0%' },
  { header: '已评价（件）', width: 10, value: (r) => r.rated },
  { header: '平均评分', width: 10, value: (r) => r.avgRating, format: '0.00' },
  { header: '企业自评（件）', width: 10, value: (r) => r.selfRated },
  { header: '自评满意率', width: 12, value: (r) => r.selfSatisfactionRate, format: '0.0%' },
  { header: '自评平均分', width: 12, value: (r) => r.selfAvgRating, format: '0.00' },
  { header: '回访评价（件）', width: 10, value: (r) => r.followUpRated },
  { header: '回访满意率', width: 12, value: (r) => r.followUpSatisfactionRate, format: '0.0%' },
  { header: '回访平均分', width: 12, value: (r) => r.followUpAvgRating, format: '0.00' },
  { header: '未评价办结（件）', width: 12, value: (r) => r.closedUnrated },
  { header: '其中回访未接通（件）', width: 14, value: (r) => r.closedUnratedNotReached },
  { header: '其中拒绝评价（件）', width: 12, value: (r) => r.closedUnratedDeclined },
  { header: '其中逾期自动办结（件）', width: 16, value: (r) => r.closedUnratedAuto },
  { header: '其中办公室办结（件）', width: 14, value: (r) => r.closedUnratedOffice },
  { header: '重办率', width: 10, value: (r) => r.reopenRate, format: '0.0%' },
  { header: '退回成立（件）', width: 10, value: (r) => r.returnsUpheld },
];

const DEFINITIONS = [
  ['统计对象', '统计期内受理的诉求，计入诉求现主办部门（退回成立的不计入退回部门）'],
  ['办结率', '办结 ÷ 受理'],
  ['按期办结率', '按期办结 ÷ (办结 + 超期在办)；在时限内答复为按期，现场即办均为按期'],
  ['平均办理时长', '受理次日起至答复当日的法定工作日数（按官方节假日及调休）的平均值'],
  ['满意率', '评分 ≥ 3 的评价 ÷ 全部评价；企业自评与回访评价（企业服务办电话回访时企业给出的评分）分列，合计为两者之和'],
  ['平均评分', '全部评价的平均分（1–5），引发重办的不满意评价也计入'],
  ['未评价办结', '没有评价而办结的诉求：回访多次未接通、企业拒绝评价、逾期无人评价自动办结、企业服务办直接办结'],
  ['重办率', '重办过的诉求件数 ÷ 办结件数'],
];

type Acceptance = NonNullable<FiguresResult['acceptance']>;

/** The acceptance clock (受理时限), as in the API's `acceptance`: the front office's step, so a handler's export has none. */
const ACCEPTANCE_COLUMNS: Column<Acceptance>[] = [
  { header: '待受理（件）', width: 12, value: (a) => a.waiting },
  { header: '已超受理时限（件）', width: 16, value: (a) => a.overdue },
  { header: '本期受理（件）', width: 14, value: (a) => a.accepted },
  { header: '超时受理（件）', width: 14, value: (a) => a.acceptedLate },
  { header: '按时受理率（%）', width: 14, value: (a) => a.onTimeRate, format: '0.0%' },
];

const ACCEPTANCE_DEFINITIONS = [
  ['待受理、已超受理时限', '生成时仍待受理的诉求，及其中已超过受理时限的件数（不限统计期）'],
  ['本期受理、超时受理', '统计期内受理的诉求，及其中超过受理时限才受理的件数'],
  ['按时受理率', '(本期受理 − 超时受理) ÷ (本期受理 + 已超受理时限)'],
];

export async function figuresWorkbook(f: FiguresResult): Promise<Buffer> {
  const wb = await newWorkbook();
  const columns: Column<FiguresTotals & { name: string }>[] = [
    { header: BY_HEADER[f.by], width: 24, value: (r) => r.name },
    ...FIGURE_COLUMNS,
  ];
  boldLastRow(addSheet(wb, '诉求统计', columns, [...f.rows, { name: '合计', ...f.totals }]));
  if (f.acceptance) addSheet(wb, '受理时效', ACCEPTANCE_COLUMNS, [f.acceptance]);
  addNotes(
    wb,
    '说明',
    [20, 80],
    [
      ['统计期起（受理日期）', dateCell(f.from)],
      ['统计期止（受理日期）', dateCell(f.to)],
      ['生成时间', timeCell(f.generatedAt)],
      ...DEFINITIONS,
      ...(f.acceptance ? ACCEPTANCE_DEFINITIONS : []),
    ],
  );
  return workbookBuffer(wb);
}

const LEVELS = { green: '绿灯', yellow: '黄灯', red: '红灯' } as const;
type Department = ReportDetail['data']['departments'][number];
type Item = ReportDetail['data']['overdueItems'][number];

export async function reportWorkbook(report: ReportDetail): Promise<Buffer> {
  const wb = await newWorkbook();
  const { totals } = report.data;
  const ranked = addSheet<Omit<Department, 'rank' | 'departmentId'> & { rank: number | string }>(
    wb,
    '部门晾晒',
    [
      { header: '排名', width: 6, value: (d) => d.rank },
      { header: '承办部门', width: 24, value: (d) => d.name },
      { header: '统计期办理（件）', width: 10, value: (d) => d.handled },
      { header: '统计期办结（件）', width: 10, value: (d) => d.closed },
      { header: '超期办结（件）', width: 10, value: (d) => d.closedLate },
      { header: '超期在办（件）', width: 10, value: (d) => d.overdueNow },
      { header: '最长超期（工作日）', width: 12, value: (d) => d.maxDaysOverdue },
      { header: '按期办结率', width: 12, value: (d) => d.onTimeRate, format: '0.0%' },
      { header: '平均办理时长（工作日）', width: 14, value: (d) => d.avgHandlingDays, format: '0.00' },
      { header: '未回复督办单（件）', width: 12, value: (d) => d.supervisionOpen },
      { header: '退回成立（件）', width: 10, value: (d) => d.returnsUpheld },
      { header: '是否落后', width: 10, value: (d) => (d.lagging ? '落后' : '') },
    ],
    [
      ...report.data.departments,
      {
        ...totals,
        rank: '合计',
        name: '全区',
        maxDaysOverdue: Math.max(0, ...report.data.overdueItems.map((i) => i.daysOverdue)),
        lagging: false,
      },
    ],
  );
  boldLastRow(ranked);
  addSheet<Item>(
    wb,
    '超期清单',
    [
      { header: '诉求编号', width: 18, value: (i) => i.number },
      { header: '诉求标题', width: 36, value: (i) => i.title },
      { header: '企业', width: 30, value: (i) => i.enterprise },
      { header: '承办部门', width: 24, value: (i) => i.department },
      { header: '办理时限', width: 18, value: (i) => timeCell(i.deadlineAt), format: DATE_TIME },
      { header: '超期（工作日）', width: 12, value: (i) => i.daysOverdue },
      { header: '预警等级', width: 10, value: (i) => LEVELS[i.warningLevel] },
    ],
    report.data.overdueItems,
  );
  const c = report.data.closures;
  // Reports published before follow-ups were counted have no closures: no sheet rather than zeros.
  if (c) {
    addSheet<[string, number]>(
      wb,
      '办结评价',
      [
        { header: '项目', width: 28, value: (r) => r[0] },
        { header: '数量（件）', width: 10, value: (r) => r[1] },
      ],
      [
        ['统计期内办结', c.closed],
        ['其中企业自评', c.ratedSelf],
        ['其中回访评价', c.ratedFollowUp],
        ['其中未评价办结', c.unrated],
        ['　未评价：回访未接通', c.unratedNotReached],
        ['　未评价：企业拒绝评价', c.unratedDeclined],
        ['　未评价：逾期自动办结', c.unratedAuto],
        ['　未评价：企业服务办办结', c.unratedOffice],
      ],
    );
  }
  return workbookBuffer(wb);
}
