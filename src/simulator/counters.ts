import type { OutcomeStat } from './pick-outcome.ts';

/** What the simulator has done since it started; `counters()` hands out a copy. */
export interface SimulatorCounters {
  /** Connections accepted / currently open. */
  connections: number;
  openConnections: number;
  binds: number;
  bindsRefused: number;
  /** Requests received: submit_sm, data_sm and submit_multi (one per PDU). */
  submits: number;
  accepted: number;
  throttled: number;
  rejected: number;
  /** Connections dropped on purpose (dropConnectionAfter, dropConnections(), an outage). */
  dropped: number;
  /** Receipts acknowledged by the client, by stat. */
  receipts: Record<OutcomeStat, number>;
  /** Receipts waiting: for their time, or for a receiver to bind. */
  receiptsPending: number;
  /** Receipts the client answered with an error, or that did not fit the pending limit. */
  receiptsRefused: number;
  receiptsDropped: number;
  /** MO parts acknowledged by the client. */
  moSent: number;
}

export function emptyCounters(): SimulatorCounters {
  return {
    connections: 0,
    openConnections: 0,
    binds: 0,
    bindsRefused: 0,
    submits: 0,
    accepted: 0,
    throttled: 0,
    rejected: 0,
    dropped: 0,
    receipts: { DELIVRD: 0, UNDELIV: 0, EXPIRED: 0, REJECTD: 0, DELETED: 0, UNKNOWN: 0 },
    receiptsPending: 0,
    receiptsRefused: 0,
    receiptsDropped: 0,
    moSent: 0,
  };
}

export function copyCounters(c: SimulatorCounters): SimulatorCounters {
  return { ...c, receipts: { ...c.receipts } };
}

/** One line for logs: the numbers an operator watches. */
export function formatCounters(c: SimulatorCounters): string {
  const receipts = Object.entries(c.receipts)
    .filter(([, n]) => n > 0)
    .map(([stat, n]) => `${stat}=${n}`)
    .join(' ');
  return (
    `binds=${c.binds} open=${c.openConnections} submits=${c.submits} accepted=${c.accepted} throttled=${c.throttled} ` +
    `rejected=${c.rejected} receipts: ${receipts || 'none'} pending=${c.receiptsPending} mo=${c.moSent}`
  );
}
