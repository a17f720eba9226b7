import { App, Button, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { useShowError } from '../../errors';
import { orDash } from '../../format';
import { IndustryMultiSelect, useIndustryNames } from '../../components/IndustrySelect';
import { useI18n } from '../../i18n';
import { LevelTag } from './Tags';
import { CATEGORIES, LEVELS, type PolicyDetail, type PolicyLevel } from './types';

interface Values {
  code: string;
  title: string;
  docNumber?: string;
  issuer: string;
  departmentId?: number;
  level: PolicyLevel;
  category?: string;
  effective: [Dayjs, Dayjs | null];
  summary?: string;
  benefit?: string;
  maxAmount?: number | null;
  industryCodes?: string[];
  autoGrant?: boolean;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 基本信息: the edit form for officers, read-only descriptions for everyone else. */
export function BasicTab({
  policy,
  editable,
  onSaved,
}: {
  policy: PolicyDetail | undefined;
  editable: boolean;
  onSaved: (id: number) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const industryNames = useIndustryNames();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  if (policy && !editable) {
    return (
      <Descriptions bordered column={2} size="small">
        <Descriptions.Item label={t('pol.code')}>{policy.code}</Descriptions.Item>
        <Descriptions.Item label={t('pol.docNumber')}>{orDash(policy.docNumber)}</Descriptions.Item>
        <Descriptions.Item label={t('pol.issuer')}>{policy.issuer}</Descriptions.Item>
        <Descriptions.Item label={t('pol.department')}>{orDash(policy.departmentName)}</Descriptions.Item>
        <Descriptions.Item label={t('pol.level')}>
          <LevelTag level={policy.level} />
        </Descriptions.Item>
        <Descriptions.Item label={t('pol.category')}>{orDash(policy.category)}</Descriptions.Item>
        <Descriptions.Item label={t('pol.effective')}>
          {policy.effectiveFrom} ~ {policy.effectiveTo ?? t('pol.noEnd')}
        </Descriptions.Item>
        <Descriptions.Item label={t('pol.maxAmount')}>
          {policy.maxAmount === null ? '—' : `${policy.maxAmount} ${t('pol.amountUnit')}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('pol.industries')} span={2}>
          {policy.industryCodes.length
            ? policy.industryCodes.map((c) => (
                <Tag key={c}>
                  {c} {industryNames.get(c)}
                </Tag>
              ))
            : t('pol.allIndustries')}
        </Descriptions.Item>
        <Descriptions.Item label={t('pol.autoGrant')}>{policy.autoGrant ? t('pol.rule.yes') : t('pol.rule.no')}</Descriptions.Item>
        <Descriptions.Item label={t('pol.tab.rule')}>{policy.ruleVersion === null ? '—' : `v${policy.ruleVersion}`}</Descriptions.Item>
        <Descriptions.Item label={t('pol.summary')} span={2}>
          {orDash(policy.summary)}
        </Descriptions.Item>
        <Descriptions.Item label={t('pol.benefit')} span={2}>
          {orDash(policy.benefit)}
        </Descriptions.Item>
      </Descriptions>
    );
  }

  const initial: Partial<Values> = policy
    ? {
        code: policy.code,
        title: policy.title,
        docNumber: policy.docNumber ?? '',
        issuer: policy.issuer,
        departmentId: policy.departmentId ?? undefined,
        level: policy.level,
        category: policy.category,
        effective: [dayjs(policy.effectiveFrom), policy.effectiveTo ? dayjs(policy.effectiveTo) : null],
        summary: policy.summary,
        benefit: policy.benefit,
        maxAmount: policy.maxAmount,
        industryCodes: policy.industryCodes,
        autoGrant: policy.autoGrant,
      }
    : { level: 'district', autoGrant: false, industryCodes: [] };

  const save = async (v: Values) => {
    setSaving(true);
    const body = {
      code: v.code,
      title: v.title,
      docNumber: v.docNumber?.trim() || null,
      issuer: v.issuer,
      departmentId: v.departmentId ?? null,
      level: v.level,
      category: v.category ?? '',
      effectiveFrom: day(v.effective[0]),
      effectiveTo: day(v.effective[1]),
      summary: v.summary ?? '',
      benefit: v.benefit ?? '',
      maxAmount: v.maxAmount ?? null,
      industryCodes: v.industryCodes ?? [],
      autoGrant: v.autoGrant ?? false,
    };
    try {
      if (policy) {
        await api.patch(`/api/policies/${policy.id}`, body);
        void message.success(t('common.saved'));
        onSaved(policy.id);
      } else {
        const r = await api.post<{ id: number }>('/api/policies', body);
        onSaved(r.id);
      }
    } catch (err) {
      // The server names effectiveFrom / effectiveTo; the form holds both in one range field.
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => void save(v)}
      style={{ maxWidth: 900 }}
      data-testid="policy-form"
    >
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
        <Form.Item name="code" label={t('pol.code')} rules={[{ required: true }]}>
          <Input data-testid="policy-code" />
        </Form.Item>
        <Form.Item name="docNumber" label={t('pol.docNumber')}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label={t('pol.title')} rules={[{ required: true }]} style={{ gridColumn: 'span 2' }}>
          <Input data-testid="policy-title" />
        </Form.Item>
        <Form.Item name="issuer" label={t('pol.issuer')} rules={[{ required: true }]}>
          <Input data-testid="policy-issuer" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('pol.department')}>
          <DepartmentSelect allowClear />
        </Form.Item>
        <Form.Item name="level" label={t('pol.level')} rules={[{ required: true }]}>
          <Select options={LEVELS.map((l) => ({ value: l, label: t(`pol.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('pol.category')}>
          <Select allowClear options={CATEGORIES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="effective" label={t('pol.effective')} rules={[{ required: true }]}>
          <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} data-testid="policy-effective" />
        </Form.Item>
        <Form.Item name="maxAmount" label={`${t('pol.maxAmount')}（${t('pol.amountUnit')}）`}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="industryCodes" label={t('pol.industries')} style={{ gridColumn: 'span 2' }}>
          <IndustryMultiSelect placeholder={t('pol.allIndustries')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="summary" label={t('pol.summary')} style={{ gridColumn: 'span 2' }}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="benefit" label={t('pol.benefit')} style={{ gridColumn: 'span 2' }}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="autoGrant" valuePropName="checked">
          <Checkbox>{t('pol.autoGrant')}</Checkbox>
        </Form.Item>
      </div>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="policy-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
