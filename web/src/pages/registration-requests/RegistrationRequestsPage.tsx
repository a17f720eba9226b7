import { Button, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { usePagedList } from '../../hooks/usePagedList';
import { ListTable } from '../../components/ListTable';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { RequestDrawer } from './RequestDrawer';
import type { RegistrationRequest, RequestStatus } from './types';

const STATUS_COLOR: Record<RequestStatus, string> = { pending: 'gold', approved: 'green', refused: 'red' };
const SPEC = { status: ['pending', 'approved', 'refused'] } as const;

/** 注册审核: 授权委托书 and requests to add an enterprise, settled by the front desk. */
export default function RegistrationRequestsPage() {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<number>();
  const list = usePagedList<Paged<RegistrationRequest>, typeof SPEC>('/api/registration-requests', SPEC, {
    defaults: { status: 'pending' },
  });
  const { data, loading, reload } = list;
  const status = list.filters.status ?? 'pending';
  const counts = useRequest<{ total: number }>('/api/registration-requests/counts');

  return (
    <>
      <PageHeader
        title={t('rr.title')}
        extra={counts.data ? <Tag color="gold">{t('rr.pendingCount', { count: counts.data.total })}</Tag> : undefined}
      />
      <Segmented<RequestStatus>
        className="filter-bar"
        value={status}
        onChange={(v) => list.setFilters({ status: v })}
        options={(['pending', 'approved', 'refused'] as const).map((s) => ({ value: s, label: t(`rr.status.${s}`) }))}
      />
      <ListTable<RegistrationRequest>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        scroll={{ x: 800 }}
        onRow={(r) => ({ 'data-testid': 'registration-row', onClick: () => setOpen(r.id) }) as React.HTMLAttributes<HTMLElement>}
        paging={list}
        total={list.total}
        columns={[
          { title: t('rr.kind'), dataIndex: 'kind', render: (k: RegistrationRequest['kind']) => t(`rr.kind.${k}`) },
          { title: t('rr.enterprise'), key: 'enterprise', render: (_, r) => `${r.enterpriseName ?? ''}（${r.uscc}）` },
          { title: t('rr.applicant'), dataIndex: 'displayName' },
          { title: t('rr.mobile'), dataIndex: 'mobile' },
          { title: t('rr.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: RequestStatus) => <Tag color={STATUS_COLOR[s]}>{t(`rr.status.${s}`)}</Tag>,
          },
          {
            title: '',
            key: 'open',
            render: (_, r) => (
              <Button size="small" onClick={() => setOpen(r.id)} data-testid="registration-open">
                {t('rr.view')}
              </Button>
            ),
          },
        ]}
      />
      <RequestDrawer
        id={open}
        onClose={() => setOpen(undefined)}
        onSettled={() => {
          setOpen(undefined);
          reload();
          counts.reload();
        }}
      />
    </>
  );
}
