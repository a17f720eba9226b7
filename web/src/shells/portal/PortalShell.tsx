import { BookOutlined, HomeOutlined, LogoutOutlined, MessageOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { useAuth, useMe } from '../../auth/AuthContext';
import { LangSwitch } from '../../components/LangSwitch';
import { NotificationBell } from '../../components/NotificationBell';
import { PageLoading } from '../../components/PageLoading';
import { useI18n, type MessageKey } from '../../i18n';
import './portal.css';

interface Tab {
  key: string;
  to: string;
  label: MessageKey;
  icon: ReactNode;
  /** Only the home tab is active on its own path alone; the others also over their sub-pages. */
  end?: boolean;
}

const TABS: Tab[] = [
  { key: 'home', to: '/portal', label: 'portal.tab.home', icon: <HomeOutlined />, end: true },
  { key: 'policies', to: '/portal/policies', label: 'portal.tab.policies', icon: <BookOutlined /> },
  { key: 'appeals', to: '/portal/appeals', label: 'portal.tab.appeals', icon: <MessageOutlined /> },
  { key: 'profile', to: '/portal/profile', label: 'portal.tab.profile', icon: <ShopOutlined /> },
  { key: 'account', to: '/portal/account', label: 'portal.tab.account', icon: <UserOutlined /> },
];

/** The enterprise portal: mobile first — compact header, content, bottom tab bar. */
export default function PortalShell() {
  const { t } = useI18n();
  const me = useMe();
  const { logout } = useAuth();

  return (
    <div className="portal">
      <header className="portal-header">
        <div className="portal-title" title={me.enterprise?.name}>
          {me.enterprise?.name ?? t('app.name')}
        </div>
        <NotificationBell light />
        <LangSwitch light />
        <Button
          type="text"
          size="small"
          className="portal-logout"
          icon={<LogoutOutlined />}
          title={t('account.logout')}
          aria-label={t('account.logout')}
          data-testid="logout"
          onClick={() => void logout()}
        />
      </header>
      <main className="portal-main">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <nav className="portal-tabs">
        {TABS.map((tab) => (
          <NavLink key={tab.key} to={tab.to} end={tab.end} className="portal-tab" data-testid={`tab-${tab.key}`}>
            <span className="portal-tab-icon">{tab.icon}</span>
            <span>{t(tab.label)}</span>
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
