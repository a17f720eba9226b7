import { Button, Drawer, Tag, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { ListTable } from '../../components/ListTable';
import { formatDateTime } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { BatchReview, STATUS_COLOR } from './BatchReview';
import type { Batch, BatchStatus } from './types';

/** 我的待办 links here with ?batches.status=draft (the batches waiting to be confirmed). */
const SPEC = { status: ['draft', 'confirmed', 'cancelled'] } as const;

/** 发放批次: drafts to review and confirmed grants; `openId` opens one (a batch just drafted). */
export function Batches({
  openId,
  onOpen,
  version,
  onChanged,
}: {
  openId: number | undefined;
  onOpen: (id: number | undefined) => void;
  version: number;
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
  const list = usePagedList<Paged<Batch>, typeof SPEC>('/api/grant-batches', SPEC, { prefix: 'batches.' });
  const { data, loading, reload } = list;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const columns: TableColumnsType<Batch> = [
    {
      title: t('grant.number'),
      dataIndex: 'number',
      width: 150,
      render: (n: string, b) => (
        <Button
          type="link"
          size="small"
          className="link-button mono"
          onClick={(e) => {
            e.stopPropagation();
            onOpen(b.id);
          }}
        >
          {n}
        </Button>
      ),
    },
    { title: t('grant.policy'), dataIndex: 'policyTitle' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: BatchStatus) => <Tag color={STATUS_COLOR[s]}>{t(`grant.status.${s}`)}</Tag>,
    },
    { title: t('grant.enterprises'), dataIndex: 'enterprises', width: 90, align: 'right' },
    { title: t('grant.total'), dataIndex: 'totalAmount', width: 110, align: 'right' },
    { title: t('grant.createdAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
    {
      title: t('grant.confirmedAt'),
      dataIndex: 'confirmedAt',
      width: 150,
      render: (d: string | null) => (d ? formatDateTime(d, lang) : '—'),
    },
  ];
  return (
    <>
      <ListTable<Batch>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 900 }}
        onRow={(b) => ({ onClick: () => onOpen(b.id), className: 'clickable-row', 'data-testid': 'batch-row' })}
        paging={list}
        total={list.total}
      />
      <Drawer open={openId !== undefined} onClose={() => onOpen(undefined)} size="large" title={t('grant.items')} destroyOnHidden>
        {openId !== undefined && (
          <BatchReview
            batchId={openId}
            onChanged={() => {
              reload();
              onChanged();
            }}
          />
        )}
      </Drawer>
    </>
  );
}
