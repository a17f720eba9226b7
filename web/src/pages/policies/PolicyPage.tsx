import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { useMe } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { useShowError } from '../../errors';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { AttachmentsTab } from './AttachmentsTab';
import { BasicTab } from './BasicTab';
import { EligibleTab } from './EligibleTab';
import { NoticesTab } from './NoticesTab';
import { RuleTab } from './RuleTab';
import { StatusTag } from './Tags';
import { TextTab } from './TextTab';
import { EDITORS, type PolicyDetail } from './types';

/** One policy: its basics, text, attachments, notices, eligibility rule (政策画像) and eligible enterprises. `/policies/new` adds one. */
export default function PolicyPage() {
  const { id: param } = useParams();
  const isNew = param === 'new';
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data: policy, error, reload } = useRequest<PolicyDetail>(isNew ? null : `/api/policies/${param}`);

  if (isNew) {
    return (
      <>
        <PageHeader title={t('pol.new')} />
        {EDITORS.includes(me.role) ? (
          <>
            <Alert type="info" showIcon title={t('pol.saveFirst')} style={{ marginBottom: 16 }} />
            <BasicTab policy={undefined} editable onSaved={(id) => void navigate(`/policies/${id}`, { replace: true })} />
          </>
        ) : (
          <Alert type="warning" showIcon title={t('pol.officersOnly')} />
        )}
      </>
    );
  }
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!policy) return <PageLoading />;

  const act = async (action: 'publish' | 'archive' | 'unpublish') => {
    try {
      await api.post(`/api/policies/${policy.id}/${action}`);
      void message.success(t('pol.done'));
      reload();
    } catch (err) {
      showError(err);
    }
  };
  const editable = policy.canEdit && policy.status !== 'archived';
  const tabs = [
    { key: 'basic', label: t('pol.tab.basic'), children: <BasicTab policy={policy} editable={editable} onSaved={reload} /> },
    { key: 'text', label: t('pol.tab.text'), children: <TextTab policy={policy} editable={editable} onSaved={reload} /> },
    {
      key: 'attachments',
      label: t('pol.tab.attachments'),
      children: <AttachmentsTab policy={policy} editable={editable} onChanged={reload} />,
    },
    { key: 'notices', label: t('pol.tab.notices'), children: <NoticesTab policy={policy} editable={editable} onChanged={reload} /> },
    { key: 'rule', label: t('pol.tab.rule'), children: <RuleTab policyId={policy.id} editable={editable} onSaved={reload} /> },
    { key: 'eligible', label: t('pol.tab.eligible'), children: <EligibleTab policyId={policy.id} /> },
  ];

  return (
    <>
      <PageHeader
        title={policy.title}
        extra={
          <Space wrap>
            <StatusTag status={policy.status} />
            {policy.canEdit && policy.status === 'draft' && (
              <Popconfirm title={t('pol.confirmPublish')} onConfirm={() => void act('publish')}>
                <Button type="primary" data-testid="policy-publish">
                  {t('pol.publish')}
                </Button>
              </Popconfirm>
            )}
            {policy.canEdit && policy.status === 'published' && (
              <Button onClick={() => void act('unpublish')} data-testid="policy-unpublish">
                {t('pol.unpublish')}
              </Button>
            )}
            {policy.canEdit && policy.status !== 'archived' && (
              <Popconfirm title={t('pol.confirmArchive')} onConfirm={() => void act('archive')}>
                <Button danger data-testid="policy-archive">
                  {t('pol.archive')}
                </Button>
              </Popconfirm>
            )}
            {policy.canEdit && (
              <Button icon={<SendOutlined />} onClick={() => void navigate(`/policy-push?policyId=${policy.id}`)} data-testid="policy-push">
                {t('pol.push')}
              </Button>
            )}
          </Space>
        }
      />
      <Tabs items={tabs} destroyOnHidden data-testid="policy-tabs" />
    </>
  );
}
