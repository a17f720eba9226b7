import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { CallsDrawer } from './CallsDrawer';
import { ClientFormModal, type ClientEditing } from './ClientFormModal';
import { useApiClientsText } from './messages';
import { SecretModal } from './SecretModal';
import type { ApiClient, Scope } from './types';
import { WebhooksDrawer } from './WebhooksDrawer';

/** Connected systems (开放平台): register, scopes and rate limit, key shown once, rotate, revoke, call log, webhooks. */
export default function ApiClientsPage() {
  const { lang } = useI18n();
  const text = useApiClientsText();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, error, loading, reload } = useRequest<{ items: ApiClient[] }>('/api/admin/api-clients');
  const [editing, setEditing] = useState<ClientEditing>();
  const [key, setKey] = useState<string>();
  const [calls, setCalls] = useState<ApiClient>();
  const [webhooks, setWebhooks] = useState<ApiClient>();

  const act = async (client: ApiClient, what: 'rotate' | 'revoke') => {
    try {
      const res = await api.post<{ key?: string }>(`/api/admin/api-clients/${client.id}/${what}`);
      if (res.key) setKey(res.key);
      else void message.success(text('revoked'));
      reload();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <>
      <PageHeader
        title={text('title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="create">
            {text('create')}
          </Button>
        }
      />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <Table<ApiClient>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        pagination={false}
        scroll={{ x: 1200 }}
        columns={[
          { title: text('name'), dataIndex: 'name', width: 160, fixed: 'left' },
          { title: text('channel'), dataIndex: 'channel', width: 110, render: (c: ApiClient['channel']) => text(`channel.${c}`) },
          {
            title: text('scopes'),
            dataIndex: 'scopes',
            render: (scopes: Scope[]) => scopes.map((s) => <Tag key={s}>{text(`scope.${s}`)}</Tag>),
          },
          { title: text('rate'), dataIndex: 'ratePerMinute', width: 130 },
          { title: text('keyPrefix'), dataIndex: 'keyPrefix', width: 130, render: (p: string) => <code>{p}…</code> },
          {
            title: text('status'),
            dataIndex: 'active',
            width: 90,
            render: (a: boolean) => <Tag color={a ? 'green' : 'red'}>{text(a ? 'active' : 'revoked')}</Tag>,
          },
          {
            title: text('lastCall'),
            dataIndex: 'lastCallAt',
            width: 160,
            render: (at: string | null) => (at ? formatDateTime(at, lang) : text('never')),
          },
          {
            title: text('actions'),
            key: 'actions',
            width: 330,
            fixed: 'right',
            render: (_, c) => (
              <Space size={0} wrap>
                <Button type="link" size="small" disabled={!c.active} onClick={() => setEditing({ client: c })} data-testid="edit">
                  {text('edit')}
                </Button>
                <Popconfirm title={text('rotateConfirm')} disabled={!c.active} onConfirm={() => act(c, 'rotate')}>
                  <Button type="link" size="small" disabled={!c.active} data-testid="rotate">
                    {text('rotate')}
                  </Button>
                </Popconfirm>
                <Popconfirm title={text('revokeConfirm')} disabled={!c.active} onConfirm={() => act(c, 'revoke')}>
                  <Button type="link" size="small" danger disabled={!c.active} data-testid="revoke">
                    {text('revoke')}
                  </Button>
                </Popconfirm>
                <Button type="link" size="small" onClick={() => setCalls(c)} data-testid="calls">
                  {text('calls')}
                </Button>
                <Button type="link" size="small" onClick={() => setWebhooks(c)} data-testid="webhooks">
                  {text('webhooks')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <ClientFormModal
        editing={editing}
        onClose={() => setEditing(undefined)}
        onSaved={(newKey) => {
          if (newKey) setKey(newKey);
          reload();
        }}
      />
      <SecretModal secret={key} kind="key" onClose={() => setKey(undefined)} />
      <CallsDrawer client={calls} onClose={() => setCalls(undefined)} />
      <WebhooksDrawer client={webhooks} onClose={() => setWebhooks(undefined)} />
    </>
  );
}
