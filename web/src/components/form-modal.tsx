import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api/http.ts';

interface Props<V> {
  readonly open: boolean;
  readonly title: ReactNode;
  readonly okText?: string;
  readonly name: string;
  readonly initialValues?: Partial<V>;
  readonly width?: number;
  readonly onSubmit: (values: V, form: FormInstance<V>) => Promise<unknown>;
  readonly onClose: () => void;
  readonly children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}

/** A form in a dialog: the API's field errors appear beside their fields, other errors on top. */
export function FormModal<V extends object>({ open, title, okText = 'Save', name, initialValues, width = 560, onSubmit, onClose, children }: Props<V>) {
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      form.resetFields();
      if (initialValues) form.setFieldsValue(initialValues as never);
      setError(undefined);
    }
  }, [open, initialValues, form]);

  const submit = async (values: V) => {
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values, form);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
        form.setFields(Object.entries(err.fields).map(([key, text]) => ({ name: key.split('.') as never, errors: [text] })));
        setError(err.message);
      } else {
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={title} okText={okText} onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} width={width} forceRender destroyOnHidden={false}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<V> form={form} name={name} layout="vertical" onFinish={submit} preserve={false}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
