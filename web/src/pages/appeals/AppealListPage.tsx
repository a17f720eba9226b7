import { Alert, Form, Input, Segmented, Select, Table } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { MenuKey } from '../../access';
import { APPEAL_STATES, APPEAL_TYPES, WARNING_LEVELS, type AppealListItem, type AppealState, type AppealType, type WarningLevel } from '../../appeals';
import { useMe } from '../../auth/AuthContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { PageHeader } from '../../components/PageHeader';
import { usePolling } from '../../hooks/useInterval';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { useAppealColumns } from './appealColumns';
import { SweepButton } from './SweepButton';
import './appeals.css';
import { FilterButtons } from '../../components/FilterButtons';

type View = 'all' | 'intake' | 'dispatch' | 'returns' | 'inbox' | 'escalated' | 'warnings';
type Filter = 'state' | 'department' | 'warning' | 'type';
type AppealListKey = Extract<MenuKey, 'appeals-intake' | 'appeals-dispatch' | 'appeals-warnings' | 'appeals-returns' | 'appeals-all' | 'appeals-inbox' | 'appeals-escalated'>;

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
const PAGE_SIZE = 20;
/** Queues change while they are open (new appeals, warnings): they refresh themselves. */
const POLL_MS = 30_000;

interface Filters {
  q?: string;
  state?: AppealState;
  departmentId?: number;
  warning?: WarningLevel;
  appealType?: AppealType;
}

export default function AppealListPage({ list }: { list: AppealListKey }) {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const config = LISTS[list];
  // A link may open the list on one of its views with a warning level chosen.
  const [params] = useSearchParams();
  const [view, setView] = useState<View>(() => config.views.find((v) => v === params.get('view')) ?? config.views[0] ?? 'all');
  const [filters, setFilters] = useState<Filters>(() => ({ warning: config.filters.includes('warning') ? WARNING_LEVELS.find((w) => w === params.get('warning')) : undefined }));
  const [page, setPage] = useState({ page: 1, pageSize: PAGE_SIZE });
  const { data, error, loading, reload } = useRequest<Paged<AppealListItem>>('/api/appeals', { view, ...filters, ...page });
  const columns = useAppealColumns(view !== 'intake');
  usePolling(reload, POLL_MS);

  const search = (values: Filters) => {
    setFilters({ ...values, q: values.q?.trim() || undefined });
    setPage((p) => ({ ...p, page: 1 }));
  };
  const has = (f: Filter) => config.filters.includes(f);

  return (
    <>
      <PageHeader title={t(`menu.${list}`)} extra={list === 'appeals-warnings' && SWEEPERS.includes(me.role) && <SweepButton onDone={reload} />} />
      {config.views.length > 1 && (
        <Segmented<View>
          className="filter-bar"
          value={view}
          onChange={(next) => {
            setView(next);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={config.views.map((v) => ({ value: v, label: t(`appeals.view.${v}`) }))}
          data-testid="appeal-views"
        />
      )}
      <Form<Filters> layout="inline" className="filter-bar" initialValues={filters} onFinish={search} onReset={() => search({})}>
        <Form.Item name="q">
          <Input allowClear placeholder={t('appeals.searchPlaceholder')} style={{ width: 220 }} data-testid="filter-q" />
        </Form.Item>
        {has('state') && (
          <Form.Item name="state">
            <Select allowClear placeholder={t('appeal.state')} style={{ width: 130 }} options={APPEAL_STATES.map((s) => ({ value: s, label: t(`appeal.state.${s}`) }))} data-testid="filter-state" />
          </Form.Item>
        )}
        {has('type') && (
          <Form.Item name="appealType">
            <Select allowClear placeholder={t('appeal.type')} style={{ width: 110 }} options={APPEAL_TYPES.map((type) => ({ value: type, label: t(`appeal.type.${type}`) }))} data-testid="filter-type" />
          </Form.Item>
        )}
        {has('department') && (
          <Form.Item name="departmentId">
            <DepartmentSelect allowClear placeholder={t('appeal.department')} style={{ width: 200 }} data-testid="filter-department" />
          </Form.Item>
        )}
        {has('warning') && (
          <Form.Item name="warning">
            <Select allowClear placeholder={t('appeal.warning')} style={{ width: 110 }} options={WARNING_LEVELS.map((w) => ({ value: w, label: t(`appeal.warning.${w}`) }))} data-testid="filter-warning" />
          </Form.Item>
        )}
        <FilterButtons />
      </Form>
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <Table<AppealListItem>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1220 }}
        locale={{ emptyText: t('appeals.empty') }}
        onRow={(a) => ({
          onClick: () => void navigate(`/appeals/${a.id}`),
          className: `clickable-row appeal-row-${a.warningLevel}`,
          'data-testid': 'appeal-row',
          'data-number': a.number,
        })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
      />
    </>
  );
}
