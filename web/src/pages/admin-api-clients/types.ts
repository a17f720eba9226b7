/** The shapes of /api/admin/api-clients and /api/admin/webhooks (see the OpenAPI description). */
export const SCOPES = ['appeals:write', 'appeals:read', 'webhooks:manage'] as const;
export const CHANNELS = ['hotline_12345', 'system', 'wechat', 'phone', 'hall', 'visit'] as const;
export const EVENTS = ['appeal.accepted', 'appeal.dispatched', 'appeal.replied', 'appeal.closed', 'appeal.rated', 'application.decided'] as const;

export type Scope = (typeof SCOPES)[number];
export type Channel = (typeof CHANNELS)[number];
export type WebhookEvent = (typeof EVENTS)[number];

export interface ApiClient {
  id: number;
  name: string;
  description: string;
  channel: Channel;
  scopes: Scope[];
  ratePerMinute: number;
  keyPrefix: string;
  active: boolean;
  createdAt: string;
  keyRotatedAt: string;
  revokedAt: string | null;
  lastCallAt: string | null;
}

export interface ApiCall {
  id: number;
  at: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  requestId: string;
}

export interface Subscription {
  id: number;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: string;
}

export interface Delivery {
  id: number;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}
