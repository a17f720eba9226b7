import { streamedWorkbook, streamTable } from '../../platform/excel.ts';
import { SCALE_NAMES } from '../enterprises/schemas.ts';
import type { eligibleEnterprises } from './rules-service.ts';

type Item = Awaited<ReturnType<typeof eligibleEnterprises>>['items'][number];
const OUTCOME: Record<string, string> = { eligible: '符合', unknown: '数据不全' };

/** A policy's eligible enterprises as a workbook, one row per enterprise, every one of them. */
export async function eligibleWorkbook(policyTitle: string, items: AsyncIterable<Item>): Promise<Buffer> {
  return streamedWorkbook(async (wb) => {
    await streamTable(
      wb,
      '符合条件企业',
      [
        ['企业名称', 36],
        ['统一社会信用代码', 22],
        ['街道', 12],
        ['行业代码', 10],
        ['行业', 30],
        ['规模', 8],
        ['匹配结果', 10],
        ['规则版本', 10],
      ],
      items,
      (i) => [
        i.name,
        i.uscc,
        i.street ?? '',
        i.industryCode,
        i.industryName ?? '',
        (SCALE_NAMES as Record<string, string>)[i.scale] ?? i.scale,
        OUTCOME[i.outcome] ?? i.outcome,
        i.ruleVersion,
      ],
      policyTitle,
    );
  });
}
