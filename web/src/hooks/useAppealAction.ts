import { App } from 'antd';
import { useCallback } from 'react';
import { api } from '../api';
import { actionPath, type AppealAction } from '../appeals';
import { asApiError } from '../errors';
import { useI18n } from '../i18n';

/** A form's values as an action body: empty optional fields are left out rather than sent as ''. */
export function compact<V extends object>(values: V): Partial<V> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<V>;
}

/**
 * Runs one workflow action on an appeal, then reloads it; true when it was done. When the state
 * does not allow it (409: another handler claimed first, an assisting department has not answered)
 * the server's message is shown, the appeal reloaded and false returned: the form stays open
 * while the action is still offered. Any other error is thrown to the form.
 */
export function useAppealAction(appealId: number, reload: () => void): (action: AppealAction, body: object) => Promise<boolean> {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  return useCallback(
    async (action: AppealAction, body: object) => {
      try {
        await api.post(actionPath(appealId, action), compact(body));
        void message.success(t('appeal.actionDone', { action: t(`appeal.action.${action}`) }));
        reload();
        return true;
      } catch (err) {
        const error = asApiError(err);
        if (error.status !== 409) throw error;
        modal.warning({ title: t('appeal.conflict'), content: error.message, okText: t('common.ok') });
        reload();
        return false;
      }
    },
    [appealId, reload, t, message, modal],
  );
}
