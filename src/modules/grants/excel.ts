import { addTable, newWorkbook, workbookBuffer } from '../../platform/excel.ts';
import type { UnclaimedItem } from './repository.ts';

/** 应享未享 as a workbook, for the departments that follow up. */
export async function unclaimedWorkbook(items: UnclaimedItem[]): Promise<Buffer> {
  const wb = await newWorkbook();
  addTable(
    wb,
    '应享未享',
    [
      ['政策', 40],
      ['免申即享', 10],
      ['最高金额（万元）', 16],
      ['企业', 30],
      ['统一社会信用代码', 22],
      ['行业', 8],
      ['街道', 12],
      ['匹配时间', 18],
    ],
    items.map((r) => [
      r.policyTitle,
      r.autoGrant ? '是' : '否',
      r.maxAmount ?? '',
      r.enterpriseName,
      r.uscc,
      r.industryCode,
      r.street ?? '',
      r.matchedAt.slice(0, 16).replace('T', ' '),
    ]),
  );
  return workbookBuffer(wb);
}
