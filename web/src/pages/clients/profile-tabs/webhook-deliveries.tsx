import { RedoOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Divider, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { webhooks, type WebhookDelivery, type WebhookTry } from '../../../api/client-access.ts';
import type { Client } from '../../../api/types.ts';
import { LoadError } from '../../../components/load-error.tsx';
import { dayjs, type Dayjs } from '../../../lib/dayjs.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';

const statusColor = { pending: 'gold', delivered: 'green', failed: 'red' } as const;
const eventLabel = { dlr: 'DLR', mo: 'MO', dlr_url: 'dlr-url' } as const;

type Filter = { status?: WebhookDelivery['status']; event?: WebhookDelivery['event'] };

/** The delivery log: every webhook and dlr-url call with its tries, and "resend" for a time range. */
export function WebhookDeliveries({ client }: { readonly client: Client }) {
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = { ...filter, ...page };
  const log = useLoad(() => webhooks.deliveries(client.id, query), { id: client.id, ...query });

  const columns: ColumnsType<WebhookDelivery> = [
    { title: 'Made', dataIndex: 'createdAt', width: 150, render: formatDateTime },
    { title: 'Event', dataIndex: 'event', width: 80, render: (e: WebhookDelivery['event']) => <Tag>{eventLabel[e]}</Tag> },
    { title: 'Message', dataIndex: 'messageId', width: 120, render: (id: string | null, d) => id ?? d.inboxId ?? '—' },
    { title: 'URL', dataIndex: 'url', ellipsis: true, render: (u: string, d) => `${d.method} ${u}` },
    { title: 'State', dataIndex: 'status', width: 100, render: (s: WebhookDelivery['status']) => <Tag color={statusColor[s]}>{s}</Tag> },
    { title: 'Tries', dataIndex: 'attempts', width: 70, align: 'right' },
    {
      title: 'Last answer',
      key: 'last',
      render: (_: unknown, d) => (d.lastError ? <Typography.Text type="danger">{d.lastError}</Typography.Text> : d.lastStatus ?? '—'),
    },
    { title: 'Next try / delivered', key: 'when', width: 160, render: (_: unknown, d) => formatDateTime(d.deliveredAt ?? d.nextAttemptAt) },
  ];

  return (
    <>
      <Divider titlePlacement="start">Delivery log</Divider>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder="State"
            style={{ width: 130 }}
            value={filter.status}
            onChange={(status?: Filter['status']) => (setFilter({ ...filter, status }), setPage({ ...page, page: 1 }))}
            options={(['pending', 'delivered', 'failed'] as const).map((s) => ({ value: s, label: s }))}
          />
          <Select
            allowClear
            placeholder="Event"
            style={{ width: 130 }}
            value={filter.event}
            onChange={(event?: Filter['event']) => (setFilter({ ...filter, event }), setPage({ ...page, page: 1 }))}
            options={(['dlr', 'mo', 'dlr_url'] as const).map((e) => ({ value: e, label: eventLabel[e] }))}
          />
        </Space>
        <ResendForm client={client} onDone={log.reload} />
      </Flex>
      <LoadError error={log.error} retry={log.reload} />
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={log.data?.items ?? []}
        loading={log.loading}
        expandable={{ expandedRowRender: (d) => <DeliveryDetail delivery={d} />, rowExpandable: (d) => d.tries.length > 0 || d.body !== null }}
        locale={{ emptyText: 'No deliveries yet.' }}
        data-testid="webhook-deliveries"
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: log.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: s === page.pageSize ? p : 1, pageSize: s }),
        }}
      />
    </>
  );
}

function DeliveryDetail({ delivery }: { readonly delivery: WebhookDelivery }) {
  const columns: ColumnsType<WebhookTry> = [
    { title: 'Try', dataIndex: 'attempt', width: 60 },
    { title: 'At', dataIndex: 'at', render: formatDateTime },
    { title: 'HTTP status', dataIndex: 'statusCode', render: (s: number | null) => s ?? '—' },
    { title: 'Error', dataIndex: 'error', render: (e: string | null) => e ?? '—' },
    { title: 'Took', dataIndex: 'durationMs', render: (ms: number) => `${ms} ms` },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {delivery.resendOf !== null && <Typography.Text type="secondary">A resend of delivery #{delivery.resendOf}.</Typography.Text>}
      {delivery.body && <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{delivery.body}</Typography.Paragraph>}
      <Table<WebhookTry> rowKey="attempt" size="small" columns={columns} dataSource={delivery.tries} pagination={false} />
    </Space>
  );
}

/** Queues again, as new deliveries, the ones made in a time range (only the failed ones, if asked). */
function ResendForm({ client, onDone }: { readonly client: Client; readonly onDone: () => void }) {
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [onlyFailed, setOnlyFailed] = useState(true);
  const [busy, setBusy] = useState(false);

  const resend = async () => {
    if (!range) return;
    setBusy(true);
    try {
      const { resent } = await webhooks.resend(client.id, { from: range[0].toISOString(), to: range[1].toISOString(), onlyFailed });
      void message.success(resent ? `${resent} deliver${resent === 1 ? 'y is' : 'ies are'} queued again.` : 'Nothing to resend in that range.');
      onDone();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space wrap>
      <DatePicker.RangePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        value={range}
        onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
        disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
        placeholder={['Made from', 'to']}
      />
      <Checkbox checked={onlyFailed} onChange={(e) => setOnlyFailed(e.target.checked)}>
        only failed
      </Checkbox>
      <Button icon={<RedoOutlined />} disabled={!range} loading={busy} onClick={() => void resend()} data-testid="resend-deliveries">
        Resend
      </Button>
    </Space>
  );
}
