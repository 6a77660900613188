import { ReloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, DatePicker, Empty, Flex, Progress, Row, Segmented, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { statistics } from '../../api/admin.ts';
import { ClientSelect } from '../../components/client-select.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { formatAmount } from '../../lib/format.ts';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';
import { type Dimension, type StatsLine, statsLines, statsTotals } from './stats-table.ts';

const DIMENSIONS: readonly { value: Dimension; label: string; adminOnly?: boolean }[] = [
  { value: 'day', label: 'Day' },
  { value: 'client', label: 'Client' },
  { value: 'country', label: 'Country' },
  { value: 'network', label: 'Network' },
  { value: 'vendor', label: 'Vendor', adminOnly: true },
];

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string): string => {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
};

const count = (n: number) => n.toLocaleString('en');
const rate = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);

/**
 * Traffic → Statistics: messages by the clients' local day of acceptance, client, country, network
 * or vendor, their states summed into delivered, not delivered, refunded and in progress, with the
 * delivery rate and the amounts charged per currency. Read from the counters kept as messages change
 * state (src/messaging/stats), so it answers at once at any volume.
 */
export function StatisticsPage() {
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Traffic' }, { title: 'Statistics' }]} />
      <PageTitle title="Statistics" subTitle="Messages by the client's local day of acceptance, as they stand now: a message counts in its current state." />
      <TrafficStatistics />
    </>
  );
}

/** The statistics view; `clientId` fixes the client (the client profile's Statistics tab). */
export function TrafficStatistics({ clientId: fixedClientId }: { readonly clientId?: number }) {
  const { isAdmin } = useSession();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(6, 'day'), dayjs()]);
  const [chosenClientId, setClientId] = useState<number | null>(null);
  const clientId = fixedClientId ?? chosenClientId;
  const [by, setBy] = useState<Dimension>('day');
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const data = useLoad(() => statistics.query({ from, to, clientId: clientId ?? undefined, groupBy: `${by},state` }), { from, to, clientId, by });

  const rows = data.data?.rows ?? [];
  const lines = statsLines(rows, by, countryName);
  const totals = statsTotals(rows);
  const dimension = DIMENSIONS.find((d) => d.value === by)?.label ?? by;

  const columns: ColumnsType<StatsLine> = [
    { title: dimension, dataIndex: 'label', width: 200, render: (label: string) => <Typography.Text strong>{label}</Typography.Text> },
    { title: 'Messages', dataIndex: 'messages', align: 'right', width: 110, render: count },
    { title: 'Segments', dataIndex: 'segments', align: 'right', width: 110, render: count },
    { title: 'Delivered', dataIndex: 'delivered', align: 'right', width: 110, render: count },
    { title: 'Not delivered', dataIndex: 'notDelivered', align: 'right', width: 120, render: count },
    { title: 'Refunded', dataIndex: 'refunded', align: 'right', width: 100, render: count },
    { title: 'In progress', dataIndex: 'pending', align: 'right', width: 110, render: count },
    {
      title: 'Delivery rate',
      dataIndex: 'deliveryRate',
      width: 170,
      render: (r: number | null) => (r === null ? <Typography.Text type="secondary">—</Typography.Text> : <Progress percent={Math.round(r * 1000) / 10} size="small" status="normal" format={() => rate(r)} />),
    },
    { title: 'Amount', dataIndex: 'amount', align: 'right', width: 150, render: (a: string, l) => formatAmount(a, l.currency) },
  ];

  return (
    <>
      <Card style={{ marginBottom: 16 }} size={fixedClientId ? 'small' : 'default'}>
        <Flex wrap gap={12} align="center">
          <DatePicker.RangePicker
            id="stats_range"
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            presets={[
              { label: 'Today', value: [dayjs(), dayjs()] },
              { label: 'Last 7 days', value: [dayjs().subtract(6, 'day'), dayjs()] },
              { label: 'Last 30 days', value: [dayjs().subtract(29, 'day'), dayjs()] },
              { label: 'This month', value: [dayjs().startOf('month'), dayjs()] },
            ]}
          />
          {fixedClientId === undefined && <ClientSelect value={clientId} onChange={setClientId} placeholder="Every client" id="stats_client" style={{ width: 240 }} />}
          <Segmented<Dimension> value={by} onChange={setBy} options={DIMENSIONS.filter((d) => (isAdmin || !d.adminOnly) && !(fixedClientId && d.value === 'client')).map((d) => ({ value: d.value, label: d.label }))} data-testid="stats-by" />
          <Button icon={<ReloadOutlined />} onClick={data.reload} loading={data.loading} data-testid="stats-reload">
            Refresh
          </Button>
        </Flex>
      </Card>
      <LoadError error={data.error} retry={data.reload} />
      {totals.length > 0 && (
        <Row gutter={16} style={{ marginBottom: 16 }} data-testid="stats-totals">
          {totals.map((t) => (
            <Col key={t.currency} xs={24} xl={totals.length > 1 ? 12 : 24}>
              <Card size="small" title={totals.length > 1 ? `Clients in ${t.currency}` : undefined}>
                <Row gutter={16}>
                  <Col span={6}>
                    <Statistic title="Messages" value={count(t.messages)} data-testid={`total-messages-${t.currency}`} />
                  </Col>
                  <Col span={6}>
                    <Statistic title="Segments" value={count(t.segments)} />
                  </Col>
                  <Col span={6}>
                    <Statistic title="Delivery rate" value={rate(t.deliveryRate)} data-testid={`total-rate-${t.currency}`} />
                  </Col>
                  <Col span={6}>
                    <Statistic title="Amount" value={formatAmount(t.amount, t.currency)} data-testid={`total-amount-${t.currency}`} />
                  </Col>
                </Row>
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card>
        <Table<StatsLine>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={lines}
          loading={data.loading}
          locale={{ emptyText: <Empty description={`No messages from ${from} to ${to}${clientId ? ' for this client' : ''}.`} /> }}
          pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
          data-testid="stats-table"
        />
      </Card>
    </>
  );
}
