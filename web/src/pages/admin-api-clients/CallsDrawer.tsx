import { Drawer, Table, Tag } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { useApiClientsText } from './messages';
import type { ApiCall, ApiClient } from './types';

/** Every call the system made with its key, newest first. */
export function CallsDrawer({ client, onClose }: { client: ApiClient | undefined; onClose: () => void }) {
  const { t, lang } = useI18n();
  const text = useApiClientsText();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, loading } = useRequest<Paged<ApiCall>>(client ? `/api/admin/api-clients/${client.id}/calls` : null, page);
  return (
    <Drawer open={client !== undefined} title={`${text('calls')} · ${client?.name ?? ''}`} size={760} onClose={onClose} destroyOnHidden>
      <Table<ApiCall>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: (p, pageSize) => setPage({ page: p, pageSize }) }}
        columns={[
          { title: text('at'), dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at, lang) },
          { title: text('method'), dataIndex: 'method', width: 80 },
          { title: text('path'), dataIndex: 'path', ellipsis: true },
          { title: text('httpStatus'), dataIndex: 'status', width: 90, render: (s: number) => <Tag color={s < 300 ? 'green' : s < 500 ? 'orange' : 'red'}>{s}</Tag> },
          { title: text('ms'), dataIndex: 'ms', width: 100 },
        ]}
      />
    </Drawer>
  );
}
