import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { clientAccess, type AccessInput, type ClientAccess } from '../../../api/client-access.ts';
import type { Client } from '../../../api/types.ts';
import { LoadError } from '../../../components/load-error.tsx';
import { formatCidr, parseCidr } from '../../../lib/message-path-rules.ts';
import { useFormSubmit } from '../../../lib/use-form-submit.ts';
import type { Loaded } from '../../../lib/use-load.ts';

/** The SMPP system_id's length limit (client-access.store.ts MAX_SYSTEM_ID; SMPP 3.4 allows 15). */
const MAX_SYSTEM_ID = 15;
const CIDR_MESSAGE = 'an IPv4 or IPv6 address or range, e.g. 203.0.113.0/24 or 2001:db8::/32';

interface Values {
  smppSystemId?: string;
  smppPassword?: string;
  allowedIps?: string[];
  maxBinds?: number | null;
  throughput?: number | null;
  apiPassword?: string;
}

const toValues = (a: ClientAccess): Values => ({ smppSystemId: a.smppSystemId ?? '', allowedIps: a.allowedIps, maxBinds: a.maxBinds, throughput: a.throughput, smppPassword: '', apiPassword: '' });

/** Only what the operator set: passwords when typed, the system_id when changed, the limits always. */
function accessBody(v: Values, before: ClientAccess): AccessInput {
  const systemId = v.smppSystemId?.trim() ?? '';
  return {
    ...(systemId !== (before.smppSystemId ?? '') ? { smppSystemId: systemId || null } : {}),
    ...(v.smppPassword ? { smppPassword: v.smppPassword } : {}),
    ...(v.apiPassword ? { apiPassword: v.apiPassword } : {}),
    allowedIps: (v.allowedIps ?? []).map((r) => {
      const c = parseCidr(r);
      return c ? formatCidr(c) : r;
    }),
    maxBinds: v.maxBinds ?? 1,
    throughput: v.throughput ?? null,
  };
}

const cidrRule = {
  validator: async (_: unknown, list: string[] | undefined) => {
    const bad = (list ?? []).find((r) => !parseCidr(r));
    if (bad !== undefined) throw new Error(`${bad}: ${CIDR_MESSAGE}`);
  },
};

export function SetTag({ set, testId }: { readonly set: boolean; readonly testId: string }) {
  return (
    <Tag color={set ? 'green' : 'default'} data-testid={testId}>
      {set ? 'set' : 'not set'}
    </Tag>
  );
}

/** SMPP credentials and limits, and the HTTP API password: passwords are never shown back, only whether they are set. */
export function SmppAccessCard({ client, access }: { readonly client: Client; readonly access: Loaded<{ access: ClientAccess }> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const loaded = access.data?.access;
  useEffect(() => {
    if (loaded) form.setFieldsValue(toValues(loaded));
  }, [loaded, form]);
  const { busy, error, submit } = useFormSubmit(form, async (v: Values) => {
    if (!loaded) return;
    await clientAccess.save(client.id, accessBody(v, loaded));
    void message.success('SMPP and API access saved.');
    access.reload();
  });

  if (!loaded) return <Card title="SMPP and HTTP API access" size="small">{access.error ? <LoadError error={access.error} retry={access.reload} /> : <Skeleton active />}</Card>;

  return (
    <Card title="SMPP and HTTP API access" size="small" data-testid="smpp-access">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} name="access" layout="vertical" onFinish={(v) => void submit(v)} initialValues={toValues(loaded)}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="smppSystemId"
              label="SMPP system_id"
              extra={loaded.smppSystemIdIsDefault ? 'The login, until another is saved.' : undefined}
              rules={[{ pattern: new RegExp(`^[\\x21-\\x7e]{1,${MAX_SYSTEM_ID}}$`), message: `1–${MAX_SYSTEM_ID} printable characters without spaces (SMPP system_id)` }]}
            >
              <Input autoComplete="off" maxLength={MAX_SYSTEM_ID} placeholder={loaded.smppSystemIdIsDefault ? undefined : 'No SMPP access'} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="smppPassword"
              label={
                <Space size={6}>
                  SMPP password <SetTag set={loaded.smppPasswordSet} testId="smpp-password-state" />
                </Space>
              }
              extra="SMPP allows at most 8 characters. Leave empty to keep the current one."
              rules={[{ pattern: /^[\x20-\x7e]{1,8}$/, message: '1–8 printable characters (SMPP allows at most 8)' }]}
            >
              <Input.Password autoComplete="new-password" maxLength={8} placeholder={loaded.smppPasswordSet ? 'Set — type to replace' : 'Not set'} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="maxBinds" label="Max binds" tooltip="SMPP sessions the client may hold at once." rules={[{ required: true, message: 'required' }]}>
              <InputNumber precision={0} min={1} max={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="throughput" label="Throughput limit" tooltip="Messages per second over all binds; empty: no limit of its own.">
              <InputNumber precision={0} min={1} max={100_000} style={{ width: '100%' }} placeholder="No limit" suffix="msg/s" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="apiPassword"
              label={
                <Space size={6}>
                  HTTP API password <SetTag set={loaded.apiPasswordSet} testId="api-password-state" />
                </Space>
              }
              extra="For /sendsms and REST Basic auth, with the login. 8–64 characters; leave empty to keep it."
              rules={[{ min: 8, max: 64, message: '8–64 characters' }]}
            >
              <Input.Password autoComplete="new-password" placeholder={loaded.apiPasswordSet ? 'Set — type to replace' : 'Not set'} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="allowedIps" label="Allowed IP ranges" extra="SMPP binds and HTTP API calls only from these (CIDR). Empty: from anywhere." rules={[cidrRule]}>
              <Select mode="tags" open={false} tokenSeparators={[',', ' ', ';']} placeholder="Anywhere — type a range, e.g. 203.0.113.0/24, and press Enter" data-testid="allowed-ips" />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="save-access">
            Save access
          </Button>
          <Typography.Text type="secondary">Can send via SMPP and via API are switched on the Profile tab (Edit).</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
