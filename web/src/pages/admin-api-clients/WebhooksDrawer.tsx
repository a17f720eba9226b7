import { App, Button, Drawer, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useShowError } from '../../errors';
import { formatDateTime, orDash } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { usePagedList } from '../../hooks/usePagedList';
import { ListTable } from '../../components/ListTable';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { useApiClientsText, type ApiClientsTextKey } from './messages';
import { SecretModal } from './SecretModal';
import { EVENTS, type ApiClient, type Delivery, type Subscription, type WebhookEvent } from './types';

const OUTCOME_COLOR: Record<Delivery['status'], string> = { pending: 'orange', delivered: 'green', failed: 'red', cancelled: 'default' };

function Deliveries({ subscription }: { subscription: Subscription }) {
  const { lang } = useI18n();
  const text = useApiClientsText();
  const showError = useShowError();
  const { message } = App.useApp();
  const list = usePagedList<Paged<Delivery>>(
    `/api/admin/webhooks/${subscription.id}/deliveries`,
    {},
    { pageSize: 10, prefix: `deliveries${subscription.id}.` },
  );
  const { data, loading, reload } = list;
  const redeliver = async (id: number) => {
    try {
      await api.post(`/api/admin/webhook-deliveries/${id}/redeliver`, {});
      void message.success(text('redelivered'));
      reload();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <ListTable<Delivery>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={data?.items}
      data-testid="deliveries"
      paging={list}
      total={list.total}
      columns={[
        { title: text('at'), dataIndex: 'createdAt', width: 160, render: (at: string) => formatDateTime(at, lang) },
        { title: text('event'), dataIndex: 'event', render: (e: string) => text(`event.${e}` as ApiClientsTextKey) },
        {
          title: text('outcome'),
          dataIndex: 'status',
          width: 90,
          render: (s: Delivery['status']) => <Tag color={OUTCOME_COLOR[s]}>{text(s)}</Tag>,
        },
        { title: text('attempts'), dataIndex: 'attempts', width: 80 },
        { title: text('httpStatus'), dataIndex: 'lastStatus', width: 80, render: (s: number | null) => orDash(s) },
        {
          title: text('nextAttempt'),
          dataIndex: 'nextAttemptAt',
          width: 160,
          render: (at: string | null) => (at ? formatDateTime(at, lang) : '—'),
        },
        { title: text('lastError'), dataIndex: 'lastError', ellipsis: true, render: (e: string | null) => orDash(e) },
        {
          title: text('actions'),
          width: 80,
          render: (_: unknown, d: Delivery) =>
            (d.status === 'pending' || d.status === 'failed') && subscription.active ? (
              <Button size="small" onClick={() => void redeliver(d.id)} data-testid={`redeliver-${d.id}`}>
                {text('redeliver')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

/** A system's webhook subscriptions: subscribe (secret shown once), unsubscribe, deliveries with their outcome. */
export function WebhooksDrawer({ client, onClose }: { client: ApiClient | undefined; onClose: () => void }) {
  const { lang } = useI18n();
  const text = useApiClientsText();
  const showError = useShowError();
  const [form] = Form.useForm<{ url: string; events: WebhookEvent[] }>();
  const { data, loading, reload } = useRequest<{ items: Subscription[] }>(client ? `/api/admin/api-clients/${client.id}/webhooks` : null);
  const [selected, setSelected] = useState<Subscription>();
  const [secret, setSecret] = useState<string>();

  const subscribe = async (values: { url: string; events: WebhookEvent[] }) => {
    try {
      const res = await api.post<{ secret: string }>(`/api/admin/api-clients/${client!.id}/webhooks`, values);
      form.resetFields();
      setSecret(res.secret);
      reload();
    } catch (err) {
      showError(err, form);
    }
  };
  const unsubscribe = async (s: Subscription) => {
    try {
      await api.post(`/api/admin/webhooks/${s.id}/unsubscribe`);
      reload();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Drawer open={client !== undefined} title={`${text('webhooks')} · ${client?.name ?? ''}`} size={900} onClose={onClose} destroyOnHidden>
      <Form form={form} layout="inline" onFinish={(v) => void subscribe(v)} style={{ marginBottom: 16 }}>
        <Form.Item name="url" rules={[{ required: true, type: 'url' }]} style={{ flex: 1 }}>
          <Input placeholder={`${text('url')}：https://…`} data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="events" rules={[{ required: true }]}>
          <Select
            mode="multiple"
            placeholder={text('events')}
            style={{ minWidth: 260 }}
            options={EVENTS.map((e) => ({ value: e, label: text(`event.${e}`) }))}
            data-testid="webhook-events"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="webhook-subscribe">
            {text('subscribe')}
          </Button>
        </Form.Item>
      </Form>
      <Table<Subscription>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        pagination={false}
        rowClassName={(s) => (s.id === selected?.id ? 'ant-table-row-selected' : '')}
        onRow={(s) => ({ onClick: () => setSelected(s) })}
        columns={[
          {
            title: text('url'),
            dataIndex: 'url',
            ellipsis: true,
            render: (url: string) => <Typography.Text copyable>{url}</Typography.Text>,
          },
          {
            title: text('events'),
            dataIndex: 'events',
            render: (events: WebhookEvent[]) => events.map((e) => <Tag key={e}>{text(`event.${e}`)}</Tag>),
          },
          {
            title: text('status'),
            dataIndex: 'active',
            width: 90,
            render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{text(a ? 'active' : 'revoked')}</Tag>,
          },
          { title: text('at'), dataIndex: 'createdAt', width: 160, render: (at: string) => formatDateTime(at, lang) },
          {
            title: text('actions'),
            key: 'actions',
            width: 170,
            render: (_, s) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setSelected(s)}>
                  {text('deliveries')}
                </Button>
                {s.active && (
                  <Popconfirm title={text('unsubscribeConfirm')} onConfirm={() => unsubscribe(s)}>
                    <Button type="link" size="small" danger>
                      {text('unsubscribe')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {selected && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {text('deliveries')} · {selected.url}
          </Typography.Title>
          <Deliveries key={selected.id} subscription={selected} />
        </>
      )}
      <SecretModal secret={secret} kind="secret" onClose={() => setSecret(undefined)} />
    </Drawer>
  );
}
