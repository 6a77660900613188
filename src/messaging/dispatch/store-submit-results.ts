import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import { receiptKey, takeEarlyReceipts, type ReceiptTarget } from '../receipts/receipt.store.ts';
import { receiptTransitions } from '../receipts/receipt-transitions.ts';
import type { EventRow, Transition } from '../rules/plan-transitions.ts';
import { recordEvents, type Refunder, applyTransitions } from '../transitions.store.ts';
import { type ClaimedMessage, type Release, releaseMessages } from './dispatch.store.ts';
import { findReroutes, rerouteCodesOf } from './reroute.ts';
import type { RoutingView } from './routing-view.ts';
import { classifySubmitFailure, retryDelayMs } from './rules/submit-outcome.ts';
import type { VendorConfig } from './vendor.store.ts';

/** How one submit ended. */
export type SubmitResult =
  | { readonly kind: 'accepted'; readonly message: ClaimedMessage; readonly vendorMessageId: string; readonly at: Date; readonly detail: string }
  /** command_status undefined: no response (timeout, connection lost). */
  | { readonly kind: 'refused'; readonly message: ClaimedMessage; readonly status: number | undefined; readonly reason: string; readonly at: Date; readonly pauseMs: number }
  /** Claimed but not sent (stopping, no bind, daily limit): back to the queue, no attempt counted. */
  | { readonly kind: 'unsent'; readonly message: ClaimedMessage; readonly at: Date }
  /** Its validity ended before it could be sent: not sent, ends expired. */
  | { readonly kind: 'expired'; readonly message: ClaimedMessage; readonly at: Date };

export interface StoreContext {
  readonly vendor: VendorConfig;
  readonly view: RoutingView;
  readonly billing: Refunder;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly random: () => number;
}

/**
 * Stores a batch of submit results in one transaction: accepted → `sent` with the vendor's id (and
 * any receipt that came before it); throttled → back to the queue soon, not an attempt; transient →
 * back after a growing delay, failed after maxAttempts; reroute code → next route or failed;
 * anything else → rejected. Returns the clients owed new reports.
 */
export async function storeSubmitResults(trx: Kysely<Database>, ctx: StoreContext, results: readonly SubmitResult[]): Promise<readonly number[]> {
  const transitions: Transition[] = [];
  const events: EventRow[] = [];
  const releases: Release[] = [];
  const accepted = uniqueVendorIds(results.filter((r): r is Extract<SubmitResult, { kind: 'accepted' }> => r.kind === 'accepted'));
  for (const r of accepted) {
    transitions.push({ messageId: r.message.id, to: 'sent', event: 'submitted', at: r.at, vendorId: ctx.vendor.id, vendorMessageId: r.vendorMessageId, detail: r.detail });
  }
  const refused = results.filter((r): r is Extract<SubmitResult, { kind: 'refused' }> => r.kind === 'refused');
  const kinds = refused.map((r) => ({ r, failure: classifySubmitFailure(r.status, rerouteCodesOf(ctx.view, ctx.vendor.id, r.message.routeId)) }));
  const rerouting = kinds.filter((k) => k.failure === 'reroute').map((k) => ({ ...k.r.message, vendorId: ctx.vendor.id }));
  const candidates = await findReroutes(trx, ctx.view, rerouting, ctx.random);
  for (const { r, failure } of kinds) {
    const m = r.message;
    const base = { messageId: m.id, at: r.at, vendorId: ctx.vendor.id, errorCode: r.status ?? null };
    switch (failure) {
      case 'throttled':
        releases.push({ id: m.id, notBefore: new Date(r.at.getTime() + r.pauseMs), attempt: 0, errorCode: null });
        events.push(event(base, 'throttled', r.reason));
        break;
      case 'transient':
        if (m.attempts + 1 >= ctx.maxAttempts) {
          transitions.push({ ...base, to: 'failed', event: 'submit_failed', detail: `${r.reason}; gave up after ${m.attempts + 1} attempts` });
        } else {
          const delay = retryDelayMs(m.attempts + 1, ctx.retryBaseMs);
          releases.push({ id: m.id, notBefore: new Date(r.at.getTime() + delay), attempt: 1, errorCode: r.status ?? null });
          events.push(event(base, 'submit_failed', `${r.reason}; retry in ${(delay / 1000).toFixed(1)} s`));
        }
        break;
      case 'reroute': {
        const next = candidates.get(m.id);
        if (next) {
          transitions.push({ ...base, to: 'queued', event: 'rerouted', vendorId: next.vendorId, routeId: next.routeId, vendorMessageId: null, notBefore: r.at, detail: `${r.reason} from vendor ${ctx.vendor.id}` });
        } else {
          transitions.push({ ...base, to: 'failed', event: 'submit_failed', detail: `${r.reason}; no route left` });
        }
        break;
      }
      case 'permanent':
        transitions.push({ ...base, to: 'rejected', event: 'submit_failed', detail: r.reason });
        break;
    }
  }
  for (const r of results) if (r.kind === 'unsent') releases.push({ id: r.message.id, notBefore: r.at, attempt: 0, errorCode: null });
  for (const r of results) {
    if (r.kind === 'expired') transitions.push({ messageId: r.message.id, to: 'expired', event: 'validity_expired', at: r.at, detail: `its validity ended at ${r.message.validUntil?.toISOString() ?? ''} before it could be sent` });
  }
  transitions.push(...(await earlyReceiptTransitions(trx, ctx, accepted)));
  await releaseMessages(trx, releases);
  const outcome = await applyTransitions(trx, transitions, ctx.billing, events);
  return outcome.reportedClients;
}

function event(base: { messageId: number; at: Date; vendorId: number; errorCode: number | null }, kind: string, detail: string): EventRow {
  return { ...base, kind, vendorMessageId: null, state: null, detail };
}

/** A vendor that hands out one id twice in a batch: the later message keeps it. */
function uniqueVendorIds<T extends { vendorMessageId: string }>(accepted: readonly T[]): T[] {
  const seen = new Map<string, number>();
  accepted.forEach((r, i) => seen.set(r.vendorMessageId, i));
  return accepted.map((r, i) => (seen.get(r.vendorMessageId) === i ? r : { ...r, vendorMessageId: `${r.vendorMessageId}#dup${i}` }));
}

/** Receipts that arrived before these submit_sm_resp were stored, as transitions after `sent`. */
async function earlyReceiptTransitions(trx: Kysely<Database>, ctx: StoreContext, accepted: readonly Extract<SubmitResult, { kind: 'accepted' }>[]): Promise<Transition[]> {
  const early = await takeEarlyReceipts(
    trx,
    accepted.map((r) => ({ vendorId: ctx.vendor.id, vendorMessageId: r.vendorMessageId })),
  );
  if (early.length === 0) return [];
  const byId = new Map(accepted.map((r) => [receiptKey(ctx.vendor.id, r.vendorMessageId), r]));
  const pairs = early.flatMap((receipt) => {
    const r = byId.get(receiptKey(receipt.vendorId, receipt.vendorMessageId));
    if (!r) return [];
    const target: ReceiptTarget = { ...r.message, state: 'sent', vendorId: ctx.vendor.id, vendorMessageId: r.vendorMessageId };
    return [{ receipt, target }];
  });
  const outcome = await receiptTransitions(trx, ctx.view, pairs, ctx.random);
  await recordEvents(trx, outcome.events);
  return outcome.transitions;
}
