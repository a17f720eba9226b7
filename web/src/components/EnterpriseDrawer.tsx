import { Drawer } from 'antd';
import { EnterpriseAppeals } from './EnterpriseAppeals';
import { EnterpriseDescriptions } from './EnterpriseDescriptions';
import { LoadError } from './LoadError';
import { PageLoading } from './PageLoading';
import { useRequest } from '../hooks/useRequest';
import { useI18n } from '../i18n';
import type { Enterprise } from '../types';

export function EnterpriseDrawer({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useRequest<{ enterprise: Enterprise }>(id === undefined ? null : `/api/enterprises/${id}`);
  const enterprise = loading ? undefined : data?.enterprise;
  return (
    <Drawer open={id !== undefined} onClose={onClose} size={560} title={enterprise?.name ?? t('enterprises.detail')} destroyOnHidden>
      <div data-testid="enterprise-drawer">
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : enterprise ? (
          <>
            <EnterpriseDescriptions enterprise={enterprise} />
            <EnterpriseAppeals enterpriseId={enterprise.id} />
          </>
        ) : (
          <PageLoading />
        )}
      </div>
    </Drawer>
  );
}
