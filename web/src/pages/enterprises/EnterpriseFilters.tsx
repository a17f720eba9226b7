import { Button, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { QueryOf } from '../../api';
import { IndustrySelect } from '../../components/IndustrySelect';
import { useStreets } from '../../hooks/useLookups';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { SCALES, type Overview, type Scale } from '../../types';

/** The list's filters (GET /api/enterprises without its paging); `industry` is a GB/T 4754 code at any level (C, C39, C391, C3911). */
export type EnterpriseQuery = Omit<QueryOf<'/api/enterprises'>, 'page' | 'pageSize'>;

/** Name / credit code, street, industry (any level, 门类 → 小类), scale and tag; applied as they change. */
export function EnterpriseFilters({ query, onChange }: { query: EnterpriseQuery; onChange: (query: EnterpriseQuery) => void }) {
  const { t } = useI18n();
  const streets = useStreets();
  const tags = useRequest<Overview>('/api/overview').data?.byTag ?? [];
  // The box is edited freely; the search in the address replaces it after back, forward or a link.
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);

  const update = (patch: Partial<EnterpriseQuery>) => onChange({ ...query, ...patch });
  const reset = () => onChange({});

  return (
    <Space wrap className="filter-bar">
      <Input.Search
        allowClear
        value={text}
        placeholder={t('enterprises.searchPlaceholder')}
        aria-label={t('enterprises.searchPlaceholder')}
        style={{ width: 260 }}
        onChange={(e) => setText(e.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        enterButton
        data-testid="filter-q"
      />
      <Select
        allowClear
        placeholder={t('enterprise.street')}
        aria-label={t('enterprise.street')}
        style={{ width: 140 }}
        value={query.streetId}
        options={streets.map((s) => ({ value: s.id, label: s.name }))}
        onChange={(streetId?: number) => update({ streetId })}
        data-testid="filter-street"
      />
      <IndustrySelect
        placeholder={t('enterprise.industry')}
        value={query.industry}
        onChange={(industry) => update({ industry })}
        data-testid="filter-industry"
      />
      <Select
        allowClear
        placeholder={t('enterprise.scale')}
        aria-label={t('enterprise.scale')}
        style={{ width: 110 }}
        value={query.scale}
        options={SCALES.map((s) => ({ value: s, label: t(`scale.${s}`) }))}
        onChange={(scale?: Scale) => update({ scale })}
        data-testid="filter-scale"
      />
      <Select
        allowClear
        showSearch
        placeholder={t('enterprise.tags')}
        aria-label={t('enterprise.tags')}
        style={{ width: 140 }}
        value={query.tag}
        options={tags.map((x) => ({ value: x.tag, label: x.tag }))}
        onChange={(tag?: string) => update({ tag })}
        data-testid="filter-tag"
      />
      <Button onClick={reset}>{t('common.reset')}</Button>
    </Space>
  );
}
