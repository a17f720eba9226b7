import { Alert, App, Button, Card, Form, InputNumber } from 'antd';
import { useState } from 'react';
import { api, type Schemas } from '../../api';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { useShowError } from '../../errors';
import { useRequest } from '../../hooks/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import { required } from '../../rules';

/** GET/PUT /api/admin/settings/appeals (src/modules/appeals/settings.ts). */
type AppealSettings = Schemas['AppealSettings'];

/** The form shows the yellow threshold in percent. */
type Values = Omit<AppealSettings, 'yellowShare'> & { yellowPercent: number };

const toValues = ({ yellowShare, ...rest }: AppealSettings): Values => ({ ...rest, yellowPercent: Math.round(yellowShare * 100) });
const toSettings = ({ yellowPercent, ...rest }: Values): AppealSettings => ({ ...rest, yellowShare: yellowPercent / 100 });

/** The fields with the server's bounds, each explained under it. */
const FIELDS: { name: keyof Values; label: MessageKey; hint: MessageKey; min: number; max: number; unit: MessageKey | '%' }[] = [
  { name: 'yellowPercent', label: 'appealSettings.yellowShare', hint: 'appealSettings.yellowShareHint', min: 10, max: 95, unit: '%' },
  {
    name: 'acceptWorkingDays',
    label: 'appealSettings.acceptWorkingDays',
    hint: 'appealSettings.acceptWorkingDaysHint',
    min: 1,
    max: 10,
    unit: 'appealSettings.workingDays',
  },
  {
    name: 'acceptUrgentHours',
    label: 'appealSettings.acceptUrgentHours',
    hint: 'appealSettings.acceptUrgentHoursHint',
    min: 1,
    max: 72,
    unit: 'appealSettings.hours',
  },
  {
    name: 'agendaAfterRedDays',
    label: 'appealSettings.agendaAfterRedDays',
    hint: 'appealSettings.agendaAfterRedDaysHint',
    min: 1,
    max: 30,
    unit: 'appealSettings.workingDays',
  },
  {
    name: 'followUpAfterWorkingDays',
    label: 'appealSettings.followUpAfterWorkingDays',
    hint: 'appealSettings.followUpAfterWorkingDaysHint',
    min: 0,
    max: 20,
    unit: 'appealSettings.workingDays',
  },
  {
    name: 'followUpMaxAttempts',
    label: 'appealSettings.followUpMaxAttempts',
    hint: 'appealSettings.followUpMaxAttemptsHint',
    min: 1,
    max: 10,
    unit: 'appealSettings.times',
  },
  {
    name: 'autoCloseDays',
    label: 'appealSettings.autoCloseDays',
    hint: 'appealSettings.autoCloseDaysHint',
    min: 1,
    max: 60,
    unit: 'appealSettings.days',
  },
  {
    name: 'reopenDays',
    label: 'appealSettings.reopenDays',
    hint: 'appealSettings.reopenDaysHint',
    min: 1,
    max: 90,
    unit: 'appealSettings.days',
  },
];

/** 诉求设置: the thresholds of the warning sweep, the follow-up (回访), the reopen period and auto-closure. */
export default function AppealSettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, error, reload } = useRequest<AppealSettings>('/api/admin/settings/appeals');
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const save = async (values: Values) => {
    setSaving(true);
    try {
      const saved = await api.put<AppealSettings>('/api/admin/settings/appeals', toSettings(values));
      form.setFieldsValue(toValues(saved));
      void message.success(t('common.saved'));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  return (
    <>
      <PageHeader title={t('menu.admin-appeal-settings')} />
      <Card className="form-card">
        <Alert type="info" showIcon title={t('appealSettings.intro')} className="filter-bar" />
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={toValues(data)}
          onFinish={(values) => void save(values)}
          data-testid="appeal-settings-form"
        >
          {FIELDS.map((f) => (
            <Form.Item key={f.name} name={f.name} label={t(f.label)} extra={t(f.hint)} rules={[required(t, t(f.label), 'select')]}>
              <InputNumber
                min={f.min}
                max={f.max}
                precision={0}
                suffix={f.unit === '%' ? '%' : t(f.unit)}
                style={{ width: 200 }}
                data-testid={`field-${f.name}`}
              />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
