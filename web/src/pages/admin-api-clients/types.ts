/** The shapes of /api/admin/api-clients and /api/admin/webhooks: names for the generated contract's types. */
import type { Answer, Schemas } from '../../api';
import { valuesOf } from '../../types';

export type ApiClient = Schemas['ApiClient'];
export type Scope = ApiClient['scopes'][number];
export type Channel = ApiClient['channel'];
export type Subscription = Schemas['WebhookSubscription'];
export type WebhookEvent = Subscription['events'][number];

export const SCOPES = valuesOf<Scope>({ 'appeals:write': true, 'appeals:read': true, 'webhooks:manage': true });
export const CHANNELS = valuesOf<Channel>({ hotline_12345: true, system: true, wechat: true, phone: true, hall: true, visit: true });
export const EVENTS = valuesOf<WebhookEvent>({
  'appeal.accepted': true,
  'appeal.declined': true,
  'appeal.dispatched': true,
  'appeal.claimed': true,
  'appeal.in_progress': true,
  'appeal.awaiting_info': true,
  'appeal.return_requested': true,
  'appeal.replied': true,
  'appeal.closed': true,
  'appeal.rated': true,
  'application.decided': true,
});

export type ApiCall = Answer<'/api/admin/api-clients/{id}/calls'>['items'][number];
export type Delivery = Answer<'/api/admin/webhooks/{id}/deliveries'>['items'][number];
