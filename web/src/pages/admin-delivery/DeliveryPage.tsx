import { App, Button, Card, Input, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { api, type Answer, type Schemas } from '../../api';
import { useMe } from '../../auth/AuthContext';
import { ChannelNotice } from '../../components/ChannelNotice';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { formatDateTime, orDash } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { ListTable } from '../../components/ListTable';
import { useI18n } from '../../i18n';
import { valuesOf } from '../../types';

/** GET /api/delivery/messages (src/modules/delivery/schemas.ts). */
type Message = Schemas['OutboxMessage'];
type Status = Message['status'];
type MessageKind = Message['kind'];

const STATUSES = valuesOf<Status>({ pending: true, handed: true, delivered: true, failed: true, logged: true });
const KINDS = valuesOf<MessageKind>({
  verification_code: true,
  invitation: true,
  account: true,
  appeal: true,
  application: true,
  policy: true,
});
const SPEC = { status: STATUSES, channel: ['sms', 'email'], kind: KINDS, q: 'text' } as const;
const COLOR: Record<Status, string> = { pending: 'default', handed: 'cyan', delivered: 'green', failed: 'red', logged: 'orange' };

/** 消息发送记录: every SMS and e-mail with its state, the provider's id and the error; the administrator resends a failed one. */
export default function DeliveryPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const list = usePagedList<Answer<'/api/delivery/messages'>, typeof SPEC>('/api/delivery/messages', SPEC);
  const { data, loading, reload, filters: filter, patchFilters: set } = list;

  const retry = async (m: Message) => {
    if (!(await modal.confirm({ title: t('delivery.retryAsk') }))) return;
    try {
      await api.post(`/api/delivery/messages/${m.id}/retry`);
      void message.success(t('delivery.retried'));
      reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<Message> = [
    { title: t('delivery.col.createdAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
    { title: t('delivery.col.channel'), dataIndex: 'channel', width: 70, render: (c: Message['channel']) => t(`delivery.channel.${c}`) },
    { title: t('delivery.col.kind'), dataIndex: 'kind', width: 90, render: (k: MessageKind) => t(`delivery.kind.${k}`) },
    { title: t('delivery.col.recipient'), dataIndex: 'recipient', width: 160, className: 'mono' },
    { title: t('delivery.col.enterprise'), dataIndex: 'enterpriseName', width: 200, render: orDash },
    {
      title: t('delivery.col.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: Status) => (
        <Tag color={COLOR[s]} data-testid="message-status">
          {t(`delivery.status.${s}`)}
        </Tag>
      ),
    },
    { title: t('delivery.col.provider'), dataIndex: 'provider', width: 80, render: orDash },
    { title: t('delivery.col.providerId'), dataIndex: 'providerId', width: 170, className: 'mono', render: orDash },
    {
      title: t('delivery.col.error'),
      key: 'error',
      width: 200,
      render: (_, m) =>
        m.errorCode ? (
          <Tooltip title={m.error}>
            <Typography.Text type="danger">{m.errorCode}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    { title: t('delivery.col.attempts'), dataIndex: 'attempts', width: 70, align: 'right' },
    {
      title: t('delivery.col.dueAt'),
      dataIndex: 'dueAt',
      width: 150,
      render: (d: string, m) => (m.status === 'pending' ? formatDateTime(d, lang) : '—'),
    },
    {
      title: t('delivery.col.handedAt'),
      dataIndex: 'handedAt',
      width: 150,
      render: (d: string | null) => (d ? formatDateTime(d, lang) : '—'),
    },
    {
      title: t('delivery.col.deliveredAt'),
      dataIndex: 'deliveredAt',
      width: 150,
      render: (d: string | null) => (d ? formatDateTime(d, lang) : '—'),
    },
    ...(me.role === 'admin'
      ? [
          {
            title: '',
            key: 'actions',
            width: 70,
            fixed: 'right' as const,
            render: (_: unknown, m: Message) =>
              m.status === 'failed' ? (
                <Button size="small" onClick={() => void retry(m)} data-testid="message-retry">
                  {t('delivery.retry')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('delivery.title')} />
      <ChannelNotice channels={['sms', 'email']} />
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('delivery.intro')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('delivery.col.status')}
            aria-label={t('delivery.col.status')}
            style={{ width: 160 }}
            value={filter.status}
            onChange={(status?: Status) => set({ status })}
            data-testid="message-filter-status"
            options={STATUSES.map((s) => ({ value: s, label: `${t(`delivery.status.${s}`)} ${data?.byStatus[s] ?? 0}` }))}
          />
          <Select
            allowClear
            placeholder={t('delivery.allChannels')}
            aria-label={t('delivery.allChannels')}
            style={{ width: 120 }}
            value={filter.channel}
            onChange={(channel?: 'sms' | 'email') => set({ channel })}
            options={(['sms', 'email'] as const).map((c) => ({ value: c, label: t(`delivery.channel.${c}`) }))}
          />
          <Select
            allowClear
            placeholder={t('delivery.allKinds')}
            aria-label={t('delivery.allKinds')}
            style={{ width: 130 }}
            value={filter.kind}
            onChange={(kind?: MessageKind) => set({ kind })}
            options={KINDS.map((k) => ({ value: k, label: t(`delivery.kind.${k}`) }))}
          />
          <Input.Search
            key={filter.q ?? ''}
            defaultValue={filter.q}
            allowClear
            placeholder={t('delivery.searchRecipient')}
            aria-label={t('delivery.searchRecipient')}
            style={{ width: 200 }}
            onSearch={(v) => set({ q: v.trim() || undefined })}
          />
        </Space>
        <ListTable<Message>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items}
          columns={columns}
          scroll={{ x: 1800 }}
          paging={list}
          total={list.total}
        />
      </Card>
    </>
  );
}
