import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Result, Select, Switch, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { EligibilityExplanation } from '../../components/EligibilityExplanation';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { useShowValue } from '../../components/useShowValue';
import { setFieldErrors, useShowError, asApiError } from '../../errors';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Prefill, SubmitResult, Value } from '../policy-applications/shared/types';
import '../policy-applications/shared/applications.css';

type Field = Prefill['fields'][number];
type FormValue = number | string | string[] | boolean | Dayjs | null | undefined;
interface Values {
  declared: Record<string, FormValue>;
  contactName: string;
  contactPhone: string;
  requestedAmount?: number | null;
}

/** The form control for a declared value of the field's kind (wrapped, so a test finds it by field). */
function ValueInput({ field, ...rest }: { field: Field; value?: FormValue; onChange?: (v: FormValue) => void }) {
  const props = rest as object;
  const control =
    field.kind === 'number' ? (
      <InputNumber style={{ width: '100%' }} addonAfter={field.unit ?? undefined} {...props} />
    ) : field.kind === 'date' ? (
      <DatePicker style={{ width: '100%' }} {...props} />
    ) : field.kind === 'boolean' ? (
      <Switch {...props} />
    ) : field.kind === 'codes' ? (
      <Select mode="tags" style={{ width: '100%' }} {...props} />
    ) : (
      <Input {...props} />
    );
  return <div data-testid={`declared-${field.field}`}>{control}</div>;
}

const toForm = (f: Field): FormValue => (f.kind === 'date' && typeof f.held === 'string' ? dayjs(f.held) : (f.held ?? undefined));
const fromForm = (v: FormValue): Value => {
  if (v === undefined || v === null || v === '') return null;
  if (dayjs.isDayjs(v)) return v.format('YYYY-MM-DD');
  return v as Value;
};

