import { Alert, Button, Form, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useShowError } from '../../errors';
import { useI18n } from '../../i18n';

/** The registrant's mobile is not in the file: a signed 授权委托书 goes to the front desk. */
export function LetterStep(props: {
  proof: string;
  enterpriseName: string;
  fileMobiles: string[];
  displayName: string;
  password: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const showError = useShowError();
  const [file, setFile] = useState<File>();
  const [sending, setSending] = useState(false);

  const submit = async () => {
    if (!file) return;
    const form = new FormData();
    form.append('proof', props.proof);
    form.append('displayName', props.displayName);
    form.append('password', props.password);
    form.append('letter', file, file.name);
    setSending(true);
    try {
      await api.post('/api/registration/letter', form);
      props.onDone();
    } catch (err) {
      showError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <div data-testid="register-letter-step">
      <Alert type="warning" className="login-error" title={t('reg.letterIntro', { enterprise: props.enterpriseName })} />
      {props.fileMobiles.length > 0 && (
        <Typography.Paragraph type="secondary">{t('reg.fileMobiles', { mobiles: props.fileMobiles.join('、') })}</Typography.Paragraph>
      )}
      <Form layout="vertical">
        <Form.Item label={t('reg.letterFile')} extra={t('reg.letterChoose')}>
          <input
            type="file"
            accept="application/pdf,image/*"
            onChange={(e) => setFile(e.target.files?.[0])}
            data-testid="register-letter"
          />
        </Form.Item>
        <Button
          type="primary"
          block
          size="large"
          disabled={!file}
          loading={sending}
          onClick={() => void submit()}
          data-testid="register-letter-submit"
        >
          {t('reg.letterSubmit')}
        </Button>
      </Form>
    </div>
  );
}
