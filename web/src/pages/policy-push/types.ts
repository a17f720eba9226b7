/** Shapes of /api/push-campaigns* (src/modules/campaigns/schemas.ts). */
export type Channel = 'in_app' | 'sms' | 'email';
export type DeliveryState = 'unreachable' | 'queued' | 'logged' | 'handed' | 'delivered' | 'failed' | 'legacy';
export type RecipientStatus = DeliveryState | 'read' | 'applied';

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
  recipients: number;
  skipped: number;
  reachable: number;
  unreachable: number;
  optedOut: number;
  queued: number;
  logged: number;
  handed: number;
  delivered: number;
  failed: number;
  /** Sent before delivery tracking (migration 0012): neither handed nor failed. */
  legacy: number;
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
  reachable: number;
  unreachable: number;
  optedOut: number;
  byChannel: { inApp: number; sms: number; email: number };
}

export interface CreateResult {
  id: number;
  targeted: number;
  recipients: number;
  reachable: number;
  unreachable: number;
  /** Enterprises a channel took a message for at once (in-app); SMS and e-mail are queued. */
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
  delivery: DeliveryState;
  unreachableReason: 'no_contact' | 'opted_out' | null;
  inApp: number;
  messages: { channel: 'sms' | 'email'; recipient: string; status: 'pending' | 'handed' | 'delivered' | 'failed' | 'logged'; providerId: string | null; error: string | null }[];
}
