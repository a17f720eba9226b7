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

/**
 * A length limit that refuses the form instead of cutting the text: pair it with the input's
 * `count={{ show: true, max }}` (not maxLength, which silently cuts a paste) so the count turns red.
 */
export function maxChars(t: I18n['t'], label: string, max: number): FormRule {
  return {
    validator: (_rule, value: unknown) =>
      typeof value === 'string' && value.length > max
        ? Promise.reject(new Error(t('common.tooLong', { label, max, count: value.length })))
        : Promise.resolve(),
  };
}

/** "Please enter/select {label}" for a required field. */
export function required(t: I18n['t'], label: string, kind: 'text' | 'select' = 'text'): FormRule {
  return kind === 'text'
    ? { required: true, whitespace: true, message: t('common.required', { label }) }
    : { required: true, message: t('common.select', { label }) };
}
