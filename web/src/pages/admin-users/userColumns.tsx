import { LockOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { Role } from '../../access';
import { ActiveToggle, StatusTag } from '../../components/ActiveToggle';
import { formatDateTime, orDash } from '../../format';
import { useI18n } from '../../i18n';
import type { AdminUser } from '../../types';

export interface UserActions {
  onEdit: (user: AdminUser) => void;
  onResetPassword: (user: AdminUser) => void;
  onUnlock: (user: AdminUser) => Promise<void>;
  onSetActive: (user: AdminUser, active: boolean) => Promise<void>;
}

function isLocked(user: AdminUser): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
}

/** 部门 / 街道 for staff, the enterprise for enterprise users. */
function organisation(user: AdminUser): string {
  if (user.enterprise) return user.enterprise.name;
  return orDash([user.department?.name, user.street?.name].filter(Boolean).join(' / '));
}

export function useUserColumns(actions: UserActions): TableColumnsType<AdminUser> {
  const { t, lang } = useI18n();
  return [
    { title: t('user.username'), dataIndex: 'username', width: 140, fixed: 'left' },
    { title: t('user.displayName'), dataIndex: 'displayName', width: 120 },
    { title: t('user.mobile'), dataIndex: 'mobile', width: 130, render: (mobile: string | null) => orDash(mobile) },
    {
      title: t('user.role'),
      dataIndex: 'role',
      width: 120,
      render: (role: Role, user) => (
        <>
          <Tag>{t(`role.${role}`)}</Tag>
          {user.enterpriseRole && (
            <Tag color={user.enterpriseRole === 'admin' ? 'blue' : undefined}>{t(`acct.role.${user.enterpriseRole}`)}</Tag>
          )}
        </>
      ),
    },
    { title: `${t('user.department')} / ${t('user.street')}`, key: 'org', render: (_, user) => organisation(user) },
    {
      title: t('common.status'),
      key: 'status',
      width: 150,
      render: (_, user) => (
        <Space size={4} wrap>
          <StatusTag active={user.active} />
          {isLocked(user) && (
            <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil, lang) })}>
              <Tag color="red" icon={<LockOutlined />} data-testid="locked">
                {t('users.locked')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (at: string | null) => (at ? formatDateTime(at, lang) : t('users.never')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 250,
      fixed: 'right',
      render: (_, user) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => actions.onEdit(user)} data-testid="edit">
            {t('common.edit')}
          </Button>
          <ActiveToggle name={user.displayName} active={user.active} onChange={(active) => actions.onSetActive(user, active)} />
          <Button type="link" size="small" onClick={() => actions.onResetPassword(user)} data-testid="reset-password">
            {t('users.resetPassword')}
          </Button>
          {isLocked(user) && (
            <Button type="link" size="small" onClick={() => void actions.onUnlock(user)} data-testid="unlock">
              {t('users.unlock')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
}
