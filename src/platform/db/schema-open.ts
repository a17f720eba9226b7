import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0005 (the open platform). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type ClientChannel = 'hotline_12345' | 'system' | 'wechat' | 'phone' | 'hall' | 'visit';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface ApiClientsTable {
  id: Generated<number>;
  name: string;
  description: Generated<string>;
  user_id: number;
  channel: ClientChannel;
  /** Space-separated, as in OAuth. */
  scopes: string;
  rate_per_minute: number;
  key_prefix: string;
  key_hash: string;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: CreatedAt;
  key_rotated_at: Timestamp;
  revoked_at: Date | null;
}

export interface ApiCallsTable {
  id: Generated<number>;
  client_id: number;
  at: Timestamp;
  method: string;
  path: string;
  status: number;
  ms: number;
  request_id: string;
}

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  client_id: number;
  url: string;
  /** Space-separated event names. */
  events: string;
  secret: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  subscription_id: number;
  event: string;
  payload: Json;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: CreatedAt;
  /** 0020: 'appeal:<id>', the events of one subject go to a subscriber in order. */
  subject: string | null;
  /** 0020: the token of the claim in flight; only that claim writes the outcome. */
  lease: string | null;
}

export interface OpenPlatformTables {
  api_clients: ApiClientsTable;
  api_calls: ApiCallsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
