import type { FormRule } from 'antd';
import type { I18n } from './i18n';

/** The server's rule (8+ characters, letters and digits), checked before sending. */
export function passwordRules(t: I18n['t'], label = t('password.new')): FormRule[] {
  return [
    { required: true, message: t('common.required', { label }) },
    { min: 8, message: t('password.tooShort') },
    { pattern: /^(?=.*[A-Za-z])(?=.*\d)/, message: t('password.needMix') },
  ];
}

/** "Please enter/select {label}" for a required field. */
export function required(t: I18n['t'], label: string, kind: 'text' | 'select' = 'text'): FormRule {
  return kind === 'text'
    ? { required: true, whitespace: true, message: t('common.required', { label }) }
    : { required: true, message: t('common.select', { label }) };
}
