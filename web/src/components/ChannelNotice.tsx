import { Alert } from 'antd';
import type { Schemas } from '../api';
import { useRequest } from '../hooks/useRequest';
import { useI18n } from '../i18n';

/** GET /api/delivery/channels (src/modules/delivery/schemas.ts). */
type DeliveryChannels = Schemas['DeliveryChannels'];

/**
 * Where a page sends SMS or e-mail, says so when the channel only writes to the log
 * ("短信通道未配置，仅记录日志"), so nobody believes a message went out that did not.
 */
export function ChannelNotice({ channels }: { channels: readonly ('sms' | 'email')[] }) {
  const { t } = useI18n();
  const { data } = useRequest<DeliveryChannels>('/api/delivery/channels');
  if (!data) return null;
  const notes: string[] = [];
  if (channels.includes('sms') && !data.sms.configured) notes.push(t('delivery.smsOff'));
  if (channels.includes('sms') && data.sms.missingTemplates.length > 0) {
    notes.push(t('delivery.missingTemplates', { kinds: data.sms.missingTemplates.map((k) => t(`delivery.kind.${k}`)).join('、') }));
  }
  if (channels.includes('email') && !data.email.configured) notes.push(t('delivery.emailOff'));
  if (notes.length === 0) return null;
  return <Alert type="warning" showIcon title={notes.join('；')} style={{ marginBottom: 16 }} data-testid="channel-notice" />;
}
