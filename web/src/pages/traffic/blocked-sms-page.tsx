import { ReloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Flex, Input, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { type Refusal, refusals } from '../../api/admin.ts';
import { ClientSelect } from '../../components/client-select.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';

/** A refusal with its place in the list: two refusals may be alike in every field. */
type Row = Refusal & { readonly key: number };

const CHANNELS: Readonly<Record<Refusal['channel'], string>> = { smpp: 'SMPP', http: 'HTTP', rest: 'REST', web: 'Web' };
/** How often the view asks again while "Live" is on. */
const LIVE_EVERY_MS = 5_000;

/** What a refusal code says about whose move it is: the client's account, the message, or the platform. */
function codeColor(code: string): string {
  if (code === 'unavailable' || code === 'internal') return 'red';
  if (code === 'insufficient_funds' || code === 'daily_limit' || code === 'test_quota') return 'orange';
  if (code === 'client_blocked' || code === 'channel_disabled' || code === 'blacklisted') return 'volcano';
  return 'default';
}

/**
 * Traffic → Blocked SMS: the latest messages intake refused on this node (nothing of them was
 * stored or charged), newest first, with the code and the reason the client was given
 * (message-states.md). The log is in memory and bounded, so the view says what it covers.
 */
export function BlockedSmsPage() {
  const { isAdmin } = useSession();
  const [clientId, setClientId] = useState<number | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  const [live, setLive] = useState(false);
  const list = useLoad(() => refusals.list({ clientId: clientId ?? undefined, limit: 1000 }), clientId);

  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(list.reload, LIVE_EVERY_MS);
    return () => clearInterval(timer);
  }, [live, list.reload]);

  const items: Row[] = (list.data?.items ?? []).map((r, i) => ({ ...r, key: i }));
  const digits = number.replace(/\D/g, '');
  const shown = items.filter((r) => (!code || r.code === code) && (!digits || r.destination.includes(digits) || r.source.includes(number.trim())));
  const codes = [...new Set([...items.map((r) => r.code), ...Object.keys(list.data?.totals ?? {})])].sort();

  const columns: ColumnsType<Row> = [
    { title: 'Time', dataIndex: 'at', width: 170, render: (at: string) => <Tooltip title={dayjs(at).format('YYYY-MM-DD HH:mm:ss.SSS Z')}>{dayjs(at).format('YYYY-MM-DD HH:mm:ss')}</Tooltip> },
    { title: 'Client', dataIndex: 'clientId', width: 160, render: (id: number, r) => <Link to={`/clients/${id}`}>{r.clientLogin ?? `#${id}`}</Link> },
    { title: 'Channel', dataIndex: 'channel', width: 90, render: (c: Refusal['channel']) => CHANNELS[c] ?? c },
    { title: 'Sender', dataIndex: 'source', width: 120, render: (s: string) => s || <Typography.Text type="secondary">—</Typography.Text> },
    { title: 'Destination', dataIndex: 'destination', width: 150, render: (d: string) => <Typography.Text code>{d || '—'}</Typography.Text> },
    { title: 'Code', dataIndex: 'code', width: 170, render: (c: string) => <Tag color={codeColor(c)}>{c}</Tag> },
    { title: 'Reason given to the client', dataIndex: 'message' },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Traffic' }, { title: 'Blocked SMS' }]} />
      <PageTitle
        title="Blocked SMS"
        subTitle="Messages refused when they came in: nothing of them was stored or charged. The latest 1,000 refusals of this node, newest first, kept until it restarts."
        extra={
          <Space>
            <Tooltip title={`Ask again every ${LIVE_EVERY_MS / 1000} s`}>
              <Space size={6}>
                <Switch size="small" checked={live} onChange={setLive} aria-label="Live" data-testid="blocked-live" />
                <Typography.Text>Live</Typography.Text>
              </Space>
            </Tooltip>
            <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading} data-testid="blocked-reload">
              Refresh
            </Button>
          </Space>
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      {isAdmin && list.data?.totals && Object.keys(list.data.totals).length > 0 && (
        <Card size="small" style={{ marginBottom: 16 }} title="Refusals per code since this node started" data-testid="blocked-totals">
          <Flex wrap gap={8}>
            {Object.entries(list.data.totals)
              .sort((a, b) => b[1] - a[1])
              .map(([c, n]) => (
                <Tag key={c} color={codeColor(c)} style={{ cursor: 'pointer' }} onClick={() => setCode(c)} data-testid={`total-${c}`}>
                  {c}: {n.toLocaleString('en')}
                </Tag>
              ))}
          </Flex>
        </Card>
      )}
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <ClientSelect value={clientId} onChange={setClientId} placeholder="Every client" id="blocked_client" style={{ width: 240 }} />
          <Select<string | null>
            id="blocked_code"
            style={{ width: 220 }}
            allowClear
            placeholder="Every code"
            value={code ?? undefined}
            onChange={(v) => setCode(v ?? null)}
            options={codes.map((c) => ({ value: c, label: c }))}
          />
          <Input.Search id="blocked_number" placeholder="Destination or sender" allowClear style={{ width: 220 }} onChange={(e) => setNumber(e.target.value)} />
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }} data-testid="blocked-count">
            {shown.length === items.length ? `${items.length.toLocaleString('en')} refusal(s)` : `${shown.length.toLocaleString('en')} of ${items.length.toLocaleString('en')} refusal(s)`}
          </Typography.Text>
        </Flex>
        <Table<Row>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={shown}
          loading={list.loading}
          locale={{ emptyText: items.length === 0 ? 'Nothing was refused since this node started.' : 'No refusal matches the filters.' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          data-testid="blocked-table"
        />
      </Card>
    </>
  );
}
