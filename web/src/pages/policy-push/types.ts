/** Shapes of /api/push-campaigns* (src/modules/campaigns/schemas.ts). */
export type Channel = 'in_app' | 'sms' | 'email';
export type RecipientStatus = 'sent' | 'read' | 'applied';

export interface Campaign {
  id: number;
  policyId: number;
  policyTitle: string;
  noticeId: number | null;
  noticeTitle: string | null;
  title: string;
  message: string;
  channels: Channel[];
  includeUnknown: boolean;
  targeted: number;
  sent: number;
  skipped: number;
  read: number;
  applied: number;
  readRate: number;
  appliedRate: number;
  createdBy: string | null;
  createdAt: string;
}

export interface TargetCount {
  eligible: number;
  unknown: number;
  targeted: number;
  alreadySent: number;
  toSend: number;
}

export interface CreateResult {
  id: number;
  targeted: number;
  sent: number;
  skipped: number;
  notifications: number;
  sms: number;
  email: number;
  lastDueAt: string | null;
}

export interface Recipient {
  enterpriseId: number;
  enterpriseName: string;
  uscc: string;
  street: string | null;
  sentAt: string;
  readAt: string | null;
  appliedAt: string | null;
  status: RecipientStatus;
}
