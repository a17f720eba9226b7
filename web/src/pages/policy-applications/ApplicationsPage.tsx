import { Alert, Input, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { usePagedList } from '../../hooks/usePagedList';
import { ListTable, RowLink } from '../../components/ListTable';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { ApplicationStateTag, FlagTag, InstantTag } from './shared/StateTag';
import { APPLICATION_STATES, REVIEW_FLAGS, type ApplicationItem, type ApplicationState, type ReviewFlag } from './shared/types';
import { useShowAmount } from './shared/values';
import './shared/applications.css';

/** Policy pages link here with ?policyId=…&state=…. */
const SPEC = {
  state: APPLICATION_STATES,
  policyId: 'number',
  instant: ['true', 'false'],
  level: 'number',
  flag: REVIEW_FLAGS,
  q: 'text',
} as const;

/** 申报审核: the review queue, newest first, with filters by state, policy, 秒批, level and why it needs review. */
export default function ApplicationsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const amount = useShowAmount();
  const list = usePagedList<Paged<ApplicationItem>, typeof SPEC>('/api/applications', SPEC);
  const { data, error, loading, filters, patchFilters: set } = list;
  const policies = useRequest<Paged<{ id: number; title: string }>>('/api/policies', { pageSize: 200, status: 'published' });

  const columns: TableColumnsType<ApplicationItem> = [
    {
      title: t('apl.number'),
      dataIndex: 'number',
      width: 150,
      fixed: 'left',
      render: (n: string, a) => (
        <RowLink to={`/policy-applications/${a.id}`} className="mono">
          {n}
        </RowLink>
      ),
    },
    { title: t('apl.enterprise'), dataIndex: 'enterpriseName', width: 220, ellipsis: true },
    { title: t('apl.policy'), dataIndex: 'policyTitle', ellipsis: true },
    {
      title: t('common.status'),
      dataIndex: 'state',
      width: 240,
      render: (_: unknown, a) => (
        <Space size={4} wrap>
          <ApplicationStateTag state={a.state} />
          {a.instant && <InstantTag />}
          {a.flag && !a.instant && ['submitted', 'accepted', 'in_review'].includes(a.state) && <FlagTag flag={a.flag} />}
        </Space>
      ),
    },
    {
      title: t('apl.level'),
      width: 90,
      render: (_: unknown, a) =>
        ['accepted', 'in_review'].includes(a.state) ? t('apl.levelOf', { level: a.reviewLevel + 1, levels: a.reviewLevels }) : '—',
    },
    {
      title: t('apl.differences'),
      dataIndex: 'differences',
      width: 90,
      render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n}</Typography.Text> : '—'),
    },
    { title: t('apl.requested'), dataIndex: 'requestedAmount', width: 120, align: 'right', render: (v: number | null) => amount(v) },
    { title: t('apl.submittedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v, lang) },
  ];

  return (
    <>
      <PageHeader title={t('menu.policy-applications')} />
      <div className="filter-bar" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Input.Search
          key={filters.q ?? ''}
          defaultValue={filters.q}
          allowClear
          placeholder={t('apl.search')}
          aria-label={t('apl.search')}
          style={{ width: 240 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          data-testid="applications-search"
        />
        <Select
          allowClear
          placeholder={t('common.status')}
          aria-label={t('common.status')}
          style={{ width: 130 }}
          value={filters.state}
          onChange={(state?: ApplicationState) => set({ state })}
          options={APPLICATION_STATES.map((s) => ({ value: s, label: t(`apl.state.${s}`) }))}
          data-testid="applications-state"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('apl.policy')}
          aria-label={t('apl.policy')}
          style={{ width: 280 }}
          value={filters.policyId}
          onChange={(policyId?: number) => set({ policyId })}
          options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
          data-testid="applications-policy"
        />
        <Select
          allowClear
          placeholder={t('apl.decidedHow')}
          aria-label={t('apl.decidedHow')}
          style={{ width: 130 }}
          value={filters.instant}
          onChange={(instant?: 'true' | 'false') => set({ instant })}
          options={[
            { value: 'true', label: t('apl.instant') },
            { value: 'false', label: t('apl.manual') },
          ]}
          data-testid="applications-instant"
        />
        <Select
          allowClear
          placeholder={t('apl.level')}
          aria-label={t('apl.level')}
          style={{ width: 120 }}
          value={filters.level}
          onChange={(level?: number) => set({ level })}
          options={[1, 2, 3, 4, 5].map((l) => ({ value: l, label: t('apl.levelN', { level: l }) }))}
          data-testid="applications-level"
        />
        <Select
          allowClear
          placeholder={t('apl.flag')}
          aria-label={t('apl.flag')}
          style={{ width: 170 }}
          value={filters.flag}
          onChange={(flag?: ReviewFlag) => set({ flag })}
          options={REVIEW_FLAGS.map((f) => ({ value: f, label: t(`apl.flag.${f}`) }))}
          data-testid="applications-flag"
        />
      </div>
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <ListTable<ApplicationItem>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1200 }}
        locale={{ emptyText: t('apl.empty') }}
        onRow={(a) => ({
          onClick: () => void navigate(`/policy-applications/${a.id}`),
          className: 'clickable-row',
          'data-testid': 'application-row',
        })}
        paging={list}
        total={list.total}
      />
    </>
  );
}
