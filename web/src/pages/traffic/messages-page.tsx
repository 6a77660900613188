import { DownloadOutlined, ReloadOutlined, SearchOutlined, StopOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, DatePicker, Descriptions, Drawer, Flex, Input, Popconfirm, Select, Skeleton, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { messageLog } from '../../api/admin.ts';
import { withQuery } from '../../api/http.ts';
import type { LoggedMessage, MessageEvent } from '../../api/types.ts';
import { ClientSelect } from '../../components/client-select.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { formatPrice } from '../../lib/format.ts';
import { useLoad } from '../../lib/use-load.ts';
import { WAITING_STATES } from '../../../../src/messaging/rules/message-states.ts';

const PAGE = 50;
const STATES = ['scheduled', 'queued', 'moderation', 'sent', 'delivered', 'undelivered', 'expired', 'rejected', 'failed', 'deleted', 'unknown'] as const;
const CHANNELS = [
  { value: 'smpp', label: 'SMPP' },
  { value: 'http', label: 'HTTP' },
  { value: 'rest', label: 'REST' },
  { value: 'web', label: 'Web' },
] as const;

/** Green delivered, blue on its way, orange not delivered (charged), red refunded. */
export function stateColor(state: string | null): string {
  if (state === 'delivered') return 'green';
  if (state === 'sent') return 'blue';
  if (state === 'undelivered' || state === 'expired' || state === 'unknown') return 'orange';
  if (state === 'rejected' || state === 'failed' || state === 'deleted') return 'red';
  return 'default';
}

interface Filters {
  readonly clientId?: number;
  readonly destination?: string;
  readonly state?: string;
  readonly channel?: string;
  readonly from?: string;
  readonly to?: string;
}

const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

/** Traffic → Messages: the message log of every client (the operator's own, for a manager). */
export function MessagesPage() {
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Traffic' }, { title: 'Messages' }]} />
      <PageTitle title="Messages" subTitle="Every message accepted, newest first. Narrow a search of all clients by number or days when it is slow to answer." />
      <MessageLog />
    </>
  );
}

/**
 * The message log, newest first, 50 at a time ("Load more"), searched by client (unless `clientId`
 * fixes it: the client profile's Messages tab), number, state, channel and days; a row opens the
 * message with its life step by step.
 */
