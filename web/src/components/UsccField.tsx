import { Form, Input } from 'antd';
import { useRef } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { UsccCheck } from '../types';

/**
 * A unified social credit code, checked by the server as the user types (debounced):
 * the reason it is wrong becomes the field's error, warnings show as warnings.
 */
export function UsccField({ name, label, isRequired = true }: { name: string; label: string; isRequired?: boolean }) {
  const { t } = useI18n();
  const checks = useRef(new Map<string, Promise<UsccCheck>>());

  const check = (code: string): Promise<UsccCheck> => {
    let pending = checks.current.get(code);
    if (!pending) {
      pending = api.get<UsccCheck>('/api/validate/uscc', { code });
      pending.catch(() => checks.current.delete(code));
      checks.current.set(code, pending);
    }
    return pending;
  };

  return (
    <Form.Item
      name={name}
      label={label}
      hasFeedback
      validateDebounce={400}
      normalize={(value: string | undefined) => value?.toUpperCase().replace(/\s+/g, '')}
      rules={[
        { required: isRequired, message: t('common.required', { label }) },
        {
          validator: async (_, value: string | undefined) => {
            if (!value) return;
            const result = await check(value);
            if (!result.valid) throw new Error(result.reason ?? t('uscc.invalid'));
          },
        },
        {
          warningOnly: true,
          validator: async (_, value: string | undefined) => {
            if (!value) return;
            const result = await check(value);
            if (result.valid && result.warnings?.length) throw new Error(result.warnings.join(t('common.listSeparator')));
          },
        },
      ]}
    >
      <Input maxLength={18} className="mono" placeholder="91XXXXXXXXXXXXXXXX" data-testid="uscc-input" />
    </Form.Item>
  );
}
