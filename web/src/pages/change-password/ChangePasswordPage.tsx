import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { homePath, safeNext } from '../../access';
import { api } from '../../api';
import { useAuth, useMe } from '../../auth/AuthContext';
import { useShowError } from '../../errors';
import { useI18n } from '../../i18n';
import { passwordRules, required } from '../../rules';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Used by both shells; users who must change their password are held here until they do. */
export default function ChangePasswordPage() {
  const { t } = useI18n();
  const me = useMe();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);

  const submit = async ({ currentPassword, newPassword }: PasswordForm) => {
    setSaving(true);
    try {
      await api.post('/api/auth/password', { currentPassword, newPassword });
      void message.success(t('password.changed'));
      form.resetFields();
      const state: unknown = location.state;
      const next = typeof state === 'object' && state !== null && 'next' in state && typeof state.next === 'string' ? state.next : null;
      await refresh();
      void navigate(safeNext(next) ?? homePath(me.role), { replace: true });
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('password.title')} className="password-card" data-testid="change-password">
      {me.mustChangePassword && <Alert type="warning" showIcon title={t('password.mustChange')} className="password-alert" />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[required(t, t('password.current'))]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rule')} rules={passwordRules(t)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            required(t, t('password.confirm')),
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && value !== getFieldValue('newPassword') ? Promise.reject(new Error(t('password.mismatch'))) : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} block>
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
