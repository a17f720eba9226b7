import { Form, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import type { FormRule } from 'antd';
import { PARAM_FIELDS, type ParamField } from '@server/modules/warnings/rule-fields.ts';
import { useI18n, type I18n } from '../../i18n';
import type { RuleKind, WarningRule } from '../warnings/types';

export type RuleParams = Partial<Record<ParamField['key'], number>>;

/** The server's bounds, checked before sending, with the field's name and unit in the message. */
function boundsRule(t: I18n['t'], f: ParamField, label: string): FormRule {
  const unit = t(`warn.unit.${f.unit}`);
  return {
    validator: (_rule, value: unknown) => {
      if (typeof value !== 'number') return Promise.resolve();
      if (f.integer && !Number.isInteger(value)) return Promise.reject(new Error(t('warn.param.integer', { label })));
      const low = f.exclusiveMin ? value <= f.min : value < f.min;
      if (low || value > f.max)
        return Promise.reject(
          new Error(t(f.exclusiveMin ? 'warn.param.above' : 'warn.param.range', { label, min: f.min, max: f.max, unit })),
        );
      return Promise.resolve();
    },
  };
}

/** One number field per parameter of the rule's kind, named params.<key> so the server's field errors land on it. */
export function RuleParamsFields({ kind }: { kind: RuleKind }) {
  const { t } = useI18n();
  const [showJson, setShowJson] = useState(false);
  const params = Form.useWatch<RuleParams | undefined>('params', Form.useFormInstance());
  return (
    <>
      <Form.Item label={t('warn.rules.comparison')}>
        <Typography.Text type="secondary" data-testid="rule-comparison">
          {t(`warn.compare.${kind}`)}
        </Typography.Text>
      </Form.Item>
      {PARAM_FIELDS[kind].map((f) => {
        const label = t(`warn.param.${f.key}`);
        return (
          <Form.Item
            key={f.key}
            name={['params', f.key]}
            label={label}
            rules={[{ required: true, message: t('common.required', { label }) }, boundsRule(t, f, label)]}
          >
            <InputNumber
              style={{ width: 200 }}
              step={f.integer ? 1 : 5}
              suffix={t(`warn.unit.${f.unit}`)}
              aria-label={label}
              data-testid={`param-${f.key}`}
            />
          </Form.Item>
        );
      })}
      <Typography.Link onClick={() => setShowJson((v) => !v)} data-testid="rule-json-toggle">
        {t('warn.rules.json')}
      </Typography.Link>
      {showJson && (
        <div data-testid="rule-json">
          <Typography.Text type="secondary">{t('warn.rules.jsonHint')}</Typography.Text>
          <pre className="mono">{JSON.stringify(params ?? {}, null, 2)}</pre>
        </div>
      )}
    </>
  );
}

/** A rule's parameters in words, for the list: "降幅阈值 30 %；比较月数 3 个月". */
export function paramsInWords(t: I18n['t'], rule: WarningRule): string {
  const p = rule.params as RuleParams;
  const parts = PARAM_FIELDS[rule.kind].map((f) => `${t(`warn.param.${f.key}`)} ${p[f.key] ?? '—'} ${t(`warn.unit.${f.unit}`)}`);
  return parts.length ? parts.join('；') : '—';
}
