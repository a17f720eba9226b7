/**
 * The enterprise-file data a policy rule may ask about (the profile), one entry per field.
 * A rule condition names one of these keys; the profile holds its value, or null when the
 * file lacks it (the condition is then "unknown", never silently failed).
 * "Last year" is the calendar year before the evaluation date.
 */
export type FieldKind = 'number' | 'date' | 'code' | 'codes' | 'boolean';

export interface FieldDef {
  key: string;
  kind: FieldKind;
  label: string;
  labelEn: string;
  unit?: string;
  /** Where the value comes from, shown next to an explanation. */
  source: string;
}

export const FIELDS = [
  { key: 'industry', kind: 'code', label: '所属行业（GB/T 4754）', labelEn: 'Industry (GB/T 4754)', source: '企业档案' },
  { key: 'street', kind: 'code', label: '所在街道', labelEn: 'Street', source: '企业档案' },
  { key: 'scale', kind: 'code', label: '企业规模', labelEn: 'Scale', source: '企业档案' },
  { key: 'tags', kind: 'codes', label: '企业标签', labelEn: 'Tags', source: '企业档案' },
  { key: 'is_key', kind: 'boolean', label: '重点企业', labelEn: 'Key enterprise', source: '企业档案' },
  { key: 'founded_on', kind: 'date', label: '成立日期', labelEn: 'Founded on', source: '企业档案' },
  { key: 'age_years', kind: 'number', label: '成立年限', labelEn: 'Years since founding', unit: '年', source: '企业档案' },
  { key: 'registered_capital', kind: 'number', label: '注册资本', labelEn: 'Registered capital', unit: '万元', source: '企业档案' },
  { key: 'revenue_last_year', kind: 'number', label: '上年度营业收入', labelEn: "Last year's revenue", unit: '万元', source: '年度数据' },
  {
    key: 'revenue_growth',
    kind: 'number',
    label: '上年度营业收入增长率',
    labelEn: "Last year's revenue growth",
    unit: '%',
    source: '年度数据',
  },
  {
    key: 'rd_expense_last_year',
    kind: 'number',
    label: '上年度研发费用',
    labelEn: "Last year's R&D expense",
    unit: '万元',
    source: '年度数据',
  },
  {
    key: 'rd_share',
    kind: 'number',
    label: '上年度研发费用占营业收入比重',
    labelEn: "Last year's R&D share of revenue",
    unit: '%',
    source: '年度数据',
  },
  { key: 'patents', kind: 'number', label: '有效发明专利数', labelEn: 'Invention patents', unit: '件', source: '年度数据' },
  { key: 'output_last_year', kind: 'number', label: '上年度产值', labelEn: "Last year's output", unit: '万元', source: '月度指标' },
  {
    key: 'output_growth',
    kind: 'number',
    label: '上年度产值同比增长',
    labelEn: "Last year's output growth",
    unit: '%',
    source: '月度指标',
  },
  { key: 'tax_last_year', kind: 'number', label: '上年度纳税额', labelEn: "Last year's tax", unit: '万元', source: '月度指标' },
  { key: 'tax_growth', kind: 'number', label: '上年度纳税同比增长', labelEn: "Last year's tax growth", unit: '%', source: '月度指标' },
  {
    key: 'fixed_investment_last_year',
    kind: 'number',
    label: '上年度固定资产投资',
    labelEn: "Last year's fixed investment",
    unit: '万元',
    source: '月度指标',
  },
  { key: 'employees', kind: 'number', label: '从业人数（最近一期）', labelEn: 'Employees (latest month)', unit: '人', source: '月度指标' },
  {
    key: 'insured_months',
    kind: 'number',
    label: '连续参保月数',
    labelEn: 'Months insured in a row',
    unit: '个月',
    source: '月度指标',
  },
] as const satisfies readonly FieldDef[];

export type FieldKey = (typeof FIELDS)[number]['key'];
export const FIELD_KEYS = FIELDS.map((f) => f.key) as [FieldKey, ...FieldKey[]];
const byKey = new Map<string, FieldDef>(FIELDS.map((f) => [f.key, f]));

export function fieldDef(key: string): FieldDef | undefined {
  return byKey.get(key);
}

/** A profile value: numbers, ISO dates (YYYY-MM-DD), codes, code lists, booleans; null when missing. */
export type ProfileValue = number | string | readonly string[] | boolean | null;
export type Profile = { readonly [K in FieldKey]: ProfileValue };
