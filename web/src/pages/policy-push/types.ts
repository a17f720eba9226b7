/** Shapes of /api/push-campaigns* (src/modules/campaigns/schemas.ts): names for the generated contract's types. */
import type { Answer } from '../../api';
import { valuesOf } from '../../types';

export type Campaign = Answer<'/api/push-campaigns/{id}'>;
export type Channel = Campaign['channels'][number];
export const CHANNELS = valuesOf<Channel>({ in_app: true, sms: true, email: true });

export type TargetCount = Answer<'/api/push-campaigns/target-count'>;
export type CreateResult = Answer<'/api/push-campaigns', 'post'>;

export type Recipient = Answer<'/api/push-campaigns/{id}/recipients'>['items'][number];
export type RecipientStatus = Recipient['status'];
export const RECIPIENT_STATUSES = valuesOf<RecipientStatus>({
  unreachable: true,
  queued: true,
  logged: true,
  handed: true,
  delivered: true,
  failed: true,
  legacy: true,
  read: true,
  applied: true,
});
