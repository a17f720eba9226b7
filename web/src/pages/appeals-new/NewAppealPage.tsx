import { Button, Card, Form, Result, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, newIdempotencyKey, type Answer } from '../../api';
import { STAFF_CHANNELS, type Channel } from '../../appeals';
import { AppealFields, appealBody, type AppealFieldValues } from '../../components/AppealFields';
import { ChannelNotice } from '../../components/ChannelNotice';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { useI18n } from '../../i18n';
import { required } from '../../rules';
import { EnterprisePicker } from './EnterprisePicker';

interface Values extends AppealFieldValues {
  enterpriseId: number;
  channel: Channel;
}

type Filed = Answer<'/api/appeals', 'post'>;

/** 代企业录入: an appeal taken by phone, in the hall, on a visit … filed for the enterprise, with its channel. */
export default function NewAppealPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  // One key per appeal being filed: a second click (or a retry after a lost answer) files nothing new.
  const [key, setKey] = useState(newIdempotencyKey);
  const [saving, setSaving] = useState(false);
  const [filed, setFiled] = useState<Filed>();

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const body = { ...appealBody(values), enterpriseId: values.enterpriseId, channel: values.channel };
      setFiled(await api.post<Filed>('/api/appeals', body, { 'Idempotency-Key': key }));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const another = () => {
    form.resetFields();
    setKey(newIdempotencyKey());
    setFiled(undefined);
  };

  if (filed) {
    return (
      <Result
        status="success"
        title={t('appeal.filed')}
        subTitle={
          <>
            {t('appeal.number')}：
            <strong className="mono" data-testid="appeal-number">
              {filed.number}
            </strong>
          </>
        }
        extra={[
          <Button key="view" type="primary" onClick={() => void navigate(`/appeals/${filed.id}`)} data-testid="appeal-view">
            {t('appeal.view')}
          </Button>,
          <Button key="another" onClick={another} data-testid="appeal-another">
            {t('appeal.fileAnother')}
          </Button>,
        ]}
      />
    );
  }

  return (
    <>
      <PageHeader title={t('menu.appeals-new')} />
      <ChannelNotice channels={['sms']} />
      <Card className="form-card">
        <Form<Values> form={form} layout="vertical" initialValues={{ urgency: 'normal' }} onFinish={(values) => void submit(values)}>
          <Form.Item name="enterpriseId" label={t('appeal.enterprise')} rules={[required(t, t('appeal.enterprise'), 'select')]}>
            <EnterprisePicker />
          </Form.Item>
          <Form.Item name="channel" label={t('appeal.channel')} rules={[required(t, t('appeal.channel'), 'select')]}>
            <Select options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`appeal.channel.${c}`) }))} data-testid="appeal-channel" />
          </Form.Item>
          <AppealFields onBehalf />
          <Button type="primary" htmlType="submit" loading={saving} data-testid="appeal-submit">
            {t('appeal.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
