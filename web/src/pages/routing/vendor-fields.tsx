import { Col, Divider, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { Vendor } from '../../api/routing.ts';

/** The vendor form's values: codes as text until sent, the password only when typed. */
export type VendorValues = Omit<Vendor, 'id' | 'passwordSet' | 'createdAt' | 'rerouteCodes'> & { password?: string; rerouteCodes: string[] };

export const NEW_VENDOR: Partial<VendorValues> = {
  port: 2775,
  tls: false,
  systemType: '',
  bindType: 'transceiver',
  sessions: 1,
  tps: 100,
  windowSize: 10,
  enquireLinkSeconds: 30,
  reconnectDelaySeconds: 5,
  defaultCoding: 'gsm7',
  sourceTon: null,
  sourceNpi: null,
  destTon: 1,
  destNpi: 1,
  messageIdBase: 'auto',
  rerouteCodes: [],
  blocked: false,
  dailyLimit: null,
  enabled: true,
};

export const vendorValues = (v: Vendor): Partial<VendorValues> => {
  const { id: _id, passwordSet: _set, createdAt: _at, ...rest } = v;
  return { ...rest, password: '', rerouteCodes: v.rerouteCodes.map(String) };
};

/** The body: the password is left out when empty on an edit (it is kept). */
export function vendorBody(v: VendorValues, isNew: boolean): Record<string, unknown> {
  const { password, rerouteCodes, ...rest } = v;
  return {
    ...rest,
    name: v.name.trim(),
    host: v.host.trim(),
    systemType: v.systemType ?? '',
    sourceTon: v.sourceTon ?? null,
    sourceNpi: v.sourceNpi ?? null,
    dailyLimit: v.dailyLimit ?? null,
    rerouteCodes: (rerouteCodes ?? []).map((c) => Number(c.trim())),
    ...(isNew || password ? { password: password ?? '' } : {}),
  };
}

const int = (min: number, max: number, required = true) => [
  ...(required ? [{ required: true, message: 'required' }] : []),
  { type: 'integer' as const, min, max, message: `an integer from ${min} to ${max}` },
];
const codeRule = {
  validator: async (_: unknown, list: string[] | undefined) => {
    const bad = (list ?? []).find((c) => !/^(0x[0-9a-f]{1,8}|\d{1,10})$/i.test(c.trim()));
    if (bad !== undefined) throw new Error(`${bad}: an error code, decimal or hex (e.g. 88 or 0x58)`);
  },
};
const number = { precision: 0, style: { width: '100%' } } as const;

/** Every field of a vendor: its SMPP connection, throughput, addressing, failover and state. */
export function VendorFields({ isNew, passwordSet }: { readonly isNew: boolean; readonly passwordSet: boolean }) {
  return (
    <>
      <Divider titlePlacement="start">Connection</Divider>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="name" label="Name" rules={[{ required: true, whitespace: true, message: 'required' }, { max: 100, message: 'at most 100 characters' }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={16} md={8}>
          <Form.Item name="host" label="Host" rules={[{ required: true, whitespace: true, message: 'required' }, { pattern: /^[A-Za-z0-9.:[\]_-]+$/, message: 'a host name or IP address' }]}>
            <Input placeholder="smsc.vendor.example" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={8} md={5}>
          <Form.Item name="port" label="Port" rules={int(1, 65535)}>
            <InputNumber {...number} />
          </Form.Item>
        </Col>
        <Col xs={8} md={3}>
          <Form.Item name="tls" label="TLS" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="systemId" label="system_id" rules={[{ required: true, message: 'required' }, { max: 15, message: 'at most 15 characters (SMPP system_id)' }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="password"
            label="Password"
            extra={isNew ? undefined : passwordSet ? 'Set. Leave empty to keep it.' : 'Not set. Leave empty to keep it empty.'}
            rules={[{ max: 8, message: 'at most 8 characters (SMPP password)' }]}
          >
            <Input.Password autoComplete="new-password" maxLength={8} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="systemType" label="system_type" rules={[{ max: 12, message: 'at most 12 characters' }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="bindType" label="Bind as">
            <Select options={[{ value: 'transceiver', label: 'transceiver' }, { value: 'transmitter', label: 'transmitter' }]} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">Throughput</Divider>
      <Row gutter={16}>
        <Col xs={12} md={4}>
          <Form.Item name="sessions" label="Sessions" tooltip="Binds kept open at once." rules={int(1, 64)}>
            <InputNumber {...number} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="tps" label="TPS" tooltip="Messages per second over all sessions." rules={int(1, 100_000)}>
            <InputNumber {...number} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="windowSize" label="Window" tooltip="Submits in flight per session." rules={int(1, 10_000)}>
            <InputNumber {...number} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="enquireLinkSeconds" label="enquire_link, s" tooltip="Seconds between keep-alives." rules={int(1, 3600)}>
            <InputNumber {...number} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="reconnectDelaySeconds" label="Reconnect, s" tooltip="Seconds between bind attempts while the vendor cannot be reached. A bind the vendor refuses doubles the wait, up to a minute." rules={int(1, 3600)}>
            <InputNumber {...number} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="dailyLimit" label="Daily limit" tooltip="Messages per day; empty: no limit." rules={int(0, 1_000_000_000, false)}>
            <InputNumber {...number} placeholder="No limit" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">Addressing</Divider>
      <Row gutter={16}>
        <Col xs={12} md={5}>
          <Form.Item name="defaultCoding" label="Default coding">
            <Select options={['gsm7', 'latin1', 'ascii'].map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="messageIdBase" label="Message ids" tooltip="How the vendor writes ids in receipts.">
            <Select options={['auto', 'decimal', 'hex'].map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Col>
        <Col xs={6} md={4}>
          <Form.Item name="sourceTon" label="Source TON" tooltip="Empty: chosen from the sender's shape." rules={int(0, 6, false)}>
            <InputNumber {...number} placeholder="auto" />
          </Form.Item>
        </Col>
        <Col xs={6} md={4}>
          <Form.Item name="sourceNpi" label="Source NPI" rules={int(0, 18, false)}>
            <InputNumber {...number} placeholder="auto" />
          </Form.Item>
        </Col>
        <Col xs={6} md={3}>
          <Form.Item name="destTon" label="Dest TON" rules={int(0, 6)}>
            <InputNumber {...number} />
          </Form.Item>
        </Col>
        <Col xs={6} md={4}>
          <Form.Item name="destNpi" label="Dest NPI" rules={int(0, 18)}>
            <InputNumber {...number} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">Failover and state</Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="rerouteCodes" label="Reroute on error codes" tooltip="command_status or DLR err codes that move a message to the next route." rules={[codeRule]}>
            <Select mode="tags" open={false} tokenSeparators={[',', ' ']} placeholder="e.g. 8, 0x58" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="enabled" label="Enabled" valuePropName="checked" tooltip="A disabled vendor is not bound and gets no traffic.">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="blocked" label="Soft block" valuePropName="checked" tooltip="Messages wait in the queue; nothing is sent until unblocked.">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
