import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.ts';
import type { PoliciesTable } from '../../src/platform/db/schema-policies.ts';
import { indexTokens } from '../../src/modules/policies/tokens.ts';
import { POLICIES, type SeedRule } from '../../src/seed/policy-data/index.ts';
import { Rng } from '../../src/seed/random.ts';

/**
 * A large generated policy library for the search test and benchmark: the demo policies
 * re-issued by other districts and years, with their clauses and some boilerplate, so that the
 * vocabulary and the text lengths are those of real policies.
 */
const ISSUERS: readonly [string, 'national' | 'provincial' | 'municipal' | 'district'][] = [
  ['宝安区', 'district'],
  ['南山区', 'district'],
  ['龙岗区', 'district'],
  ['龙华区', 'district'],
  ['光明区', 'district'],
  ['坪山区', 'district'],
  ['金东区', 'district'],
  ['湖里区', 'district'],
  ['苏州高新区', 'district'],
  ['深圳市', 'municipal'],
  ['东莞市', 'municipal'],
  ['金华市', 'municipal'],
  ['厦门市', 'municipal'],
  ['广东省', 'provincial'],
  ['浙江省', 'provincial'],
  ['江苏省', 'provincial'],
  ['国家', 'national'],
];
const FILLER = [
  '各单位要加强组织领导，明确责任分工，确保各项措施落到实处。',
  '资金使用实行绩效管理，主管部门对资助项目开展跟踪评估。',
  '申报单位应当具有健全的财务管理制度和良好的信用记录，近三年未发生重大安全、环保、质量事故。',
  '本政策与本地区其他同类政策有重叠的，按照从高不重复的原则执行。',
  '主管部门应当在受理申请之日起二十个工作日内完成审核，并将审核结果向社会公示，公示期为五个工作日。',
  '企业可通过政务服务平台查询申报进度，咨询热线将提供政策解读和申报辅导。',
  '对弄虚作假、骗取财政资金的单位，依法追回资金，五年内不得申报各级财政资金项目。',
];

function leafClauses(rule: SeedRule): string[] {
  if ('field' in rule) return [rule.clause];
  if ('not' in rule) return leafClauses(rule.not);
  return ('all' in rule ? rule.all : rule.any).flatMap(leafClauses);
}

export function generatedPolicies(n: number, seed = 20261123): Insertable<PoliciesTable>[] {
  const rng = new Rng(seed);
  const rows: Insertable<PoliciesTable>[] = [];
  for (let i = 0; i < n; i++) {
    const base = POLICIES[i % POLICIES.length]!;
    const [region, level] = rng.pick(ISSUERS);
    const year = rng.int(2018, 2026);
    const title = `${region}${year}年${base.title.replace(/^(宝安区|深圳市|广东省|工业和信息化部|财政部 税务总局|国务院)/, '')}`;
    const body = [
      `为${base.aim}，结合${region}实际，制定本政策。`,
      ...leafClauses(base.rule).map((c, k) => `（${k + 1}）${c}。`),
      `支持标准：${base.benefit}`,
      ...(base.auto ? ['本政策实行“免申即享”，符合条件的企业无需申报。'] : []),
      ...Array.from({ length: rng.int(2, 5) }, () => rng.pick(FILLER)),
    ].join('\n');
    const from = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
    rows.push({
      code: `GEN-${seed}-${i}`,
      title,
      doc_number: `${region.slice(0, 2)}府〔${year}〕${rng.int(1, 99)}号`,
      issuer: `${region}人民政府`,
      level,
      category: base.cat,
      effective_from: from,
      effective_to: rng.chance(0.3) ? null : `${year + rng.int(1, 5)}-12-31`,
      summary: base.benefit,
      full_text: body,
      benefit: base.benefit,
      max_amount: base.max,
      industry_codes: base.ind ?? [],
      auto_grant: base.auto ?? false,
      status: rng.chance(0.9) ? 'published' : 'draft',
      title_tokens: indexTokens(title),
      body_tokens: indexTokens(body),
    });
  }
  return rows;
}

export async function insertGeneratedPolicies(db: Kysely<DB>, n: number, seed?: number): Promise<void> {
  const rows = generatedPolicies(n, seed);
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('policies')
      .values(rows.slice(i, i + 500))
      .execute();
  // What autovacuum does after a bulk load: merges the GIN pending list and sets hint bits.
  await sql`vacuum analyze policies`.execute(db);
}
