import {
  EnvironmentOutlined,
  FileTextOutlined,
  FormOutlined,
  GiftOutlined,
  KeyOutlined,
  MessageOutlined,
  ProfileOutlined,
  ShopOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Card } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { PORTAL_PASSWORD_PATH } from '../../access';
import { EnterpriseTags } from '../../components/EnterpriseTags';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { orDash } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import type { Enterprise } from '../../types';
import './portal-home.css';

interface Entry {
  key: string;
  to: string;
  label: MessageKey;
  icon: ReactNode;
}

/** Only services that work today; later features add their entries here. */
const ENTRIES: Entry[] = [
  { key: 'new-appeal', to: '/portal/appeals/new', label: 'appeal.new', icon: <FormOutlined /> },
  { key: 'appeals', to: '/portal/appeals', label: 'portal.appeals.mine', icon: <MessageOutlined /> },
  { key: 'policies', to: '/portal/policies', label: 'pp.home.policies', icon: <FileTextOutlined /> },
  { key: 'applications', to: '/portal/applications', label: 'apl.mine', icon: <SolutionOutlined /> },
  { key: 'benefits', to: '/portal/benefits', label: 'pp.home.benefits', icon: <GiftOutlined /> },
  { key: 'profile', to: '/portal/profile', label: 'portal.home.viewProfile', icon: <ProfileOutlined /> },
  { key: 'password', to: PORTAL_PASSWORD_PATH, label: 'account.changePassword', icon: <KeyOutlined /> },
];

export default function PortalHomePage() {
  const { t } = useI18n();
  const { data, error, reload } = useRequest<{ enterprise: Enterprise }>('/api/enterprises/mine');
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const e = data.enterprise;

  return (
    <div className="portal-home">
      <section className="enterprise-card" data-testid="enterprise-card">
        <div className="enterprise-card-name">{e.name}</div>
        <div className="enterprise-card-uscc">
          <span className="enterprise-card-label">{t('enterprise.uscc')}</span>
          <span className="mono">{e.uscc}</span>
        </div>
        <div className="enterprise-card-row">
          <EnvironmentOutlined /> {orDash(e.street?.name)}
        </div>
        <div className="enterprise-card-row">
          <ShopOutlined /> {e.industryName || e.industryCode}
        </div>
        <div className="enterprise-card-tags">
          <EnterpriseTags tags={e.tags} isKey={e.isKey} />
        </div>
      </section>

      <Card title={t('portal.home.services')} size="small">
        <div className="portal-entries">
          {ENTRIES.map((entry) => (
            <Link key={entry.key} to={entry.to} className="portal-entry" data-testid={`entry-${entry.key}`}>
              <span className="portal-entry-icon">{entry.icon}</span>
              <span>{t(entry.label)}</span>
            </Link>
          ))}
        </div>
      </Card>
    </div>
  );
}
