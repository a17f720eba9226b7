import { Select, Spin } from 'antd';
import { useState, type ReactNode } from 'react';
import type { AppealListItem } from '../appeals';
import { useDebounced } from '../hooks/useDebounced';
import { useRequest } from '../hooks/useRequest';
import { useI18n } from '../i18n';
import type { Paged } from '../types';

function useAppealSearch() {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const { data, loading } = useRequest<Paged<AppealListItem>>(q ? '/api/appeals' : null, { view: 'all', q, pageSize: 20 });
  return {
    onSearch: setText,
    options: (data?.items ?? []).map((a) => ({ value: a.id, label: `${a.number} ${a.title}` })),
    notFoundContent: loading && q ? <Spin size="small" /> : undefined,
  };
}

/** An appeal found by number, title or text. A form control. */
export function AppealPicker({
  value,
  onChange,
  'data-testid': testId,
}: {
  value?: number;
  onChange?: (id: number | undefined) => void;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  const { onSearch, options, notFoundContent } = useAppealSearch();
  return (
    <Select<number>
      allowClear
      value={value}
      onChange={(id) => onChange?.(id)}
      showSearch={{ filterOption: false, onSearch }}
      options={options}
      notFoundContent={notFoundContent}
      placeholder={t('appeals.searchPlaceholder')}
      aria-label={t('appeals.searchPlaceholder')}
      data-testid={testId}
    />
  );
}

/** An appeal chosen in AppealsPicker, with its label: a later search does not lose what was chosen. */
export interface ChosenAppeal {
  value: number;
  label: ReactNode;
}

/** Several appeals, each found by number, title or text. A form control. */
export function AppealsPicker({
  value,
  onChange,
  'data-testid': testId,
}: {
  value?: ChosenAppeal[];
  onChange?: (chosen: ChosenAppeal[]) => void;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  const { onSearch, options, notFoundContent } = useAppealSearch();
  return (
    <Select<ChosenAppeal[]>
      mode="multiple"
      labelInValue
      value={value}
      onChange={(chosen) => onChange?.(chosen)}
      showSearch={{ filterOption: false, onSearch }}
      options={options}
      notFoundContent={notFoundContent}
      placeholder={t('appeals.searchPlaceholder')}
      aria-label={t('appeals.searchPlaceholder')}
      data-testid={testId}
    />
  );
}
