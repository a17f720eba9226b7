import { DATE_TIME, pages, streamedWorkbook, streamTable, timeCell } from '../../platform/excel.ts';
import type { Db } from '../../platform/db/index.ts';
import { unclaimedAfter, type UnclaimedFilter } from './repository.ts';

const PAGE = 5_000;

/** 应享未享 as a workbook, for the departments that follow up: every row of the list, read and written page by page. */
export async function unclaimedWorkbook(db: Db, f: Omit<UnclaimedFilter, 'page' | 'pageSize'>): Promise<{ data: Buffer; rows: number }> {
  let rows = 0;
  const data = await streamedWorkbook(async (wb) => {
    const items = pages((after: Awaited<ReturnType<typeof unclaimedAfter>>[number] | undefined) => unclaimedAfter(db, f, after, PAGE));
    rows = await streamTable(
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
        ['匹配时间', 18, DATE_TIME],
      ],
      items,
      (r) => [
        r.policyTitle,
        r.autoGrant ? '是' : '否',
        r.maxAmount ?? '',
        r.enterpriseName,
        r.uscc,
        r.industryCode,
        r.street ?? '',
        timeCell(r.matchedAt),
      ],
    );
  });
  return { data, rows };
}
