import { Button, Result } from 'antd';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';

/** A page whose data failed to load: the server's message and a retry button. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={error.message}
      extra={<Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
