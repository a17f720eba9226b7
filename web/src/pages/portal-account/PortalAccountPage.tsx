import { BellOutlined, KeyOutlined, LogoutOutlined, RightOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, type DescriptionsProps } from 'antd';
import { Link } from 'react-router-dom';
import { PORTAL_PASSWORD_PATH } from '../../access';
import { useAuth, useMe } from '../../auth/AuthContext';
import { orDash } from '../../format';
import { useI18n } from '../../i18n';

/** 我的: who is logged in, and the way to change the password. */
export default function PortalAccountPage() {
  const { t } = useI18n();
  const me = useMe();
  const { logout } = useAuth();
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('user.displayName'), children: me.displayName },
    { key: 'username', label: t('user.username'), children: me.username },
    { key: 'mobile', label: t('user.mobile'), children: orDash(me.mobile) },
    { key: 'role', label: t('user.role'), children: me.enterpriseRole ? t(`acct.role.${me.enterpriseRole}`) : t(`role.${me.role}`) },
    { key: 'enterprise', label: t('user.enterprise'), children: orDash(me.enterprise?.name) },
  ];
  return (
    <div className="portal-account">
      <Card title={t('portal.account.title')} size="small">
        <Descriptions column={1} size="small" items={items} />
      </Card>
      <Card size="small" className="portal-account-actions">
        {me.enterpriseRole === 'admin' && (
          <Link to="/portal/members" className="portal-account-link" style={{ marginBottom: 12 }} data-testid="account-members">
            <TeamOutlined /> <span>{t('members.entry')}</span>
            <RightOutlined className="portal-account-arrow" />
          </Link>
        )}
        <Link to="/portal/preferences" className="portal-account-link" style={{ marginBottom: 12 }} data-testid="account-preferences">
          <BellOutlined /> <span>{t('prefs.title')}</span>
          <RightOutlined className="portal-account-arrow" />
        </Link>
        <Link to={PORTAL_PASSWORD_PATH} className="portal-account-link" data-testid="account-change-password">
          <KeyOutlined /> <span>{t('account.changePassword')}</span>
          <RightOutlined className="portal-account-arrow" />
        </Link>
      </Card>
      <Button
        block
        danger
        size="large"
        icon={<LogoutOutlined />}
        className="portal-account-logout"
        onClick={() => void logout()}
        data-testid="account-logout"
      >
        {t('account.logout')}
      </Button>
    </div>
  );
}
