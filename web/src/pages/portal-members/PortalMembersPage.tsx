import { App, Button, Card, Dropdown, Form, Input, List, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type Answer } from '../../api';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { useShowError } from '../../errors';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import './portal-members.css';

type Members = Answer<'/api/portal/members'>;
type Member = Members['members'][number];
type Invitation = Members['invitations'][number];
type EnterpriseRole = Member['enterpriseRole'];

interface InviteForm {
  mobile: string;
  displayName: string;
  enterpriseRole: EnterpriseRole;
}

/** 企业成员 (administrators, phone first): invite, suspend, reactivate, remove, change role. */
export default function PortalMembersPage() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<InviteForm>();
  const [inviting, setInviting] = useState(false);
  const [saving, setSaving] = useState(false);
  const { data, error, reload } = useRequest<Members>('/api/portal/members');
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;

  const act = async (run: () => Promise<unknown>, done = t('members.done')) => {
    try {
      await run();
      void message.success(done);
      reload();
    } catch (err) {
      showError(err);
    }
  };

  const invite = async (values: InviteForm) => {
    setSaving(true);
    try {
      await api.post('/api/portal/members/invitations', { ...values, mobile: values.mobile.trim() });
      void message.success(t('members.inviteSent'));
      setInviting(false);
      form.resetFields();
      reload();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const menuFor = (m: Member) => [
    m.enterpriseRole === 'agent'
      ? {
          key: 'admin',
          label: t('members.makeAdmin'),
          onClick: () => void act(() => api.put(`/api/portal/members/${m.id}/role`, { enterpriseRole: 'admin' })),
        }
      : {
          key: 'agent',
          label: t('members.makeAgent'),
          onClick: () => void act(() => api.put(`/api/portal/members/${m.id}/role`, { enterpriseRole: 'agent' })),
        },
    m.active
      ? { key: 'suspend', label: t('members.suspend'), onClick: () => void act(() => api.post(`/api/portal/members/${m.id}/suspend`)) }
      : {
          key: 'reactivate',
          label: t('members.reactivate'),
          onClick: () => void act(() => api.post(`/api/portal/members/${m.id}/reactivate`)),
        },
    {
      key: 'remove',
      danger: true,
      label: t('members.remove'),
      onClick: () =>
        void modal.confirm({
          title: t('members.removeConfirm', { name: m.displayName }),
          okButtonProps: { danger: true },
          onOk: () => act(() => api.post(`/api/portal/members/${m.id}/remove`)),
        }),
    },
  ];

  return (
    <div className="portal-members">
      <Card
        size="small"
        title={t('members.title')}
        extra={
          <Button type="primary" size="small" onClick={() => setInviting(true)} data-testid="member-invite">
            {t('members.invite')}
          </Button>
        }
      >
        <List<Member>
          dataSource={data.members}
          renderItem={(m) => (
            <List.Item
              data-testid="member-row"
              actions={[
                <Dropdown key="more" trigger={['click']} menu={{ items: menuFor(m) }}>
                  <Button size="small" data-testid="member-actions">
                    ···
                  </Button>
                </Dropdown>,
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    {m.displayName}
                    {m.self && <Typography.Text type="secondary">（{t('members.self')}）</Typography.Text>}{' '}
                    <Tag color={m.enterpriseRole === 'admin' ? 'blue' : undefined}>{t(`acct.role.${m.enterpriseRole}`)}</Tag>
                    {!m.active && <Tag color="red">{t('members.suspended')}</Tag>}
                  </span>
                }
                description={`${m.mobile ?? ''} · ${m.lastLoginAt ? t('members.lastLogin', { time: formatDateTime(m.lastLoginAt, lang) }) : t('members.neverLoggedIn')}`}
              />
            </List.Item>
          )}
        />
      </Card>
      {data.invitations.length > 0 && (
        <Card size="small" title={t('members.invitations')} className="portal-members-invitations">
          <List<Invitation>
            dataSource={data.invitations}
            renderItem={(i) => (
              <List.Item
                data-testid="invitation-row"
                actions={[
                  <Button key="revoke" size="small" onClick={() => void act(() => api.delete(`/api/portal/members/invitations/${i.id}`))}>
                    {t('members.revoke')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={`${i.displayName} · ${t(`acct.role.${i.enterpriseRole}`)}`}
                  description={`${i.mobile ?? ''} · ${t('members.expiresAt', { time: formatDateTime(i.expiresAt, lang) })}`}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      <Modal open={inviting} title={t('members.inviteTitle')} onCancel={() => setInviting(false)} footer={null} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ enterpriseRole: 'agent' }}
          onFinish={(v) => void invite(v)}
        >
          <Form.Item
            name="mobile"
            label={t('acct.mobile')}
            rules={[{ required: true, pattern: /^1\d{10}$/, message: t('acct.mobileInvalid') }]}
          >
            <Input inputMode="numeric" maxLength={11} data-testid="invite-mobile" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('acct.name')}
            rules={[{ required: true, whitespace: true, message: t('acct.required', { field: t('acct.name') }) }]}
          >
            <Input maxLength={50} data-testid="invite-name" />
          </Form.Item>
          <Form.Item name="enterpriseRole" label={t('members.inviteRole')}>
            <Select
              data-testid="invite-role"
              options={(['agent', 'admin'] as const).map((r) => ({ value: r, label: t(`acct.role.${r}`) }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={saving} data-testid="invite-submit">
            {t('members.invite')}
          </Button>
        </Form>
      </Modal>
    </div>
  );
}
