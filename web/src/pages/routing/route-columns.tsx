import { Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Destination, Route } from '../../api/routing.ts';
import { destinationLabel } from '../../components/destination-select.tsx';

/** "Sender: A, B", "Prefix: 38067", "Text: promo": every filter of a route, or "none". */
export function RouteFilters({ route }: { readonly route: Pick<Route, 'filterSenders' | 'filterPrefixes' | 'filterText'> }) {
  const parts = [
    ['Sender', route.filterSenders],
    ['Prefix', route.filterPrefixes],
    ['Text', route.filterText],
  ] as const;
  const shown = parts.filter(([, values]) => values.length > 0);
  if (!shown.length) return <Typography.Text type="secondary">none</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {shown.map(([label, values]) => (
        <Tag key={label}>
          {label}: {values.join(', ')}
        </Tag>
      ))}
    </Space>
  );
}

/** The columns every route table shares: destination, priority, pool, filters and (unless the table edits it) state. */
export function routeColumns(names: { readonly pools: ReadonlyMap<number, string>; readonly destinations: ReadonlyMap<number, Destination> }, opts: { readonly state?: boolean } = {}): ColumnsType<Route> {
  const columns: ColumnsType<Route> = [
    { title: 'Name', dataIndex: 'name', render: (n: string, r) => n || <Typography.Text type="secondary">#{r.id}</Typography.Text> },
    {
      title: 'Destination',
      dataIndex: 'destinationId',
      render: (id: number | null) => {
        if (id === null) return <Typography.Text type="secondary">any</Typography.Text>;
        const d = names.destinations.get(id);
        return d ? destinationLabel(d) : `#${id}`;
      },
    },
    { title: 'Priority', dataIndex: 'priority', width: 90, align: 'right', sorter: (a, b) => a.priority - b.priority },
    { title: 'Pool', dataIndex: 'poolId', render: (id: number) => names.pools.get(id) ?? `#${id}` },
    { title: 'Filters', key: 'filters', render: (_: unknown, r) => <RouteFilters route={r} /> },
  ];
  if (opts.state === false) return columns;
  return [...columns, { title: 'State', dataIndex: 'enabled', width: 100, render: (on: boolean) => (on ? <Tag color="green">enabled</Tag> : <Tag>disabled</Tag>) }];
}
