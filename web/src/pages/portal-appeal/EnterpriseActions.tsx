import { Alert, Button, Drawer, Form, Input, Rate } from 'antd';
import { useState } from 'react';
import { SATISFIED_FROM, isEnterpriseAction, type AppealDetail, type EnterpriseAction } from '../../appeals';
import { useShowError } from '../../errors';
import { useAppealAction } from '../../hooks/useAppealAction';
import { useI18n } from '../../i18n';
import { maxChars, required } from '../../rules';

const STARS = [1, 2, 3, 4, 5] as const;

/** 评价: 1–5 stars in words; 1–2 stars says plainly that the appeal goes back to be handled again. */
function RateFields() {
  const { t } = useI18n();
  const rating = Form.useWatch<number | undefined>('rating');
  return (
    <>
      <Form.Item name="rating" label={t('appeal.rating')} rules={[required(t, t('appeal.rating'), 'select')]}>
        <RatingStars />
      </Form.Item>
      {rating !== undefined && rating > 0 && <div className="rating-words">{t(`rating.${STARS[rating - 1] ?? 1}`)}</div>}
      {rating !== undefined && rating > 0 && rating < SATISFIED_FROM && (
        <Alert type="warning" showIcon title={t('portal.appeal.unsatisfied')} className="portal-alert" data-testid="rating-unsatisfied" />
      )}
      <Form.Item name="comment" label={t('portal.appeal.ratingComment')} rules={[maxChars(t, t('portal.appeal.ratingComment'), 1000)]}>
        <Input.TextArea rows={3} count={{ show: true, max: 1000 }} data-testid="field-comment" />
      </Form.Item>
    </>
  );
}

function RatingStars({ value, onChange }: { value?: number; onChange?: (value: number) => void }) {
  const { t } = useI18n();
  return (
    <div data-testid="rating">
      <Rate value={value} onChange={onChange} tooltips={STARS.map((n) => t(`rating.${n}`))} className="rating-stars" />
    </div>
  );
}

function ActionForm({ action }: { action: EnterpriseAction }) {
  const { t } = useI18n();
  switch (action) {
    case 'rate':
      return <RateFields />;
    case 'provide_info':
      return (
        <Form.Item
          name="answer"
          label={t('appeal.form.answer')}
          rules={[required(t, t('appeal.form.answer')), maxChars(t, t('appeal.form.answer'), 2000)]}
        >
          <Input.TextArea rows={5} count={{ show: true, max: 2000 }} data-testid="field-answer" />
        </Form.Item>
      );
    case 'reopen':
      return (
        <>
          <Alert type="info" showIcon title={t('portal.appeal.reopenHint')} className="portal-alert" />
          <Form.Item
            name="reason"
            label={t('appeal.form.reopenReason')}
            rules={[required(t, t('appeal.form.reopenReason')), maxChars(t, t('appeal.form.reopenReason'), 2000)]}
          >
            <Input.TextArea rows={4} count={{ show: true, max: 2000 }} data-testid="field-reason" />
          </Form.Item>
        </>
      );
  }
}

function ActionSheet({
  action,
  appeal,
  reload,
  onClose,
}: {
  action: EnterpriseAction;
  appeal: AppealDetail;
  reload: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const showError = useShowError();
  const run = useAppealAction(appeal.id, reload);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [saving, setSaving] = useState(false);

  const finish = async (values: Record<string, unknown>) => {
    setSaving(true);
    try {
      if (await run(action, values)) onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      placement="bottom"
      size="auto"
      title={t(`portal.appeal.${action}`)}
      onClose={onClose}
      destroyOnHidden
      className="portal-sheet"
    >
      <Form form={form} layout="vertical" onFinish={(values) => void finish(values)} data-testid={`action-form-${action}`}>
        <ActionForm action={action} />
        <Button type="primary" htmlType="submit" size="large" block loading={saving} data-testid="action-submit">
          {t('portal.appeal.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}

/** The enterprise's buttons: exactly what the server offers now (补充材料, 评价, 申请重办). */
export function EnterpriseActions({ appeal, reload }: { appeal: AppealDetail; reload: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState<EnterpriseAction>();
  const actions = appeal.actions.filter(isEnterpriseAction);
  if (actions.length === 0) return null;
  return (
    <div className="portal-actions" data-testid="appeal-actions">
      {actions.map((a) => (
        <Button
          key={a}
          type={a === 'reopen' ? 'default' : 'primary'}
          size="large"
          block
          onClick={() => setCurrent(a)}
          data-testid={`action-${a}`}
        >
          {t(`portal.appeal.${a}`)}
        </Button>
      ))}
      {current && actions.includes(current) && (
        <ActionSheet key={current} action={current} appeal={appeal} reload={reload} onClose={() => setCurrent(undefined)} />
      )}
    </div>
  );
}
