import { List, Typography } from 'antd';
import type { AppealListItem } from '../appeals';
import { useMe } from '../auth/AuthContext';
import { useRequest } from '../hooks/useRequest';
import { useI18n } from '../i18n';
import type { Paged } from '../types';
import { AppealLink } from './AppealLink';
import { AppealStateTag } from './AppealTags';

/** Roles that may read appeals: the enterprise file shows them its appeal history. */
const READERS = ['specialist', 'coordinator', 'handler', 'cadre', 'leader', 'admin'];

/** 一企一档: the enterprise's appeals, newest first, in its file. */
export function EnterpriseAppeals({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useI18n();
  const me = useMe();
  const allowed = READERS.includes(me.role);
  const { data, loading } = useRequest<Paged<AppealListItem>>(allowed ? '/api/appeals' : null, { enterpriseId, pageSize: 10 });
  if (!allowed) return null;
  return (
    <div data-testid="enterprise-appeals">
      <Typography.Title level={5}>{t('enterprises.appeals', { count: data?.total ?? 0 })}</Typography.Title>
      <List
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('enterprises.noAppeals') }}
        renderItem={(a) => (
          <List.Item extra={<AppealStateTag state={a.state} />}>
            <AppealLink appeal={a} />
          </List.Item>
        )}
      />
    </div>
  );
}
