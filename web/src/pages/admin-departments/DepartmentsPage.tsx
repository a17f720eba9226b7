import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ActiveToggle, StatusTag } from '../../components/ActiveToggle';
import { PageHeader } from '../../components/PageHeader';
import { orDash } from '../../format';
import { usePatch } from '../../hooks/usePatch';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Department, DepartmentKind, Items } from '../../types';
import { DepartmentFormModal, type DepartmentEditing } from './DepartmentFormModal';

export default function DepartmentsPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useRequest<Items<Department>>('/api/departments');
  const [editing, setEditing] = useState<DepartmentEditing>();
  const patch = usePatch(reload);

  const columns: TableColumnsType<Department> = [
    { title: t('common.code'), dataIndex: 'code', width: 140 },
    { title: t('common.name'), dataIndex: 'name' },
    { title: t('departments.kind'), dataIndex: 'kind', width: 140, render: (kind: DepartmentKind) => t(`departmentKind.${kind}`) },
    { title: t('departments.phone'), dataIndex: 'phone', width: 160, render: (phone: string | null) => orDash(phone) },
    { title: t('departments.head'), dataIndex: 'headUserName', width: 140, render: (name: string | null) => orDash(name) },
    { title: t('common.status'), dataIndex: 'active', width: 100, render: (active: boolean) => <StatusTag active={active} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, department) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ department })}>
            {t('common.edit')}
          </Button>
          <ActiveToggle
            name={department.name}
            active={department.active}
            onChange={(active) => patch(`/api/admin/departments/${department.id}`, { active })}
          />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.admin-departments')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="create">
            {t('departments.create')}
          </Button>
        }
      />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <Table<Department>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        pagination={false}
        scroll={{ x: 900 }}
      />
      <DepartmentFormModal editing={editing} onClose={() => setEditing(undefined)} onSaved={reload} />
    </>
  );
}
