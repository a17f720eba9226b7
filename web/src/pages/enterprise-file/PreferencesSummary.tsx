import { Typography } from 'antd';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { ContactPreferences } from '../portal-preferences/PortalPreferencesPage';

/** The enterprise's 消息设置 in one line, for the staff's file (read only; the enterprise keeps them). */
export function PreferencesSummary({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useI18n();
  const { data } = useRequest<ContactPreferences>(`/api/enterprises/${enterpriseId}/contact-preferences`);
  if (!data) return null;
  const channels = data.channels.map((c) => t(`push.channel.${c}`)).join('、') || t('prefs.none');
  const parts = [
    data.promotions ? `${t('prefs.channels')}：${channels}` : t('prefs.noPromotions'),
    `${t('prefs.quiet')}：${data.quietHours ? `${data.quietHours.start}–${data.quietHours.end}` : t('prefs.none')}`,
  ];
  return (
    <Typography.Text type="secondary" data-testid="enterprise-preferences">
      {t('prefs.staffTitle')} · {parts.join('；')}
    </Typography.Text>
  );
}
