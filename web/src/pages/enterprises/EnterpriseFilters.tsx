import { Button, Cascader, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { QueryOf } from '../../api';
import { useIndustries, useStreets } from '../../hooks/useLookups';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { SCALES, type Overview, type Scale } from '../../types';

/** The list's filters (GET /api/enterprises without its paging); `industry` is a section (C) or division (C39) code. */
export type EnterpriseQuery = Omit<QueryOf<'/api/enterprises'>, 'page' | 'pageSize'>;

/** A division code (C39) sits under its section (C): the cascader's path to it. */
const industryPath = (code?: string) => (code ? (code.length > 1 ? [code.slice(0, 1), code] : [code]) : []);

/** Name / credit code, street, industry (section → division), scale and tag; applied as they change. */
export function EnterpriseFilters({ query, onChange }: { query: EnterpriseQuery; onChange: (query: EnterpriseQuery) => void }) {
  const { t } = useI18n();
  const streets = useStreets();
  const industries = useIndustries();
  const tags = useRequest<Overview>('/api/overview').data?.byTag ?? [];
  // The box is edited freely; the search in the address replaces it after back, forward or a link.
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);

  const update = (patch: Partial<EnterpriseQuery>) => onChange({ ...query, ...patch });
  const reset = () => onChange({});

  const industryOptions = industries.map((s) => ({
    value: s.code,
    label: `${s.code} ${s.name}`,
    children: s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
  }));

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
      <Cascader
        changeOnSelect
        allowClear
        showSearch
        placeholder={t('enterprise.industry')}
        aria-label={t('enterprise.industry')}
        style={{ width: 240 }}
        value={industryPath(query.industry)}
        options={industryOptions}
        onChange={(path?: string[]) => update({ industry: path?.at(-1) })}
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
