import ExcelJS from 'exceljs';
import type { UnclaimedItem } from './queries.ts';

/** 应享未享 as a workbook, for the departments that follow up. */
export async function unclaimedWorkbook(items: UnclaimedItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '企服通';
  const ws = wb.addWorksheet('应享未享', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '政策', width: 40 }, { header: '免申即享', width: 10 }, { header: '最高金额（万元）', width: 16 }, { header: '企业', width: 30 },
    { header: '统一社会信用代码', width: 22 }, { header: '行业', width: 8 }, { header: '街道', width: 12 }, { header: '匹配时间', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of items) ws.addRow([r.policyTitle, r.autoGrant ? '是' : '否', r.maxAmount ?? '', r.enterpriseName, r.uscc, r.industryCode, r.street ?? '', r.matchedAt.slice(0, 16).replace('T', ' ')]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
