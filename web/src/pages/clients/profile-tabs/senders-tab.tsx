import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { senders, type Sender } from '../../../api/policy.ts';
import type { Client } from '../../../api/types.ts';
import { LoadError } from '../../../components/load-error.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { checkSenderFormat } from '../../../lib/message-path-rules.ts';
import { useFormSubmit } from '../../../lib/use-form-submit.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { SenderStatusTag, useSenderDecisions } from '../../moderation/sender-decisions.tsx';

const senderRule = {
  validator: async (_: unknown, v: string | undefined) => {
    if (!v) return;
    const format = checkSenderFormat(v);
    if (format.kind === 'invalid') throw new Error(format.reason);
  },
};

/** Senders: the names the client may send from and their moderation state. */
export function SendersTab({ client }: { readonly client: Client }) {
  const { message } = App.useApp();
  const list = useLoad(() => senders.ofClient(client.id), client.id);
  const { actions, dialog } = useSenderDecisions(list.reload, { removable: true });
  const [form] = Form.useForm<{ name: string }>();
  const add = useFormSubmit(form, async ({ name }: { name: string }) => {
    const { sender } = await senders.add(client.id, name);
    void message.success(sender.status === 'approved' ? `${sender.name} is approved (automatic moderation).` : `${sender.name} waits for approval.`);
    form.resetFields();
    list.reload();
  });

  const columns: ColumnsType<Sender> = [
    { title: 'Sender name', dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: 'Status', dataIndex: 'status', render: (_: unknown, s) => <SenderStatusTag sender={s} /> },
    { title: 'Reason', dataIndex: 'reason', render: (r: string) => r || '—' },
    { title: 'Decided by', dataIndex: 'decidedBy', render: (by: string | null, s) => (by ? `${by}, ${formatDateTime(s.decidedAt)}` : '—') },
    { title: 'Requested', dataIndex: 'createdAt', render: formatDateTime },
    { title: 'Actions', key: 'actions', width: 230, render: (_: unknown, s) => actions(s) },
  ];

  const moderation = client.dynamicSender
    ? 'Dynamic Sender is on: the client may send from any name; the list below matters only if it is switched off.'
    : client.moderation === 'manual'
      ? 'Moderation is manual: every new name waits for an operator.'
      : 'Moderation is automatic: names that pass the platform rules and the deny-list are approved at once; the rest wait here.';

  return (
    <>
      <Alert type="info" showIcon title={moderation} style={{ marginBottom: 16 }} />
      <Card size="small" title="Sender names">
        {add.error && <Alert type="error" showIcon title={add.error} style={{ marginBottom: 12 }} />}
        <Form form={form} name="sender" layout="inline" onFinish={(v) => void add.submit(v)} style={{ marginBottom: 12 }}>
          <Form.Item
            name="name"
            extra="Alphanumeric up to 11 characters, or a number up to 15 digits."
            rules={[{ required: true, message: 'required' }, senderRule]}
          >
            <Input placeholder="e.g. OrchidMag" style={{ width: 260 }} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.busy} data-testid="add-sender">
            Add a name
          </Button>
        </Form>
        <LoadError error={list.error} retry={list.reload} />
        <Table<Sender>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: 'No sender names yet.' }}
          data-testid="senders-table"
        />
      </Card>
      {dialog}
    </>
  );
}
