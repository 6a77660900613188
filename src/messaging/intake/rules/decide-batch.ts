import { Decimal } from 'decimal.js';
import { availableFunds } from '../../../billing/rules/can-charge.ts';
import { checkSenderFormat, type SenderStatus, senderVerdict } from '../../../policy/rules/check-sender.ts';
import { nextDispatchTime } from '../../../policy/rules/dispatch-window.ts';
import type { ErrorCode } from '../../../platform/errors.ts';
import { type Destination, resolveDestination } from '../../../routing/rules/resolve-destination.ts';
import { pickVendor, selectRoutes } from '../../../routing/rules/select-routes.ts';
import type { IntakeRequest, TextRecord } from '../intake-request.ts';
import type { IntakeClient } from './intake-client.ts';
import { measureContent, type Measured } from './measure-content.ts';
import { normalizeDestination, type NormalizedNumber } from './normalize-destination.ts';
import { priceKeys, type RoutingSnapshot } from './routing-snapshot.ts';
import { isWholeText, partsByText, textPlaceOf } from './text-parts.ts';

/** A request with what can be worked out without the database: its number, destination and segments. */
export interface PreparedRequest {
  readonly request: IntakeRequest;
  readonly number: NormalizedNumber;
  readonly destination: Destination | undefined;
  readonly content: Measured;
}

export function prepareRequest(request: IntakeRequest, client: IntakeClient | undefined, snapshot: RoutingSnapshot): PreparedRequest {
  const number = normalizeDestination(request.destination, request.destTon, client?.country ?? null);
  const destination = number.ok ? resolveDestination(snapshot.index, number.digits, number.country) : undefined;
  return { request, number, destination, content: measureContent(request.shortMessage, request.dataCoding, request.esmClass) };
}

/** Everything a batch's decisions read, loaded once per batch (clients re-read, locked). */
export interface BatchContext {
  readonly now: Date;
  readonly clients: ReadonlyMap<number, IntakeClient>;
  readonly snapshot: RoutingSnapshot;
  /** The client's unit price for a destination id, in force now. */
  price(clientId: number, destinationId: number): Decimal | undefined;
  /** E.164 digits on the platform blacklist. */
  readonly blacklisted: ReadonlySet<string>;
  senderStatus(clientId: number, name: string): SenderStatus | undefined;
  /** The client's local day now, and the messages and tests it has counted in it before this batch. */
  today(clientId: number): DayCount;
  readonly testDailyQuota: number;
  /** 0 ≤ r < 1, for the weighted pick of a pool's vendor. */
  readonly random: () => number;
}

export interface DayCount {
  /** 'YYYY-MM-DD' in the client's time zone. */
  readonly day: string;
  readonly messages: number;
  readonly tests: number;
}

/** An accepted message, ready to insert. */
export interface MessageDraft {
  readonly clientId: number;
  readonly channel: IntakeRequest['channel'];
  readonly state: 'queued' | 'scheduled';
  readonly source: string;
  readonly sourceTon: number;
  readonly sourceNpi: number;
  /** E.164 digits without '+'. */
  readonly destination: string;
  readonly country: string;
  readonly destinationId: number;
  /** 'mcc-mnc' of the network, '' for a country-level destination (statistics key). */
  readonly network: string;
  readonly esmClass: number;
  readonly dataCoding: number;
  readonly shortMessage: Buffer;
  readonly text: string;
  readonly segments: number;
  readonly registeredDelivery: number;
  readonly priority: number;
  readonly isTest: boolean;
  /** What the client pays for it: unit price × segments; 0 for a test. */
  readonly price: Decimal;
  readonly routeId: number;
  readonly vendorId: number;
  readonly notBefore: Date;
  readonly dlrDeadline: Date;
  /** Not sent after this; null = no validity given. */
  readonly validUntil: Date | null;
  /** The client's local day (daily limit and statistics). */
  readonly day: string;
}

export type Decision = { readonly ok: true; readonly message: MessageDraft } | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

/** What the batch takes from each client: the charge and the daily counts, for the stores. */
export interface ClientTotals {
  charge: Decimal;
  charged: number;
  /** Counted messages and tests per local day. */
  readonly days: Map<string, { messages: number; tests: number }>;
}

export interface BatchDecision {
  readonly decisions: readonly Decision[];
  readonly totals: ReadonlyMap<number, ClientTotals>;
}

const DAY_MS = 86_400_000;

/**
 * Decides every request of a batch in arrival order. Later messages of a client see what earlier
 * ones took (daily limit, test quota, funds), so the totals never exceed what the client may
 * spend; the database re-checks the same limits atomically when it debits and counts.
 * The checks run in the order of the message path; channel and block come first so a client
 * that may not send always hears that, whatever else is wrong with the message.
 *
 * The parts of an HTTP or REST text (one IntakeRequest.textRecord) are decided together, when the
 * first of them comes: all accepted, or all refused with the first part's refusal and nothing of
 * them counted, so a text is never stored in part. A text whose parts are not all in the batch is
 * refused whole (the batcher never splits one).
 */
