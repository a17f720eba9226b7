import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState, type ReactNode } from 'react';
import { api, type Query } from '../api';
import { useShowError } from '../errors';

/** Downloads an export (Excel) under the server's file name; a failure shows the server's message. */
export function DownloadButton({
  path,
  query,
  body,
  children,
  size,
  type = 'default',
  'data-testid': testId,
}: {
  path: string;
  query?: Query;
  /** Sent as JSON in a POST (e.g. an import's refused rows) instead of a GET. */
  body?: unknown;
  children: ReactNode;
  size?: 'small' | 'middle';
  type?: 'default' | 'link';
  'data-testid'?: string;
}) {
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await api.download(path, query, body);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type={type} size={size} icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={testId}>
      {children}
    </Button>
  );
}
