import { DatePicker, Form, Input, Select } from 'antd';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditName } from '@server/platform/audit-names.ts';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useMemo } from 'react';
import { useFilterForm } from '../../components/ListTable';
import { shanghaiDayBound, todayInShanghai } from '../../format';
import { useI18n } from '../../i18n';
import { FilterButtons } from '../../components/FilterButtons';
import type { FilterValues } from '../../hooks/usePagedList';

/** The audit list's filters, all text in the address. */
export const AUDIT_SPEC = {
  q: 'text',
  actor: 'text',
  action: 'text',
  entityType: 'text',
  entityId: 'text',
  from: 'text',
  to: 'text',
} as const;
export type AuditQuery = FilterValues<typeof AUDIT_SPEC>;

interface FilterForm extends Omit<AuditQuery, 'from' | 'to'> {
  range?: [Dayjs | null, Dayjs | null] | null;
}

const TEXT_FIELDS = ['q', 'actor', 'action', 'entityType', 'entityId'] as const;

/** Text fields are trimmed and left out when empty; the date range covers whole Shanghai days. */
function toQuery(values: FilterForm): AuditQuery {
  const query: AuditQuery = {};
  for (const key of TEXT_FIELDS) {
    const text = values[key]?.trim();
    if (text) query[key] = text;
  }
  const [start, end] = values.range ?? [];
  if (start) query.from = shanghaiDayBound(start.format('YYYY-MM-DD'));
  if (end) query.to = shanghaiDayBound(end.format('YYYY-MM-DD'), true);
  return query;
}

/** The picker's day for an instant in the address: its Shanghai day. */
const day = (iso?: string) => (iso ? dayjs(todayInShanghai(new Date(iso))) : null);

function toForm(query: AuditQuery): FilterForm {
  const { from, to, ...text } = query;
  return { ...text, range: from || to ? [day(from), day(to)] : null };
}

export function AuditFilters({ query, onSearch }: { query: AuditQuery; onSearch: (query: AuditQuery) => void }) {
  const { t, lang } = useI18n();
  const form = useFilterForm<FilterForm>(useMemo(() => toForm(query), [query]));
  const locale = lang === 'zh' ? 'zh_CN' : 'en_US';
  /** A filter picked by name (searchable by name or code); the address keeps the code. */
  const pick = (name: 'action' | 'entityType', label: string, names: Record<string, AuditName>, width: number) => (
    <Form.Item name={name}>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'search' }}
        placeholder={label}
        aria-label={label}
        style={{ width }}
        popupMatchSelectWidth={false}
        data-testid={`audit-${name}`}
        options={Object.entries(names).map(([code, n]) => ({ value: code, label: n[locale], search: `${n[locale]} ${code}` }))}
      />
    </Form.Item>
  );
  const text = (name: (typeof TEXT_FIELDS)[number], label: string, width = 150) => (
    <Form.Item name={name}>
      <Input allowClear placeholder={label} aria-label={label} style={{ width }} data-testid={`audit-${name}`} />
    </Form.Item>
  );
  return (
    <Form<FilterForm>
      form={form}
      layout="inline"
      className="filter-bar audit-filters"
      onFinish={(v) => onSearch(toQuery(v))}
      onReset={() => onSearch({})}
    >
      {text('q', t('audit.q'), 180)}
      {text('actor', t('audit.actor'))}
      {pick('action', t('audit.action'), AUDIT_ACTIONS, 170)}
      {pick('entityType', t('audit.entityType'), AUDIT_ENTITIES, 150)}
      {text('entityId', t('audit.entityId'), 120)}
      <Form.Item name="range">
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[t('audit.from'), t('audit.to')]}
          aria-label={`${t('audit.from')} – ${t('audit.to')}`}
        />
      </Form.Item>
      <FilterButtons searchTestId="audit-search" />
    </Form>
  );
}
