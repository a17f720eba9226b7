import { SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import type { AppealDetail } from '../../appeals';
import { useShowError } from '../../errors';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { maxChars, required } from '../../rules';

/** The server's limit on a reply (src/modules/appeals/action-inputs.ts). */
const REPLY_MAX = 5000;

interface Template {
  id: number;
  title: string;
  body: string;
}
interface Uploaded {
  items: { id: number }[];
}

/**
 * 答复: the text (filled from one of the department's templates for this service item, then edited)
 * and files sent with it. A file is uploaded to the appeal at once and goes out with the reply; until
 * then only staff see it.
 */
export function ReplyFields({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const form = Form.useFormInstance();
  const itemId = appeal.serviceItem?.id;
  const templates = useRequest<{ items: Template[] }>(itemId === undefined ? null : '/api/reply-templates', { serviceItemId: itemId });
  const [saving, setSaving] = useState(false);
  const text = Form.useWatch<string | undefined>('reply', form);
  const items = templates.data?.items ?? [];

  const saveTemplate = async () => {
    if (itemId === undefined || !text?.trim()) return;
    setSaving(true);
    try {
      // Named by its opening words; renamed or removed through the API.
      await api.post('/api/reply-templates', { serviceItemId: itemId, title: text.trim().slice(0, 20), body: text.trim() });
      void message.success(t('appeal.form.templateSaved'));
      templates.reload();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const ids = (): number[] => (form.getFieldValue('attachmentIds') as number[] | undefined) ?? [];
  return (
    <>
      {itemId !== undefined && (
        <Form.Item
          label={t('appeal.form.replyTemplate')}
          extra={items.length ? t('appeal.form.replyTemplateHint') : t('appeal.form.noTemplates')}
        >
          <Space.Compact block>
            <Select
              data-testid="reply-template"
              disabled={items.length === 0}
              options={items.map((x) => ({ value: x.id, label: x.title }))}
              onChange={(id: number) => form.setFieldsValue({ reply: items.find((x) => x.id === id)?.body })}
              placeholder={t('appeal.form.replyTemplate')}
            />
            <Button
              icon={<SaveOutlined />}
              loading={saving}
              disabled={!text?.trim()}
              onClick={() => void saveTemplate()}
              data-testid="reply-save-template"
            >
              {t('appeal.form.saveTemplate')}
            </Button>
          </Space.Compact>
        </Form.Item>
      )}
      <Form.Item
        name="reply"
        label={t('appeal.form.reply')}
        rules={[required(t, t('appeal.form.reply')), maxChars(t, t('appeal.form.reply'), REPLY_MAX)]}
      >
        <Input.TextArea rows={6} count={{ show: true, max: REPLY_MAX }} data-testid="field-reply" />
      </Form.Item>
      <Form.Item name="attachmentIds" hidden initialValue={[]}>
        <Input />
      </Form.Item>
      <Form.Item label={t('appeal.form.replyFiles')} extra={t('appeal.form.replyFilesHint')}>
        <Upload
          multiple
          data-testid="reply-upload"
          customRequest={({ file, onSuccess, onError }) => {
            api.upload<Uploaded>(`/api/appeals/${appeal.id}/attachments`, file as File).then(
              (res) => {
                const id = res.items[0]!.id;
                form.setFieldsValue({ attachmentIds: [...ids(), id] });
                onSuccess?.({ id });
              },
              (err: unknown) => {
                showError(err);
                onError?.(err instanceof Error ? err : new Error(String(err)));
              },
            );
          }}
          onRemove={(file) => {
            const id = (file.response as { id?: number } | undefined)?.id;
            form.setFieldsValue({ attachmentIds: ids().filter((x) => x !== id) });
          }}
        >
          <Button icon={<UploadOutlined />}>{t('appeal.form.addFile')}</Button>
        </Upload>
      </Form.Item>
    </>
  );
}
