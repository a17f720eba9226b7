import {
  addNotes,
  addSheet,
  boldLastRow,
  dateCell,
  newWorkbook,
  workbookBuffer,
  type Column as SheetColumn,
} from '../../platform/excel.ts';
import type { ApplicationFigures, FiguresBy } from './figures.ts';

type Column = SheetColumn<ApplicationFigures['rows'][number]>;

const BY_HEADER: Record<FiguresBy, string> = {
  policy: '政策',
  department: '主管部门',
  industry: '行业门类',
  street: '街道',
  month: '月份',
};

const COLUMNS: Column[] = [
  { header: '申报（件）', width: 10, value: (r) => r.applications },
  { header: '批准（件）', width: 8, value: (r) => r.approved },
  { header: '不予批准（件）', width: 10, value: (r) => r.refused },
  { header: '在审（件）', width: 8, value: (r) => r.open },
  { header: '秒批（件）', width: 8, value: (r) => r.instant },
  { header: '秒批占比', width: 10, value: (r) => r.instantShare, format: '0.0%' },
  { header: '批准率', width: 10, value: (r) => r.approvalRate, format: '0.0%' },
  { header: '申请金额（万元）', width: 16, value: (r) => r.requestedAmount, format: '#,##0.00' },
  { header: '核定金额（万元）', width: 16, value: (r) => r.approvedAmount, format: '#,##0.00' },
  { header: '已拨付金额（万元）', width: 18, value: (r) => r.disbursedAmount, format: '#,##0.00' },
  { header: '已拨付（件）', width: 12, value: (r) => r.disbursed },
  { header: '免申即享金额（万元）', width: 20, value: (r) => r.grantedAmount, format: '#,##0.00' },
  { header: '免申即享（笔）', width: 14, value: (r) => r.granted },
];

const DEFINITIONS = [
  ['统计对象', '统计期内提交的申报（不含企业撤回的）'],
  ['秒批占比', '秒批件数 ÷ 已决定件数（批准 + 不予批准）'],
  ['批准率', '批准件数（含已签协议、已拨付）÷ 已决定件数'],
  ['已拨付金额', '由申报产生的兑现记录金额合计（不含免申即享批次）'],
  ['免申即享金额', '统计期内兑现的免申即享批次金额合计（按兑现日期）'],
];

export async function figuresWorkbook(f: ApplicationFigures): Promise<Buffer> {
  const wb = await newWorkbook();
  const columns: Column[] = [{ header: BY_HEADER[f.by], width: 30, value: (r) => r.name }, ...COLUMNS];
  boldLastRow(addSheet(wb, '申报统计', columns, [...f.rows, { key: null, name: '合计', ...f.totals }]));
  addNotes(wb, '说明', [14, 70], [['统计期起', dateCell(f.from)], ['统计期止', dateCell(f.to)], ...DEFINITIONS]);
  return workbookBuffer(wb);
}
