import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { ActiveToggle, StatusTag } from '../../components/ActiveToggle';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { usePatch } from '../../hooks/usePatch';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { required } from '../../rules';
import type { Items, Street } from '../../types';

interface StreetForm {
  code: string;
  name: string;
}

/** The record being edited; `{}` creates a new one. */
type Editing = { street?: Street } | undefined;

export default function StreetsPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useRequest<Items<Street>>('/api/streets');
  const [editing, setEditing] = useState<Editing>();
  const patch = usePatch(reload);

  const save = async (values: StreetForm) => {
    const street = editing?.street;
    if (street) await api.patch(`/api/admin/streets/${street.id}`, values);
    else await api.post('/api/admin/streets', values);
    reload();
  };

  const columns: TableColumnsType<Street> = [
    { title: t('common.code'), dataIndex: 'code', width: 160 },
    { title: t('common.name'), dataIndex: 'name' },
    { title: t('common.status'), dataIndex: 'active', width: 120, render: (active: boolean) => <StatusTag active={active} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, street) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ street })}>
            {t('common.edit')}
          </Button>
          <ActiveToggle
            name={street.name}
            active={street.active}
            onChange={(active) => patch(`/api/admin/streets/${street.id}`, { active })}
          />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.admin-streets')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="create">
            {t('streets.create')}
          </Button>
        }
      />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <Table<Street> rowKey="id" size="middle" loading={loading} dataSource={data?.items} columns={columns} pagination={false} />
      <FormModal<StreetForm>
        open={editing !== undefined}
        title={t(editing?.street ? 'streets.edit' : 'streets.create')}
        initialValues={editing?.street}
        onClose={() => setEditing(undefined)}
        onSubmit={save}
      >
        <Form.Item name="code" label={t('common.code')} rules={[required(t, t('common.code'))]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[required(t, t('common.name'))]}>
          <Input maxLength={60} />
        </Form.Item>
      </FormModal>
    </>
  );
}
