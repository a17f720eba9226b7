import { Select } from 'antd';
import { useState } from 'react';
import { useDebounced } from '../../hooks/useDebounced';
import { useRequest } from '../../hooks/useRequest';
import type { SearchResult } from '../policies/types';

/** A published policy picked by searching the library; `selectedTitle` labels a preset one. */
export function PolicySelect({
  id,
  value,
  onChange,
  placeholder,
  selectedTitle,
  autoGrant,
  'data-testid': testId,
}: {
  /** From Form.Item, so its label names this field. */
  id?: string;
  value?: number;
  onChange?: (id: number | undefined) => void;
  placeholder: string;
  selectedTitle?: string;
  autoGrant?: boolean;
  'data-testid'?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const { data, loading } = useRequest<SearchResult>('/api/policies', {
    q,
    status: 'published',
    autoGrant: autoGrant ? 1 : undefined,
    pageSize: 20,
  });
  const options = (data?.items ?? []).map((p) => ({ value: p.id, label: p.docNumber ? `${p.title}（${p.docNumber}）` : p.title }));
  if (value !== undefined && selectedTitle && !options.some((o) => o.value === value)) options.unshift({ value, label: selectedTitle });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value}
      onChange={(v?: number) => onChange?.(v)}
      placeholder={placeholder}
      loading={loading}
      options={options}
      data-testid={testId}
    />
  );
}
