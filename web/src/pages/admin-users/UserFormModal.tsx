import { Form, Input, Select } from 'antd';
import { ROLES, type Role } from '../../access';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { UsccField } from '../../components/UsccField';
import { useDepartments, useStreets } from '../../hooks/useLookups';
import { useI18n } from '../../i18n';
import { passwordRules, required } from '../../rules';
import type { AdminUser } from '../../types';

interface UserForm {
  username: string;
  displayName: string;
  mobile?: string;
  role: Role;
  password: string;
  departmentId?: number | null;
  streetId?: number | null;
  enterpriseUscc?: string;
  enterpriseRole?: 'admin' | 'agent';
}

/** The user being edited; `{}` creates a new one. */
export type UserEditing = { user?: AdminUser } | undefined;

/** Staff belong to a department and/or street; an enterprise user belongs to an enterprise. */
function OrgFields() {
  const { t } = useI18n();
  const role = Form.useWatch<Role | undefined>('role');
  const departments = useDepartments();
  const streets = useStreets();
  if (!role) return null;
  if (role === 'enterprise') {
    return (
      <>
        <UsccField name="enterpriseUscc" label={t('users.enterpriseUscc')} />
        {/* Left empty: administrator when the enterprise has none, otherwise 经办人 (decided by the server). */}
        <Form.Item name="enterpriseRole" label={t('members.inviteRole')}>
          <Select
            allowClear
            options={(['admin', 'agent'] as const).map((r) => ({ value: r, label: t(`acct.role.${r}`) }))}
            data-testid="user-enterprise-role"
          />
        </Form.Item>
      </>
    );
  }
  const active = <T extends { active: boolean; id: number; name: string }>(list: T[]) =>
    list.filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }));
  return (
    <>
      <Form.Item name="departmentId" label={t('user.department')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={active(departments)} data-testid="user-department" />
      </Form.Item>
      <Form.Item name="streetId" label={t('user.street')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={active(streets)} data-testid="user-street" />
      </Form.Item>
    </>
  );
}

/** Only the fields the role uses, so changing the role clears the others on the server. */
function orgBody(values: UserForm) {
  if (values.role === 'enterprise')
    return { enterpriseUscc: values.enterpriseUscc, ...(values.enterpriseRole ? { enterpriseRole: values.enterpriseRole } : {}) };
  return { departmentId: values.departmentId ?? null, streetId: values.streetId ?? null };
}

export function UserFormModal({ editing, onClose, onSaved }: { editing: UserEditing; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const user = editing?.user;

  const save = async (values: UserForm) => {
    const enteredMobile = values.mobile?.trim() || undefined;
    if (user) {
      await api.patch(`/api/admin/users/${user.id}`, {
        displayName: values.displayName,
        role: values.role,
        mobile: enteredMobile,
        ...orgBody(values),
      });
    } else {
      const { username, displayName, role, password } = values;
      await api.post('/api/admin/users', { username, displayName, role, password, mobile: enteredMobile, ...orgBody(values) });
    }
    onSaved();
  };

  const initialValues: Partial<UserForm> | undefined = user && {
    displayName: user.displayName,
    role: user.role,
    departmentId: user.department?.id,
    streetId: user.street?.id,
    enterpriseUscc: user.enterprise?.uscc,
    enterpriseRole: user.enterpriseRole ?? undefined,
  };

  return (
    <FormModal<UserForm>
      open={editing !== undefined}
      title={user ? `${t('users.edit')} · ${user.username}` : t('users.create')}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={save}
    >
      {!user && (
        <Form.Item name="username" label={t('user.username')} rules={[required(t, t('user.username'))]}>
          <Input maxLength={32} autoComplete="off" data-testid="user-username" />
        </Form.Item>
      )}
      <Form.Item name="displayName" label={t('user.displayName')} rules={[required(t, t('user.displayName'))]}>
        <Input maxLength={50} data-testid="user-display-name" />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={t('user.mobile')}
        extra={user?.mobile ? `${user.mobile} · ${t('users.mobileKeep')}` : undefined}
        rules={[{ pattern: /^1\d{10}$/, message: t('users.mobileInvalid') }]}
      >
        <Input maxLength={11} inputMode="numeric" data-testid="user-mobile" />
      </Form.Item>
      <Form.Item name="role" label={t('user.role')} rules={[required(t, t('user.role'), 'select')]}>
        <Select options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} data-testid="user-role" />
      </Form.Item>
      {!user && (
        <Form.Item name="password" label={t('users.password')} extra={t('password.rule')} rules={passwordRules(t, t('users.password'))}>
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
      )}
      <OrgFields />
    </FormModal>
  );
}
