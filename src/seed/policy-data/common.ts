/**
 * What the demo policy files share: the seed's shape, the builders of an eligibility rule, the
 * issuing bodies and the conditions several policies repeat.
 */
import type { PolicyLevel } from '../../platform/db/schema-policies.ts';

export type SeedRule =
  | { field: string; op: string; value: number | string | boolean | string[] | [number, number]; clause: string }
  | { all: SeedRule[] }
  | { any: SeedRule[] }
  | { not: SeedRule };

export interface PolicySeed {
  title: string;
  no: string | null;
  issuer: string;
  dept: string;
  level: PolicyLevel;
  cat: string;
  from: string;
  to: string | null;
  max: number | null;
  aim: string;
  benefit: string;
  rule: SeedRule;
  ind?: string[];
  auto?: boolean;
  /** Test cases read from the clauses, seeded besides the three every policy gets. */
  cases?: { name: string; profile: Record<string, unknown>; expected: 'eligible' | 'ineligible' | 'unknown' }[];
  /** 'open': a published notice open now; 'closed': its window has passed. */
  notice?: 'open' | 'closed';
  status?: 'draft' | 'archived';
}

export const c = (field: string, op: string, value: number | string | boolean | string[] | [number, number], clause: string): SeedRule => ({
  field,
  op,
  value,
  clause,
});
export const all = (...r: SeedRule[]): SeedRule => ({ all: r });
export const any = (...r: SeedRule[]): SeedRule => ({ any: r });
export const not = (r: SeedRule): SeedRule => ({ not: r });

export const GOV = '深圳市宝安区人民政府';
export const GXJ = '深圳市宝安区工业和信息化局';
export const KCJ = '深圳市宝安区科技创新局';
export const RLJ = '深圳市宝安区人力资源局';
export const SWJ = '深圳市宝安区商务局';
export const JRJ = '深圳市宝安区地方金融工作局';
export const FGJ = '深圳市宝安区发展和改革局';
export const TZS = '深圳市宝安区投资推广署';
export const SZ = '深圳市人民政府';
export const SZGX = '深圳市工业和信息化局';
export const SZKC = '深圳市科技创新委员会';
export const GD = '广东省人民政府';
export const GDGX = '广东省工业和信息化厅';
export const MIIT = '工业和信息化部';
export const MOF = '财政部 国家税务总局';

export const notSmall = c('scale', 'in', ['large', 'medium', 'small'], '属于规模以上或小型及以上企业');
export const manufacturing = c('industry', 'in', ['C'], '属于制造业（国民经济行业分类 C 门类）');
export const techIndustries = c(
  'industry',
  'in',
  ['C39', 'C40', 'C35', 'C38', 'I65', 'M73'],
  '属于电子信息、智能装备、软件和信息技术服务、研究和试验发展等重点产业',
);
