import { SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Popconfirm, Row, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { webhooks, type WebhookEvent } from '../../../api/client-access.ts';
import type { Client } from '../../../api/types.ts';
import { LoadError } from '../../../components/load-error.tsx';
import { SecretModal } from '../../../components/secret-modal.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useFormSubmit } from '../../../lib/use-form-submit.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { WebhookDeliveries } from './webhook-deliveries.tsx';

type Values = { url?: string; events: WebhookEvent[] };

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** An http(s) URL; whether its host may be called (no private networks) is the server's check. */
const urlRule = {
  validator: async (_: unknown, v: string | undefined) => {
    if (!v?.trim()) return;
    if (!isHttpUrl(v.trim())) throw new Error('an http or https URL, e.g. https://client.example/petrel');
  },
};

const EVENTS = [
  { value: 'dlr', label: 'Delivery reports' },
  { value: 'mo', label: 'Incoming messages (MO)' },
];

/**
 * The client's webhook: where delivery reports and MO are POSTed, signed with HMAC-SHA256. The
 * signing secret is shown once, when made (first save) or rotated.
 */
export function WebhookCard({ client }: { readonly client: Client }) {
  const { message } = App.useApp();
  const loaded = useLoad(() => webhooks.get(client.id), client.id);
  const [form] = Form.useForm<Values>();
  const [secret, setSecret] = useState<string>();
  const [rotating, setRotating] = useState(false);
  const hook = loaded.data?.webhook;
  useEffect(() => {
    if (loaded.data) form.setFieldsValue({ url: hook?.url ?? '', events: hook?.events ?? ['dlr', 'mo'] });
  }, [loaded.data, hook, form]);

  const save = useFormSubmit(form, async (v: Values) => {
    const res = await webhooks.save(client.id, { url: v.url?.trim() || null, events: v.events });
    if (res.secret) setSecret(res.secret);
    void message.success(res.webhook.url ? 'The webhook is saved.' : 'The webhook is off: only per-message callback URLs are called.');
    loaded.reload();
  });

  const rotate = async () => {
    setRotating(true);
    try {
      const res = await webhooks.rotateSecret(client.id);
      setSecret(res.secret);
      loaded.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setRotating(false);
    }
  };

  if (!loaded.data) return <Card title="Webhook" size="small">{loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} /> : <Skeleton active />}</Card>;

  return (
    <Card
      title="Webhook"
      size="small"
      data-testid="webhook"
      extra={
        hook && (
          <Space>
            <Typography.Text type="secondary">
              Signing secret <Typography.Text code>{hook.secretPrefix}…</Typography.Text>
            </Typography.Text>
            <Popconfirm title="Make a new signing secret?" description="The old one stops signing at once; the client must switch to the new one." okText="Rotate" onConfirm={rotate}>
              <Button size="small" icon={<SyncOutlined />} loading={rotating} data-testid="rotate-secret">
                Rotate secret
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} name="webhook" layout="vertical" onFinish={(v) => void save.submit(v)}>
        <Row gutter={16} align="bottom">
          <Col xs={24} lg={11}>
            <Form.Item
              name="url"
              label="URL"
              tooltip={`Where delivery reports and MO are POSTed, signed with HMAC-SHA256. Empty: off.${hook?.updatedAt ? ` Changed ${formatDateTime(hook.updatedAt)}.` : ''}`}
              rules={[urlRule]}>
              <Input placeholder="Off — e.g. https://client.example/petrel-webhook" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14} lg={9}>
            <Form.Item name="events" label="Events" rules={[{ required: true, type: 'array', min: 1, message: 'choose at least one' }]}>
              <Checkbox.Group options={EVENTS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10} lg={4}>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={save.busy} block data-testid="save-webhook">
                Save webhook
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <WebhookDeliveries client={client} />
      <SecretModal
        secret={secret}
        title="Webhook signing secret"
        description="Give it to the client to check the HMAC-SHA256 signature of each call. Petrel shows it only now; rotate it to make a new one."
        onClose={() => setSecret(undefined)}
      />
    </Card>
  );
}
