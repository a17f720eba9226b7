import { Button } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Schemas } from '../../api';
import { useI18n } from '../../i18n';
import { LoginFrame } from '../login/LoginFrame';

/** What the server answers when a code went out. */
export type SentCode = Schemas['SentCode'];

/** The login page's frame, for registration and joining (phone first). */
export function AccountFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <LoginFrame title={title}>
      {children}
      <div className="login-links">
        <Link to="/login" data-testid="back-to-login">
          {t('login.backToLogin')}
        </Link>
      </div>
    </LoginFrame>
  );
}

/** Seconds left before another code may be asked for; `start(n)` begins a countdown. */
export function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = window.setTimeout(() => setLeft(left - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [left]);
  return [left, setLeft];
}

/** The "send code" button with its countdown. */
export function SendCodeButton({
  left,
  loading,
  onClick,
  testId,
}: {
  left: number;
  loading: boolean;
  onClick: () => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <Button onClick={onClick} disabled={left > 0} loading={loading} data-testid={testId}>
      {left > 0 ? t('acct.resendIn', { seconds: left }) : t('acct.sendCode')}
    </Button>
  );
}

export const MOBILE_RULE = { pattern: /^1\d{10}$/, messageKey: 'acct.mobileInvalid' } as const;
