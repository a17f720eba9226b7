import { KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Tag, type MenuProps } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { STAFF_PASSWORD_PATH, canOpen, menuFor } from '../../access';
import { useAuth, useMe } from '../../auth/AuthContext';
import { LangSwitch } from '../../components/LangSwitch';
import { NotificationBell } from '../../components/NotificationBell';
import { PageLoading } from '../../components/PageLoading';
import { useI18n } from '../../i18n';
import { ForbiddenPage } from '../../pages/errors/ForbiddenPage';
import { MENU_ICONS } from './menuIcons';
import './staff.css';

/** The staff workbench: a role-dependent side menu, a header with the user, and the page. */
export default function StaffShell() {
  const { t } = useI18n();
  const me = useMe();
  const { logout } = useAuth();
  const { pathname } = useLocation();
  const navigate = useNavigate();

  const entries = menuFor(me.role);
  const selected = entries.find((m) => pathname === m.path || pathname.startsWith(`${m.path}/`));
  const items: MenuProps['items'] = entries.map((m) => ({
    key: m.key,
    icon: MENU_ICONS[m.key],
    label: (
      <Link to={m.path} data-testid={`menu-${m.key}`}>
        {t(`menu.${m.key}`)}
      </Link>
    ),
  }));

  return (
    <Layout className="staff">
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={216} className="staff-sider">
        <Link to="/workbench" className="staff-logo">
          {t('app.name')}
        </Link>
        <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected.key] : []} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="staff-header">
          <div className="staff-user" data-testid="current-user">
            <Tag color="blue" data-testid="current-role">
              {t(`role.${me.role}`)}
            </Tag>
            <span className="staff-user-name">{me.displayName}</span>
            {me.department && <span className="staff-user-org">{me.department.name}</span>}
          </div>
          <NotificationBell />
          <LangSwitch />
          <Button
            type="text"
            size="small"
            icon={<KeyOutlined />}
            onClick={() => void navigate(STAFF_PASSWORD_PATH)}
            data-testid="change-password-link"
          >
            <span className="staff-header-label">{t('account.changePassword')}</span>
          </Button>
          <Button type="text" size="small" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
            <span className="staff-header-label">{t('account.logout')}</span>
          </Button>
        </Layout.Header>
        <Layout.Content className="staff-content">
          <Suspense fallback={<PageLoading />}>{canOpen(me.role, pathname) ? <Outlet /> : <ForbiddenPage />}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