/** 在线申报: the form pre-filled from the enterprise file, materials, contact; the answer (秒批 or review) at once. */
export default function PortalApplyPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const showError = useShowError();
  const show = useShowValue();
  const [params] = useSearchParams();
  const noticeId = Number(params.get('noticeId'));
  const { data, error, reload } = useRequest<Prefill>(noticeId > 0 ? '/api/applications/prefill' : null, { noticeId });
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<Record<number, UploadFile[]>>({});
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<SubmitResult>();

  if (!(noticeId > 0)) return <Alert type="error" showIcon title={t('apl.noNotice')} />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;

  if (result) {
    return (
      <div className="apl-stack" data-testid="apply-result">
        <Result
          status={result.instant ? 'success' : 'info'}
          title={result.instant ? t('apl.instantDone') : t('apl.submittedTitle')}
          subTitle={`${result.number} · ${result.instant ? t('apl.instantHint') : t(`apl.flagHint.${result.flag ?? 'no_rule'}`)}`}
          extra={
            <Button type="primary" block onClick={() => void navigate(`/portal/applications/${result.id}`)} data-testid="apply-view">
              {t('apl.viewApplication')}
            </Button>
          }
        />
        {result.differences.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('apl.differencesFound', { n: result.differences.length })}
            description={result.differences
              .map((d) =>
                t('apl.differenceLine', { label: lang === 'zh' ? d.label : d.labelEn, declared: show(d.declared), held: show(d.held) }),
              )
              .join('；')}
          />
        )}
        {result.explanation && (
          <Card size="small" title={t('apl.explanation')}>
            <EligibilityExplanation layout="compact" conditions={result.explanation.conditions} />
          </Card>
        )}
      </div>
    );
  }

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const declared: Record<string, Value> = {};
      for (const f of data.fields) declared[f.field] = fromForm(v.declared?.[f.field]);
      const body = new FormData();
      body.append(
        'data',
        JSON.stringify({
          noticeId,
          declared,
          contactName: v.contactName,
          contactPhone: v.contactPhone,
          requestedAmount: v.requestedAmount ?? null,
        }),
      );
      for (const [index, list] of Object.entries(files))
        for (const f of list) if (f.originFileObj) body.append(`materials.${index}`, f.originFileObj, f.name);
      setResult(await api.post<SubmitResult>('/api/applications', body));
      window.scrollTo(0, 0);
    } catch (err) {
      const e = asApiError(err);
      setFieldErrors(form, e);
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const initial: Values = {
    declared: Object.fromEntries(data.fields.map((f) => [f.field, toForm(f)])),
    contactName: data.contact.name ?? '',
    contactPhone: data.contact.phone ?? '',
  };

  return (
    <div className="apl-stack" data-testid="apply-page">
      <Card size="small" title={data.notice.title}>
        <div className="apl-muted">{data.policy.title}</div>
        {data.policy.benefit && <div>{data.policy.benefit}</div>}
        <div className="apl-muted">
          {t('apl.window', { from: formatDateTime(data.notice.opensAt, lang), to: formatDateTime(data.notice.closesAt, lang) })}
        </div>
      </Card>
      {data.existing && (
        <Alert
          type="info"
          showIcon
          title={t('apl.alreadyApplied', { number: data.existing.number })}
          action={<Link to={`/portal/applications/${data.existing.id}`}>{t('apl.viewApplication')}</Link>}
          data-testid="apply-existing"
        />
      )}
      {!data.notice.open && <Alert type="warning" showIcon title={t('apl.windowClosed')} data-testid="apply-closed" />}
      {data.explanation && (
        <Card
          size="small"
          title={t(
            data.explanation.eligibility === 'eligible'
              ? 'apl.prefillEligible'
              : data.explanation.eligibility === 'ineligible'
                ? 'apl.prefillIneligible'
                : 'apl.prefillUnknown',
          )}
        >
          <EligibilityExplanation layout="compact" conditions={data.explanation.conditions} />
        </Card>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        disabled={!data.notice.open || data.existing !== null}
      >
        {data.fields.length > 0 && (
          <Card size="small" title={t('apl.declaredTitle')} extra={<span className="apl-muted">{t('apl.prefilled')}</span>}>
            {data.fields.map((f) => (
              <Form.Item
                key={f.field}
                name={['declared', f.field]}
                label={lang === 'zh' ? f.label : f.labelEn}
                extra={t('apl.heldHint', { value: show(f.held, f.unit), source: f.source })}
                valuePropName={f.kind === 'boolean' ? 'checked' : 'value'}
              >
                <ValueInput field={f} />
              </Form.Item>
            ))}
          </Card>
        )}
        <Card size="small" title={t('apl.materials')}>
          {data.materials.map((m) => (
            <Form.Item key={m.index} name={['materials', String(m.index)]} label={m.name} required={m.required}>
              <div data-testid={`material-${m.index}`}>
                <Upload
                  multiple
                  beforeUpload={() => false}
                  fileList={files[m.index] ?? []}
                  onChange={({ fileList }) => setFiles((all) => ({ ...all, [m.index]: fileList }))}
                  accept=".pdf,.jpg,.jpeg,.png,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
                >
                  <Button icon={<UploadOutlined />}>{t('apl.chooseFile')}</Button>
                </Upload>
              </div>
            </Form.Item>
          ))}
        </Card>
        <Card size="small" title={t('apl.contactTitle')}>
          <Form.Item name="contactName" label={t('apl.contactName')} rules={[{ required: true, message: t('apl.contactNameRequired') }]}>
            <Input maxLength={40} data-testid="apply-contact-name" />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={t('apl.contactPhone')}
            rules={[{ required: true, pattern: /^1\d{10}$/, message: t('apl.contactPhoneInvalid') }]}
          >
            <Input inputMode="tel" maxLength={11} data-testid="apply-contact-phone" />
          </Form.Item>
          <Form.Item
            name="requestedAmount"
            label={t('apl.requested')}
            extra={data.policy.maxAmount !== null ? t('apl.maxAmount', { amount: data.policy.maxAmount }) : undefined}
          >
            <InputNumber min={0} style={{ width: '100%' }} addonAfter={t('apl.unitWan')} data-testid="apply-amount" />
          </Form.Item>
        </Card>
        <Button type="primary" htmlType="submit" size="large" block loading={saving} style={{ marginTop: 12 }} data-testid="apply-submit">
          {t('apl.submit')}
        </Button>
      </Form>
    </div>
  );
}
