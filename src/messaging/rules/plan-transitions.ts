import { type StatsKey, StatsTally } from '../stats/stats-delta.ts';
import { type MessageState, STATE_TABLE, isFinal, mayMove, wantsReceipt } from './message-states.ts';

/** A requested change of one message. Several for one message in a batch apply in order. */
export interface Transition {
  readonly messageId: number;
  readonly to: MessageState;
  /** The history entry's kind: submitted, receipt, expired, rerouted, submit_failed, deleted, … */
  readonly event: string;
  readonly at: Date;
  /** A reroute: the message goes back to `queued` on another route/vendor (allowed from `sent`). */
  readonly reroute?: boolean;
  readonly vendorId?: number;
  readonly routeId?: number | null;
  /** Set on `sent`; null clears it (a reroute), undefined keeps it. */
  readonly vendorMessageId?: string | null;
  readonly errorCode?: number | null;
  readonly notBefore?: Date;
  readonly detail?: string;
}

/** The message as applyTransitions reads it (row locked). */
export interface CurrentMessage {
  readonly id: number;
  readonly clientId: number;
  readonly state: MessageState;
  readonly channel: string;
  readonly registeredDelivery: number;
  readonly vendorId: number | null;
  readonly routeId: number | null;
  readonly vendorMessageId: string | null;
  readonly errorCode: number | null;
  readonly isTest: boolean;
  readonly segments: number;
  /** Decimal string. */
  readonly price: string;
  readonly day: string;
  readonly country: string;
  readonly network: string;
}

export interface MessageUpdate {
  readonly id: number;
  readonly state: MessageState;
  readonly vendorId: number | null;
  readonly routeId: number | null;
  readonly vendorMessageId: string | null;
  readonly errorCode: number | null;
  readonly sentAt: Date | null;
  readonly doneAt: Date | null;
  readonly notBefore: Date | null;
}

export interface EventRow {
  readonly messageId: number;
  readonly at: Date;
  readonly kind: string;
  readonly vendorId: number | null;
  readonly vendorMessageId: string | null;
  readonly state: string | null;
  readonly errorCode: number | null;
  readonly detail: string;
}

export interface ReportRow {
  readonly clientId: number;
  readonly messageId: number;
  readonly channel: string;
  readonly state: MessageState;
  readonly errorCode: number | null;
}

export interface RefundRow {
  readonly clientId: number;
  readonly messageId: number;
  readonly amount: string;
  readonly reason: string;
}

export interface TransitionResult {
  readonly messageId: number;
  readonly clientId: number | undefined;
  readonly from: MessageState | undefined;
  readonly to: MessageState;
  /** False when the message was already past it (or does not exist): only the history changed. */
  readonly applied: boolean;
}

export interface TransitionPlan {
  readonly updates: MessageUpdate[];
  readonly events: EventRow[];
  /** The statistics moves, summed per group. */
  readonly stats: StatsTally;
  readonly reports: ReportRow[];
  readonly refunds: RefundRow[];
  readonly results: TransitionResult[];
}

interface Working {
  row: CurrentMessage;
  sentAt: Date | null;
  doneAt: Date | null;
  notBefore: Date | null;
  changed: boolean;
}

/**
 * Decides what a batch of transitions does: which messages change and how, their history, the
 * statistics moves, the client reports owed (final states the client asked a receipt for) and the
 * refunds (only on entering a refunded state, so never twice). Pure: the store executes the plan.
 */
export function planTransitions(current: readonly CurrentMessage[], transitions: readonly Transition[]): TransitionPlan {
  const rows = new Map<number, Working>(current.map((row) => [row.id, { row, sentAt: null, doneAt: null, notBefore: null, changed: false }]));
  const plan: TransitionPlan = { updates: [], events: [], stats: new StatsTally(), reports: [], refunds: [], results: [] };
  for (const t of transitions) {
    const w = rows.get(t.messageId);
    if (!w || !mayMove(w.row.state, t.to, t.reroute === true)) {
      if (w) plan.events.push(ignoredEvent(t, w.row));
      plan.results.push({ messageId: t.messageId, clientId: w?.row.clientId, from: w?.row.state, to: t.to, applied: false });
      continue;
    }
    apply(plan, w, t);
  }
  for (const w of rows.values()) {
    if (!w.changed) continue;
    const r = w.row;
    plan.updates.push({ id: r.id, state: r.state, vendorId: r.vendorId, routeId: r.routeId, vendorMessageId: r.vendorMessageId, errorCode: r.errorCode, sentAt: w.sentAt, doneAt: w.doneAt, notBefore: w.notBefore });
  }
  return plan;
}

