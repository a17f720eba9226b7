import { Alert, Button, Divider } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useI18n, type Lang } from '../../i18n';

/** Kept here until they move into the shared dictionaries under `login.oidc`. */
const TEXT: Record<Lang, { button: string; or: string; errors: Record<string, string>; failed: string }> = {
  zh: {
    button: '统一身份认证登录',
    or: '或',
    errors: {
      FORBIDDEN: '统一身份认证的账号没有对应的工作人员账号，或未授权使用本系统',
      ACCOUNT_DISABLED: '账号已停用，请联系管理员',
      UNAUTHENTICATED: '统一身份认证未完成或已过期，请重试',
    },
    failed: '统一身份认证登录失败',
  },
  en: {
    button: 'Sign in with government SSO',
    or: 'or',
    errors: {
      FORBIDDEN: 'The SSO account has no matching staff account here, or is not allowed to use Qifu',
      ACCOUNT_DISABLED: 'The account is disabled; contact the administrator',
      UNAUTHENTICATED: 'Single sign-on did not complete or expired; please try again',
    },
    failed: 'Single sign-on failed',
  },
};

/** The staff single sign-on button, when the server has a provider configured, and why a last attempt failed. */
export function OidcLogin() {
  const { lang } = useI18n();
  const [params] = useSearchParams();
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    api.get<{ enabled: boolean }>('/api/auth/oidc/status').then(
      (s) => setEnabled(s.enabled),
      () => setEnabled(false),
    );
  }, []);
  const text = TEXT[lang];
  const error = params.get('sso_error');
  return (
    <>
      {error && (
        <Alert type="error" showIcon className="login-error" data-testid="login-oidc-error" title={text.errors[error] ?? text.failed} />
      )}
      {enabled && (
        <>
          <Divider plain>{text.or}</Divider>
          <Button block size="large" href="/api/auth/oidc/login" data-testid="login-oidc">
            {text.button}
          </Button>
        </>
      )}
    </>
  );
}
