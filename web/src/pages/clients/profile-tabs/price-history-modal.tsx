import { Modal, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { prices, type PriceEntry } from '../../../api/billing.ts';
import type { Client } from '../../../api/types.ts';
import { LoadError } from '../../../components/load-error.tsx';
import { formatDateTime, formatPrice } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';

type Row = PriceEntry & { destinationName: string; state: 'scheduled' | 'in force' | 'replaced' };

/** Newest first: the future rows are scheduled, the first row already due is in force, the rest are replaced. */
function withStates(items: (PriceEntry & { destinationName: string })[], now = Date.now()): Row[] {
  const current = new Set<number>();
  return items.map((e) => {
    if (new Date(e.effectiveFrom).getTime() > now) return { ...e, state: 'scheduled' };
    if (current.has(e.destinationId)) return { ...e, state: 'replaced' };
    current.add(e.destinationId);
    return { ...e, state: 'in force' };
  });
}

const stateColor = { scheduled: 'gold', 'in force': 'green', replaced: 'default' } as const;

/** Every price row of a destination (or of all of them), with when each took or takes effect and who set it. */
export function PriceHistoryModal({ client, of, onClose }: { readonly client: Client; readonly of: { destinationId?: number; title: string } | undefined; readonly onClose: () => void }) {
  const key = of ? `${client.id}:${of.destinationId ?? 'all'}` : 'closed';
  const history = useLoad(() => (of ? prices.history(client.id, of.destinationId) : Promise.resolve({ currency: client.currency, items: [] })), key);
  const columns: ColumnsType<Row> = [
    ...(of?.destinationId === undefined ? [{ title: 'Destination', dataIndex: 'destinationName' }] : []),
    { title: 'Price', dataIndex: 'price', align: 'right', render: (p: string) => formatPrice(p, client.currency) },
    { title: 'Effective from', dataIndex: 'effectiveFrom', render: formatDateTime },
    { title: 'State', dataIndex: 'state', render: (s: Row['state']) => <Tag color={stateColor[s]}>{s}</Tag> },
    { title: 'Set by', dataIndex: 'createdBy' },
    { title: 'Set at', dataIndex: 'createdAt', render: formatDateTime },
  ];
  return (
    <Modal open={of !== undefined} title={`Price history: ${of?.title ?? ''}`} footer={null} onCancel={onClose} width={820} destroyOnHidden>
      <LoadError error={history.error} retry={history.reload} />
      <Table<Row> rowKey="id" size="small" columns={columns} dataSource={withStates(history.data?.items ?? [])} loading={history.loading} pagination={{ pageSize: 15, hideOnSinglePage: true }} data-testid="price-history" />
    </Modal>
  );
}
