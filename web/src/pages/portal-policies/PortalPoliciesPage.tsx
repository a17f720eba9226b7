import { Empty, Input, Segmented, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { ListPager } from '../../components/ListTable';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { useListParams, type Paging } from '../../hooks/usePagedList';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { OutcomeTag } from './PolicyTags';
import type { BrowseItem, ForMeItem } from './types';
import './portal-policies.css';

const PAGE_SIZE = 10;
const SPEC = { tab: ['mine', 'all'], q: 'text' } as const;

/** 惠企政策: the policies matched to this enterprise (eligible first), or a search of the whole library. */
export default function PortalPoliciesPage() {
  const { t } = useI18n();
  const list = useListParams(SPEC, { pageSize: PAGE_SIZE, defaults: { tab: 'mine' } });
  const tab = list.filters.tab ?? 'mine';
  const q = list.filters.q ?? '';

  return (
    <div className="pp-page">
      <Segmented
        block
        value={tab}
        onChange={(v) => list.setFilters({ tab: v === 'all' ? 'all' : 'mine' })}
        options={[
          { value: 'mine', label: <span data-testid="tab-mine">{t('pp.forMe')}</span> },
          { value: 'all', label: <span data-testid="tab-all">{t('pp.browse')}</span> },
        ]}
      />
      {tab === 'mine' ? (
        <ForMe paging={list} />
      ) : (
        <>
          <Input.Search
            key={q}
            allowClear
            defaultValue={q}
            placeholder={t('pp.searchPlaceholder')}
            aria-label={t('pp.searchPlaceholder')}
            onSearch={(v) => list.patchFilters({ q: v.trim() || undefined })}
            data-testid="policy-search"
          />
          <Browse q={q} paging={list} />
        </>
      )}
    </div>
  );
}

function ForMe({ paging }: { paging: Paging }) {
  const { t } = useI18n();
  const { data, error, reload } = useRequest<Paged<ForMeItem> & { eligible: number; unknown: number }>('/api/portal/policies/for-me', {
    page: paging.page,
    pageSize: paging.pageSize,
  });
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  if (data.items.length === 0) return <Empty description={t('pp.forMeEmpty')} />;
  return (
    <>
      <div className="pp-card-meta">{t('pp.forMeCounts', { eligible: data.eligible, unknown: data.unknown })}</div>
      {data.items.map((p) => (
        <Link
          key={p.id}
          to={`/portal/policies/${p.id}`}
          className="pp-card"
          data-testid="policy-card"
          data-id={p.id}
          data-outcome={p.outcome}
        >
          {p.unread && <span className="pp-dot" aria-label={t('pp.pushed')} />}
          <div className="pp-card-title">{p.title}</div>
          <div className="pp-card-tags">
            <OutcomeTag outcome={p.outcome} />
            {p.autoGrant && <Tag color="purple">{t('pp.autoGrant')}</Tag>}
            {p.received && <Tag color="blue">{t('pp.received')}</Tag>}
            {p.openNotices > 0 && <Tag color="processing">{t('pp.openNotices', { count: p.openNotices })}</Tag>}
          </div>
          {p.benefit && <div className="pp-card-text">{p.benefit}</div>}
          <div className="pp-card-meta">
            <span>{p.issuer}</span>
            {p.maxAmount !== null && <span>{t('pp.maxAmount', { amount: p.maxAmount })}</span>}
            {p.effectiveTo && <span>{t('pp.validUntil', { date: p.effectiveTo })}</span>}
          </div>
        </Link>
      ))}
      <ListPager paging={paging} total={data.total} className="pp-pagination" />
    </>
  );
}

function Browse({ q, paging }: { q: string; paging: Paging }) {
  const { t } = useI18n();
  const { data, error, reload } = useRequest<Paged<BrowseItem>>('/api/portal/policies', {
    q,
    page: paging.page,
    pageSize: paging.pageSize,
  });
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  if (data.items.length === 0) return <Empty description={t('pp.empty')} />;
  return (
    <>
      {data.items.map((p) => (
        <Link key={p.id} to={`/portal/policies/${p.id}`} className="pp-card" data-testid="policy-card" data-id={p.id}>
          <div className="pp-card-title">{p.title}</div>
          <div className="pp-card-tags">
            <OutcomeTag outcome={p.outcome} />
            {p.autoGrant && <Tag color="purple">{t('pp.autoGrant')}</Tag>}
            {p.openNotices > 0 && <Tag color="processing">{t('pp.openNotices', { count: p.openNotices })}</Tag>}
          </div>
          {(p.snippet || p.summary) && <div className="pp-card-text">{p.snippet || p.summary}</div>}
          <div className="pp-card-meta">
            <span>{p.issuer}</span>
            <span>{t(`pp.level.${p.level}`)}</span>
          </div>
        </Link>
      ))}
      <ListPager paging={paging} total={data.total} className="pp-pagination" />
    </>
  );
}