export function MessageLog({ clientId: fixedClientId }: { readonly clientId?: number }) {
  const { message } = App.useApp();
  const [chosenClientId, setClientId] = useState<number | null>(null);
  const clientId = fixedClientId ?? chosenClientId;
  const [number, setNumber] = useState('');
  const [state, setState] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [days, setDays] = useState<[Dayjs, Dayjs] | null>(null);
  const [filters, setFilters] = useState<Filters>(fixedClientId ? { clientId: fixedClientId } : {});
  const [open, setOpen] = useState<string | null>(null);

  const first = useLoad(() => messageLog.search({ ...filters, limit: PAGE }), filters);
  const base = first.data;
  const [more, setMore] = useState<{ base: typeof base; items: LoggedMessage[]; next: string | null }>({ base: undefined, items: [], next: null });
  const [loadingMore, setLoadingMore] = useState(false);
  // Pages loaded after the first belong to that first page: a new search starts again.
  const extra = more.base === base && base !== undefined ? more : { base, items: [], next: base?.next ?? null };
  const items = [...(base?.items ?? []), ...extra.items];

  const search = () =>
    setFilters({
      ...(clientId ? { clientId } : {}),
      ...(number.trim() ? { destination: number.trim() } : {}),
      ...(state ? { state } : {}),
      ...(channel ? { channel } : {}),
      ...(days ? { from: days[0].startOf('day').toISOString(), to: days[1].add(1, 'day').startOf('day').toISOString() } : {}),
    });

  const loadMore = async () => {
    if (!extra.next) return;
    setLoadingMore(true);
    try {
      const page = await messageLog.search({ ...filters, limit: PAGE, before: extra.next });
      setMore({ base, items: [...extra.items, ...page.items], next: page.next });
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setLoadingMore(false);
    }
  };

  const columns: ColumnsType<LoggedMessage> = [
    { title: 'Id', dataIndex: 'id', width: 80, render: (id: string) => <Typography.Link onClick={() => setOpen(id)}>{id}</Typography.Link> },
    { title: 'Accepted', dataIndex: 'createdAt', width: 150, render: time },
    { title: 'Client', dataIndex: 'clientLogin', width: 130, render: (login: string, m) => <Link to={`/clients/${m.clientId}`}>{login}</Link> },
    { title: 'Channel', dataIndex: 'channel', width: 75, render: (c: string) => c.toUpperCase() },
    { title: 'Sender', dataIndex: 'source', width: 100 },
    { title: 'Destination', dataIndex: 'destination', width: 135, render: (d: string) => <Typography.Text code>{d}</Typography.Text> },
    { title: 'Text', dataIndex: 'text', ellipsis: { showTitle: true } },
    { title: 'Parts', dataIndex: 'segments', width: 55, align: 'right' },
    { title: 'Price', dataIndex: 'price', width: 80, align: 'right', render: (p: string) => formatPrice(p) },
    { title: 'State', dataIndex: 'state', width: 110, render: (s: string, m) => <Tag color={stateColor(s)}>{m.isTest ? `${s} · test` : s}</Tag> },
    { title: 'Vendor', dataIndex: 'vendorName', width: 120, render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
  ];

  return (
    <>
      <Card style={{ marginBottom: 16 }} size={fixedClientId ? 'small' : 'default'}>
        <Flex wrap gap={12}>
          {fixedClientId === undefined && <ClientSelect value={clientId} onChange={setClientId} placeholder="Every client" id="messages_client" style={{ width: 220 }} />}
          <Input id="messages_number" placeholder="Destination number" allowClear style={{ width: 190 }} value={number} onChange={(e) => setNumber(e.target.value)} onPressEnter={search} />
          <Select<string | null> id="messages_state" allowClear placeholder="Every state" style={{ width: 160 }} value={state ?? undefined} onChange={(v) => setState(v ?? null)} options={STATES.map((s) => ({ value: s, label: s }))} />
          <Select<string | null> id="messages_channel" allowClear placeholder="Every channel" style={{ width: 150 }} value={channel ?? undefined} onChange={(v) => setChannel(v ?? null)} options={CHANNELS.map((c) => ({ value: c.value, label: c.label }))} />
          <DatePicker.RangePicker id="messages_days" value={days} onChange={(v) => setDays(v?.[0] && v[1] ? [v[0], v[1]] : null)} />
          <Button type="primary" icon={<SearchOutlined />} onClick={search} data-testid="messages-search">
            Search
          </Button>
          <Button icon={<ReloadOutlined />} onClick={first.reload} loading={first.loading} data-testid="messages-reload">
            Refresh
          </Button>
          <Tooltip title="The search as a CSV file, newest first, up to 100,000 messages">
            <Button icon={<DownloadOutlined />} href={withQuery('/api/admin/messages/export.csv', { ...filters })} data-testid="messages-export">
              Export CSV
            </Button>
          </Tooltip>
        </Flex>
      </Card>
      <LoadError error={first.error} retry={first.reload} />
      <Card>
        <Table<LoggedMessage>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={first.loading}
          pagination={false}
          scroll={{ x: 1280 }}
          onRow={(m) => ({ onClick: () => setOpen(m.id), style: { cursor: 'pointer' } })}
          locale={{ emptyText: 'No message matches.' }}
          data-testid="messages-table"
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" data-testid="messages-shown">
            {items.length} message(s) shown{extra.next ? '; more are older' : ''}
          </Typography.Text>
          {extra.next && (
            <Button onClick={loadMore} loading={loadingMore} data-testid="messages-more">
              Load {PAGE} more
            </Button>
          )}
        </Flex>
      </Card>
      <MessageDrawer id={open} onClose={() => setOpen(null)} onCancelled={first.reload} />
    </>
  );
}

function MessageDrawer({ id, onClose, onCancelled }: { readonly id: string | null; readonly onClose: () => void; readonly onCancelled: () => void }) {
  const { message } = App.useApp();
  const loaded = useLoad(() => (id ? messageLog.get(id) : Promise.resolve(undefined)), id);
  const m = loaded.data?.message;
  const [cancelling, setCancelling] = useState(false);
  const cancel = async () => {
    if (!id) return;
    setCancelling(true);
    try {
      await messageLog.cancel(id);
      void message.success(`Message ${id} cancelled; the charge is refunded`);
      loaded.reload();
      onCancelled();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setCancelling(false);
    }
  };
  const cancelButton =
    m && WAITING_STATES.includes(m.state) ? (
      <Popconfirm
        title="Cancel this message?"
        description={m.channel === 'smpp' ? 'It will not be sent; the client is refunded and gets its report.' : 'Every part of its text is cancelled; the client is refunded and gets its report.'}
        okText="Cancel the message"
        cancelText="Keep it"
        okButtonProps={{ danger: true }}
        onConfirm={cancel}
      >
        <Button danger icon={<StopOutlined />} loading={cancelling} data-testid="message-cancel">
          Cancel message
        </Button>
      </Popconfirm>
    ) : null;
  return (
    <Drawer open={id !== null} onClose={onClose} size={640} title={id ? `Message ${id}` : ''} extra={cancelButton} data-testid="message-drawer" destroyOnHidden>
      <LoadError error={loaded.error} retry={loaded.reload} />
      {!m || loaded.loading ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 24 }}
            items={[
              { key: 'state', label: 'State', children: <Tag color={stateColor(m.state)}>{m.state}</Tag> },
              { key: 'client', label: 'Client', children: <Link to={`/clients/${m.clientId}`}>{m.clientLogin}</Link> },
              { key: 'route', label: 'From → to', children: `${m.source} → +${m.destination}${m.country ? ` (${m.country})` : ''}` },
              { key: 'text', label: 'Text', children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{m.text}</Typography.Paragraph> },
              { key: 'parts', label: 'Parts · price', children: `${m.segments} · ${formatPrice(m.price)}${m.isTest ? ' · test (free)' : ''}` },
              { key: 'channel', label: 'Channel', children: m.channel.toUpperCase() },
              { key: 'vendor', label: 'Vendor · its id', children: m.vendorName ? `${m.vendorName} · ${m.vendorMessageId ?? '—'}` : '—' },
              { key: 'error', label: 'Error code', children: m.errorCode ?? '—' },
            ]}
          />
          <Typography.Title level={5}>Its life</Typography.Title>
          <Timeline data-testid="message-history" items={(loaded.data?.events ?? []).map((e, i) => ({ key: i, color: stateColor(e.state) === 'default' ? 'gray' : stateColor(e.state), content: <Step event={e} /> }))} />
        </>
      )}
    </Drawer>
  );
}

function Step({ event: e }: { readonly event: MessageEvent }) {
  return (
    <div data-testid="message-step">
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{e.kind.replace(/_/g, ' ')}</Typography.Text>
        {e.state && <Tag color={stateColor(e.state)}>{e.state}</Tag>}
        <Tooltip title={dayjs(e.at).format('YYYY-MM-DD HH:mm:ss.SSS Z')}>
          <Typography.Text type="secondary">{time(e.at)}</Typography.Text>
        </Tooltip>
      </Flex>
      {(e.vendorName || e.errorCode !== null || e.detail) && (
        <Typography.Text type="secondary">
          {[e.vendorName && `${e.vendorName}${e.vendorMessageId ? ` (id ${e.vendorMessageId})` : ''}`, e.errorCode !== null && `error ${e.errorCode}`, e.detail].filter(Boolean).join(' · ')}
        </Typography.Text>
      )}
    </div>
  );
}