function apply(plan: TransitionPlan, w: Working, t: Transition): void {
  const before = w.row;
  const after: CurrentMessage = {
    ...before,
    state: t.to,
    vendorId: t.vendorId ?? before.vendorId,
    routeId: t.routeId === undefined ? before.routeId : t.routeId,
    vendorMessageId: t.vendorMessageId === undefined ? before.vendorMessageId : t.vendorMessageId,
    errorCode: t.errorCode === undefined ? before.errorCode : t.errorCode,
  };
  w.row = after;
  w.changed = true;
  if (t.to === 'sent' && before.state !== 'sent') w.sentAt = t.at;
  if (isFinal(t.to)) w.doneAt = t.at;
  if (t.notBefore) w.notBefore = t.notBefore;
  if (statsKey(before) !== statsKey(after)) plan.stats.move(keyOf(before), keyOf(after), before.segments, before.price);
  if (keepsHistory(t)) {
    // A reroute is recorded against the vendor it leaves (the new one is the message's own), so the
    // history names every vendor a message went to and reroutes never go back to one.
    const vendorId = t.event === 'rerouted' ? before.vendorId : after.vendorId;
    plan.events.push({ messageId: t.messageId, at: t.at, kind: t.event, vendorId, vendorMessageId: after.vendorMessageId, state: t.to, errorCode: t.errorCode ?? null, detail: t.detail ?? '' });
  }
  if (isFinal(t.to) && wantsReceipt(before.registeredDelivery, t.to)) {
    plan.reports.push({ clientId: before.clientId, messageId: before.id, channel: before.channel, state: t.to, errorCode: after.errorCode });
  }
  if (STATE_TABLE[t.to].refunded && !STATE_TABLE[before.state].refunded && Number(before.price) > 0) {
    plan.refunds.push({ clientId: before.clientId, messageId: before.id, amount: before.price, reason: `message ${before.id} ${t.to}` });
  }
  plan.results.push({ messageId: t.messageId, clientId: before.clientId, from: before.state, to: t.to, applied: true });
}

/**
 * Whether a transition adds a history row. The normal path — submitted to the vendor, then
 * delivered — says nothing the message row does not (vendor, its id, sent_at, done_at, state), so
 * it writes none: two rows less per message. Everything else (retries, reroutes, failures,
 * expiry, cancellation, late receipts) is kept.
 */
export function keepsHistory(t: Pick<Transition, 'event' | 'to'>): boolean {
  if (t.event === 'submitted' && t.to === 'sent') return false;
  if (t.event === 'receipt' && t.to === 'delivered') return false;
  return true;
}

function ignoredEvent(t: Transition, row: CurrentMessage): EventRow {
  const kind = t.event === 'receipt' ? 'late_receipt' : t.event;
  const why = `not applied: the message is already ${row.state}`;
  return {
    messageId: t.messageId,
    at: t.at,
    kind,
    vendorId: t.vendorId ?? row.vendorId,
    vendorMessageId: t.vendorMessageId ?? null,
    state: t.to,
    errorCode: t.errorCode ?? null,
    detail: t.detail ? `${t.detail}; ${why}` : why,
  };
}

function keyOf(m: CurrentMessage): StatsKey {
  return { day: m.day, clientId: m.clientId, vendorId: m.vendorId ?? 0, country: m.country, network: m.network, state: m.state, isTest: m.isTest };
}

function statsKey(m: CurrentMessage): string {
  return `${m.state}/${m.vendorId ?? 0}`;
}
