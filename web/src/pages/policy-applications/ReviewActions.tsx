import { Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { maxChars } from '../../rules';
import { useI18n } from '../../i18n';
import type { ApplicationAction, ApplicationDetail } from './shared/types';
import { shanghaiToday } from '../../format';

interface Values {
  comment?: string;
  reason?: string;
  materials?: string[];
  approvedAmount?: number;
  signedOn?: Dayjs;
  amount?: number;
  paidOn?: Dayjs;
  paymentBatch?: string;
}

const REVIEW_ACTIONS: ApplicationAction[] = ['accept', 'pass', 'approve', 'sign_agreement', 'disburse', 'return', 'refuse'];
const DANGER: ApplicationAction[] = ['refuse'];

/** The review buttons the server says this officer has now; each opens its small form. */
export function ReviewActions({ app, onDone }: { app: ApplicationDetail; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<ApplicationAction | null>(null);
  const actions = REVIEW_ACTIONS.filter((a) => app.actions.includes(a));
  if (actions.length === 0) return null;

  const submit = async (action: ApplicationAction, v: Values) => {
    const day = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : undefined);
    const body =
      action === 'refuse'
        ? { reason: v.reason }
        : action === 'return'
          ? { reason: v.reason, materials: v.materials ?? [] }
          : action === 'approve'
            ? { comment: v.comment, approvedAmount: v.approvedAmount ?? undefined }
            : action === 'sign_agreement'
              ? { comment: v.comment, signedOn: day(v.signedOn) }
              : action === 'disburse'
                ? { amount: v.amount, paidOn: day(v.paidOn), paymentBatch: v.paymentBatch }
                : { comment: v.comment };
    await api.post(`/api/applications/${app.id}/${action.replaceAll('_', '-')}`, body);
    onDone();
  };

  const label = (a: ApplicationAction) =>
    a === 'pass'
      ? t('apl.action.passTo', { level: app.reviewLevel + 2 })
      : a === 'approve' && app.reviewLevels > 1
        ? t('apl.action.approveLast')
        : t(`apl.action.${a}`);
  const defaultAmount = app.approvedAmount ?? app.requestedAmount ?? undefined;

  return (
    <>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            type={a === 'approve' || a === 'accept' || a === 'disburse' ? 'primary' : 'default'}
            danger={DANGER.includes(a)}
            onClick={() => setOpen(a)}
            data-testid={`action-${a}`}
          >
            {label(a)}
          </Button>
        ))}
      </Space>
      {open && (
        <FormModal<Values>
          open
          title={label(open)}
          onClose={() => setOpen(null)}
          onSubmit={(v) => submit(open, v)}
          initialValues={{
            approvedAmount: defaultAmount,
            amount: app.approvedAmount ?? undefined,
            paidOn: shanghaiToday(),
            signedOn: shanghaiToday(),
            paymentBatch: `PB-${shanghaiToday().format('YYYY-MM')}`,
          }}
        >
          {(open === 'refuse' || open === 'return') && (
            <Form.Item
              name="reason"
              label={t(open === 'refuse' ? 'apl.refuseReason' : 'apl.returnReason')}
              rules={[
                { required: true, message: t('apl.reasonRequired') },
                maxChars(t, t(open === 'refuse' ? 'apl.refuseReason' : 'apl.returnReason'), 2000),
              ]}
            >
              <Input.TextArea rows={3} count={{ show: true, max: 2000 }} data-testid="action-reason" />
            </Form.Item>
          )}
          {open === 'return' && (
            <Form.Item name="materials" label={t('apl.returnMaterials')}>
              <Select mode="multiple" options={app.materialSlots.map((m) => ({ value: m.name, label: m.name }))} />
            </Form.Item>
          )}
          {open === 'approve' && (
            <Form.Item
              name="approvedAmount"
              label={t('apl.approvedAmount')}
              extra={app.policy.maxAmount !== null ? t('apl.maxAmount', { amount: app.policy.maxAmount }) : undefined}
            >
              <InputNumber
                min={0}
                max={app.policy.maxAmount ?? undefined}
                step={0.5}
                style={{ width: 200 }}
                addonAfter={t('apl.unitWan')}
                data-testid="action-approved-amount"
              />
            </Form.Item>
          )}
          {open === 'sign_agreement' && (
            <Form.Item name="signedOn" label={t('apl.signedOn')}>
              <DatePicker />
            </Form.Item>
          )}
          {open === 'disburse' && (
            <>
              <Form.Item name="amount" label={t('apl.disburseAmount')} rules={[{ required: true, message: t('apl.amountRequired') }]}>
                <InputNumber
                  min={0.01}
                  max={app.approvedAmount ?? undefined}
                  step={0.5}
                  style={{ width: 200 }}
                  addonAfter={t('apl.unitWan')}
                  data-testid="action-amount"
                />
              </Form.Item>
              <Form.Item name="paidOn" label={t('apl.paidOn')} rules={[{ required: true, message: t('apl.paidOnRequired') }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item
                name="paymentBatch"
                label={t('apl.paymentBatch')}
                rules={[{ required: true, message: t('apl.paymentBatchRequired') }]}
              >
                <Input maxLength={60} data-testid="action-batch" />
              </Form.Item>
            </>
          )}
          {!['refuse', 'return', 'disburse'].includes(open) && (
            <Form.Item name="comment" label={t('apl.comment')} rules={[maxChars(t, t('apl.comment'), 2000)]}>
              <Input.TextArea rows={3} count={{ show: true, max: 2000 }} data-testid="action-comment" />
            </Form.Item>
          )}
        </FormModal>
      )}
    </>
  );
}