export function decideBatch(items: readonly PreparedRequest[], ctx: BatchContext): BatchDecision {
  const totals = new Map<number, ClientTotals>();
  const texts = partsByText(items, (item) => textPlaceOf(item.request));
  const decisions: (Decision | undefined)[] = new Array(items.length);
  items.forEach((item, i) => {
    if (decisions[i] !== undefined) return;
    const record = item.request.textRecord;
    const parts = record === undefined ? undefined : texts.get(record);
    if (record === undefined || parts === undefined) decisions[i] = decideCounted(item, ctx, totals);
    else decideText(items, record, parts, ctx, totals).forEach((d, k) => (decisions[parts[k] as number] = d));
  });
  return { decisions: decisions as Decision[], totals };
}

/** One message, counted in its client's totals when accepted. */
function decideCounted(item: PreparedRequest, ctx: BatchContext, totals: Map<number, ClientTotals>): Decision {
  const client = ctx.clients.get(item.request.clientId);
  if (client === undefined) return refuse('client_blocked', 'the client does not exist any more');
  const t = totalsOf(totals, client.id);
  const decision = decideOne(item, client, ctx, t);
  if (decision.ok) {
    const m = decision.message;
    const day = dayTotals(t, m.day);
    if (m.isTest) day.tests++;
    else day.messages++;
    t.charge = t.charge.plus(m.price);
    t.charged++;
  }
  return decision;
}

/** A text's parts (indexes in part order), all accepted or all refused; its client's totals as before when refused. */
function decideText(items: readonly PreparedRequest[], record: TextRecord, parts: readonly number[], ctx: BatchContext, totals: Map<number, ClientTotals>): Decision[] {
  if (!isWholeText(record, parts.map((i) => (items[i] as PreparedRequest).request.textPart ?? 1))) {
    return parts.map(() => refuse('internal', 'the parts of the text reached intake apart; send it again'));
  }
  const clientId = (items[parts[0] as number] as PreparedRequest).request.clientId;
  const before = snapshotTotals(totals.get(clientId));
  const decided: Decision[] = [];
  for (const i of parts) {
    const d = decideCounted(items[i] as PreparedRequest, ctx, totals);
    if (!d.ok) {
      restoreTotals(totals, clientId, before);
      return parts.map(() => d);
    }
    decided.push(d);
  }
  return decided;
}



function snapshotTotals(t: ClientTotals | undefined): ClientTotals | undefined {
  return t && { charge: t.charge, charged: t.charged, days: new Map([...t.days].map(([day, d]) => [day, { ...d }])) };
}

function restoreTotals(totals: Map<number, ClientTotals>, clientId: number, before: ClientTotals | undefined): void {
  if (before === undefined) totals.delete(clientId);
  else totals.set(clientId, before);
}

function decideOne(item: PreparedRequest, client: IntakeClient, ctx: BatchContext, t: ClientTotals): Decision {
  const { request: r, content } = item;
  const target = whoAndWhere(item, client, ctx);
  if ('ok' in target) return target;
  const { digits, destination } = target;
  const quota = dailyQuota(r, client, ctx, t);
  if (quota) return quota;
  if (!content.ok) return refuse('malformed_request', content.reason);

  const isTest = r.isTest === true;
  const unit = isTest ? new Decimal(0) : priceOf(ctx, client.id, destination);
  if (unit === undefined) return refuse('no_route', `the client has no price for ${destination.name}; the operator can set one`);
  const route = chooseRoute(ctx, client.id, destination, r.source, digits, content.value.text);
  if (route === undefined) return refuse('no_route', `no route to ${destination.name} for this message`);
  const price = unit.times(content.value.segments);
  if (price.gt(0) && availableFunds(client.funds, ctx.now).minus(t.charge).lt(price)) {
    return refuse('insufficient_funds', `the balance (with credit and overdraw) does not cover ${price.toFixed()}; top up to send`);
  }
  const notBefore = nextDispatchTime(client.dispatchWindows, client.timezone, r.scheduledAt && r.scheduledAt > ctx.now ? r.scheduledAt : ctx.now);
  const m = content.value;
  return {
    ok: true,
    message: {
      clientId: client.id,
      channel: r.channel,
      state: notBefore.getTime() > ctx.now.getTime() ? 'scheduled' : 'queued',
      source: r.source,
      sourceTon: r.sourceTon,
      sourceNpi: r.sourceNpi,
      destination: digits,
      country: destination.country,
      destinationId: destination.id,
      network: destination.mnc !== null ? `${destination.mcc ?? ''}-${destination.mnc}` : '',
      esmClass: m.esmClass,
      dataCoding: m.dataCoding,
      shortMessage: m.shortMessage,
      text: m.text,
      segments: m.segments,
      registeredDelivery: r.registeredDelivery,
      priority: queueRank(client.priority, r.priorityFlag),
      isTest,
      price,
      ...route,
      notBefore,
      dlrDeadline: new Date(notBefore.getTime() + client.dlrWaitDays * DAY_MS),
      validUntil: r.validUntil ?? null,
      day: ctx.today(client.id).day,
    },
  };
}

