import { RightOutlined } from '@ant-design/icons';
import { Empty } from 'antd';
import { Link } from 'react-router-dom';
import { ListPager } from '../../components/ListTable';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { formatDate } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { ApplicationStateTag, InstantTag } from '../policy-applications/shared/StateTag';
import type { ApplicationItem } from '../policy-applications/shared/types';
import { useShowAmount } from '../policy-applications/shared/values';
import '../policy-applications/shared/applications.css';

const PAGE_SIZE = 10;

/** 我的申报: the enterprise's applications, newest first, with their state and amounts. */
export default function PortalApplicationsPage() {
  const { t, lang } = useI18n();
  const amount = useShowAmount();
  const list = usePagedList<Paged<ApplicationItem>>('/api/applications', {}, { pageSize: PAGE_SIZE });
  const { data, error, reload } = list;

  return (
    <div className="apl-stack" data-testid="portal-applications">
      <h3 className="portal-section-title">{t('apl.mine')}</h3>
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : !data ? (
        <PageLoading />
      ) : data.items.length === 0 ? (
        <Empty
          description={
            <>
              {t('apl.mineEmpty')} <Link to="/portal/policies">{t('apl.findPolicies')}</Link>
            </>
          }
        />
      ) : (
        <>
          {data.items.map((a) => (
            <Link
              key={a.id}
              to={`/portal/applications/${a.id}`}
              className="apl-card"
              data-testid="portal-application-row"
              data-number={a.number}
            >
              <div className="apl-card-row">
                <span className="apl-card-title">{a.policyTitle}</span>
                <span>
                  <ApplicationStateTag state={a.state} />
                  {a.instant && <InstantTag />}
                </span>
              </div>
              <div className="apl-card-meta">
                <span className="mono">{a.number}</span>
                <span>{formatDate(a.createdAt, lang)}</span>
                {a.approvedAmount !== null && (
                  <span>
                    {t('apl.approvedAmount')} {amount(a.approvedAmount)}
                  </span>
                )}
              </div>
              <RightOutlined className="apl-muted" />
            </Link>
          ))}
          <ListPager paging={list} total={data.total} />
        </>
      )}
    </div>
  );
}
