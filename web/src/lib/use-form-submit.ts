import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/http.ts';

/**
 * Submits a form that sits on the page (not in a dialog): the API's field errors appear beside
 * their fields, any other error in `error` for an Alert above the form.
 */
export function useFormSubmit<V>(form: FormInstance<V>, action: (values: V) => Promise<unknown>): { busy: boolean; error: string | undefined; submit: (values: V) => Promise<boolean>; clear: () => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (values: V): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await action(values);
      return true;
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
        form.setFields(Object.entries(err.fields).map(([key, text]) => ({ name: key.split('.') as never, errors: [text] })));
      }
      setError(err instanceof Error ? err.message : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, submit, clear: () => setError(undefined) };
}
