import { Card, Descriptions, Empty } from 'antd';
import type { Answer } from '../../api';
import { useMe } from '../../auth/AuthContext';
import { formatDate } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';

/** Roles that may see who serves the enterprise (the service network's own rule). */
const READERS = ['coordinator', 'leader', 'admin', 'specialist', 'cadre'];

/** 挂点干部: who serves this enterprise, at which tier, since when. */
export function LiaisonCard({ enterpriseId }: { enterpriseId: number }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const allowed = READERS.includes(me.role);
  const { data } = useRequest<Answer<'/api/liaisons/enterprises/{id}'>>(allowed ? `/api/liaisons/enterprises/${enterpriseId}` : null);
  if (!allowed) return null;
  const c = data?.current;
  return (
    <Card size="small" title={t('efile.liaison')} data-testid="enterprise-liaison">
      {c ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('efile.liaisonCadre')}>{c.name}</Descriptions.Item>
          <Descriptions.Item label={t('liaison.tier')}>{t(`liaison.tier.${c.tier}`)}</Descriptions.Item>
          <Descriptions.Item label={t('efile.liaisonSince')}>{formatDate(c.assignedAt, lang)}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('efile.noLiaison')} />
      )}
    </Card>
  );
}
