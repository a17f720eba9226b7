import { Button, Cascader, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useIndustries, useStreets } from '../../hooks/useLookups';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { SCALES, type Overview, type Scale } from '../../types';

export interface EnterpriseQuery {
  q?: string;
  streetId?: number;
  /** A section (e.g. C) or division (e.g. C39) code. */
  industry?: string;
  scale?: Scale;
  tag?: string;
}

/** Name / credit code, street, industry (section → division), scale and tag; applied as they change. */
export function EnterpriseFilters({ onChange }: { onChange: (query: EnterpriseQuery) => void }) {
  const { t } = useI18n();
  const streets = useStreets();
  const industries = useIndustries();
  const tags = useRequest<Overview>('/api/overview').data?.byTag ?? [];
  const [text, setText] = useState('');
  const [query, setQuery] = useState<EnterpriseQuery>({});
  const [industryPath, setIndustryPath] = useState<string[]>([]);

  const update = (patch: Partial<EnterpriseQuery>) => {
    const next = { ...query, ...patch };
    setQuery(next);
    onChange(next);
  };

  const reset = () => {
    setText('');
    setIndustryPath([]);
    setQuery({});
    onChange({});
  };

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
        style={{ width: 260 }}
        onChange={(e) => setText(e.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        enterButton
        data-testid="filter-q"
      />
      <Select
        allowClear
        placeholder={t('enterprise.street')}
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
        style={{ width: 240 }}
        value={industryPath}
        options={industryOptions}
        onChange={(path?: string[]) => {
          setIndustryPath(path ?? []);
          update({ industry: path?.at(-1) });
        }}
        data-testid="filter-industry"
      />
      <Select
        allowClear
        placeholder={t('enterprise.scale')}
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
