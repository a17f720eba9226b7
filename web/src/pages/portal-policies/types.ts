/** Shapes of /api/portal/policies*, /api/portal/benefits (src/modules/portal-policies/schemas.ts). */
import type { Explanation } from '../../types';

export type MatchOutcome = 'eligible' | 'unknown';
export type PolicyLevel = 'national' | 'provincial' | 'municipal' | 'district';

export interface ForMeItem {
  id: number;
  title: string;
  issuer: string;
  level: PolicyLevel;
  summary: string;
  benefit: string;
  maxAmount: number | null;
  effectiveTo: string | null;
  autoGrant: boolean;
  outcome: MatchOutcome;
  openNotices: number;
  pushed: boolean;
  unread: boolean;
  received: boolean;
}

export interface BrowseItem {
  id: number;
  title: string;
  issuer: string;
  level: PolicyLevel;
  summary: string;
  snippet: string;
  maxAmount: number | null;
  effectiveTo: string | null;
  autoGrant: boolean;
  openNotices: number;
  outcome: MatchOutcome | null;
}

export interface Notice {
  id: number;
  title: string;
  body: string;
  opensAt: string;
  closesAt: string;
  open: boolean;
}

export interface PortalPolicy {
  policy: {
    id: number;
    title: string;
    docNumber: string | null;
    issuer: string;
    level: PolicyLevel;
    effectiveFrom: string;
    effectiveTo: string | null;
    summary: string;
    fullText: string;
    interpretation: string;
    benefit: string;
    maxAmount: number | null;
    autoGrant: boolean;
    attachments: { id: number; fileName: string; size: number }[];
    notices: Notice[];
  };
  eligibility: Explanation | null;
  applications: { id: number; number: string; noticeId: number; state: string }[];
  benefits: { id: number; amount: number; paidOn: string }[];
}

export interface Benefit {
  id: number;
  policyId: number;
  policyTitle: string;
  amount: number;
  paidOn: string;
  source: 'auto_grant' | 'application';
  grantBatchNumber: string | null;
  applicationId: number | null;
  applicationNumber: string | null;
}
