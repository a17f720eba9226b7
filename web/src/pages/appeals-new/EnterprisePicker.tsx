import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useDebounced } from '../../hooks/useDebounced';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { EnterpriseRow, Paged } from '../../types';

interface Option {
  value: number;
  label: string;
}

/** An enterprise from the enterprise file, found by name or credit code as the user types. A form control. */
export function EnterprisePicker({ value, onChange }: { value?: number; onChange?: (id: number | undefined) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<Option>();
  const q = useDebounced(text.trim(), 300);
  const { data, loading } = useRequest<Paged<EnterpriseRow>>(q ? '/api/enterprises' : null, { q, pageSize: 20 });
  const found: Option[] = (data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.uscc}）` }));
  // The chosen one stays listed (and its name shown) after the search moves on.
  const options = chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;

  return (
    <Select<number, Option>
      allowClear
      value={value}
      options={options}
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={t('appeal.enterprisePlaceholder')}
      aria-label={t('appeal.enterprisePlaceholder')}
      notFoundContent={loading && q ? <Spin size="small" /> : undefined}
      onChange={(id, option) => {
        setChosen(Array.isArray(option) ? undefined : option);
        onChange?.(id);
      }}
      data-testid="appeal-enterprise"
    />
  );
}
