import { Button, Form, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { isStaffAction, type AppealDetail, type StaffAction } from '../../appeals';
import { useShowError } from '../../errors';
import { useAppealAction } from '../../hooks/useAppealAction';
import { useI18n } from '../../i18n';
import type { Category } from '../../types';
import { ActionFields, initialValuesFor } from './actionFields';

/** The step that moves the appeal forward is the primary button; refusing ones are red. */
const PRIMARY: readonly StaffAction[] = [
  'accept',
  'dispatch',
  // The handler who answers now takes one step; 签收 alone (to take it up later) stays a plain button.
  'claim_and_start',
  'start',
  'reply',
  'close',
  'arbitrate_return',
  'decide_extension',
  'resolve_on_spot',
];
const DANGER: readonly StaffAction[] = ['decline', 'return'];

/** The body as the server takes it: a rejected return stays with its department, so no department is sent. */
function bodyFor(action: StaffAction, values: Record<string, unknown>): object {
  if (action === 'arbitrate_return' && values.upheld !== true) return { ...values, departmentId: undefined };
  if (action === 'follow_up' && values.outcome !== 'rated') return { ...values, rating: undefined };
  return values;
}

interface ModalProps {
  action: StaffAction;
  appeal: AppealDetail;
  categories: Category[];
  reload: () => void;
  onClose: () => void;
}

function ActionModal({ action, appeal, categories, reload, onClose }: ModalProps) {
  const { t } = useI18n();
  const showError = useShowError();
  const run = useAppealAction(appeal.id, reload);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [saving, setSaving] = useState(false);

  const finish = async (values: Record<string, unknown>) => {
    setSaving(true);
    try {
      if (await run(action, bodyFor(action, values))) onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`${t(`appeal.action.${action}`)} · ${appeal.number}`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          danger={DANGER.includes(action)}
          loading={saving}
          onClick={() => form.submit()}
          data-testid="action-submit"
        >
          {t(`appeal.action.${action}`)}
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValuesFor(action, appeal, categories)}
        onFinish={(values) => void finish(values)}
        data-testid={`action-form-${action}`}
      >
        <ActionFields action={action} appeal={appeal} categories={categories} />
      </Form>
    </Modal>
  );
}

/**
 * Exactly the actions the server offers this user now, each opening its small form;
 * enabled once the taxonomy (for the forms' preselected item and department) has loaded.
 */
export function ActionBar({
  appeal,
  categories,
  reload,
}: {
  appeal: AppealDetail;
  categories: Category[] | undefined;
  reload: () => void;
}) {
  const { t } = useI18n();
  const [current, setCurrent] = useState<StaffAction>();
  const actions = appeal.actions.filter(isStaffAction);
  if (actions.length === 0) return <Typography.Text type="secondary">{t('appeal.noActions')}</Typography.Text>;
  return (
    <>
      <Space wrap data-testid="appeal-actions">
        {actions.map((a) => (
          <Button
            key={a}
            type={PRIMARY.includes(a) ? 'primary' : 'default'}
            danger={DANGER.includes(a)}
            disabled={!categories}
            onClick={() => setCurrent(a)}
            data-testid={`action-${a}`}
          >
            {t(`appeal.action.${a}`)}
          </Button>
        ))}
      </Space>
      {/* The form closes by itself when a reload shows the action is no longer offered. */}
      {current && categories && actions.includes(current) && (
        <ActionModal
          key={current}
          action={current}
          appeal={appeal}
          categories={categories}
          reload={reload}
          onClose={() => setCurrent(undefined)}
        />
      )}
    </>
  );
}
