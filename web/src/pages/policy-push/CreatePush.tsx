import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Switch, type GetProp } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { ChannelNotice } from '../../components/ChannelNotice';
import { useShowError } from '../../errors';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { maxChars } from '../../rules';
import type { Items } from '../../types';
import { PolicySelect } from './PolicySelect';
import { CHANNELS, type Channel, type CreateResult, type TargetCount } from './types';

type GroupProps = {
  value?: Channel[];
  onChange?: (v: Channel[]) => void;
  options: GetProp<typeof Checkbox.Group<Channel>, 'options'>;
  'data-testid'?: string;
};

/**
 * The channels, a group of checkboxes. Form.Item marks a required field's control aria-required,
 * which no role of a group allows (axe: aria-allowed-attr); the rule still says at least one.
 */
function ChannelGroup({ value, onChange, options, 'data-testid': testId }: GroupProps) {
  return <Checkbox.Group<Channel> role="group" value={value} onChange={onChange} options={options} data-testid={testId} />;
}

interface Values {
  policyId?: number;
  noticeId?: number;
  channels: Channel[];
  includeUnknown: boolean;
  ratePerMinute: number;
  title?: string;
  message: string;
}

/** The create form: pick a policy (and a notice), see how many enterprises it reaches, send. */
export function CreatePush({ presetPolicyId, onSent }: { presetPolicyId: number | undefined; onSent: () => void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const policyId = Form.useWatch('policyId', form);
  const noticeId = Form.useWatch('noticeId', form);
  const includeUnknown = Form.useWatch('includeUnknown', form) ?? false;
  const title = Form.useWatch('title', form);
  const text = Form.useWatch('message', form) ?? '';
  const channels = Form.useWatch('channels', form) ?? [];
  const notices = useRequest<Items<{ id: number; title: string; status: string }>>(policyId ? `/api/policies/${policyId}/notices` : null);
  const count = useRequest<TargetCount>(policyId ? '/api/push-campaigns/target-count' : null, {
    policyId,
    noticeId,
    includeUnknown: includeUnknown ? 1 : 0,
    channels: channels.length > 0 ? channels.join(',') : undefined,
  });
  const policy = useRequest<{ id: number; title: string }>(policyId ? `/api/policies/${policyId}` : null);
  const policyTitle = policy.data?.id === policyId ? policy.data?.title : undefined;
  const noticeTitle = notices.data?.items.find((n) => n.id === noticeId)?.title;
  const heading = title || noticeTitle || policyTitle || '';

  // A suggested message for the chosen policy, until the officer writes their own.
  useEffect(() => {
    if (policyTitle && !form.isFieldTouched('message')) form.setFieldsValue({ message: t('push.defaultMessage', { title: policyTitle }) });
  }, [policyTitle, form, t]);

  const send = async (v: Values) => {
    const toSend = count.data?.toSend ?? 0;
    if (toSend === 0) {
      void message.warning(t('push.nothingToSend'));
      return;
    }
    const ok = await modal.confirm({ title: t('push.confirmSend', { count: toSend }), okButtonProps: { id: 'push-confirm' } });
    if (!ok) return;
    setSending(true);
    try {
      const r = await api.post<CreateResult>('/api/push-campaigns', { ...v, title: v.title || undefined, noticeId: v.noticeId ?? null });
      void message.success(
        t('push.sent', {
          recipients: r.recipients,
          reachable: r.reachable,
          unreachable: r.unreachable,
          sent: r.sent,
          skipped: r.skipped,
          sms: r.sms,
          email: r.email,
        }),
      );
      count.reload();
      onSent();
    } catch (err) {
      showError(err, form);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title={t('push.create')} size="small">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ policyId: presetPolicyId, channels: ['in_app', 'sms'], includeUnknown: false, ratePerMinute: 300, message: '' }}
        onFinish={(v) => void send(v)}
        style={{ maxWidth: 720 }}
      >
        <Form.Item
          name="policyId"
          label={t('push.policy')}
          rules={[{ required: true, message: t('common.select', { label: t('push.policy') }) }]}
        >
          <PolicySelect
            placeholder={t('push.policyPlaceholder')}
            selectedTitle={policyTitle}
            onChange={() => form.setFieldsValue({ noticeId: undefined })}
            data-testid="push-policy"
          />
        </Form.Item>
        <Form.Item name="noticeId" label={t('push.notice')}>
          <Select
            allowClear
            placeholder={t('push.noticePlaceholder')}
            disabled={!policyId}
            data-testid="push-notice"
            options={(notices.data?.items ?? []).filter((n) => n.status === 'published').map((n) => ({ value: n.id, label: n.title }))}
          />
        </Form.Item>
        <Form.Item
          name="channels"
          label={t('push.channels')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.select', { label: t('push.channels') }) }]}
        >
          <ChannelGroup options={CHANNELS.map((c) => ({ value: c, label: t(`push.channel.${c}`) }))} data-testid="push-channels" />
        </Form.Item>
        <Form.Item name="includeUnknown" label={t('push.includeUnknown')} valuePropName="checked">
          <Switch data-testid="push-include-unknown" />
        </Form.Item>
        <Form.Item name="ratePerMinute" label={t('push.rate')}>
          <InputNumber min={1} max={10000} />
        </Form.Item>
        <Form.Item name="title" label={t('push.messageTitle')} extra={t('push.messageTitleHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="message"
          label={t('push.message')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { label: t('push.message') }) },
            maxChars(t, t('push.message'), 500),
          ]}
        >
          <Input.TextArea rows={3} count={{ show: true, max: 500 }} data-testid="push-message" />
        </Form.Item>
        {heading && text && (
          <Alert
            type="info"
            title={t('push.preview')}
            description={`【企服通】${heading}：${text}`.slice(0, 300)}
            style={{ marginBottom: 16 }}
          />
        )}
        <ChannelNotice channels={channels.filter((c): c is 'sms' | 'email' => c !== 'in_app')} />
        {count.data &&
          policyId &&
          (() => {
            const { byChannel, ...figures } = count.data;
            return (
              <Alert
                type={figures.unreachable > 0 ? 'warning' : 'success'}
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="push-target"
                title={t('push.target', figures)}
                description={<span data-testid="push-reach">{t('push.reach', { ...figures, ...byChannel })}</span>}
              />
            );
          })()}
        {count.error && <Alert type="error" showIcon title={count.error.message} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={sending} data-testid="push-send">
          {t('push.send')}
        </Button>
      </Form>
    </Card>
  );
}
