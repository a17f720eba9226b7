import { App, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useShowError } from '../errors';
import { useI18n } from '../i18n';

export interface FormModalProps<V> {
  open: boolean;
  title: string;
  initialValues?: Partial<V>;
  onClose: () => void;
  /** Sends the form; a thrown ApiError puts its field errors on the form and keeps the dialog open. */
  onSubmit: (values: V) => Promise<void>;
  children: ReactNode;
  width?: number;
}

/** A dialog holding one form, rebuilt from `initialValues` every time it opens. */
export function FormModal<V extends object>(props: FormModalProps<V>) {
  const { open, title, initialValues, onClose, onSubmit, children, width } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);

  const finish = async (values: V) => {
    setSaving(true);
    try {
      await onSubmit(values);
      void message.success(t('common.saved'));
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => void finish(values)} preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}
