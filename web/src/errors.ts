import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError, isAbort } from './api';

/** Anything thrown by an API call, as an ApiError. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'CLIENT_ERROR', err instanceof Error ? err.message : String(err));
}

/** Puts the server's `details.fields` on the form's fields; returns whether any was set. */
export function setFieldErrors(form: FormInstance, err: ApiError): boolean {
  const fields = err.fields;
  if (fields.length === 0) return false;
  form.setFields(fields.map((f) => ({ name: f.field.split('.'), errors: [f.message] })));
  return true;
}

/** Shows the server's (Chinese) message, and its field errors on `form` when given. */
export function useShowError(): (err: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (isAbort(err)) return;
      const apiError = asApiError(err);
      if (form) setFieldErrors(form, apiError);
      void message.error(apiError.message);
    },
    [message],
  );
}
