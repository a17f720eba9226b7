import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useI18n } from '../../i18n';
import { FilterButtons } from '../../components/FilterButtons';

export interface AuditQuery {
  q?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

interface FilterForm extends Omit<AuditQuery, 'from' | 'to'> {
  range?: [Dayjs | null, Dayjs | null] | null;
}

const TEXT_FIELDS = ['q', 'actor', 'action', 'entityType', 'entityId'] as const;

/** Text fields are trimmed and left out when empty; the date range covers whole days. */
function toQuery(values: FilterForm): AuditQuery {
  const query: AuditQuery = {};
  for (const key of TEXT_FIELDS) {
    const text = values[key]?.trim();
    if (text) query[key] = text;
  }
  const [start, end] = values.range ?? [];
  if (start) query.from = start.startOf('day').toISOString();
  if (end) query.to = end.endOf('day').toISOString();
  return query;
}

export function AuditFilters({ onSearch }: { onSearch: (query: AuditQuery) => void }) {
  const { t } = useI18n();
  const text = (name: (typeof TEXT_FIELDS)[number], label: string, width = 150) => (
    <Form.Item name={name}>
      <Input allowClear placeholder={label} style={{ width }} data-testid={`audit-${name}`} />
    </Form.Item>
  );
  return (
    <Form<FilterForm> layout="inline" className="filter-bar audit-filters" onFinish={(v) => onSearch(toQuery(v))} onReset={() => onSearch({})}>
      {text('q', t('audit.q'), 180)}
      {text('actor', t('audit.actor'))}
      {text('action', t('audit.action'))}
      {text('entityType', t('audit.entityType'))}
      {text('entityId', t('audit.entityId'), 120)}
      <Form.Item name="range">
        <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('audit.from'), t('audit.to')]} />
      </Form.Item>
      <FilterButtons searchTestId="audit-search" />
    </Form>
  );
}
