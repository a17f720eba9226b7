import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { homePath } from '../../access';
import { useAuth } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';

/** 403: the user is logged in but their role may not open this page. */
export function ForbiddenPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { user } = useAuth();
  return (
    <div data-testid="page-403" className="error-page">
      <Result
        status="403"
        title={t('errors.403.title')}
        subTitle={user ? t('errors.403.desc', { role: t(`role.${user.role}`) }) : undefined}
        extra={
          <Button type="primary" onClick={() => void navigate(user ? homePath(user.role) : '/')}>
            {t('common.backHome')}
          </Button>
        }
      />
    </div>
  );
}
