import { App } from 'antd';
import { useCallback } from 'react';
import { api } from '../api';
import { useShowError } from '../errors';
import { useI18n } from '../i18n';

/** PATCHes a record from a table row (e.g. 启用/停用), then reloads; errors are shown, not thrown. */
export function usePatch(reload: () => void): (path: string, body: object) => Promise<void> {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  return useCallback(
    async (path: string, body: object) => {
      try {
        await api.patch(path, body);
        void message.success(t('common.saved'));
        reload();
      } catch (err) {
        showError(err);
      }
    },
    [t, message, showError, reload],
  );
}
