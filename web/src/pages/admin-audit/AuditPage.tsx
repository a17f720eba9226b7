import { Alert, Tag, type TableColumnsType } from 'antd';
import { isRole } from '../../access';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, orDash } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { ListTable } from '../../components/ListTable';
import { emptySearchHint } from '../../emptyHint';
import { useI18n } from '../../i18n';
import type { AuditEntry, Paged } from '../../types';
import { AUDIT_SPEC, AuditFilters } from './AuditFilters';
import { JsonDiff } from './JsonDiff';
import './audit.css';

function hasChange(entry: AuditEntry): boolean {
  return entry.before != null || entry.after != null;
}

/** 审计日志: every recorded action, searchable; a row expands to its before/after. */
export default function AuditPage() {
  const { t, lang } = useI18n();
  const list = usePagedList<Paged<AuditEntry>, typeof AUDIT_SPEC>('/api/admin/audit', AUDIT_SPEC);
  const { data, error, loading } = list;

  const locale = lang === 'zh' ? 'zh_CN' : 'en_US';
  const roleName = (role: string) => (isRole(role) ? t(`role.${role}`) : role);

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 160, render: (at: string) => formatDateTime(at, lang) },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 180,
      render: (_, e) => (
        <>
          {orDash(e.actorName)} {e.actorRole && <Tag className="audit-role">{roleName(e.actorRole)}</Tag>}
        </>
      ),
    },
    {
      title: t('audit.action'),
      key: 'action',
      width: 200,
      // The name is what the office reads; the code stays at hand for whoever searches the logs.
      render: (_, e) => (
        <span title={e.action} data-testid="audit-action-name">
          {e.actionName[locale]}
        </span>
      ),
    },
    {
      title: t('audit.entityType'),
      key: 'entityType',
      width: 140,
      render: (_, e) => <span title={e.entityType}>{e.entityName[locale]}</span>,
    },
    { title: t('audit.entityId'), dataIndex: 'entityId', width: 110, render: (id: string | null) => orDash(id) },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => orDash(ip) },
    { title: t('audit.requestId'), dataIndex: 'requestId', ellipsis: true, render: (id: string | null) => orDash(id) },
  ];

  return (
    <>
      <PageHeader title={t('menu.admin-audit')} />
      <AuditFilters query={list.filters} onSearch={list.setFilters} />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <ListTable<AuditEntry>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1100 }}
        expandable={{
          expandedRowRender: (e) => <JsonDiff before={e.before} after={e.after} />,
          rowExpandable: hasChange,
        }}
        emptyHint={emptySearchHint(t, list.filters, { text: 'audit.emptySearch.text', filters: 'audit.emptySearch.filters' })}
        paging={list}
        total={list.total}
      />
    </>
  );
}
