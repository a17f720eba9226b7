import type { Explanation } from '../../types';

/** Shapes of /api/grants*, /api/grant-batches* (src/modules/grants/schemas.ts). */
export type BatchStatus = 'draft' | 'confirmed' | 'cancelled';

export interface GrantPolicy {
  id: number;
  title: string;
  issuer: string;
  maxAmount: number | null;
  eligible: number;
  granted: number;
  unclaimed: number;
  drafts: number;
}

export interface Batch {
  id: number;
  number: string;
  policyId: number;
  policyTitle: string;
  ruleVersion: number;
  status: BatchStatus;
  enterprises: number;
  totalAmount: number;
  createdAt: string;
  confirmedAt: string | null;
  createdBy: string | null;
  confirmedBy: string | null;
}

export interface BatchDetail extends Batch {
  items: number;
  excluded: number;
}

export interface BatchResult {
  id: number;
  number: string;
  enterprises: number;
  totalAmount: number;
}

export interface GrantItem {
  enterpriseId: number;
  enterpriseName: string;
  uscc: string;
  industryCode: string;
  street: string | null;
  amount: number;
  excluded: boolean;
  explanation: Explanation;
}

export interface UnclaimedItem {
  policyId: number;
  policyTitle: string;
  autoGrant: boolean;
  maxAmount: number | null;
  enterpriseId: number;
  enterpriseName: string;
  uscc: string;
  industryCode: string;
  street: string | null;
  matchedAt: string;
}
