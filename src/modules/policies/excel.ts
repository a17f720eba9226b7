import ExcelJS from 'exceljs';
import { SCALE_NAMES } from '../enterprises/schemas.ts';
import type { eligibleEnterprises } from './rules-service.ts';

type Item = Awaited<ReturnType<typeof eligibleEnterprises>>['items'][number];
const OUTCOME: Record<string, string> = { eligible: '符合', unknown: '数据不全' };

/** A policy's eligible enterprises as a workbook, one row per enterprise. */
export async function eligibleWorkbook(policyTitle: string, items: Item[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '企服通';
  const ws = wb.addWorksheet('符合条件企业', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([policyTitle]).font = { bold: true, size: 12 };
  const headers: [string, number][] = [['企业名称', 36], ['统一社会信用代码', 22], ['街道', 12], ['行业代码', 10], ['行业', 30], ['规模', 8], ['匹配结果', 10], ['规则版本', 10]];
  ws.columns = headers.map(([, width]) => ({ width }));
  ws.addRow(headers.map(([h]) => h)).font = { bold: true };
  for (const i of items) ws.addRow([i.name, i.uscc, i.street ?? '', i.industryCode, i.industryName ?? '', (SCALE_NAMES as Record<string, string>)[i.scale] ?? i.scale, OUTCOME[i.outcome] ?? i.outcome, i.ruleVersion]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
