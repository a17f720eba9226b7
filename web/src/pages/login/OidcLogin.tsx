import { Alert, Button, Divider } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useI18n, type Lang } from '../../i18n';

/** Kept here until they move into the shared dictionaries under `login.oidc`. */
const TEXT: Record<Lang, { button: string; or: string; adminOnly: string; errors: Record<string, string>; failed: string }> = {
  zh: {
    button: '统一身份认证登录',
    or: '或',
    adminOnly: '工作人员请使用统一身份认证登录；密码登录仅供企业用户和管理员应急使用。',
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
    adminOnly: 'Staff sign in with government SSO; passwords are for enterprise users and for administrators in an emergency.',
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
  const [status, setStatus] = useState<{ enabled: boolean; passwordLogin: 'all' | 'admin' }>();
  useEffect(() => {
    api.get<{ enabled: boolean; passwordLogin: 'all' | 'admin' }>('/api/auth/oidc/status').then(setStatus, () => setStatus(undefined));
  }, []);
  const enabled = status?.enabled === true;
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
          {status?.passwordLogin === 'admin' && (
            <Alert type="info" className="login-error" title={text.adminOnly} data-testid="login-oidc-admin-only" />
          )}
        </>
      )}
    </>
  );
}
