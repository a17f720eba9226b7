import { Checkbox, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { ListTable } from '../../components/ListTable';
import { DownloadButton } from '../../components/DownloadButton';
import { formatDateTime, orDash } from '../../format';
import { useStreets } from '../../hooks/useLookups';
import { usePagedList } from '../../hooks/usePagedList';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import type { UnclaimedItem } from './types';

const SPEC = { all: ['1'], streetId: 'number', q: 'text' } as const;

/** 应享未享: eligible enterprises that have not received a benefit under the policy. */
export function Unclaimed({ version }: { version: number }) {
  const { t, lang } = useI18n();
  const streets = useStreets();
  const list = usePagedList<Paged<UnclaimedItem>, typeof SPEC>('/api/grants/unclaimed', SPEC, { prefix: 'unclaimed.' });
  const { data, loading, reload, filters, patchFilters: set } = list;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const columns: TableColumnsType<UnclaimedItem> = [
    {
      title: t('grant.policy'),
      dataIndex: 'policyTitle',
      width: 260,
      render: (title: string, r) => (
        <>
          {title} {r.autoGrant && <Tag color="purple">{t('pp.autoGrant')}</Tag>}
        </>
      ),
    },
    { title: t('push.enterprise'), dataIndex: 'enterpriseName', width: 220 },
    { title: t('push.uscc'), dataIndex: 'uscc', width: 180, className: 'mono' },
    { title: t('grant.industry'), dataIndex: 'industryCode', width: 70 },
    { title: t('push.street'), dataIndex: 'street', width: 100, render: orDash },
    { title: t('grant.maxAmount'), dataIndex: 'maxAmount', width: 120, align: 'right', render: orDash },
    { title: t('grant.matchedAt'), dataIndex: 'matchedAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
  ];
  return (
    <>
      <Space wrap className="filter-bar">
        <Input.Search
          key={filters.q ?? ''}
          defaultValue={filters.q}
          allowClear
          placeholder={t('push.searchEnterprise')}
          aria-label={t('push.searchEnterprise')}
          style={{ width: 220 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
        />
        <Select
          allowClear
          placeholder={t('push.street')}
          aria-label={t('push.street')}
          style={{ width: 130 }}
          value={filters.streetId}
          onChange={(streetId?: number) => set({ streetId })}
          options={streets.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Checkbox
          checked={filters.all !== undefined}
          onChange={(e) => set({ all: e.target.checked ? '1' : undefined })}
          data-testid="unclaimed-all"
        >
          {t('grant.allPolicies')}
        </Checkbox>
        <DownloadButton path="/api/grants/unclaimed.xlsx" query={{ ...filters }} data-testid="unclaimed-export">
          {t('grant.export')}
        </DownloadButton>
      </Space>
      <ListTable<UnclaimedItem>
        rowKey={(r) => `${r.policyId}:${r.enterpriseId}`}
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1100 }}
        onRow={(r) => ({ id: `unclaimed-${r.policyId}-${r.enterpriseId}`, 'data-testid': 'unclaimed-row' })}
        paging={list}
        total={list.total}
      />
    </>
  );
}
