import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { ROLES } from '../../access';
import { api } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { useDepartments } from '../../hooks/useLookups';
import { usePatch } from '../../hooks/usePatch';
import { usePagedList, type FilterValues } from '../../hooks/usePagedList';
import { ListTable, useFilterForm } from '../../components/ListTable';
import { emptySearchHint } from '../../emptyHint';
import { useI18n } from '../../i18n';
import type { AdminUser, Paged } from '../../types';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal, type UserEditing } from './UserFormModal';
import { useUserColumns } from './userColumns';
import { FilterButtons } from '../../components/FilterButtons';

const SPEC = { q: 'text', role: ROLES, departmentId: 'number', active: ['true', 'false'] } as const;
type Filters = FilterValues<typeof SPEC>;

export default function UsersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const departments = useDepartments();
  const list = usePagedList<Paged<AdminUser>, typeof SPEC>('/api/admin/users', SPEC);
  const { data, error, loading, reload } = list;
  const form = useFilterForm<Filters>(list.filters);
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

  const search = (values: Filters) => list.setFilters({ ...values, q: values.q?.trim() || undefined });

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
      <Form<Filters> form={form} layout="inline" className="filter-bar" onFinish={search} onReset={() => search({})}>
        <Form.Item name="q">
          <Input
            allowClear
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('users.searchPlaceholder')}
            style={{ width: 220 }}
            data-testid="filter-q"
          />
        </Form.Item>
        <Form.Item name="role">
          <Select
            allowClear
            placeholder={t('user.role')}
            aria-label={t('user.role')}
            style={{ width: 150 }}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="departmentId">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('user.department')}
            aria-label={t('user.department')}
            style={{ width: 180 }}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="active">
          <Select
            allowClear
            placeholder={t('common.status')}
            aria-label={t('common.status')}
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
      <ListTable<AdminUser>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1100 }}
        emptyHint={emptySearchHint(t, list.filters, { text: 'users.emptySearch.text', filters: 'users.emptySearch.filters' })}
        paging={list}
        total={list.total}
      />
      <UserFormModal editing={editing} onClose={() => setEditing(undefined)} onSaved={reload} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(undefined)} />
    </>
  );
}