/** The account, the number, the sender and the blacklist: refusals that do not depend on what the batch took. */
function whoAndWhere(item: PreparedRequest, client: IntakeClient, ctx: BatchContext): Decision | { readonly digits: string; readonly destination: Destination } {
  const { request: r, number, destination } = item;
  if (client.blocked) return refuse('client_blocked', 'the client is blocked; the operator can unblock it');
  if (!client.rights[r.channel]) return refuse('channel_disabled', `the client may not send via ${CHANNEL_NAME[r.channel]}`);
  if (!number.ok) return refuse('invalid_destination', number.reason);
  if (destination === undefined) return refuse('no_route', `no destination covers +${number.digits}; the operator can add it`);
  const source = checkSenderFormat(r.source);
  if (source.kind === 'invalid') return refuse('invalid_source', source.reason);
  if (!client.blacklistDisabled && ctx.blacklisted.has(number.digits)) return refuse('blacklisted', `+${number.digits} is on the platform's blacklist`);
  const sender = senderVerdict({ dynamicSender: client.dynamicSender, status: ctx.senderStatus(client.id, r.source) });
  if (!sender.ok) return refuse(sender.refusal, sender.refusal === 'sender_pending' ? `the sender "${r.source}" waits for the operator's moderation` : `the sender "${r.source}" is not approved for this client`);
  return { digits: number.digits, destination };
}

/** The daily limit (client's local day) and, for a test, Can SMS Tests and the platform's test quota. */
function dailyQuota(r: IntakeRequest, client: IntakeClient, ctx: BatchContext, t: ClientTotals): Decision | undefined {
  const before = ctx.today(client.id);
  const inBatch = t.days.get(before.day) ?? { messages: 0, tests: 0 };
  if (r.isTest === true) {
    if (!client.canSendTests) return refuse('test_quota', 'the client may not send test messages (Can SMS Tests is off)');
    if (before.tests + inBatch.tests >= ctx.testDailyQuota) return refuse('test_quota', `the daily quota of ${ctx.testDailyQuota} test messages is used up`);
  } else if (client.dailyLimit !== null && before.messages + inBatch.messages >= client.dailyLimit) {
    return refuse('daily_limit', `the daily limit of ${client.dailyLimit} messages is reached; it resets at midnight in ${client.timezone}`);
  }
  return undefined;
}

const CHANNEL_NAME = { smpp: 'SMPP', http: 'the HTTP API', rest: 'the REST API', web: 'the web panel' } as const;

function priceOf(ctx: BatchContext, clientId: number, destination: Destination): Decimal | undefined {
  for (const id of priceKeys(ctx.snapshot, destination)) {
    const p = ctx.price(clientId, id);
    if (p !== undefined) return p;
  }
  return undefined;
}

/** The first route (in failover order) whose pool has a vendor to pick. */
function chooseRoute(ctx: BatchContext, clientId: number, destination: Destination, source: string, digits: string, text: string): { routeId: number; vendorId: number } | undefined {
  const routes = selectRoutes(ctx.snapshot.routesFor(destination), { clientId, destinationId: destination.id, source, destination: digits, text });
  for (const route of routes) {
    const vendorId = pickVendor(ctx.snapshot.pools.get(route.poolId) ?? [], ctx.random());
    if (vendorId !== undefined) return { routeId: route.id, vendorId };
  }
  return undefined;
}

function totalsOf(totals: Map<number, ClientTotals>, clientId: number): ClientTotals {
  let t = totals.get(clientId);
  if (t === undefined) {
    t = { charge: new Decimal(0), charged: 0, days: new Map() };
    totals.set(clientId, t);
  }
  return t;
}

function dayTotals(t: ClientTotals, day: string): { messages: number; tests: number } {
  let d = t.days.get(day);
  if (d === undefined) {
    d = { messages: 0, tests: 0 };
    t.days.set(day, d);
  }
  return d;
}

function refuse(code: ErrorCode, message: string): Decision {
  return { ok: false, code, message };
}

/** The highest priority_flag a message can carry (SMPP 3.4 §5.2.14: 0–3 for GSM). */
export const MAX_PRIORITY_FLAG = 3;

/**
 * A message's place in its vendor's queue (higher leaves first): the client's SMS priority first,
 * then the message's own flag, so a client's urgent messages overtake its other ones but never
 * another client of higher priority. A flag above 3 counts as 3.
 */
export function queueRank(clientPriority: number, priorityFlag = 0): number {
  return clientPriority * (MAX_PRIORITY_FLAG + 1) + Math.min(MAX_PRIORITY_FLAG, Math.max(0, priorityFlag));
}
