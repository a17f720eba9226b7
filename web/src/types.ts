/** Shapes of the API's answers, as the server documents them. */
import type { Role } from './access';

export interface Ref {
  id: number;
  name: string;
}

export interface EnterpriseRef extends Ref {
  uscc: string;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Masked, e.g. 138****0001. */
  mobile: string | null;
  department: Ref | null;
  street: Ref | null;
  enterprise: EnterpriseRef | null;
  /** Enterprise users: 企业管理员 or 经办人. */
  enterpriseRole: 'admin' | 'agent' | null;
  mustChangePassword: boolean;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface Items<T> {
  items: T[];
}

export interface Street {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

export const DEPARTMENT_KINDS = ['bureau', 'coordination', 'street_office', 'other'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export interface Department {
  id: number;
  code: string;
  name: string;
  kind: DepartmentKind;
  phone: string | null;
  headUserId: number | null;
  headUserName: string | null;
  active: boolean;
}

export const GRADES = ['normal', 'urgent', 'complex'] as const;
export type Grade = (typeof GRADES)[number];

export interface ServiceItem {
  id: number;
  code: string;
  name: string;
  categoryId: number;
  departmentId: number;
  departmentName: string;
  defaultGrade: Grade;
  keywords: string;
  description: string;
  sortOrder: number;
  active: boolean;
}

export interface Category {
  id: number;
  code: string;
  name: string;
  sortOrder: number;
  active: boolean;
  items: ServiceItem[];
}

export interface Taxonomy {
  categories: Category[];
}

export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  mobile: string | null;
  role: Role;
  department: Ref | null;
  street: Ref | null;
  enterprise: EnterpriseRef | null;
  /** Enterprise users: 企业管理员 or 经办人. */
  enterpriseRole: 'admin' | 'agent' | null;
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorRole: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface UsccCheck {
  valid: boolean;
  normalized?: string;
  reason?: string;
  warnings?: string[];
}

export interface IndustrySection {
  code: string;
  name: string;
  divisions: { code: string; name: string }[];
}

export const SCALES = ['large', 'medium', 'small', 'micro'] as const;
export type Scale = (typeof SCALES)[number];

export type EnterpriseStatus = 'active' | 'moved_out' | 'deregistered';

export interface EnterpriseRow {
  id: number;
  uscc: string;
  name: string;
  streetName: string | null;
  industryCode: string;
  industryName: string;
  scale: Scale;
  tags: string[];
  isKey: boolean;
}

export interface Enterprise {
  id: number;
  uscc: string;
  name: string;
  legalRepresentative: string | null;
  address: string | null;
  phone: string | null;
  street: Ref | null;
  industryCode: string;
  industryName: string;
  scale: Scale;
  foundedOn: string | null;
  /** 万元 */
  registeredCapital: number | null;
  isKey: boolean;
  status: EnterpriseStatus;
  tags: string[];
}

/** What a condition requires and what the enterprise's file holds (null: the file has no value). */
type ExplainedValue = number | string | boolean | (string | number)[] | null;

/** One condition of an eligibility explanation, with its field named for people. */
interface ConditionExplanation {
  id: string;
  field: string;
  label: string;
  labelEn: string;
  unit: string | null;
  source: string;
  op: string;
  required: ExplainedValue;
  held: ExplainedValue;
  outcome: 'pass' | 'fail' | 'unknown';
  clause: string;
}

/**
 * Why an enterprise is (not) eligible for a policy, condition by condition: the portal's policy
 * page, applications and 免申即享 batches all send this shape (src/modules/portal-policies/explanation.ts).
 */
export interface Explanation {
  eligibility: 'eligible' | 'ineligible' | 'unknown';
  version: number | null;
  conditions: ConditionExplanation[];
}

export interface Overview {
  enterprises: number;
  keyEnterprises: number;
  byStreet: { name: string; count: number }[];
  byScale: { scale: Scale; count: number }[];
  byTag: { tag: string; count: number }[];
  byIndustrySection: { code: string; name: string; count: number }[];
}
