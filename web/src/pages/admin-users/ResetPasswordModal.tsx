import { Form, Input } from 'antd';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { passwordRules } from '../../rules';
import type { AdminUser } from '../../types';

export function ResetPasswordModal({ user, onClose }: { user: AdminUser | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const label = t('password.new');
  const save = async ({ password }: { password: string }) => {
    if (user) await api.post(`/api/admin/users/${user.id}/reset-password`, { password });
  };
  return (
    <FormModal<{ password: string }>
      open={user !== undefined}
      title={t('users.resetPasswordTitle', { name: user?.displayName ?? '' })}
      onClose={onClose}
      onSubmit={save}
    >
      <Form.Item name="password" label={label} extra={t('password.rule')} rules={passwordRules(t, label)}>
        <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
      </Form.Item>
    </FormModal>
  );
}
