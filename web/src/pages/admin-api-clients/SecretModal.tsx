import { Alert, Modal, Typography } from 'antd';
import { useApiClientsText } from './messages';

/** A key or signing secret, shown once: the server keeps only its hash (or never shows it again). */
export function SecretModal({ secret, kind, onClose }: { secret: string | undefined; kind: 'key' | 'secret'; onClose: () => void }) {
  const text = useApiClientsText();
  return (
    <Modal
      open={secret !== undefined}
      title={text(kind === 'key' ? 'keyTitle' : 'secretTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={text(kind === 'key' ? 'keyHint' : 'secretHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        copyable={{ text: secret, tooltips: [text('copy'), text('copied')] }}
        data-testid="shown-secret"
        style={{ wordBreak: 'break-all' }}
      >
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
