import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { homePath, passwordPath, safeNext } from '../../access';
import { useAuth } from '../../auth/AuthContext';
import { PageLoading } from '../../components/PageLoading';
import { asApiError, setFieldErrors } from '../../errors';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { OidcLogin } from './OidcLogin';
import { LoginFrame } from './LoginFrame';

interface LoginForm {
  login: string;
  password: string;
}

interface LoginFailure {
  message: string;
  lockedUntil?: string;
}

export default function LoginPage() {
  const { t, lang } = useI18n();
  const { user, login } = useAuth();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<LoginFailure>();

  if (user === undefined) return <PageLoading />;
  if (user) {
    // Logged in (now or before): back to the page that sent us here, after a forced password change if due.
    const next = safeNext(params.get('next'));
    if (user.mustChangePassword) return <Navigate to={passwordPath(user.role)} replace state={{ next }} />;
    return <Navigate to={next ?? homePath(user.role)} replace />;
  }

  const submit = async (values: LoginForm) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      await login(values.login.trim(), values.password);
    } catch (err) {
      const apiError = asApiError(err);
      setFieldErrors(form, apiError);
      setFailure({ message: apiError.message, lockedUntil: apiError.detail('lockedUntil') });
      setSubmitting(false);
    }
  };

  return (
    <LoginFrame title={t('login.title')}>
      {failure && (
        <Alert
          type="error"
          showIcon
          className="login-error"
          data-testid="login-error"
          title={failure.message}
          description={failure.lockedUntil ? t('login.lockedUntil', { time: formatDateTime(failure.lockedUntil, lang) }) : undefined}
        />
      )}
      <Form form={form} layout="vertical" size="large" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item name="login" label={t('login.login')} rules={[{ required: true, whitespace: true, message: t('login.loginRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
      <OidcLogin />
      <div className="login-links">
        <Link to="/register" data-testid="login-register">
          {t('login.register')}
        </Link>
        <Link to="/join" data-testid="login-join">
          {t('login.join')}
        </Link>
      </div>
    </LoginFrame>
  );
}
