import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, DatePicker, Input, Select, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type Answer } from '../../api';
import { useMe } from '../../auth/AuthContext';
import { IndustrySelect } from '../../components/IndustrySelect';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { orDash } from '../../format';
import { useStreets } from '../../hooks/useLookups';
import { usePagedList } from '../../hooks/usePagedList';
import { ListTable, RowLink } from '../../components/ListTable';
import { emptySearchHint } from '../../emptyHint';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { LevelTag, StatusTag } from './Tags';
import { ym, type WarningItem, type WarningLevel, type WarningStatus } from './types';

const ON = ['1'] as const;
/** Notices link here with ?mine=1 (a cadre) or ?unassigned=1 (the office). */
const SPEC = {
  month: 'text',
  level: ['red', 'orange', 'yellow'],
  status: ['open', 'following', 'closed'],
  streetId: 'number',
  industry: 'text',
  q: 'text',
  relocation: ON,
  mine: ON,
  unassigned: ON,
} as const;

const EVALUATORS = ['coordinator', 'admin'];

/** 监测预警: warnings raised by the rules, worst and newest first; a cadre sees its own enterprises'. */
export default function WarningsPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const streets = useStreets();
  const [evaluating, setEvaluating] = useState(false);
  const list = usePagedList<Paged<WarningItem>, typeof SPEC>('/api/warnings', SPEC);
  const { data, error, loading, reload, filters, patchFilters: set } = list;

  const evaluate = async () => {
    setEvaluating(true);
    try {
      const r = await api.post<Answer<'/api/warnings/evaluate', 'post'>>('/api/warnings/evaluate', {});
      void message.success(t('warn.evaluated', { month: ym(r.month), found: r.found, raised: r.raised }));
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setEvaluating(false);
    }
  };

  const columns: TableColumnsType<WarningItem> = [
    {
      title: t('warn.enterprise'),
      dataIndex: 'enterpriseName',
      width: 240,
      fixed: 'left',
      render: (name: string, w) => <RowLink to={`/warnings/${w.id}`}>{name}</RowLink>,
    },
    { title: t('warn.level'), dataIndex: 'level', width: 80, render: (level: WarningLevel) => <LevelTag level={level} /> },
    { title: t('warn.rule'), dataIndex: 'ruleName', width: 200 },
    { title: t('warn.month'), dataIndex: 'month', width: 90, render: ym },
    { title: t('warn.explanation'), dataIndex: 'explanation', ellipsis: true },
    { title: t('warn.street'), dataIndex: 'street', width: 100, render: orDash },
    {
      title: t('warn.cadre'),
      dataIndex: 'assignedName',
      width: 100,
      render: (n: string | null) => n ?? <Typography.Text type="secondary">{t('warn.noCadre')}</Typography.Text>,
    },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: WarningStatus) => <StatusTag status={s} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.warnings')}
        extra={
          EVALUATORS.includes(me.role) && (
            <Button icon={<ThunderboltOutlined />} loading={evaluating} onClick={() => void evaluate()} data-testid="warnings-evaluate">
              {t('warn.evaluate')}
            </Button>
          )
        }
      />
      <div className="filter-bar" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Input.Search
          key={filters.q ?? ''}
          defaultValue={filters.q}
          allowClear
          placeholder={t('warn.search')}
          aria-label={t('warn.search')}
          style={{ width: 240 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          data-testid="warnings-search"
        />
        <DatePicker
          picker="month"
          placeholder={t('warn.month')}
          aria-label={t('warn.month')}
          value={filters.month ? dayjs(filters.month) : null}
          onChange={(d) => set({ month: d ? dayjs(d).format('YYYY-MM') : undefined })}
          data-testid="warnings-month"
        />
        <Select
          allowClear
          placeholder={t('warn.level')}
          aria-label={t('warn.level')}
          style={{ width: 100 }}
          value={filters.level}
          onChange={(level?: WarningLevel) => set({ level })}
          options={(['red', 'orange', 'yellow'] as const).map((l) => ({ value: l, label: t(`warn.level.${l}`) }))}
          data-testid="warnings-level"
        />
        <Select
          allowClear
          placeholder={t('common.status')}
          aria-label={t('common.status')}
          style={{ width: 110 }}
          value={filters.status}
          onChange={(status?: WarningStatus) => set({ status })}
          options={(['open', 'following', 'closed'] as const).map((s) => ({ value: s, label: t(`warn.status.${s}`) }))}
          data-testid="warnings-status"
        />
        <Select
          allowClear
          placeholder={t('warn.street')}
          aria-label={t('warn.street')}
          style={{ width: 130 }}
          value={filters.streetId}
          onChange={(streetId?: number) => set({ streetId })}
          options={streets.map((s) => ({ value: s.id, label: s.name }))}
        />
        <IndustrySelect
          placeholder={t('enterprise.industry')}
          style={{ width: 200 }}
          value={filters.industry}
          onChange={(industry) => set({ industry })}
        />
        <Checkbox
          checked={filters.relocation !== undefined}
          onChange={(e) => set({ relocation: e.target.checked ? '1' : undefined })}
          data-testid="warnings-relocation"
        >
          {t('warn.relocationOnly')}
        </Checkbox>
        {me.role !== 'cadre' && (
          <Checkbox checked={filters.unassigned !== undefined} onChange={(e) => set({ unassigned: e.target.checked ? '1' : undefined })}>
            {t('warn.unassignedOnly')}
          </Checkbox>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <ListTable<WarningItem>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1200 }}
        locale={{ emptyText: t('warn.empty') }}
        emptyHint={emptySearchHint(t, filters, { text: 'warn.emptySearch.text', filters: 'warn.emptySearch.filters' })}
        onRow={(w) => ({ onClick: () => void navigate(`/warnings/${w.id}`), className: 'clickable-row', 'data-testid': 'warning-row' })}
        paging={list}
        total={list.total}
      />
    </>
  );
}
