import { Drawer, Tag } from 'antd';
import { ListTable } from '../../components/ListTable';
import { formatDateTime } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { useApiClientsText } from './messages';
import type { ApiCall, ApiClient } from './types';

/** Every call the system made with its key, newest first. */
export function CallsDrawer({ client, onClose }: { client: ApiClient | undefined; onClose: () => void }) {
  const { lang } = useI18n();
  const text = useApiClientsText();
  // Each client's calls page has its own place in the address.
  const list = usePagedList<Paged<ApiCall>>(
    client ? `/api/admin/api-clients/${client.id}/calls` : null,
    {},
    { prefix: `calls${client?.id ?? ''}.` },
  );
  const { data, loading } = list;
  return (
    <Drawer open={client !== undefined} title={`${text('calls')} · ${client?.name ?? ''}`} size={760} onClose={onClose} destroyOnHidden>
      <ListTable<ApiCall>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        paging={list}
        total={list.total}
        columns={[
          { title: text('at'), dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at, lang) },
          { title: text('method'), dataIndex: 'method', width: 80 },
          { title: text('path'), dataIndex: 'path', ellipsis: true },
          {
            title: text('httpStatus'),
            dataIndex: 'status',
            width: 90,
            render: (s: number) => <Tag color={s < 300 ? 'green' : s < 500 ? 'orange' : 'red'}>{s}</Tag>,
          },
          { title: text('ms'), dataIndex: 'ms', width: 100 },
        ]}
      />
    </Drawer>
  );
}
