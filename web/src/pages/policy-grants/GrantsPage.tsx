import { Tabs } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { Batches } from './Batches';
import { GrantPolicies } from './GrantPolicies';
import { Unclaimed } from './Unclaimed';

/** 免申即享: draft a batch from a policy's eligible enterprises, review, confirm; and 应享未享. */
export default function GrantsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState('policies');
  const [openBatch, setOpenBatch] = useState<number>();
  // Bumped on every draft / confirm, so the other tabs show fresh counts.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <>
      <PageHeader title={t('grant.title')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'policies',
            label: <span data-testid="tab-policies">{t('grant.tab.policies')}</span>,
            children: (
              <GrantPolicies
                key={version}
                onDrafted={(id) => {
                  changed();
                  setTab('batches');
                  setOpenBatch(id);
                }}
              />
            ),
          },
          {
            key: 'batches',
            label: <span data-testid="tab-batches">{t('grant.tab.batches')}</span>,
            children: <Batches openId={openBatch} onOpen={setOpenBatch} version={version} onChanged={changed} />,
          },
          {
            key: 'unclaimed',
            label: <span data-testid="tab-unclaimed">{t('grant.tab.unclaimed')}</span>,
            children: <Unclaimed version={version} />,
          },
        ]}
      />
    </>
  );
}
