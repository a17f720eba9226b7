import { Card } from 'antd';
import type { ReactNode } from 'react';
import { LangSwitch } from '../../components/LangSwitch';
import { useI18n } from '../../i18n';
import './login.css';

/** The signed-out pages' frame (login, registration, joining): language, brand, one card. */
export function LoginFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="login-page">
      <div className="login-lang">
        <LangSwitch light />
      </div>
      <div className="login-brand">
        <div className="login-brand-name">{t('app.name')}</div>
        <div className="login-brand-sub">{t('app.subtitle')}</div>
      </div>
      <Card className="login-card" title={title}>
        {children}
      </Card>
    </div>
  );
}
