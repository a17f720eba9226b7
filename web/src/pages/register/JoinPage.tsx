import { Alert, App, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { useShowError } from '../../errors';
import { useI18n } from '../../i18n';
import { AccountFrame, MOBILE_RULE, SendCodeButton, useCountdown, type SentCode } from './shared';

interface JoinForm {
  mobile: string;
  code: string;
  password: string;
}

/** 受邀加入: the invited mobile proves itself by SMS, sets a password, and is logged in. */
export default function JoinPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<JoinForm>();
  const showError = useShowError();
  const navigate = useNavigate();
  const { refresh } = useAuth();
  const [left, startCountdown] = useCountdown();
  const [sending, setSending] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const { message } = App.useApp();
  // The answer is the same for every mobile: the enterprise is named only once the code is right.
  const [sent, setSent] = useState<SentCode>();

  const sendCode = async () => {
    const values = await form.validateFields(['mobile']).catch(() => undefined);
    if (!values) return;
    setSending(true);
    try {
      const answer = await api.post<SentCode>('/api/join/send-code', { mobile: values.mobile.trim() });
      setSent(answer);
      startCountdown(answer.resendAfterSeconds);
    } catch (err) {
      showError(err, form);
    } finally {
      setSending(false);
    }
  };

  const submit = async (values: JoinForm) => {
    setSubmitting(true);
    try {
      const joined = await api.post<{ user: { enterprise: { name: string } | null } }>('/api/join', {
        mobile: values.mobile.trim(),
        code: values.code.trim(),
        password: values.password,
      });
      void message.success(t('join.joined', { enterprise: joined.user.enterprise?.name ?? '' }));
      await refresh();
      navigate('/portal', { replace: true });
    } catch (err) {
      showError(err, form);
      setSubmitting(false);
    }
  };

  return (
    <AccountFrame title={t('join.title')}>
      <Alert type="info" className="login-error" title={t('join.intro')} data-testid="join-intro" />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item
          name="mobile"
          label={t('acct.mobile')}
          rules={[
            { required: true, message: t('acct.required', { field: t('acct.mobile') }) },
            { pattern: MOBILE_RULE.pattern, message: t(MOBILE_RULE.messageKey) },
          ]}
        >
          <Input inputMode="numeric" maxLength={11} autoComplete="tel" data-testid="join-mobile" />
        </Form.Item>
        <Form.Item
          label={t('acct.code')}
          required
          extra={sent ? t('acct.codeSent', { mobile: sent.sentTo, minutes: Math.round(sent.expiresInSeconds / 60) }) : undefined}
        >
          <Space.Compact block>
            <Form.Item name="code" noStyle rules={[{ required: true, message: t('acct.required', { field: t('acct.code') }) }]}>
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" aria-label={t('acct.code')} data-testid="join-code" />
            </Form.Item>
            <SendCodeButton left={left} loading={sending} onClick={() => void sendCode()} testId="join-send-code" />
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name="password"
          label={t('acct.password')}
          extra={t('acct.passwordHint')}
          rules={[{ required: true, message: t('acct.required', { field: t('acct.password') }) }]}
        >
          <Input.Password autoComplete="new-password" data-testid="join-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting} disabled={!sent} data-testid="join-submit">
          {t('join.submit')}
        </Button>
      </Form>
    </AccountFrame>
  );
}
