import { App, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useShowError } from '../../errors';
import { useI18n } from '../../i18n';
import type { PolicyDetail } from './types';

interface Values {
  fullText: string;
  interpretation: string;
}

/** 政策原文与解读: read by everyone, edited by officers (the search index follows the text). */
export function TextTab({ policy, editable, onSaved }: { policy: PolicyDetail; editable: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  if (!editable) {
    return (
      <>
        <Typography.Title level={5}>{t('pol.fullText')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="policy-fulltext">
          {policy.fullText || '—'}
        </Typography.Paragraph>
        <Typography.Title level={5}>{t('pol.interpretation')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{policy.interpretation || '—'}</Typography.Paragraph>
      </>
    );
  }
  const save = async (v: Values) => {
    setSaving(true);
    try {
      await api.patch(`/api/policies/${policy.id}`, v);
      void message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ fullText: policy.fullText, interpretation: policy.interpretation }}
      onFinish={(v) => void save(v)}
    >
      <Form.Item name="fullText" label={t('pol.fullText')}>
        <Input.TextArea rows={16} data-testid="policy-fulltext" />
      </Form.Item>
      <Form.Item name="interpretation" label={t('pol.interpretation')}>
        <Input.TextArea rows={10} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="policy-text-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
