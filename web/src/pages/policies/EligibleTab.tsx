import { IndustrySelect } from '../../components/IndustrySelect';
import { Button, Input, Modal, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { DownloadButton } from '../../components/DownloadButton';
import { EligibilityExplanation } from '../../components/EligibilityExplanation';
import { useStreets } from '../../hooks/useLookups';
import { useRequest } from '../../hooks/useRequest';
import { usePagedList } from '../../hooks/usePagedList';
import { ListTable } from '../../components/ListTable';
import { useI18n } from '../../i18n';
import { SCALES } from '../../types';
import type { EligibleAnswer, EligibleExplanation, EligibleItem, FieldCatalogue } from './types';

const SPEC = { streetId: 'number', industry: 'text', scale: SCALES, outcome: ['eligible', 'unknown'], q: 'text' } as const;

/** 符合条件企业: the engine's kept result for this policy, filtered and exported; a row shows why. */
export function EligibleTab({ policyId }: { policyId: number }) {
  const { t } = useI18n();
  const streets = useStreets();
  const [why, setWhy] = useState<EligibleItem | null>(null);
  // Prefixed: the policy page's other tabs may keep lists of their own.
  const list = usePagedList<EligibleAnswer, typeof SPEC>(`/api/policies/${policyId}/eligible`, SPEC, { prefix: 'eligible.' });
  const { data, loading, filters, patchFilters: set } = list;
  const catalogue = useRequest<FieldCatalogue>(why ? '/api/policy-rules/fields' : null).data;
  const explanation = useRequest<EligibleExplanation>(why ? `/api/policies/${policyId}/eligible/${why.enterpriseId}` : null).data;

  const columns: TableColumnsType<EligibleItem> = [
    {
      title: t('pol.eligible.name'),
      dataIndex: 'name',
      render: (n: string, r) => (
        <Button
          type="link"
          size="small"
          className="link-button"
          onClick={(e) => {
            e.stopPropagation();
            setWhy(r);
          }}
        >
          {n}
        </Button>
      ),
    },
    { title: t('pol.eligible.uscc'), dataIndex: 'uscc', width: 200 },
    { title: t('pol.eligible.street'), dataIndex: 'street', width: 110, render: (s: string | null) => s ?? '—' },
    { title: t('pol.industry'), dataIndex: 'industryCode', width: 220, render: (c: string, r) => `${c} ${r.industryName ?? ''}` },
    {
      title: t('pol.eligible.scale'),
      dataIndex: 'scale',
      width: 80,
      render: (s: string) => t(`pol.scale.${s as (typeof SCALES)[number]}`),
    },
    {
      title: t('pol.eligible.outcome'),
      dataIndex: 'outcome',
      width: 100,
      render: (o: 'eligible' | 'unknown') => <Tag color={o === 'eligible' ? 'success' : 'warning'}>{t(`pol.elig.${o}`)}</Tag>,
    },
  ];

  return (
    <>
      <div className="filter-bar" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Input.Search
          key={filters.q ?? ''}
          defaultValue={filters.q}
          allowClear
          placeholder={t('pol.eligible.search')}
          aria-label={t('pol.eligible.search')}
          style={{ width: 220 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
        />
        <Select
          allowClear
          placeholder={t('pol.eligible.street')}
          aria-label={t('pol.eligible.street')}
          style={{ width: 130 }}
          value={filters.streetId}
          onChange={(streetId?: number) => set({ streetId })}
          options={streets.map((s) => ({ value: s.id, label: s.name }))}
        />
        <IndustrySelect value={filters.industry} onChange={(industry) => set({ industry })} />
        <Select
          allowClear
          placeholder={t('pol.eligible.scale')}
          aria-label={t('pol.eligible.scale')}
          style={{ width: 100 }}
          value={filters.scale}
          onChange={(scale?: (typeof SCALES)[number]) => set({ scale })}
          options={SCALES.map((s) => ({ value: s, label: t(`pol.scale.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('pol.eligible.outcome')}
          aria-label={t('pol.eligible.outcome')}
          style={{ width: 120 }}
          value={filters.outcome}
          onChange={(outcome?: 'eligible' | 'unknown') => set({ outcome })}
          options={(['eligible', 'unknown'] as const).map((o) => ({ value: o, label: t(`pol.elig.${o}`) }))}
          data-testid="eligible-outcome"
        />
        <DownloadButton path={`/api/policies/${policyId}/eligible.xlsx`} query={{ ...filters }} data-testid="eligible-export">
          {t('pol.eligible.export')}
        </DownloadButton>
      </div>
      {data && (
        <Typography.Paragraph data-testid="eligible-summary">
          {t('pol.eligible.summary', { eligible: data.eligible, unknown: data.unknown })}
        </Typography.Paragraph>
      )}
      <ListTable<EligibleItem>
        rowKey="enterpriseId"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        locale={{ emptyText: t('pol.eligible.empty') }}
        onRow={(r) => ({ onClick: () => setWhy(r), className: 'clickable-row', 'data-testid': 'eligible-row' })}
        paging={list}
        total={list.total}
      />
      <Modal
        open={why !== null}
        title={`${t('pol.eligible.why')} · ${why?.name ?? ''}`}
        footer={null}
        width={820}
        onCancel={() => setWhy(null)}
      >
        {explanation && (
          <EligibilityExplanation
            layout="table"
            conditions={explanation.conditions}
            fields={catalogue?.fields}
            status={explanation.status}
          />
        )}
      </Modal>
    </>
  );
}
