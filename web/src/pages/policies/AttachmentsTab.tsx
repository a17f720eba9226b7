import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Popconfirm, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useShowError } from '../../errors';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { PolicyDetail } from './types';

const kb = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;

/** 附件: download for every reader; officers upload (typed by content on the server) and delete. */
export function AttachmentsTab({ policy, editable, onChanged }: { policy: PolicyDetail; editable: boolean; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const base = `/api/policies/${policy.id}/attachments`;

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await api.upload(base, file);
      void message.success(t('pol.uploaded'));
      onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const drop = async (id: number) => {
    try {
      await api.delete(`${base}/${id}`);
      onChanged();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <>
      {editable && (
        <div style={{ marginBottom: 12 }}>
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="policy-upload">
              {t('pol.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {t('pol.uploadHint')}
          </Typography.Text>
        </div>
      )}
      <List
        bordered
        dataSource={policy.attachments}
        locale={{ emptyText: t('pol.noAttachments') }}
        renderItem={(f) => (
          <List.Item
            actions={
              editable
                ? [
                    <Popconfirm key="del" title={t('pol.confirmDelete', { name: f.fileName })} onConfirm={() => void drop(f.id)}>
                      <Button type="link" danger icon={<DeleteOutlined />}>
                        {t('pol.delete')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Button
              type="link"
              size="small"
              className="link-button"
              icon={<PaperClipOutlined />}
              onClick={() => void api.download(`${base}/${f.id}`).catch(showError)}
              data-testid="policy-attachment"
            >
              {f.fileName}
            </Button>
            <Typography.Text type="secondary">
              {kb(f.size)} · {formatDateTime(f.createdAt, lang)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </>
  );
}
