import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import { findReroutes, rerouteCodesOf } from '../dispatch/reroute.ts';
import type { RoutingView } from '../dispatch/routing-view.ts';
import { isFinal, stateOfStat } from '../rules/message-states.ts';
import type { EventRow, Transition } from '../rules/plan-transitions.ts';
import type { ReceiptTarget, VendorReceipt } from './receipt.store.ts';

export interface ReceiptOutcome {
  readonly transitions: Transition[];
  /** ACCEPTD / ENROUTE: recorded in the history, nothing else. */
  readonly events: EventRow[];
}

/**
 * What receipts do to their messages: DELIVRD → delivered, UNDELIV → undelivered, … (a final
 * message only records it, see planTransitions); ACCEPTD and ENROUTE are only recorded; a failure
 * whose error code is in the vendor's or route's reroute_codes sends a message that is not final
 * yet to its next route, when one is left.
 */
export async function receiptTransitions(
  trx: Kysely<Database>,
  view: RoutingView,
  pairs: readonly { receipt: VendorReceipt; target: ReceiptTarget }[],
  random: () => number,
): Promise<ReceiptOutcome> {
  const out: ReceiptOutcome = { transitions: [], events: [] };
  const rerouting = pairs.filter(({ receipt, target }) => {
    const to = stateOfStat(receipt.stat);
    if (to === undefined || to === 'delivered' || isFinal(target.state) || receipt.err === 0) return false;
    return rerouteCodesOf(view, target.vendorId, target.routeId).has(receipt.err);
  });
  const candidates = await findReroutes(
    trx,
    view,
    rerouting.map((p) => p.target),
    random,
  );
  for (const { receipt, target } of pairs) {
    const to = stateOfStat(receipt.stat);
    const detail = `receipt ${receipt.stat} err ${String(receipt.err).padStart(3, '0')}`;
    if (to === undefined) {
      out.events.push({ messageId: target.id, at: receipt.at, kind: 'receipt', vendorId: target.vendorId, vendorMessageId: receipt.vendorMessageId, state: target.state, errorCode: receipt.err || null, detail });
      continue;
    }
    const next = candidates.get(target.id);
    if (next) {
      out.transitions.push({ messageId: target.id, to: 'queued', reroute: true, event: 'rerouted', at: receipt.at, vendorId: next.vendorId, routeId: next.routeId, vendorMessageId: null, errorCode: receipt.err, notBefore: receipt.at, detail: `${detail} from vendor ${target.vendorId}` });
      continue;
    }
    out.transitions.push({ messageId: target.id, to, event: 'receipt', at: receipt.at, errorCode: receipt.err || null, detail });
  }
  return out;
}
