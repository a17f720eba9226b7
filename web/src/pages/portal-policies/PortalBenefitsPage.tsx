import { Empty, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { ListPager } from '../../components/ListTable';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { usePagedList } from '../../hooks/usePagedList';
import { useI18n } from '../../i18n';
import type { BenefitsAnswer } from './types';
import './portal-policies.css';

const PAGE_SIZE = 10;

/** 我的惠企兑现: what this enterprise received, by auto-grant or by application. */
export default function PortalBenefitsPage() {
  const { t } = useI18n();
  const list = usePagedList<BenefitsAnswer>('/api/portal/benefits', {}, { pageSize: PAGE_SIZE });
  const { data, error, reload } = list;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  return (
    <div className="pp-page">
      <section className="pp-benefit-total" data-testid="benefits-total">
        <div>{t('pp.benefitsTotal')}</div>
        <div className="pp-benefit-total-amount">{t('pp.amountWan', { amount: data.totalAmount })}</div>
        <div>{t('pp.benefitsCount', { count: data.total })}</div>
      </section>
      {data.items.length === 0 ? (
        <Empty description={t('pp.benefitsEmpty')} />
      ) : (
        data.items.map((b) => (
          <Link key={b.id} to={`/portal/policies/${b.policyId}`} className="pp-card" data-testid="benefit-row">
            <div className="pp-card-title">{b.policyTitle}</div>
            <div className="pp-amount">{t('pp.amountWan', { amount: b.amount })}</div>
            <div className="pp-card-tags">
              {b.source === 'auto_grant' ? (
                <Tag color="purple">{t('pp.fromBatch', { number: b.grantBatchNumber ?? '' })}</Tag>
              ) : (
                <Tag color="blue">{t('pp.fromApplication', { number: b.applicationNumber ?? '' })}</Tag>
              )}
            </div>
            <div className="pp-card-meta">{t('pp.paidOn', { date: b.paidOn })}</div>
          </Link>
        ))
      )}
      {data.total > 0 && <ListPager paging={list} total={data.total} className="pp-pagination" />}
    </div>
  );
}
