import { CheckOutlined, CloseOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Popconfirm, Space, Tag, Tooltip } from 'antd';
import { useState, type ReactNode } from 'react';
import { senders, type Sender, type SenderStatus } from '../../api/policy.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { formatDateTime } from '../../lib/format.ts';

const statusColor: Record<SenderStatus, string> = { pending: 'gold', approved: 'green', denied: 'red' };

/** A sender name's moderation state; the reason and who decided show on hover. */
export function SenderStatusTag({ sender }: { readonly sender: Sender }) {
  const tag = (
    <Tag color={statusColor[sender.status]} data-testid={`sender-status-${sender.name}`}>
      {sender.status}
    </Tag>
  );
  const who = sender.decidedBy ? `${sender.decidedBy}${sender.decidedAt ? `, ${formatDateTime(sender.decidedAt)}` : ''}` : undefined;
  const tip = [sender.reason, who].filter(Boolean).join(' — ');
  return tip ? <Tooltip title={tip}>{tag}</Tooltip> : tag;
}

/**
 * Approve, deny (with a reason the client can act on) and remove a sender name, for any table of
 * names: `actions(sender)` goes in a column, `dialog` once on the page.
 */
export function useSenderDecisions(onDone: () => void, opts: { readonly removable?: boolean } = {}): { actions: (s: Sender) => ReactNode; dialog: ReactNode } {
  const { message } = App.useApp();
  const [denying, setDenying] = useState<Sender>();
  const [busy, setBusy] = useState<number>();

  const act = async (s: Sender, what: 'approve' | 'remove') => {
    setBusy(s.id);
    try {
      if (what === 'approve') await senders.approve(s.id);
      else await senders.remove(s.id);
      void message.success(what === 'approve' ? `${s.name} is approved for ${s.clientLogin}.` : `${s.name} is removed.`);
      onDone();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(undefined);
    }
  };

  const actions = (s: Sender) => (
    <Space size={0}>
      {s.status !== 'approved' && (
        <Button type="link" size="small" icon={<CheckOutlined />} loading={busy === s.id} onClick={() => void act(s, 'approve')} data-testid={`approve-${s.name}`}>
          Approve
        </Button>
      )}
      {s.status !== 'denied' && (
        <Button type="link" size="small" danger icon={<CloseOutlined />} onClick={() => setDenying(s)} data-testid={`deny-${s.name}`}>
          Deny
        </Button>
      )}
      {opts.removable && (
        <Popconfirm title={`Remove ${s.name}?`} description="Messages from this name are refused again until it is added." okText="Remove" okButtonProps={{ danger: true }} onConfirm={() => act(s, 'remove')}>
          <Button type="link" size="small" icon={<DeleteOutlined />} aria-label={`Remove ${s.name}`} />
        </Popconfirm>
      )}
    </Space>
  );

  const dialog = (
    <FormModal<{ reason: string }>
      open={denying !== undefined}
      name="denySender"
      title={`Deny ${denying?.name ?? ''} for ${denying?.clientLogin ?? ''}`}
      okText="Deny"
      onSubmit={async ({ reason }) => {
        if (!denying) return;
        await senders.deny(denying.id, reason.trim());
        void message.success(`${denying.name} is denied.`);
        onDone();
      }}
      onClose={() => setDenying(undefined)}
    >
      <Form.Item name="reason" label="Reason" extra="The client sees it, so say what would make the name acceptable." rules={[{ required: true, whitespace: true, message: 'say why, so the client can act on it' }, { max: 500, message: 'at most 500 characters' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} autoFocus />
      </Form.Item>
    </FormModal>
  );

  return { actions, dialog };
}
