import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio, Rate, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import {
  actionPath,
  FOLLOW_UP_OUTCOMES,
  SATISFIED_FROM,
  type FollowUpDetail,
  type FollowUpItem,
  type FollowUpOutcome,
} from '../../appeals';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { asApiError, useShowError } from '../../errors';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { maxChars, required } from '../../rules';
import { FollowUpCalls } from './FollowUpCalls';

interface Values {
  outcome: FollowUpOutcome;
  rating?: number;
  comment?: string;
}

/**
 * One call: the number in full (the list masks it), the calls so far, then the outcome — a rating
 * only when the enterprise gave one. POST /api/appeals/:id/follow-up, the workflow action.
 */
export function FollowUpModal({ item, onClose, onDone }: { item: FollowUpItem; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const { data, error, reload } = useRequest<FollowUpDetail>(`/api/appeals/${item.id}/follow-ups`);
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const rating = Form.useWatch('rating', form);
  const [saving, setSaving] = useState(false);

  const finish = async (values: Values) => {
    setSaving(true);
    try {
      const body = {
        outcome: values.outcome,
        rating: values.outcome === 'rated' ? values.rating : undefined,
        comment: values.comment?.trim() || undefined,
      };
      await api.post(actionPath(item.id, 'follow_up'), body);
      void message.success(t('followUp.recorded'));
      onDone();
      onClose();
    } catch (err) {
      const e = asApiError(err);
      // Rated or closed meanwhile (by the enterprise or a colleague): say so and refresh the queue.
      if (e.status === 409) {
        modal.warning({ title: t('appeal.conflict'), content: e.message, okText: t('common.ok') });
        onDone();
        onClose();
      } else showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const lastAttempt = data && item.attempts + 1 >= data.maxAttempts;
  return (
    <Modal
      open
      title={`${t('followUp.record')} · ${item.number}`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={saving} disabled={!data} onClick={() => form.submit()} data-testid="follow-up-submit">
          {t('followUp.record')}
        </Button>,
      ]}
    >
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <>
          <Descriptions size="small" column={1} className="follow-up-info">
            <Descriptions.Item label={t('appeal.enterprise')}>{item.enterprise.name}</Descriptions.Item>
            <Descriptions.Item label={t('appeal.title')}>{item.title}</Descriptions.Item>
            <Descriptions.Item label={t('followUp.phone')}>
              {data.contactPhone ? (
                <a href={`tel:${data.contactPhone}`} className="mono" data-testid="follow-up-phone">
                  {data.contactPhone}
                </a>
              ) : (
                <Typography.Text type="secondary">{t('followUp.noPhone')}</Typography.Text>
              )}
              {data.contactName && <span className="follow-up-contact">{data.contactName}</span>}
            </Descriptions.Item>
            <Descriptions.Item label={t('followUp.due')}>{formatDateTime(data.dueAt, lang)}</Descriptions.Item>
          </Descriptions>
          <FollowUpCalls calls={data.calls} />
          <Form<Values> form={form} layout="vertical" onFinish={(values) => void finish(values)} data-testid="follow-up-form">
            <Form.Item name="outcome" label={t('followUp.outcome')} rules={[required(t, t('followUp.outcome'), 'select')]}>
              <Radio.Group
                optionType="button"
                options={FOLLOW_UP_OUTCOMES.map((o) => ({ value: o, label: t(`followUp.outcome.${o}`) }))}
                data-testid="follow-up-outcome"
              />
            </Form.Item>
            {outcome === 'rated' && (
              <Form.Item
                name="rating"
                label={t('followUp.rating')}
                rules={[required(t, t('followUp.rating'), 'select')]}
                extra={rating !== undefined && rating < SATISFIED_FROM ? t('followUp.unsatisfiedHint') : undefined}
              >
                <Rate data-testid="follow-up-rating" />
              </Form.Item>
            )}
            {outcome === 'not_reached' && lastAttempt && (
              <Alert type="warning" showIcon className="filter-bar" title={t('followUp.lastAttempt', { count: item.attempts })} />
            )}
            {outcome === 'declined' && <Alert type="info" showIcon className="filter-bar" title={t('followUp.declinedHint')} />}
            <Form.Item name="comment" label={t('followUp.comment')} rules={[maxChars(t, t('followUp.comment'), 1000)]}>
              <Input.TextArea rows={3} count={{ show: true, max: 1000 }} data-testid="follow-up-comment" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
