import { BookOutlined, HomeOutlined, LogoutOutlined, MessageOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
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
  /** Other paths this tab stands for: an application or a benefit is part of 政策. */
  also?: string[];
}

const TABS: Tab[] = [
  { key: 'home', to: '/portal', label: 'portal.tab.home', icon: <HomeOutlined />, end: true },
  {
    key: 'policies',
    to: '/portal/policies',
    label: 'portal.tab.policies',
    icon: <BookOutlined />,
    also: ['/portal/applications', '/portal/benefits'],
  },
  { key: 'appeals', to: '/portal/appeals', label: 'portal.tab.appeals', icon: <MessageOutlined /> },
  { key: 'profile', to: '/portal/profile', label: 'portal.tab.profile', icon: <ShopOutlined /> },
  { key: 'account', to: '/portal/account', label: 'portal.tab.account', icon: <UserOutlined /> },
];

/** The enterprise portal: mobile first — compact header, content, bottom tab bar. */
export default function PortalShell() {
  const { t } = useI18n();
  const me = useMe();
  const { logout } = useAuth();
  const { pathname } = useLocation();

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
          <NavLink
            key={tab.key}
            to={tab.to}
            end={tab.end}
            data-testid={`tab-${tab.key}`}
            className={({ isActive }) => (isActive || tab.also?.some((p) => pathname.startsWith(p)) ? 'portal-tab active' : 'portal-tab')}
          >
            <span className="portal-tab-icon">{tab.icon}</span>
            <span>{t(tab.label)}</span>
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
