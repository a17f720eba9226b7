import { Card, Space } from 'antd';
import { EnterpriseDescriptions } from '../../components/EnterpriseDescriptions';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Enterprise } from '../../types';
import { ChangeRequests, ContactsEditor } from './EnterpriseEdits';

/** 企业信息: the enterprise's own file; contacts kept here, address and legal representative changed after verification. */
export default function PortalProfilePage() {
  const { t } = useI18n();
  const { data, error, reload } = useRequest<{ enterprise: Enterprise }>('/api/enterprises/mine');
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card title={t('portal.tab.profile')} size="small" data-testid="portal-profile">
        <EnterpriseDescriptions enterprise={data.enterprise} />
      </Card>
      <ContactsEditor enterprise={data.enterprise} />
      <ChangeRequests enterprise={data.enterprise} />
    </Space>
  );
}
