import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { Campaigns } from './Campaigns';
import { CreatePush } from './CreatePush';

/** 精准推送: send a policy or notice to the enterprises that match it; see who read it and applied. */
export default function PushPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const presetPolicyId = Number(params.get('policyId')) || undefined;
  const [version, setVersion] = useState(0);
  return (
    <>
      <PageHeader title={t('push.title')} />
      <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <CreatePush presetPolicyId={presetPolicyId} onSent={() => setVersion((v) => v + 1)} />
        <Campaigns version={version} />
      </div>
    </>
  );
}
