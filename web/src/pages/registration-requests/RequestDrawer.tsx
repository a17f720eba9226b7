import { App, Button, Descriptions, Drawer, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useShowError } from '../../errors';
import { IndustrySelect } from '../../components/IndustrySelect';
import { formatDateTime, orDash } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { RegistrationRequest } from './types';

interface EnterpriseForm {
  industryCode?: string;
  scale?: 'large' | 'medium' | 'small' | 'micro';
}

/** The letter, fetched with the session and shown in place (PDF in a frame, an image as itself). */
function LetterPreview({ id, mime }: { id: number; mime: string }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let objectUrl: string | undefined;
    void fetch(`/api/registration-requests/${id}/letter`, { credentials: 'same-origin' })
      .then((res) => res.blob())
      .then((blob) => {
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      });
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [id]);
  if (!url) return null;
  return mime === 'application/pdf' ? (
    <iframe
      title="letter"
      src={url}
      className="letter-preview"
      style={{ width: '100%', height: 420, border: '1px solid #eee' }}
      data-testid="letter-preview"
    />
  ) : (
    <img src={url} alt="" style={{ maxWidth: '100%' }} data-testid="letter-preview" />
  );
}

/** One request: details, the letter, and the decision (approve / refuse with a reason). */
export function RequestDrawer({ id, onClose, onSettled }: { id: number | undefined; onClose: () => void; onSettled: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<EnterpriseForm>();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const { data: r } = useRequest<RegistrationRequest>(id === undefined ? null : `/api/registration-requests/${id}`);
  const shown = r && r.id === id ? r : undefined;

  const approve = async () => {
    if (!shown) return;
    try {
      await api.post(`/api/registration-requests/${shown.id}/approve`, shown.kind === 'add_enterprise' ? form.getFieldsValue() : {});
      void message.success(t('rr.approved'));
      onSettled();
    } catch (err) {
      showError(err, form);
    }
  };
  const refuse = async () => {
    if (!shown) return;
    try {
      await api.post(`/api/registration-requests/${shown.id}/refuse`, { reason: reason.trim() });
      void message.success(t('rr.refused'));
      setRefusing(false);
      setReason('');
      onSettled();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Drawer open={id !== undefined} onClose={onClose} size="large" title={shown ? t(`rr.kind.${shown.kind}`) : ''} destroyOnHidden>
      {shown && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('rr.enterprise')}>{`${shown.enterpriseName ?? ''}（${shown.uscc}）`}</Descriptions.Item>
            <Descriptions.Item label={t('rr.applicant')}>{shown.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('rr.mobile')}>{shown.mobile}</Descriptions.Item>
            <Descriptions.Item label={t('rr.createdAt')}>{formatDateTime(shown.createdAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>{t(`rr.status.${shown.status}`)}</Descriptions.Item>
            {shown.reason && <Descriptions.Item label={t('rr.reason')}>{orDash(shown.reason)}</Descriptions.Item>}
          </Descriptions>
          {shown.letter && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('rr.letter')}{' '}
                <Button
                  size="small"
                  onClick={() => void api.download(`/api/registration-requests/${shown.id}/letter`)}
                  data-testid="letter-download"
                >
                  {t('rr.download')}
                </Button>
              </Typography.Title>
              <LetterPreview id={shown.id} mime={shown.letter.mime} />
            </>
          )}
          {shown.status === 'pending' && (
            <>
              {shown.kind === 'add_enterprise' && (
                <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
                  <Typography.Paragraph type="secondary">{t('rr.addHint')}</Typography.Paragraph>
                  <Form.Item name="industryCode" label={t('rr.industryCode')}>
                    <IndustrySelect placeholder={t('rr.industryCode')} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="scale" label={t('rr.scale')}>
                    <Select
                      allowClear
                      options={(['large', 'medium', 'small', 'micro'] as const).map((s) => ({ value: s, label: t(`scale.${s}`) }))}
                    />
                  </Form.Item>
                </Form>
              )}
              <Space style={{ marginTop: 16 }}>
                <Button type="primary" onClick={() => void approve()} data-testid="registration-approve">
                  {t('rr.approve')}
                </Button>
                <Button danger onClick={() => setRefusing(true)} data-testid="registration-refuse">
                  {t('rr.refuse')}
                </Button>
              </Space>
            </>
          )}
          <Modal
            open={refusing}
            title={t('rr.refuse')}
            onCancel={() => setRefusing(false)}
            okButtonProps={{ disabled: reason.trim().length < 2, danger: true }}
            onOk={() => void refuse()}
            destroyOnHidden
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              placeholder={t('rr.refuseReason')}
              aria-label={t('rr.refuseReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="registration-refuse-reason"
            />
          </Modal>
        </>
      )}
    </Drawer>
  );
}
