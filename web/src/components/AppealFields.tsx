import { BulbOutlined } from '@ant-design/icons';
import { Form, Input, Radio, Tag, Tooltip, Typography } from 'antd';
import { APPEAL_TYPES, type AppealType, type Urgency } from '../appeals';
import { SUGGEST_MAX, useSuggestions } from '../hooks/useSuggestions';
import { useI18n } from '../i18n';
import { maxChars, required } from '../rules';
import { ServiceItemPicker } from './ServiceItemPicker';

/** The fields an appeal is filed with, by the enterprise itself or by staff on its behalf. */
export interface AppealFieldValues {
  title: string;
  description: string;
  serviceItemId?: number;
  contactName?: string;
  contactPhone?: string;
  urgency: Urgency;
  appealType?: AppealType;
}

/** The body of POST /api/appeals for these fields, leaving out what was left empty. */
export function appealBody(v: AppealFieldValues) {
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    serviceItemId: v.serviceItemId,
    contactName: v.contactName?.trim() || undefined,
    contactPhone: v.contactPhone?.trim() || undefined,
    urgency: v.urgency,
    appealType: v.appealType,
  };
}

const TITLE_MAX = 100;
const DESCRIPTION_MAX = 5000;

/** The top suggestions for what has been typed, as chips that pick the service item; or why there are none. */
function Suggestions() {
  const { t } = useI18n();
  const form = Form.useFormInstance<AppealFieldValues>();
  const title = Form.useWatch('title', form) ?? '';
  const description = Form.useWatch('description', form) ?? '';
  const selected = Form.useWatch('serviceItemId', form);
  const tooLong = description.length > DESCRIPTION_MAX;
  const { items, error } = useSuggestions(description.trim() && !tooLong ? `${title} ${description}` : '');
  if (tooLong || error) {
    return (
      <Typography.Text type="secondary" className="suggestions" data-testid="suggestions-none">
        {tooLong ? t('appeal.suggestTooLong', { max: SUGGEST_MAX }) : t('appeal.suggestFailed', { reason: error ?? '' })}
      </Typography.Text>
    );
  }
  if (items.length === 0) return null;
  return (
    <div className="suggestions" data-testid="suggestions">
      <span className="suggestions-label">
        <BulbOutlined /> {t('appeal.suggested')}
      </span>
      {items.map((s) => (
        <Tooltip
          key={s.serviceItemId}
          title={t('appeal.suggestionTitle', { category: s.categoryName, department: s.departmentName, terms: s.terms.join('、') })}
        >
          <Tag.CheckableTag
            checked={selected === s.serviceItemId}
            onChange={() => form.setFieldValue('serviceItemId', s.serviceItemId)}
            className="suggestion"
            data-testid="suggestion"
            data-item={s.serviceItemId}
          >
            {s.name} · {Math.round(s.confidence * 100)}%
          </Tag.CheckableTag>
        </Tooltip>
      ))}
    </div>
  );
}

/** `onBehalf`: a specialist enters it for the enterprise (代企业录入), so the hints speak to the specialist. */
export function AppealFields({ onBehalf = false }: { onBehalf?: boolean }) {
  const { t } = useI18n();
  const word = onBehalf ? ('appeal.onBehalf.' as const) : ('appeal.' as const);
  return (
    <>
      <Form.Item name="appealType" label={t('appeal.type')} extra={t('appeal.typeHint')} initialValue="help">
        <Radio.Group
          optionType="button"
          options={APPEAL_TYPES.map((type) => ({ value: type, label: t(`appeal.type.${type}`) }))}
          data-testid="appeal-type"
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('appeal.title')}
        rules={[required(t, t('appeal.title')), { min: 4, message: t('appeal.titleTooShort') }, maxChars(t, t('appeal.title'), TITLE_MAX)]}
      >
        <Input count={{ show: true, max: TITLE_MAX }} placeholder={t(`${word}titlePlaceholder`)} data-testid="appeal-title" />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('appeal.description')}
        rules={[
          required(t, t('appeal.description')),
          { min: 10, message: t('appeal.descriptionTooShort') },
          maxChars(t, t('appeal.description'), DESCRIPTION_MAX),
        ]}
      >
        <Input.TextArea
          rows={5}
          count={{ show: true, max: DESCRIPTION_MAX }}
          placeholder={t(`${word}descriptionPlaceholder`)}
          data-testid="appeal-description"
        />
      </Form.Item>
      <Suggestions />
      <Form.Item name="serviceItemId" label={t('appeal.serviceItem')} extra={t(`${word}serviceItemHint`)}>
        <ServiceItemPicker data-testid="appeal-service-item" />
      </Form.Item>
      <Form.Item name="contactName" label={t(`${word}contactName`)}>
        <Input maxLength={30} autoComplete="name" data-testid="appeal-contact-name" />
      </Form.Item>
      <Form.Item name="contactPhone" label={t(`${word}contactPhone`)} rules={[{ pattern: /^1\d{10}$/, message: t('users.mobileInvalid') }]}>
        <Input maxLength={11} inputMode="numeric" autoComplete="tel" data-testid="appeal-contact-phone" />
      </Form.Item>
      <Form.Item name="urgency" label={t('appeal.urgency')} extra={t(`${word}urgencyHint`)}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'normal', label: t('appeal.urgency.normal') },
            { value: 'urgent', label: t('appeal.urgency.urgent') },
          ]}
          data-testid="appeal-urgency"
        />
      </Form.Item>
    </>
  );
}
