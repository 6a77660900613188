import { HistoryOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { prices, type DestinationPrice, type PriceEntry } from '../../../api/billing.ts';
import type { Client } from '../../../api/types.ts';
import { DestinationSelect } from '../../../components/destination-select.tsx';
import { LoadError } from '../../../components/load-error.tsx';
import { dayjs, type Dayjs } from '../../../lib/dayjs.ts';
import { formatDateTime, formatPrice } from '../../../lib/format.ts';
import { priceString } from '../../../lib/message-path-rules.ts';
import { valueRule } from '../../../lib/schema-rule.ts';
import { useFormSubmit } from '../../../lib/use-form-submit.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { PriceHistoryModal } from './price-history-modal.tsx';

type Values = { destinationId?: number; price: string; effectiveFrom?: Dayjs | null };

/** Prices: the client's price per destination now, the changes scheduled, and each one's history. */
export function PricesTab({ client }: { readonly client: Client }) {
  const list = useLoad(() => prices.list(client.id), client.id);
  const [form] = Form.useForm<Values>();
  const [historyOf, setHistoryOf] = useState<{ destinationId?: number; title: string }>();
  const [filter, setFilter] = useState('');
  const cur = client.currency;
  const q = filter.trim().toLowerCase();
  const rows = (list.data?.items ?? []).filter((p) => !q || p.destinationName.toLowerCase().includes(q) || p.country.toLowerCase() === q);

  const columns: ColumnsType<DestinationPrice> = [
    {
      title: 'Destination',
      dataIndex: 'destinationName',
      sorter: (a, b) => a.destinationName.localeCompare(b.destinationName),
      render: (name: string, p) => (
        <Space size={6}>
          <Typography.Text>{name}</Typography.Text>
          <Typography.Text type="secondary">{p.country}</Typography.Text>
        </Space>
      ),
    },
    { title: 'Price now', dataIndex: 'price', align: 'right', width: 150, render: (v: string | null) => (v ? formatPrice(v, cur) : <Typography.Text type="secondary">not yet</Typography.Text>) },
    { title: 'In force since', dataIndex: 'effectiveFrom', width: 170, render: formatDateTime },
    {
      title: 'Scheduled',
      dataIndex: 'scheduled',
      render: (s: PriceEntry[]) =>
        s.length ? (
          <Space size={[4, 4]} wrap>
            {s.map((e) => (
              <Tooltip key={e.id} title={`Set by ${e.createdBy} on ${formatDateTime(e.createdAt)}`}>
                <Tag color="gold">
                  {formatPrice(e.price, cur)} from {formatDateTime(e.effectiveFrom)}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: 'Actions',
      key: 'actions',
      width: 170,
      render: (_: unknown, p) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => {
              form.setFieldsValue({ destinationId: p.destinationId, price: p.scheduled.at(-1)?.price ?? p.price ?? '' });
              form.scrollToField('price', { behavior: 'smooth', block: 'center' });
            }}
          >
            Change
          </Button>
          <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setHistoryOf({ destinationId: p.destinationId, title: p.destinationName })} aria-label={`History of ${p.destinationName}`}>
            History
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PriceForm client={client} form={form} onDone={list.reload} />
      <LoadError error={list.error} retry={list.reload} />
      <Card
        title="Prices per destination"
        size="small"
        extra={
          <Space>
            <Input.Search size="small" allowClear placeholder="Filter destinations" onChange={(e) => setFilter(e.target.value)} style={{ width: 220 }} />
            <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistoryOf({ title: 'every destination' })}>
              All changes
            </Button>
          </Space>
        }
      >
        <Table<DestinationPrice>
          rowKey="destinationId"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.loading}
          data-testid="prices-table"
          locale={{ emptyText: 'No prices yet: a message to a destination without a price is refused.' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      </Card>
      <PriceHistoryModal client={client} of={historyOf} onClose={() => setHistoryOf(undefined)} />
    </>
  );
}

/** Sets a price from now, or schedules it from a later date; the old price stays in the history. */
function PriceForm({ client, form, onDone }: { readonly client: Client; readonly form: ReturnType<typeof Form.useForm<Values>>[0]; readonly onDone: () => void }) {
  const { message } = App.useApp();
  const when = Form.useWatch('effectiveFrom', form);
  const { busy, error, submit } = useFormSubmit(form, async (v: Values) => {
    const res = await prices.set(client.id, { destinationId: v.destinationId ?? 0, price: v.price.trim(), ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom.toISOString() } : {}) });
    const p = res.price;
    void message.success(
      p.scheduled
        ? `${p.destinationName}: ${formatPrice(p.price, res.currency)} from ${formatDateTime(p.effectiveFrom)}.`
        : `${p.destinationName}: ${formatPrice(p.price, res.currency)} from now.`,
    );
    form.resetFields();
    onDone();
  });

  return (
    <Card title="Set or schedule a price" size="small" style={{ marginBottom: 16 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} name="price" layout="vertical" onFinish={(v) => void submit(v)}>
        <Row gutter={16} align="bottom">
          <Col xs={24} lg={9}>
            <Form.Item name="destinationId" label="Destination" rules={[{ required: true, message: 'choose a destination' }]}>
              <DestinationSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={8} lg={4}>
            <Form.Item name="price" label="Price per message" rules={[{ required: true, whitespace: true, message: 'required' }, valueRule(priceString(), (v) => String(v).trim())]}>
              <Input inputMode="decimal" placeholder="0.0100" suffix={client.currency} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10} lg={7}>
            <Form.Item name="effectiveFrom" label="Effective from" tooltip="Empty: from now. A later date schedules the change; the current price stays until then.">
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                placeholder="Now"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6} lg={4}>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} block data-testid="set-price">
                {when ? 'Schedule' : 'Set price'}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
