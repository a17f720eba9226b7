/** Shapes of the policy library's API answers (src/modules/policies/schemas.ts). */
export const LEVELS = ['national', 'provincial', 'municipal', 'district'] as const;
/** Who writes the library (the server checks it too). */
export const EDITORS: readonly string[] = ['policy_officer', 'admin'];
export type PolicyLevel = (typeof LEVELS)[number];
export type PolicyStatus = 'draft' | 'published' | 'archived';
export type NoticeStatus = 'draft' | 'published' | 'withdrawn';
export const CATEGORIES = ['科技创新', '专精特新', '人才', '金融', '稳岗', '产业用房', '工业投资', '外贸', '商贸', '总部经济', '数字经济', '绿色低碳', '税费减免', '文化旅游', '安全生产', '营商环境'];

export interface PolicyItem {
  id: number;
  code: string;
  title: string;
  docNumber: string | null;
  issuer: string;
  departmentId: number | null;
  departmentName: string | null;
  level: PolicyLevel;
  category: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  inForce: boolean;
  summary: string;
  maxAmount: number | null;
  industryCodes: string[];
  autoGrant: boolean;
  status: PolicyStatus;
  publishedAt: string | null;
  snippet: string;
  rank: number | null;
  openNotices: number;
}

export interface SearchResult {
  items: PolicyItem[];
  total: number;
  terms: string[];
  tookMs: number;
}

export interface Material {
  name: string;
  required: boolean;
}

export interface Notice {
  id: number;
  policyId: number;
  policyTitle: string;
  title: string;
  body: string;
  opensAt: string;
  closesAt: string;
  materials: Material[];
  declaredFields: string[];
  reviewLevels: number;
  budget: number | null;
  status: NoticeStatus;
  open: boolean;
}

export interface Attachment {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  createdAt: string;
}

export interface PolicyDetail extends Omit<PolicyItem, 'snippet' | 'rank'> {
  fullText: string;
  interpretation: string;
  benefit: string;
  createdAt: string;
  updatedAt: string;
  attachments: Attachment[];
  notices: Notice[];
  ruleVersion: number | null;
  canEdit: boolean;
}

export type FieldKind = 'number' | 'date' | 'code' | 'codes' | 'boolean';
export interface FieldInfo {
  key: string;
  kind: FieldKind;
  label: string;
  labelEn: string;
  unit: string | null;
  source: string;
  ops: string[];
}
export interface Option {
  value: string;
  label: string;
}
export interface FieldCatalogue {
  fields: FieldInfo[];
  options: { street: Option[]; scale: Option[]; tags: Option[] };
}

export type Value = number | string | boolean | string[] | [number, number] | [string, string];
export interface Condition {
  id: string;
  field: string;
  op: string;
  value: Value;
  clause: string;
}
export type Rule = Condition | { all: Rule[] } | { any: Rule[] } | { not: Rule };

export interface RuleVersion {
  version: number;
  validFrom: string;
  validTo: string | null;
  rule: Rule;
  note: string;
  createdBy: string | null;
  createdAt: string;
  current: boolean;
}

export type Eligibility = 'eligible' | 'ineligible' | 'unknown';
export interface ConditionResult {
  id: string;
  field: string;
  op: string;
  required: unknown;
  held: unknown;
  outcome: 'pass' | 'fail' | 'unknown';
  clause: string;
}
export interface RuleCase {
  id: number;
  name: string;
  profile: Record<string, unknown>;
  expected: Eligibility;
}
export interface CaseRun {
  version: number | null;
  passed: number;
  failed: number;
  results: { id: number; name: string; expected: Eligibility; actual: Eligibility; pass: boolean; conditions: ConditionResult[] }[];
}

export interface EligibleItem {
  enterpriseId: number;
  name: string;
  uscc: string;
  industryCode: string;
  industryName: string | null;
  scale: string;
  street: string | null;
  outcome: 'eligible' | 'unknown';
  ruleVersion: number;
  matchedAt: string;
}
