import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { ROLES, type Role } from '../../access';
import { api } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { useDepartments } from '../../hooks/useLookups';
import { usePatch } from '../../hooks/usePatch';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { AdminUser, Paged } from '../../types';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal, type UserEditing } from './UserFormModal';
import { useUserColumns } from './userColumns';
import { FilterButtons } from '../../components/FilterButtons';

interface Filters {
  q?: string;
  role?: Role;
  departmentId?: number;
  active?: 'true' | 'false';
}

const PAGE_SIZE = 20;

export default function UsersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const departments = useDepartments();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: PAGE_SIZE });
  const { data, error, loading, reload } = useRequest<Paged<AdminUser>>('/api/admin/users', { ...filters, ...page });
  const [editing, setEditing] = useState<UserEditing>();
  const [resetting, setResetting] = useState<AdminUser>();
  const patch = usePatch(reload);

  const unlock = async (user: AdminUser) => {
    try {
      await api.post(`/api/admin/users/${user.id}/unlock`);
      void message.success(t('users.unlocked'));
      reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns = useUserColumns({
    onEdit: (user) => setEditing({ user }),
    onResetPassword: setResetting,
    onUnlock: unlock,
    onSetActive: (user, active) => patch(`/api/admin/users/${user.id}`, { active }),
  });

  const search = (values: Filters) => {
    setFilters({ ...values, q: values.q?.trim() || undefined });
    setPage((p) => ({ ...p, page: 1 }));
  };

  return (
    <>
      <PageHeader
        title={t('menu.admin-users')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="create">
            {t('users.create')}
          </Button>
        }
      />
      <Form<Filters> layout="inline" className="filter-bar" onFinish={search} onReset={() => search({})}>
        <Form.Item name="q">
          <Input allowClear placeholder={t('users.searchPlaceholder')} style={{ width: 220 }} data-testid="filter-q" />
        </Form.Item>
        <Form.Item name="role">
          <Select allowClear placeholder={t('user.role')} style={{ width: 150 }} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="departmentId">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('user.department')}
            style={{ width: 180 }}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="active">
          <Select
            allowClear
            placeholder={t('common.status')}
            style={{ width: 110 }}
            options={[
              { value: 'true', label: t('common.active') },
              { value: 'false', label: t('common.inactive') },
            ]}
          />
        </Form.Item>
        <FilterButtons />
      </Form>
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <Table<AdminUser>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1100 }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
      />
      <UserFormModal editing={editing} onClose={() => setEditing(undefined)} onSaved={reload} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(undefined)} />
    </>
  );
}
