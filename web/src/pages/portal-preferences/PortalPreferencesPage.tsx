import { Alert, App, Button, Card, Checkbox, Form, Input, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api, type Schemas } from '../../api';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { useShowError } from '../../errors';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { valuesOf } from '../../types';

/** GET/PUT /api/portal/contact-preferences (src/modules/delivery/schemas.ts). */
export type ContactPreferences = Schemas['ContactPreferences'];
type Channel = ContactPreferences['channels'][number];

interface Values {
  promotions: boolean;
  channels: Channel[];
  quiet: boolean;
  start: string;
  end: string;
}

const CHANNELS = valuesOf<Channel>({ in_app: true, sms: true, email: true });

/** 消息设置: the enterprise's channels for policy pushes, opting out of them, and SMS quiet hours (its administrator edits). */
export default function PortalPreferencesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { data, error, reload } = useRequest<ContactPreferences>('/api/portal/contact-preferences');
  const promotions = Form.useWatch('promotions', form) ?? true;
  const quiet = Form.useWatch('quiet', form) ?? false;

  useEffect(() => {
    if (data) {
      form.setFieldsValue({
        promotions: data.promotions,
        channels: data.channels,
        quiet: data.quietHours !== null,
        start: data.quietHours?.start ?? '22:00',
        end: data.quietHours?.end ?? '08:00',
      });
    }
  }, [data, form]);

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;

  const save = async (v: Values) => {
    setSaving(true);
    try {
      await api.put('/api/portal/contact-preferences', {
        promotions: v.promotions,
        channels: v.channels,
        quietHours: v.quiet ? { start: v.start, end: v.end } : null,
      });
      void message.success(t('prefs.saved'));
      reload();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const readOnly = !data.canEdit;
  return (
    <Card title={t('prefs.title')} size="small" data-testid="portal-preferences">
      <Alert type="info" showIcon title={t('prefs.intro')} style={{ marginBottom: 12 }} />
      {readOnly && <Alert type="warning" showIcon title={t('prefs.readOnly')} style={{ marginBottom: 12 }} data-testid="prefs-read-only" />}
      <Form<Values> form={form} layout="vertical" disabled={readOnly} onFinish={(v) => void save(v)}>
        <Form.Item name="promotions" label={t('prefs.promotions')} valuePropName="checked">
          <Switch data-testid="prefs-promotions" />
        </Form.Item>
        <Form.Item name="channels" label={t('prefs.channels')}>
          <Checkbox.Group
            disabled={readOnly || !promotions}
            options={CHANNELS.map((c) => ({ value: c, label: t(`push.channel.${c}`) }))}
            data-testid="prefs-channels"
          />
        </Form.Item>
        <Form.Item name="quiet" label={t('prefs.quiet')} valuePropName="checked" extra={t('prefs.quietHint')}>
          <Switch data-testid="prefs-quiet" />
        </Form.Item>
        {quiet && (
          <Space.Compact block>
            <Form.Item name="start" label={t('prefs.quietFrom')} style={{ flex: 1 }} rules={[{ required: true }]}>
              <Input type="time" data-testid="prefs-quiet-start" />
            </Form.Item>
            <Form.Item
              name="end"
              label={t('prefs.quietTo')}
              style={{ flex: 1 }}
              dependencies={['start']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: async (_, v: string) => {
                    if (v === getFieldValue('start')) throw new Error(t('prefs.quietSame'));
                  },
                }),
              ]}
            >
              <Input type="time" data-testid="prefs-quiet-end" />
            </Form.Item>
          </Space.Compact>
        )}
        {!readOnly && (
          <Button type="primary" htmlType="submit" block size="large" loading={saving} data-testid="prefs-save">
            {t('prefs.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
