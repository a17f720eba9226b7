import { addTable, dateCell, MONTH, newWorkbook, workbookBuffer, type Header } from '../../platform/excel.ts';
import type { WarningItem, MonthlyReport } from './repository.ts';

/** Warning levels in words, for workbooks and the enterprise file's history. */
export const LEVEL: Record<string, string> = { red: '红色', orange: '橙色', yellow: '黄色' };
const STATUS: Record<string, string> = { open: '待跟进', following: '跟进中', closed: '已关闭' };

const itemRow = (w: WarningItem) => [
  w.enterpriseName,
  w.uscc,
  w.street ?? '',
  w.industryCode,
  w.ruleName,
  LEVEL[w.level] ?? w.level,
  w.explanation,
  STATUS[w.status] ?? w.status,
  w.assignedName ?? '',
  w.actionsTaken ?? '',
];
const itemHeaders: Header[] = [
  ['企业', 30],
  ['统一社会信用代码', 22],
  ['街道', 12],
  ['行业', 8],
  ['预警规则', 24],
  ['等级', 6],
  ['说明', 60],
  ['状态', 8],
  ['挂点干部', 10],
  ['采取措施', 40],
];

/** The monthly monitoring report as a workbook: summary, groupings, relocation risks, closed warnings. */
export async function reportWorkbook(r: MonthlyReport): Promise<Buffer> {
  const wb = await newWorkbook();
  const summary = addTable(
    wb,
    '概况',
    [
      ['项目', 24],
      ['数量', 10],
    ],
    [
      ['月份', dateCell(r.month)],
      ['预警总数（条）', r.total],
      ['红色（条）', r.byLevel.red],
      ['橙色（条）', r.byLevel.orange],
      ['黄色（条）', r.byLevel.yellow],
      ['待跟进（条）', r.byStatus.open],
      ['跟进中（条）', r.byStatus.following],
      ['已关闭（条）', r.byStatus.closed],
      ['跟进记录（次）', r.followUps],
      ['外迁风险企业（家）', r.relocationEnterprises],
    ],
  );
  summary.getCell('B2').numFmt = MONTH;
  const groupHeaders = (first: string): Header[] => [
    [first, 30],
    ['红色（条）', 8],
    ['橙色（条）', 8],
    ['黄色（条）', 8],
    ['合计（条）', 8],
    ['已关闭（条）', 8],
  ];
  const groupRows = (gs: MonthlyReport['bySection']) => gs.map((g) => [g.name, g.red, g.orange, g.yellow, g.total, g.closed]);
  addTable(wb, '按规则', groupHeaders('预警规则'), groupRows(r.byRule));
  addTable(wb, '按行业门类', groupHeaders('行业门类'), groupRows(r.bySection));
  addTable(wb, '按街道', groupHeaders('街道'), groupRows(r.byStreet));
  addTable(wb, '外迁风险', itemHeaders, r.relocation.map(itemRow));
  addTable(wb, '已处置', itemHeaders, r.closed.map(itemRow));
  return workbookBuffer(wb);
}
