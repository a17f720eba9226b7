import { useMe } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { EnterpriseOverview } from './EnterpriseOverview';
import { LeaderPanel } from './LeaderPanel';
import './workbench.css';

/** 工作台: the enterprise file at a glance for every staff role; a leader first sees what waits for a decision. */
export default function WorkbenchPage() {
  const { t } = useI18n();
  const me = useMe();
  const leader = me.role === 'leader';
  return (
    <div data-testid="workbench">
      <h2 className="staff-page-title">{t('workbench.welcome', { name: me.displayName })}</h2>
      {leader && <LeaderPanel />}
      {leader && <h3 className="workbench-section">{t('workbench.leader.enterprises')}</h3>}
      <EnterpriseOverview />
    </div>
  );
}
