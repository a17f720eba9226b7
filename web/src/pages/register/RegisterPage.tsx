import { Alert, App, Button, Form, Input, Result, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { asApiError, useShowError } from '../../errors';
import { useI18n } from '../../i18n';
import { LetterStep } from './LetterStep';
import { AccountFrame, MOBILE_RULE, SendCodeButton, useCountdown, type SentCode } from './shared';

interface RegisterForm {
  uscc: string;
  mobile: string;
  displayName: string;
  password: string;
  code: string;
}

type Outcome =
  | { outcome: 'created'; enterpriseRole: 'admin' | 'agent'; user: { enterprise: { name: string } | null } }
  | { outcome: 'letter_required'; proof: string; enterpriseName: string; fileMobiles: string[] };

/** 企业注册, phone first: credit code and own mobile → SMS code → account (or the 授权委托书). */
export default function RegisterPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<RegisterForm>();
  const showError = useShowError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { refresh } = useAuth();
  const [left, startCountdown] = useCountdown();
  const [sending, setSending] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState<SentCode>();
  const [notInFile, setNotInFile] = useState(false);
  const [letter, setLetter] = useState<Extract<Outcome, { outcome: 'letter_required' }>>();
  const [done, setDone] = useState<string>();
  const [enterpriseName, setEnterpriseName] = useState('');
  const [found, setFound] = useState<string>();

  /** Names the enterprise as soon as the credit code is complete, or says it is not in the file. */
  const lookUp = async (uscc: string) => {
    setFound(undefined);
    if (uscc.trim().length !== 18) return;
    try {
      setFound((await api.get<{ name: string }>('/api/registration/enterprise', { uscc: uscc.trim() })).name);
    } catch (err) {
      const details = asApiError(err).details as { notInFile?: boolean } | null;
      if (details?.notInFile) setNotInFile(true);
      showError(err, form);
    }
  };

  const sendCode = async () => {
    const values = await form.validateFields(['uscc', 'mobile', 'displayName', 'password']).catch(() => undefined);
    if (!values) return;
    setSending(true);
    try {
      const answer = await api.post<SentCode>('/api/registration/send-code', { uscc: values.uscc.trim(), mobile: values.mobile.trim() });
      setSent(answer);
      startCountdown(answer.resendAfterSeconds);
    } catch (err) {
      const details = asApiError(err).details as { notInFile?: boolean } | null;
      if (details?.notInFile) setNotInFile(true);
      showError(err, form);
    } finally {
      setSending(false);
    }
  };

  const submit = async (values: RegisterForm) => {
    setSubmitting(true);
    try {
      const answer = await api.post<Outcome>('/api/registration', {
        ...values,
        uscc: values.uscc.trim(),
        mobile: values.mobile.trim(),
        code: values.code.trim(),
      });
      if (answer.outcome === 'letter_required') {
        setLetter(answer);
      } else {
        void message.success(
          t('reg.created', { enterprise: answer.user.enterprise?.name ?? '', role: t(`acct.role.${answer.enterpriseRole}`) }),
        );
        await refresh();
        navigate('/portal', { replace: true });
      }
    } catch (err) {
      const details = asApiError(err).details as { notInFile?: boolean } | null;
      if (details?.notInFile) setNotInFile(true);
      showError(err, form);
    } finally {
      setSubmitting(false);
    }
  };

  /** The mobile is proven by the code sent for this credit code, as for registering. */
  const requestAdd = async () => {
    const values = await form.validateFields(['uscc', 'mobile', 'displayName', 'code']).catch(() => undefined);
    if (!values) return;
    try {
      await api.post('/api/registration/enterprise-requests', {
        uscc: values.uscc.trim(),
        mobile: values.mobile.trim(),
        code: values.code.trim(),
        displayName: values.displayName,
        enterpriseName,
      });
      setDone(t('reg.requestSent'));
    } catch (err) {
      showError(err, form);
    }
  };

  if (done) {
    return (
      <AccountFrame title={t('reg.title')}>
        <Result status="success" title={done} extra={<Link to="/login">{t('login.backToLogin')}</Link>} data-testid="register-done" />
      </AccountFrame>
    );
  }
  if (letter) {
    const values = form.getFieldsValue();
    return (
      <AccountFrame title={t('reg.letterTitle')}>
        <LetterStep
          proof={letter.proof}
          enterpriseName={letter.enterpriseName}
          fileMobiles={letter.fileMobiles}
          displayName={values.displayName}
          password={values.password}
          onDone={() => setDone(t('reg.letterSent'))}
        />
      </AccountFrame>
    );
  }
  return (
    <AccountFrame title={t('reg.title')}>
      <Alert type="info" className="login-error" title={t('reg.intro')} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item
          name="uscc"
          label={t('acct.uscc')}
          extra={found}
          rules={[{ required: true, whitespace: true, message: t('acct.required', { field: t('acct.uscc') }) }]}
        >
          <Input
            maxLength={18}
            autoComplete="off"
            data-testid="register-uscc"
            onChange={() => setNotInFile(false)}
            onBlur={(e) => void lookUp(e.target.value)}
          />
        </Form.Item>
        {notInFile && (
          <Alert
            type="warning"
            className="login-error"
            title={t('reg.notInFile')}
            data-testid="register-not-in-file"
            description={
              <>
                <div>{t('reg.requestHint')}</div>
                <Space.Compact block>
                  <Input
                    placeholder={t('reg.enterpriseName')}
                    aria-label={t('reg.enterpriseName')}
                    value={enterpriseName}
                    onChange={(e) => setEnterpriseName(e.target.value)}
                    data-testid="register-enterprise-name"
                  />
                  <Button
                    onClick={() => void requestAdd()}
                    disabled={enterpriseName.trim().length < 2 || !sent}
                    data-testid="register-request-add"
                  >
                    {t('reg.requestAdd')}
                  </Button>
                </Space.Compact>
              </>
            }
          />
        )}
        <Form.Item
          name="mobile"
          label={t('acct.mobile')}
          rules={[
            { required: true, message: t('acct.required', { field: t('acct.mobile') }) },
            { pattern: MOBILE_RULE.pattern, message: t(MOBILE_RULE.messageKey) },
          ]}
        >
          <Input inputMode="numeric" maxLength={11} autoComplete="tel" data-testid="register-mobile" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('acct.name')}
          rules={[{ required: true, whitespace: true, message: t('acct.required', { field: t('acct.name') }) }]}
        >
          <Input maxLength={50} autoComplete="name" data-testid="register-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('acct.password')}
          extra={t('acct.passwordHint')}
          rules={[{ required: true, message: t('acct.required', { field: t('acct.password') }) }]}
        >
          <Input.Password autoComplete="new-password" data-testid="register-password" />
        </Form.Item>
        <Form.Item
          label={t('acct.code')}
          required
          extra={sent ? t('acct.codeSent', { mobile: sent.sentTo, minutes: Math.round(sent.expiresInSeconds / 60) }) : undefined}
        >
          <Space.Compact block>
            <Form.Item name="code" noStyle rules={[{ required: true, message: t('acct.required', { field: t('acct.code') }) }]}>
              <Input
                inputMode="numeric"
                maxLength={6}
                autoComplete="one-time-code"
                aria-label={t('acct.code')}
                data-testid="register-code"
              />
            </Form.Item>
            <SendCodeButton left={left} loading={sending} onClick={() => void sendCode()} testId="register-send-code" />
          </Space.Compact>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting} disabled={!sent} data-testid="register-submit">
          {t('reg.submit')}
        </Button>
      </Form>
    </AccountFrame>
  );
}
