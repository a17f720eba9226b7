/**
 * Shapes of the API's answers: names for the generated contract's types (web/src/api/schema.d.ts,
 * from openapi.json — `npm run contract`), never declared by hand here.
 */
import type { Answer, Schemas } from './api';

export type Me = Schemas['Me'];
export type Ref = NonNullable<Me['department']>;
export type EnterpriseRef = NonNullable<Me['enterprise']>;

/** A page of a list: the envelope every paged route answers with. */
export interface Paged<T> {
  items: T[];
  total: number;
}

export interface Items<T> {
  items: T[];
}

/** Every value of a union, in the order written; the record makes the list exact (none missing, none extra). */
export function valuesOf<T extends string>(record: Record<T, true>): readonly T[] {
  return Object.keys(record) as T[];
}

export type Street = Schemas['Street'];
export type Department = Schemas['Department'];
export type DepartmentKind = Department['kind'];
export const DEPARTMENT_KINDS = valuesOf<DepartmentKind>({ bureau: true, coordination: true, street_office: true, other: true });

export type ServiceItem = Schemas['ServiceItem'];
export type Grade = ServiceItem['defaultGrade'];
export const GRADES = valuesOf<Grade>({ normal: true, urgent: true, complex: true });

export type Category = Schemas['TaxonomyCategory'];
export type Taxonomy = Answer<'/api/taxonomy'>;

export type AdminUser = Schemas['UserListItem'];
export type AuditEntry = Schemas['AuditEntry'];
export type UsccCheck = Schemas['UsccCheck'];
export type IndustrySection = Answer<'/api/industries'>['sections'][number];

export type EnterpriseRow = Schemas['EnterpriseListItem'];
export type Scale = EnterpriseRow['scale'];
export const SCALES = valuesOf<Scale>({ large: true, medium: true, small: true, micro: true });

export type Enterprise = Schemas['Enterprise'];
export type EnterpriseStatus = Enterprise['status'];

/**
 * Why an enterprise is (not) eligible for a policy, condition by condition: the portal's policy
 * page, applications and 免申即享 batches all send this shape (src/modules/portal-policies/explanation.ts).
 */
export type Explanation = Schemas['EligibilityExplanation'];

export type Overview = Schemas['Overview'];
