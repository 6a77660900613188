import { Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect } from 'react';
import { vendors, type VendorBind } from '../../api/routing.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useLoad } from '../../lib/use-load.ts';

const stateColor: Record<VendorBind['state'], string> = { bound: 'green', connecting: 'blue', backoff: 'orange', closed: 'default' };

/**
 * The live binds of one vendor, asked again every few seconds while shown. With several nodes,
 * one node at a time binds a vendor: every node shows its binds (each tooltip names the node), or
 * which node holds it while that node has reported none yet.
 */
export function VendorBinds({ vendorId, every = 5000 }: { readonly vendorId: number; readonly every?: number }) {
  const live = useLoad(() => vendors.get(vendorId), vendorId);
  const { reload } = live;
  useEffect(() => {
    const t = setInterval(reload, every);
    return () => clearInterval(t);
  }, [reload, every]);

  if (live.error) return <Typography.Text type="secondary">unknown</Typography.Text>;
  const binds = live.data?.binds ?? [];
  if (!live.data) return <Typography.Text type="secondary">…</Typography.Text>;
  if (!binds.length) {
    const holder = live.data.heldBy;
    return (
      <Typography.Text type="secondary" data-testid={`vendor-binds-${vendorId}`}>
        {holder ? `bound by node ${holder}` : 'not bound'}
      </Typography.Text>
    );
  }
  return (
    <Space size={[4, 4]} wrap data-testid={`vendor-binds-${vendorId}`}>
      {binds.map((b) => (
        <Tooltip
          key={`${b.node ?? ''}:${b.session}`}
          title={
            <>
              Session {b.session + 1}
              {b.node ? ` on ${b.node}` : ''}: {b.state} since {formatDateTime(b.since)}
              {b.inFlight ? `, ${b.inFlight} in flight` : ''}
              {b.lastError ? <div>Last error: {b.lastError}</div> : null}
            </>
          }
        >
          <Tag color={stateColor[b.state]}>
            #{b.session + 1} {b.state}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
