import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { Pool, Route, RouteInput } from '../../api/routing.ts';
import { DestinationSelect } from '../../components/destination-select.tsx';

/** The route form's values: lists as tags, codes as text until sent. */
export interface RouteValues {
  name?: string;
  clientId?: number | null;
  destinationId?: number | null;
  priority?: number | null;
  poolId?: number;
  filterSenders?: string[];
  filterPrefixes?: string[];
  filterText?: string[];
  rerouteCodes?: string[];
  enabled?: boolean;
}

export const NEW_ROUTE: RouteValues = { priority: 100, enabled: true, filterSenders: [], filterPrefixes: [], filterText: [], rerouteCodes: [] };

export const routeValues = (r: Route): RouteValues => ({ ...r, rerouteCodes: r.rerouteCodes.map(String) });

/** The request body; a code written as 0x58 is read as hex. */
export function routeBody(v: RouteValues): Partial<RouteInput> {
  return {
    name: v.name?.trim() ?? '',
    ...(v.clientId !== undefined ? { clientId: v.clientId ?? null } : {}),
    destinationId: v.destinationId ?? null,
    priority: v.priority ?? 100,
    poolId: v.poolId ?? 0,
    filterSenders: v.filterSenders ?? [],
    filterPrefixes: v.filterPrefixes ?? [],
    filterText: v.filterText ?? [],
    rerouteCodes: (v.rerouteCodes ?? []).map((c) => Number(c.trim())),
    enabled: v.enabled ?? true,
  };
}

const codeRule = {
  validator: async (_: unknown, list: string[] | undefined) => {
    const bad = (list ?? []).find((c) => !/^(0x[0-9a-f]{1,8}|\d{1,10})$/i.test(c.trim()));
    if (bad !== undefined) throw new Error(`${bad}: an error code, decimal or hex (e.g. 88 or 0x58)`);
  },
};
const prefixRule = {
  validator: async (_: unknown, list: string[] | undefined) => {
    const bad = (list ?? []).find((p) => !/^\+?\d{1,15}$/.test(p));
    if (bad !== undefined) throw new Error(`${bad}: number prefixes: 1–15 digits`);
  },
};

/**
 * A route's fields: destination (or any), priority (lower wins), the pool it sends to, and the
 * filters that must all match (several values each). `client` is the personal-route owner picker.
 */
export function RouteFields({ pools, client }: { readonly pools: readonly Pool[]; readonly client?: React.ReactNode }) {
  const tags = { mode: 'tags' as const, open: false, tokenSeparators: [',', ' '], style: { width: '100%' } };
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="name" label="Name" rules={[{ max: 100, message: 'at most 100 characters' }]}>
          <Input placeholder="e.g. UA main" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        {client}
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="destinationId" label="Destination" extra="Empty: any destination.">
          <DestinationSelect allowClear placeholder="Any destination" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="priority" label="Priority" tooltip="Lower wins; a personal route beats a general one only by its priority." rules={[{ required: true, message: 'required' }]}>
          <InputNumber precision={0} min={0} max={1_000_000} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="enabled" label="Enabled" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="poolId" label="Pool" rules={[{ required: true, message: 'choose the pool of vendors' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} placeholder="Vendors sharing the traffic" options={pools.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="rerouteCodes" label="Reroute on error codes" tooltip="Vendor error codes (command_status or DLR err) that move the message to the next route." rules={[codeRule]}>
          <Select {...tags} placeholder="e.g. 88, 0x58" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="filterSenders" label="Only senders" tooltip="All filters must match; empty matches everything.">
          <Select {...tags} placeholder="Any sender" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="filterPrefixes" label="Only number prefixes" rules={[prefixRule]}>
          <Select {...tags} placeholder="Any number" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="filterText" label="Only texts containing">
          <Select {...tags} tokenSeparators={[',']} placeholder="Any text" />
        </Form.Item>
      </Col>
    </Row>
  );
}
