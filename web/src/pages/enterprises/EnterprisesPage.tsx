import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../auth/AuthContext';
import { DownloadButton } from '../../components/DownloadButton';
import { EnterpriseTags } from '../../components/EnterpriseTags';
import { PageHeader } from '../../components/PageHeader';
import { orDash } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { ListTable, RowLink } from '../../components/ListTable';
import { useI18n } from '../../i18n';
import { SCALES, type EnterpriseRow, type Paged, type Scale } from '../../types';
import { EnterpriseFilters } from './EnterpriseFilters';

const SPEC = { q: 'text', streetId: 'number', industry: 'text', scale: SCALES, tag: 'text' } as const;

const IMPORTERS = ['coordinator', 'admin'];
const REVIEWERS = ['specialist', 'coordinator', 'admin', 'leader'];

/** Why a search found no enterprise and what to try; the server reads a 6–18 letter/digit search as the start of a credit code. */
function emptyHint(query: Record<string, unknown>, t: ReturnType<typeof useI18n>['t']): string | undefined {
  const q = typeof query.q === 'string' ? query.q.trim() : '';
  if (q) return t(/^[0-9A-Z]{6,18}$/.test(q) ? 'efile.empty.code' : 'efile.empty.name', { q });
  return Object.values(query).some((v) => v !== undefined && v !== '') ? t('efile.empty.filters') : undefined;
}

/** 企业库: the enterprise file, searchable, filterable and exportable; a row opens the enterprise's file. */
export default function EnterprisesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = useMe();
  const list = usePagedList<Paged<EnterpriseRow>, typeof SPEC>('/api/enterprises', SPEC);
  const { data, error, loading, filters: query } = list;

  const columns: TableColumnsType<EnterpriseRow> = [
    {
      title: t('enterprise.name'),
      dataIndex: 'name',
      width: 260,
      fixed: 'left',
      render: (name: string, e) => <RowLink to={`/enterprises/${e.id}`}>{name}</RowLink>,
    },
    { title: t('enterprise.uscc'), dataIndex: 'uscc', width: 190, render: (uscc: string) => <span className="mono">{uscc}</span> },
    { title: t('enterprise.street'), dataIndex: 'streetName', width: 120, render: (name: string | null) => orDash(name) },
    { title: t('enterprise.industry'), key: 'industry', width: 200, render: (_, e) => e.industryName || e.industryCode },
    { title: t('enterprise.scale'), dataIndex: 'scale', width: 90, render: (scale: Scale) => t(`scale.${scale}`) },
    { title: t('enterprise.tags'), key: 'tags', render: (_, e) => <EnterpriseTags tags={e.tags} isKey={e.isKey} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.enterprises')}
        extra={
          <>
            {REVIEWERS.includes(me.role) && (
              <Link to="/enterprises/change-requests">
                <Button data-testid="open-change-review">{t('efile.review.open')}</Button>
              </Link>
            )}
            {IMPORTERS.includes(me.role) && (
              <Link to="/enterprises/import">
                <Button icon={<UploadOutlined />} data-testid="open-import">
                  {t('efile.import.open')}
                </Button>
              </Link>
            )}
            <DownloadButton path="/api/enterprises.xlsx" query={{ ...query }} data-testid="enterprises-export">
              {t('efile.export')}
            </DownloadButton>
          </>
        }
      />
      <EnterpriseFilters query={query} onChange={list.setFilters} />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <ListTable<EnterpriseRow>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1100 }}
        onRow={(e) => ({
          onClick: () => void navigate(`/enterprises/${e.id}`),
          className: 'clickable-row',
          'data-testid': 'enterprise-row',
        })}
        paging={list}
        total={list.total}
        emptyHint={emptyHint(query, t)}
      />
    </>
  );
}
