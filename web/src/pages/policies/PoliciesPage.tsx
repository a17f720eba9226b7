import { IndustrySelect } from '../../components/IndustrySelect';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../auth/AuthContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { PageHeader } from '../../components/PageHeader';
import { usePagedList } from '../../hooks/usePagedList';
import { ListTable, RowLink } from '../../components/ListTable';
import { emptySearchHint } from '../../emptyHint';
import { useI18n } from '../../i18n';
import { Highlighted, LevelTag, StatusTag } from './Tags';
import {
  CATEGORIES,
  EDITORS,
  LEVELS,
  POLICY_STATUSES,
  type PolicyItem,
  type PolicyLevel,
  type PolicyStatus,
  type SearchResult,
} from './types';

const SPEC = {
  q: 'text',
  level: LEVELS,
  departmentId: 'number',
  industry: 'text',
  category: 'text',
  inForceOn: 'text',
  status: POLICY_STATUSES,
  autoGrant: ['1'],
} as const;

/** 政策库: full-text search in Chinese with filters; officers open a policy to edit it or add one. */
export default function PoliciesPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const list = usePagedList<SearchResult, typeof SPEC>('/api/policies', SPEC);
  const { data, error, loading, filters, patchFilters: set } = list;
  const terms = data?.terms ?? [];

  const columns: TableColumnsType<PolicyItem> = [
    {
      title: t('pol.title'),
      dataIndex: 'title',
      render: (_: string, p) => (
        <div>
          <RowLink to={`/policies/${p.id}`}>
            <Highlighted text={p.title} terms={terms} />
          </RowLink>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[p.docNumber, p.issuer].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
          {p.snippet && (
            <div style={{ fontSize: 12, marginTop: 2 }}>
              <Highlighted text={p.snippet} terms={terms} />
            </div>
          )}
        </div>
      ),
    },
    { title: t('pol.level'), dataIndex: 'level', width: 90, render: (l: PolicyLevel) => <LevelTag level={l} /> },
    { title: t('pol.category'), dataIndex: 'category', width: 100 },
    {
      title: t('pol.effective'),
      key: 'effective',
      width: 200,
      render: (_: unknown, p) => (
        <span>
          {p.effectiveFrom} ~ {p.effectiveTo ?? t('pol.noEnd')}
          {!p.inForce && <Tag style={{ marginLeft: 4 }}>{t('pol.expired')}</Tag>}
        </span>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 180,
      render: (s: PolicyStatus, p) => (
        <Space size={4} wrap>
          <StatusTag status={s} />
          {p.autoGrant && <Tag color="purple">{t('pol.autoGrant')}</Tag>}
          {p.openNotices > 0 && <Tag color="processing">{t('pol.openNotices')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.policies')}
        extra={
          EDITORS.includes(me.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/policies/new')} data-testid="policy-new">
              {t('pol.new')}
            </Button>
          )
        }
      />
      <div className="filter-bar" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Input.Search
          key={filters.q ?? ''}
          defaultValue={filters.q}
          allowClear
          placeholder={t('pol.search')}
          aria-label={t('pol.search')}
          style={{ width: 360 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          data-testid="policies-search"
        />
        <Select
          allowClear
          placeholder={t('pol.level')}
          aria-label={t('pol.level')}
          style={{ width: 110 }}
          value={filters.level}
          onChange={(level?: PolicyLevel) => set({ level })}
          options={LEVELS.map((l) => ({ value: l, label: t(`pol.level.${l}`) }))}
          data-testid="policies-level"
        />
        <DepartmentSelect
          allowClear
          placeholder={t('pol.department')}
          aria-label={t('pol.department')}
          style={{ width: 200 }}
          value={filters.departmentId}
          onChange={(departmentId) => set({ departmentId })}
        />
        <IndustrySelect value={filters.industry} onChange={(industry) => set({ industry })} />
        <Select
          allowClear
          placeholder={t('pol.category')}
          aria-label={t('pol.category')}
          style={{ width: 120 }}
          value={filters.category}
          onChange={(category?: string) => set({ category })}
          options={CATEGORIES.map((c) => ({ value: c, label: c }))}
        />
        <DatePicker
          placeholder={t('pol.inForceOn')}
          aria-label={t('pol.inForceOn')}
          value={filters.inForceOn ? dayjs(filters.inForceOn) : null}
          onChange={(d) => set({ inForceOn: d ? dayjs(d).format('YYYY-MM-DD') : undefined })}
        />
        {me.role !== 'enterprise' && (
          <Select
            allowClear
            placeholder={t('common.status')}
            aria-label={t('common.status')}
            style={{ width: 100 }}
            value={filters.status}
            onChange={(status?: PolicyStatus) => set({ status })}
            options={POLICY_STATUSES.map((s) => ({ value: s, label: t(`pol.status.${s}`) }))}
            data-testid="policies-status"
          />
        )}
        <Checkbox checked={filters.autoGrant !== undefined} onChange={(e) => set({ autoGrant: e.target.checked ? '1' : undefined })}>
          {t('pol.autoGrantOnly')}
        </Checkbox>
      </div>
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      {data && filters.q && (
        <Typography.Paragraph type="secondary" data-testid="policies-took">
          {t('pol.searchTook', { total: data.total, ms: data.tookMs })}
        </Typography.Paragraph>
      )}
      <ListTable<PolicyItem>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        locale={{ emptyText: t('pol.empty') }}
        emptyHint={emptySearchHint(t, filters, { text: 'pol.emptySearch.text', filters: 'pol.emptySearch.filters' })}
        onRow={(p) => ({ onClick: () => void navigate(`/policies/${p.id}`), className: 'clickable-row', 'data-testid': 'policy-row' })}
        paging={list}
        total={list.total}
      />
    </>
  );
}
