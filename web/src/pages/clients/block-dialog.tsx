import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { clients } from '../../api/admin.ts';
import type { Client } from '../../api/types.ts';
import { blockSchema, unblockSchema } from '../../lib/list-rules.ts';
import { schemaRule } from '../../lib/schema-rule.ts';

interface Props {
  readonly client: Pick<Client, 'id' | 'login' | 'status'> | undefined;
  readonly onClose: () => void;
  readonly onDone: (client: Client) => void;
}

/** Block (reason required) or unblock (reason optional) a client; the reason goes to its history. */
export function BlockDialog({ client, onClose, onDone }: Props) {
  const [form] = Form.useForm<{ reason?: string }>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const blocking = client?.status !== 'blocked';

  const submit = async ({ reason }: { reason?: string }) => {
    if (!client) return;
    setBusy(true);
    try {
      const text = reason?.trim() ?? '';
      const res = blocking ? await clients.block(client.id, text) : await clients.unblock(client.id, text || undefined);
      void message.success(blocking ? `${client.login} is blocked.` : `${client.login} is active again.`);
      onDone(res.client);
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={client !== undefined}
      title={blocking ? `Block ${client?.login ?? ''}` : `Unblock ${client?.login ?? ''}`}
      okText={blocking ? 'Block' : 'Unblock'}
      okButtonProps={{ danger: blocking, loading: busy, 'data-testid': 'confirm-block' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form form={form} layout="vertical" onFinish={submit} name="block">
        <Form.Item
          name="reason"
          label="Reason"
          extra={blocking ? 'A blocked client cannot send or sign in. The reason is kept in its history.' : 'Optional; kept in its history.'}
          required={blocking}
          rules={[schemaRule(blocking ? blockSchema : unblockSchema, (v: { reason?: string }) => (blocking ? { reason: v.reason ?? '' } : v.reason?.trim() ? { reason: v.reason } : {}), ['reason'])]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
