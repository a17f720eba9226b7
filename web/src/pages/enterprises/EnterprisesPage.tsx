import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../auth/AuthContext';
import { DownloadButton } from '../../components/DownloadButton';
import { EnterpriseTags } from '../../components/EnterpriseTags';
import { PageHeader } from '../../components/PageHeader';
import { orDash } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { EnterpriseRow, Paged, Scale } from '../../types';
import { EnterpriseFilters, type EnterpriseQuery } from './EnterpriseFilters';

const PAGE_SIZE = 20;

const IMPORTERS = ['coordinator', 'admin'];
const REVIEWERS = ['specialist', 'coordinator', 'admin', 'leader'];

/** 企业库: the enterprise file, searchable, filterable and exportable; a row opens the enterprise's file. */
export default function EnterprisesPage() {
  const { t } = useI18n();
  const [query, setQuery] = useState<EnterpriseQuery>({});
  const [page, setPage] = useState({ page: 1, pageSize: PAGE_SIZE });
  const navigate = useNavigate();
  const me = useMe();
  const { data, error, loading } = useRequest<Paged<EnterpriseRow>>('/api/enterprises', { ...query, ...page });

  const filter = (next: EnterpriseQuery) => {
    setQuery(next);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<EnterpriseRow> = [
    { title: t('enterprise.name'), dataIndex: 'name', width: 260, fixed: 'left', render: (name: string) => <a>{name}</a> },
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
      <EnterpriseFilters onChange={filter} />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <Table<EnterpriseRow>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1100 }}
        onRow={(e) => ({ onClick: () => void navigate(`/enterprises/${e.id}`), className: 'clickable-row', 'data-testid': 'enterprise-row' })}
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
