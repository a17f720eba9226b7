import { Button, Card, Form, Result } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, newIdempotencyKey, type Answer } from '../../api';
import { useMe } from '../../auth/AuthContext';
import { AppealFields, appealBody, type AppealFieldValues } from '../../components/AppealFields';
import { useShowError } from '../../errors';
import { useI18n } from '../../i18n';
import '../portal-appeal/portal-appeal.css';

type Filed = Answer<'/api/appeals', 'post'>;

/** 我要提诉求: what the problem is, with the likely service item suggested as the enterprise types. */
export default function PortalAppealNewPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const showError = useShowError();
  const [form] = Form.useForm<AppealFieldValues>();
  // One key per appeal being filed: a double tap (or a retry after a lost answer) files it once.
  const [key, setKey] = useState(newIdempotencyKey);
  const [saving, setSaving] = useState(false);
  const [filed, setFiled] = useState<Filed>();

  const submit = async (values: AppealFieldValues) => {
    setSaving(true);
    try {
      setFiled(await api.post<Filed>('/api/appeals', appealBody(values), { 'Idempotency-Key': key }));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  if (filed) {
    return (
      <Card className="portal-card">
        <Result
          status="success"
          title={t('appeal.filed')}
          subTitle={
            <>
              <div>
                {t('appeal.number')}：
                <strong className="mono" data-testid="appeal-number">
                  {filed.number}
                </strong>
              </div>
              <div>{t('portal.appeals.filedHint')}</div>
            </>
          }
          extra={
            <div className="portal-result-actions">
              <Button type="primary" block onClick={() => void navigate(`/portal/appeals/${filed.id}`)} data-testid="appeal-view">
                {t('appeal.viewProgress')}
              </Button>
              <Button
                block
                onClick={() => {
                  form.resetFields();
                  setKey(newIdempotencyKey());
                  setFiled(undefined);
                }}
                data-testid="appeal-another"
              >
                {t('appeal.fileAnother')}
              </Button>
            </div>
          }
        />
      </Card>
    );
  }

  return (
    <Card className="portal-card" title={t('appeal.new')} extra={<Link to="/portal/appeals">{t('portal.appeals.mine')}</Link>}>
      <Form<AppealFieldValues>
        form={form}
        layout="vertical"
        initialValues={{ urgency: 'normal', contactName: me.displayName }}
        onFinish={(values) => void submit(values)}
      >
        <AppealFields />
        <Button type="primary" htmlType="submit" size="large" block loading={saving} data-testid="appeal-submit">
          {t('appeal.submit')}
        </Button>
      </Form>
    </Card>
  );
}
