import { Alert, Form, Input, Segmented, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { MenuKey } from '../../access';
import { APPEAL_STATES, APPEAL_TYPES, WARNING_LEVELS, type AppealListItem } from '../../appeals';
import { useMe } from '../../auth/AuthContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { PageHeader } from '../../components/PageHeader';
import { usePolling } from '../../hooks/useInterval';
import { usePagedList, type FilterValues } from '../../hooks/usePagedList';
import { ListTable, useFilterForm } from '../../components/ListTable';
import { emptySearchHint } from '../../emptyHint';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { useAppealColumns } from './appealColumns';
import { SweepButton } from './SweepButton';
import './appeals.css';
import { FilterButtons } from '../../components/FilterButtons';

type View = 'all' | 'intake' | 'dispatch' | 'returns' | 'inbox' | 'escalated' | 'warnings';
type Filter = 'state' | 'department' | 'warning' | 'type';
type AppealListKey = Extract<
  MenuKey,
  'appeals-intake' | 'appeals-dispatch' | 'appeals-warnings' | 'appeals-returns' | 'appeals-all' | 'appeals-inbox' | 'appeals-escalated'
>;

/** Each menu entry is a view of GET /api/appeals (the server keeps red first), with the filters that make sense there. */
const LISTS: Record<AppealListKey, { views: View[]; filters: Filter[] }> = {
  // The front office accepts, then dispatches what it accepted: both queues on one page.
  'appeals-intake': { views: ['intake', 'dispatch'], filters: ['type'] },
  'appeals-dispatch': { views: ['dispatch'], filters: ['type'] },
  'appeals-warnings': { views: ['warnings'], filters: ['warning', 'department', 'type'] },
  'appeals-returns': { views: ['returns'], filters: ['department'] },
  // 预警 here too: a leader follows the red and yellow ones from the workbench (?view=warnings&warning=red).
  'appeals-all': { views: ['all', 'warnings'], filters: ['state', 'type', 'department', 'warning'] },
  // 待办 is what the department leads; 全部 also shows what it assists (协办) and what it has finished.
  'appeals-inbox': { views: ['inbox', 'all'], filters: ['state', 'type', 'warning'] },
  'appeals-escalated': { views: ['escalated'], filters: ['department', 'warning', 'type'] },
};

const SWEEPERS = ['coordinator', 'admin'];
/** Queues change while they are open (new appeals, warnings): they refresh themselves. */
const POLL_MS = 30_000;

const VIEWS: readonly View[] = ['all', 'intake', 'dispatch', 'returns', 'inbox', 'escalated', 'warnings'];
/** In the address: a leader's workbench links to ?view=warnings&warning=red. */
const SPEC = {
  view: VIEWS,
  q: 'text',
  state: APPEAL_STATES,
  departmentId: 'number',
  warning: WARNING_LEVELS,
  appealType: APPEAL_TYPES,
} as const;
type Filters = FilterValues<typeof SPEC>;
/** A search that looks like an appeal number (QF-2026-000123, or its digits): the hint then speaks of the number. */
const NUMBER_LIKE = /^(QF|\d{4}-)/i;

export default function AppealListPage({ list }: { list: AppealListKey }) {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const config = LISTS[list];
  const paged = usePagedList<Paged<AppealListItem>, typeof SPEC>('/api/appeals', SPEC, { defaults: { view: config.views[0] } });
  const { data, error, loading, reload } = paged;
  // Another queue's view in a shared link falls back to this queue's first.
  const view = config.views.find((v) => v === paged.filters.view) ?? config.views[0] ?? 'all';
  const form = useFilterForm<Filters>(paged.filters);
  const columns = useAppealColumns(view !== 'intake');
  usePolling(reload, POLL_MS);

  const search = (values: Filters) => paged.setFilters({ ...values, view, q: values.q?.trim() || undefined });
  const has = (f: Filter) => config.filters.includes(f);

  return (
    <>
      <PageHeader
        title={t(`menu.${list}`)}
        extra={list === 'appeals-warnings' && SWEEPERS.includes(me.role) && <SweepButton onDone={reload} />}
      />
      {config.views.length > 1 && (
        <Segmented<View>
          className="filter-bar"
          value={view}
          onChange={(next) => paged.patchFilters({ view: next })}
          options={config.views.map((v) => ({ value: v, label: t(`appeals.view.${v}`) }))}
          data-testid="appeal-views"
        />
      )}
      <Form<Filters> form={form} layout="inline" className="filter-bar" onFinish={search} onReset={() => search({})}>
        <Form.Item name="q">
          <Input
            allowClear
            placeholder={t('appeals.searchPlaceholder')}
            aria-label={t('appeals.searchPlaceholder')}
            style={{ width: 220 }}
            data-testid="filter-q"
          />
        </Form.Item>
        {has('state') && (
          <Form.Item name="state">
            <Select
              allowClear
              placeholder={t('appeal.state')}
              aria-label={t('appeal.state')}
              style={{ width: 130 }}
              options={APPEAL_STATES.map((s) => ({ value: s, label: t(`appeal.state.${s}`) }))}
              data-testid="filter-state"
            />
          </Form.Item>
        )}
        {has('type') && (
          <Form.Item name="appealType">
            <Select
              allowClear
              placeholder={t('appeal.type')}
              aria-label={t('appeal.type')}
              style={{ width: 110 }}
              options={APPEAL_TYPES.map((type) => ({ value: type, label: t(`appeal.type.${type}`) }))}
              data-testid="filter-type"
            />
          </Form.Item>
        )}
        {has('department') && (
          <Form.Item name="departmentId">
            <DepartmentSelect
              allowClear
              placeholder={t('appeal.department')}
              aria-label={t('appeal.department')}
              style={{ width: 200 }}
              data-testid="filter-department"
            />
          </Form.Item>
        )}
        {has('warning') && (
          <Form.Item name="warning">
            <Select
              allowClear
              placeholder={t('appeal.warning')}
              aria-label={t('appeal.warning')}
              style={{ width: 110 }}
              options={WARNING_LEVELS.map((w) => ({ value: w, label: t(`appeal.warning.${w}`) }))}
              data-testid="filter-warning"
            />
          </Form.Item>
        )}
        <FilterButtons />
      </Form>
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <ListTable<AppealListItem>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1220 }}
        locale={{ emptyText: t('appeals.empty') }}
        emptyHint={emptySearchHint(
          t,
          paged.filters,
          {
            text: (q) => (NUMBER_LIKE.test(q) ? 'appeals.emptySearch.number' : 'appeals.emptySearch.text'),
            filters: 'appeals.emptySearch.filters',
          },
          ['view'],
        )}
        onRow={(a) => ({
          onClick: () => void navigate(`/appeals/${a.id}`),
          className: `clickable-row appeal-row-${a.warningLevel}`,
          'data-testid': 'appeal-row',
          'data-number': a.number,
        })}
        paging={paged}
        total={paged.total}
      />
    </>
  );
}
