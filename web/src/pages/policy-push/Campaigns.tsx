import { Button, Card, Drawer, Input, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { DownloadButton } from '../../components/DownloadButton';
import { formatDateTime, orDash } from '../../format';
import { ListTable } from '../../components/ListTable';
import { useListParams, usePagedList } from '../../hooks/usePagedList';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { RECIPIENT_STATUSES as STATUSES, type Campaign, type Recipient, type RecipientStatus } from './types';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const STATUS_COLOR: Record<RecipientStatus, string> = {
  unreachable: 'red',
  queued: 'default',
  logged: 'orange',
  handed: 'cyan',
  delivered: 'geekblue',
  failed: 'volcano',
  legacy: 'default',
  read: 'blue',
  applied: 'green',
};
const RECIPIENT_SPEC = { status: [...STATUSES, 'all'], q: 'text' } as const;
const MESSAGE_STATE = { pending: 'queued', handed: 'handed', delivered: 'delivered', failed: 'failed', logged: 'logged' } as const;

/** 推送记录: every campaign with how many it reached, what the channels took and delivered, read and applied. */
export function Campaigns({ version }: { version: number }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<Campaign>();
  const list = usePagedList<Paged<Campaign>>('/api/push-campaigns', {}, { prefix: 'campaigns.' });
  const { data, loading, reload } = list;
  // A new campaign was sent: show it.
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const columns: TableColumnsType<Campaign> = [
    {
      title: t('push.col.title'),
      key: 'title',
      width: 280,
      render: (_, c) => (
        <>
          <Button
            type="link"
            size="small"
            className="link-button"
            onClick={(e) => {
              e.stopPropagation();
              setOpen(c);
            }}
          >
            {c.title}
          </Button>
          <div>
            <Typography.Text type="secondary">{c.noticeTitle ?? c.policyTitle}</Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('push.col.channels'),
      dataIndex: 'channels',
      width: 170,
      render: (cs: Campaign['channels']) => cs.map((c) => <Tag key={c}>{t(`push.channel.${c}`)}</Tag>),
    },
    { title: t('push.col.targeted'), dataIndex: 'targeted', width: 70, align: 'right' },
    { title: t('push.col.skipped'), dataIndex: 'skipped', width: 70, align: 'right' },
    { title: t('push.col.reachable'), dataIndex: 'reachable', width: 70, align: 'right' },
    {
      title: t('push.col.unreachable'),
      dataIndex: 'unreachable',
      width: 80,
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    { title: <Tooltip title={t('push.figuresHint')}>{t('push.col.handed')}</Tooltip>, dataIndex: 'handed', width: 80, align: 'right' },
    { title: t('push.col.delivered'), dataIndex: 'delivered', width: 80, align: 'right' },
    { title: t('push.col.failed'), dataIndex: 'failed', width: 60, align: 'right' },
    {
      title: t('push.col.read'),
      key: 'read',
      width: 110,
      align: 'right',
      render: (_, c) => t('push.rateValue', { n: c.read, rate: pct(c.readRate) }),
    },
    {
      title: t('push.col.applied'),
      key: 'applied',
      width: 110,
      align: 'right',
      render: (_, c) => t('push.rateValue', { n: c.applied, rate: pct(c.appliedRate) }),
    },
    { title: t('push.col.createdAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
    { title: t('push.col.createdBy'), dataIndex: 'createdBy', width: 90, render: orDash },
  ];
  return (
    <Card title={t('push.list')} size="small">
      <ListTable<Campaign>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1500 }}
        onRow={(c) => ({ onClick: () => setOpen(c), className: 'clickable-row', 'data-testid': 'campaign-row' })}
        paging={list}
        total={list.total}
      />
      <Drawer
        open={open !== undefined}
        onClose={() => setOpen(undefined)}
        size="large"
        title={open && `${t('push.recipients')} · ${open.title}`}
        destroyOnHidden
      >
        {open && <Recipients campaign={open} />}
      </Drawer>
    </Card>
  );
}

function Recipients({ campaign }: { campaign: Campaign }) {
  const { t, lang } = useI18n();
  const list = useListParams(RECIPIENT_SPEC, { prefix: `recipients${campaign.id}.`, defaults: { status: 'all' } });
  const { q } = list.filters;
  const status = list.filters.status ?? 'all';
  // 'all' is the page's word for no status filter.
  const { data, loading } = useRequest<Paged<Recipient>>(`/api/push-campaigns/${campaign.id}/recipients`, {
    status: status === 'all' ? undefined : status,
    q,
    page: list.page,
    pageSize: list.pageSize,
  });
  const columns: TableColumnsType<Recipient> = [
    { title: t('push.enterprise'), dataIndex: 'enterpriseName', width: 220 },
    { title: t('push.uscc'), dataIndex: 'uscc', width: 180, className: 'mono' },
    { title: t('push.street'), dataIndex: 'street', width: 100, render: orDash },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: RecipientStatus) => (
        <Tag color={STATUS_COLOR[s]} data-testid="recipient-status">
          {t(`push.status.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('push.messages'),
      key: 'messages',
      width: 260,
      render: (_, r) =>
        r.unreachableReason ? (
          <Typography.Text type="secondary">{t(`push.reason.${r.unreachableReason}`)}</Typography.Text>
        ) : (
          <Space direction="vertical" size={0}>
            {r.inApp > 0 && (
              <span>
                {t('push.channel.in_app')} · {t('push.status.delivered')}
              </span>
            )}
            {r.messages.map((m, i) => (
              <Tooltip key={i} title={m.error ?? m.providerId ?? undefined}>
                <span>
                  {t(`push.channel.${m.channel}`)} {m.recipient} · {t(`push.status.${MESSAGE_STATE[m.status]}`)}
                </span>
              </Tooltip>
            ))}
          </Space>
        ),
    },
    { title: t('push.sentAt'), dataIndex: 'sentAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
    { title: t('push.readAt'), dataIndex: 'readAt', width: 150, render: (d: string | null) => (d ? formatDateTime(d, lang) : '—') },
    { title: t('push.appliedAt'), dataIndex: 'appliedAt', width: 150, render: (d: string | null) => (d ? formatDateTime(d, lang) : '—') },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<RecipientStatus | 'all'>
          value={status}
          style={{ width: 150 }}
          aria-label={t('common.status')}
          data-testid="recipient-filter"
          onChange={(v) => list.patchFilters({ status: v })}
          options={[{ value: 'all', label: t('common.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`push.status.${s}`) }))]}
        />
        <Input.Search
          key={q ?? ''}
          defaultValue={q}
          allowClear
          placeholder={t('push.searchEnterprise')}
          aria-label={t('push.searchEnterprise')}
          onSearch={(v) => list.patchFilters({ q: v.trim() || undefined })}
          style={{ width: 220 }}
        />
        <DownloadButton path={`/api/push-campaigns/${campaign.id}/recipients.xlsx`} data-testid="push-export">
          {t('push.export')}
        </DownloadButton>
      </Space>
      <ListTable<Recipient>
        rowKey="enterpriseId"
        size="small"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1300 }}
        paging={list}
        total={data?.total ?? 0}
      />
    </>
  );
}
