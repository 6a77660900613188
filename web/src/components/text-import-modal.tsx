import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Table, Upload } from 'antd';
import { useState, type ReactNode } from 'react';

export interface ImportOutcome {
  /** One line saying what happened, e.g. "12 added, 3 already listed". */
  readonly summary: string;
  readonly refused: readonly { readonly line: number; readonly value?: string; readonly reason: string }[];
}

interface Props {
  readonly open: boolean;
  readonly title: ReactNode;
  readonly help: ReactNode;
  readonly placeholder: string;
  readonly accept: string;
  /** Extra fields under the text (e.g. a reason), read from the form's values. */
  readonly extra?: ReactNode;
  readonly onImport: (text: string, values: Record<string, string | undefined>) => Promise<ImportOutcome>;
  readonly onClose: () => void;
}

/**
 * Imports lines of text (CSV, numbers) pasted or read from a file; the answer says how many were
 * taken and lists every refused line with its reason, so the operator can fix and import again.
 */
export function TextImportModal({ open, title, help, placeholder, accept, extra, onImport, onClose }: Props) {
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [outcome, setOutcome] = useState<ImportOutcome>();

  const submit = async (values: Record<string, string | undefined>) => {
    setBusy(true);
    setError(undefined);
    try {
      setOutcome(await onImport(values.text ?? '', values));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    form.resetFields();
    setOutcome(undefined);
    setError(undefined);
    onClose();
  };

  return (
    <Modal open={open} title={title} width={720} okText="Import" onOk={() => form.submit()} confirmLoading={busy} onCancel={close} cancelText="Close" destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {outcome && (
        <Alert type={outcome.refused.length ? 'warning' : 'success'} showIcon title={outcome.summary} style={{ marginBottom: 16 }} data-testid="import-outcome" />
      )}
      {outcome && outcome.refused.length > 0 && (
        <Table
          size="small"
          rowKey={(r) => `${r.line}:${r.value ?? ''}`}
          style={{ marginBottom: 16 }}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          dataSource={[...outcome.refused]}
          columns={[
            { title: 'Line', dataIndex: 'line', width: 70 },
            ...(outcome.refused.some((r) => r.value) ? [{ title: 'Value', dataIndex: 'value', width: 180 }] : []),
            { title: 'Why it was refused', dataIndex: 'reason' },
          ]}
        />
      )}
      <Form form={form} layout="vertical" name="import" onFinish={submit}>
        <Form.Item name="text" label="Lines" extra={help} rules={[{ required: true, whitespace: true, message: 'paste the lines or choose a file' }]}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 14 }} placeholder={placeholder} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Upload
          accept={accept}
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((text) => form.setFieldValue('text', text));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} style={{ marginBottom: 16 }}>
            Read a file
          </Button>
        </Upload>
        {extra}
      </Form>
    </Modal>
  );
}
