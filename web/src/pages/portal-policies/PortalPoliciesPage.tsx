import { Empty, Input, Pagination, Segmented, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { OutcomeTag } from './PolicyTags';
import type { BrowseItem, ForMeItem } from './types';
import './portal-policies.css';

const PAGE_SIZE = 10;

/** 惠企政策: the policies matched to this enterprise (eligible first), or a search of the whole library. */
export default function PortalPoliciesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'all' ? 'all' : 'mine';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const set = (next: Record<string, string | number | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') merged.delete(k);
      else merged.set(k, String(v));
    }
    setParams(merged, { replace: true });
  };

  return (
    <div className="pp-page">
      <Segmented
        block
        value={tab}
        onChange={(v) => set({ tab: v === 'all' ? 'all' : undefined, page: undefined })}
        options={[{ value: 'mine', label: <span data-testid="tab-mine">{t('pp.forMe')}</span> }, { value: 'all', label: <span data-testid="tab-all">{t('pp.browse')}</span> }]}
      />
      {tab === 'mine' ? <ForMe page={page} onPage={(p) => set({ page: p })} /> : (
        <>
          <Input.Search allowClear defaultValue={q} placeholder={t('pp.searchPlaceholder')} onSearch={(v) => set({ q: v.trim(), page: undefined })} data-testid="policy-search" />
          <Browse q={q} page={page} onPage={(p) => set({ page: p })} />
        </>
      )}
    </div>
  );
}

function ForMe({ page, onPage }: { page: number; onPage: (page: number) => void }) {
  const { t } = useI18n();
  const { data, error, reload } = useRequest<Paged<ForMeItem> & { eligible: number; unknown: number }>('/api/portal/policies/for-me', { page, pageSize: PAGE_SIZE });
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  if (data.items.length === 0) return <Empty description={t('pp.forMeEmpty')} />;
  return (
    <>
      <div className="pp-card-meta">{t('pp.forMeCounts', { eligible: data.eligible, unknown: data.unknown })}</div>
      {data.items.map((p) => (
        <Link key={p.id} to={`/portal/policies/${p.id}`} className="pp-card" data-testid="policy-card" data-id={p.id} data-outcome={p.outcome}>
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
      {data.total > PAGE_SIZE && <Pagination simple current={page} pageSize={PAGE_SIZE} total={data.total} onChange={onPage} className="pp-pagination" />}
    </>
  );
}

function Browse({ q, page, onPage }: { q: string; page: number; onPage: (page: number) => void }) {
  const { t } = useI18n();
  const { data, error, reload } = useRequest<Paged<BrowseItem>>('/api/portal/policies', { q, page, pageSize: PAGE_SIZE });
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  if (data.items.length === 0) return <Empty description={t('pp.empty')} />;
  return (
    <>
      <div className="pp-card-meta">{t('common.total', { total: data.total })}</div>
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
      {data.total > PAGE_SIZE && <Pagination simple current={page} pageSize={PAGE_SIZE} total={data.total} onChange={onPage} className="pp-pagination" />}
    </>
  );
}
