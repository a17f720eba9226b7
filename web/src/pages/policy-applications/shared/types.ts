/** Shapes of the applications API (src/modules/applications/schemas.ts). */
import type { Explanation } from '../../../types';

export type ApplicationState = 'submitted' | 'accepted' | 'in_review' | 'returned' | 'approved' | 'refused' | 'agreement_signed' | 'disbursed' | 'withdrawn';
export const APPLICATION_STATES: ApplicationState[] = ['submitted', 'accepted', 'in_review', 'returned', 'approved', 'refused', 'agreement_signed', 'disbursed', 'withdrawn'];
export type ApplicationAction = 'accept' | 'pass' | 'approve' | 'refuse' | 'return' | 'resubmit' | 'withdraw' | 'sign_agreement' | 'disburse';
export type ReviewFlag = 'no_rule' | 'unknown' | 'ineligible' | 'differences';
export const REVIEW_FLAGS: ReviewFlag[] = ['differences', 'ineligible', 'unknown', 'no_rule'];
export type Value = number | string | string[] | boolean | null;

export interface Difference {
  field: string;
  label: string;
  labelEn: string;
  declared: Value;
  held: Value;
}

/** What the list and the detail both say of an application. */
interface ApplicationHead {
  id: number;
  number: string;
  state: ApplicationState;
  instant: boolean;
  flag: ReviewFlag | null;
  reviewLevel: number;
  reviewLevels: number;
}

export interface ApplicationItem extends ApplicationHead {
  policyId: number;
  policyTitle: string;
  noticeId: number;
  noticeTitle: string;
  enterpriseId: number;
  enterpriseName: string;
  differences: number;
  requestedAmount: number | null;
  approvedAmount: number | null;
  contactPhone: string | null;
  createdAt: string;
}

export interface ApplicationEvent {
  id: number;
  action: string;
  fromState: string | null;
  toState: string;
  level: number | null;
  actorName: string | null;
  comment: string;
  data: unknown;
  at: string;
}

export interface ApplicationDetail extends ApplicationHead {
  policy: { id: number; title: string; departmentName: string | null; maxAmount: number | null };
  notice: { id: number; title: string; closesAt: string };
  enterprise: { id: number; name: string; uscc: string; industryCode: string; streetName: string | null; scale: string };
  fields: { field: string; label: string; labelEn: string; kind: string; unit: string | null; declared: Value; held: Value; differs: boolean }[];
  differences: Difference[];
  explanation: Explanation | null;
  requestedAmount: number | null;
  approvedAmount: number | null;
  contactName: string | null;
  contactPhone: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  materials: { id: number; material: string; fileName: string; mime: string; size: number; createdAt: string }[];
  materialSlots: { index: number; name: string; required: boolean; files: number }[];
  events: ApplicationEvent[];
  benefits: { id: number; amount: number; paidOn: string; paymentBatch: string | null }[];
  actions: ApplicationAction[];
  createdAt: string;
}

export interface Prefill {
  notice: { id: number; title: string; body: string; opensAt: string; closesAt: string; open: boolean; reviewLevels: number };
  policy: { id: number; title: string; benefit: string; maxAmount: number | null };
  fields: { field: string; label: string; labelEn: string; kind: string; unit: string | null; source: string; held: Value }[];
  materials: { index: number; name: string; required: boolean }[];
  contact: { name: string | null; phone: string | null };
  explanation: Explanation | null;
  existing: { id: number; number: string; state: ApplicationState } | null;
}

export interface SubmitResult {
  id: number;
  number: string;
  state: ApplicationState;
  instant: boolean;
  flag: ReviewFlag | null;
  explanation: Explanation | null;
  differences: Difference[];
}
