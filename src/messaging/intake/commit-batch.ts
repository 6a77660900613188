import type { Decimal } from 'decimal.js';
import { decideNewSender, type SenderStatus } from '../../policy/rules/check-sender.ts';
import { type HandedMessage, type Handoff, HandoffReservation } from './handoff.ts';
import type { IntakeCache } from './intake-cache.ts';
import type { IntakeRequest, IntakeResult } from './intake-request.ts';
import { type Db, type IntakeStore, type LookupQuery, type Lookups, type ReadClient, StaleRead, type StoreEffects, type StoreGuard, senderKey, type Trx } from './intake.store.ts';
import type { PolicySettings, RoutingCache } from './routing-cache.ts';
import { type BatchContext, decideBatch, type MessageDraft, type PreparedRequest, prepareRequest } from './rules/decide-batch.ts';
import type { IntakeClient } from './rules/intake-client.ts';
import { textPlaceOf } from './rules/text-parts.ts';
import { priceKeys, type RoutingSnapshot } from './rules/routing-snapshot.ts';

export interface CommitDeps {
  readonly db: Db;
  readonly store: IntakeStore;
  readonly routing: RoutingCache;
  readonly random: () => number;
  /** What intake read of its clients: a batch of known clients decides without reading (one round trip). */
  readonly cache?: IntakeCache;
}

/** The outcome of one batch: a result per request, in order, and what was written. */
export interface CommittedBatch {
  readonly results: IntakeResult[];
  readonly accepted: readonly HandedMessage[];
  /** Of those, the ones stored claimed by this node and handed to its dispatcher. */
  readonly handed: readonly HandedMessage[];
}

/** Memory cannot decide the batch as the database would: a client or price it does not know, or a refusal it may be behind on. */
class NotInMemory extends Error {
  constructor() {
    super('not decided from memory');
  }
}

/** The batch would file a sender name never seen: a write that needs the batch's own transaction. */
class NewSenders extends Error {
  constructor() {
    super('new sender names to file');
  }
}

/** A client's charge failed in the database although the decision allowed it. */
class ChargeRefused extends Error {
  constructor(readonly clientIds: ReadonlySet<number>) {
    super('charge refused');
  }
}

/**
 * How a batch is decided and stored, each one a fall-back of the one before:
 * - `memory`: from what intake remembers of its clients (intake-cache.ts), in one round trip:
 *   the guarded statement that stores and commits by itself.
 * - `read`: the clients and lookups read first (unlocked), then the same guarded statement.
 * - `exact`: in a transaction that locks the clients before it reads them.
 */
type Source = 'memory' | 'read' | 'exact';

/**
 * One group commit: decide with the pure rules, store, so that either every accepted message of
 * the batch is stored and charged, or none is. A batch of clients intake remembers takes one
 * round trip: the guarded statement that commits by itself, so a batch holds its clients' locks
 * only while that statement runs. When memory lacks something, or may be behind (a refusal), the
 * batch reads first; when what it decided from no longer holds at the store (the guard undid the
 * statement: StaleRead), it reads again, and from a read, or when it must file new sender names,
 * it runs `exact`: in a transaction, clients locked before they are read. There the charge cannot
 * fail unless something outside intake moved the money; then the batch runs again with that
 * client's paid messages refused.
 */
export async function commitBatch(deps: CommitDeps, requests: readonly IntakeRequest[], now: Date, handoff?: Handoff): Promise<CommittedBatch> {
  const { snapshot, policy } = await deps.routing.get();
  let unpaid = new Set<number>();
  let source: Source = deps.cache ? 'memory' : 'read';
  for (let attempt = 1; ; attempt++) {
    const reservation = new HandoffReservation(handoff);
    try {
      const run = (db: Db) => runBatch(deps, db, requests, now, { unpaid, source }, snapshot, policy, reservation);
      const { batch, effects } = source === 'exact' ? await deps.db.transaction().execute(run) : await run(deps.db);
      reservation.settle(batch.handed);
      deps.cache?.stored(effects);
      return batch;
    } catch (err) {
      reservation.settle([]);
      if (source === 'memory' && (err instanceof NotInMemory || err instanceof StaleRead)) source = 'read';
      else if (source === 'read' && (err instanceof StaleRead || err instanceof NewSenders)) source = 'exact';
      else if (err instanceof ChargeRefused) unpaid = new Set([...unpaid, ...err.clientIds]);
      else if (!(isTransient(err) && attempt < 3)) throw err;
    }
  }
}

/** A deadlock or serialization failure: the transaction was rolled back whole and may simply run again. */
function isTransient(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '40P01' || code === '40001';
}

/** How a run differs from the first: clients whose charge failed, and where its decision comes from. */
interface RunMode {
  readonly unpaid: ReadonlySet<number>;
  readonly source: Source;
}

async function runBatch(
  deps: CommitDeps,
  db: Db,
  requests: readonly IntakeRequest[],
  now: Date,
  mode: RunMode,
  snapshot: RoutingSnapshot,
  policy: PolicySettings,
  reservation: HandoffReservation,
): Promise<{ batch: CommittedBatch; effects: StoreEffects }> {
  const { store } = deps;
  const { unpaid } = mode;
  const { prepared, ctx, versions } = mode.source === 'memory' ? recall(deps.cache as IntakeCache, requests, now, snapshot, policy, deps.random) : await load(deps, db, requests, now, snapshot, policy, mode.source === 'exact');
  const { decisions } = decideBatch(prepared, ctx);
  if (mode.source === 'memory' && (ctx.missed() || decisions.some((d) => !d.ok))) throw new NotInMemory();
  // A refusal now, or undefined for a message to store (its acceptance is known once stored). The
  // parts of a text share their client and their price's sign, so `unpaid` refuses them together.
  const results: (IntakeResult | undefined)[] = decisions.map((d) => {
    if (!d.ok) return { ok: false, code: d.code, message: d.message };
    return unpaid.has(d.message.clientId) && d.message.price.gt(0) ? refusedForFunds() : undefined;
  });
  const acceptedIdx = results.flatMap((r, i) => (r === undefined ? [i] : []));
  const drafts = acceptedIdx.map((i) => (decisions[i] as { message: MessageDraft }).message);
  if (drafts.length === 0) return { batch: { results: results as IntakeResult[], accepted: [], handed: [] }, effects: NO_EFFECTS };

  const claimed = reservation.claim(drafts, now);
  const lease = reservation.lease(now);
  const guard = mode.source === 'exact' ? undefined : guardOf(drafts, ctx.clients, versions, policy.testDailyQuota, mode.source === 'memory');
  const texts = acceptedIdx.map((i) => textPlaceOf(requests[i] as IntakeRequest));
  const stored = await store.store(db, drafts, chargesOf(drafts), now, lease && claimed.size > 0 ? { ...lease, indexes: claimed } : undefined, guard, texts);
  const { ids, unpaid: refused } = stored;
  if (refused.size > 0) throw new ChargeRefused(refused);
  acceptedIdx.forEach((i, k) => {
    const d = drafts[k] as MessageDraft;
    results[i] = { ok: true, messageId: String(ids[k]), state: d.state, price: d.price };
  });
  // The id first: a literal that starts with a spread and then adds a key is slow in V8 (see buildPdu).
  const accepted = drafts.map((d, k) => ({ id: ids[k] as number, ...d }));
  return { batch: { results: results as IntakeResult[], accepted, handed: accepted.filter((_, k) => claimed.has(k)) }, effects: stored };
}

const NO_EFFECTS: StoreEffects = { balances: new Map(), days: [] };

/** What a batch decides with, with the clients' settings versions the store checks. */
interface Loaded {
  readonly prepared: PreparedRequest[];
  readonly ctx: BatchContext & { readonly missed: () => boolean };
  readonly versions: ReadonlyMap<number, number>;
}

/** The batch's context from memory, without a round trip; NotInMemory when a client is not remembered. */
function recall(cache: IntakeCache, requests: readonly IntakeRequest[], now: Date, snapshot: RoutingSnapshot, policy: PolicySettings, random: () => number): Loaded {
  const clientIds = [...new Set(requests.map((r) => r.clientId))];
  const remembered = cache.recall(clientIds, now);
  if (remembered === undefined) throw new NotInMemory();
  const clients = new Map([...remembered.clients].map(([id, r]) => [id, r.client]));
  const prepared = requests.map((r) => prepareRequest(r, clients.get(r.clientId), snapshot));
  const ctx = {
    now,
    clients,
    snapshot,
    price: remembered.price,
    blacklisted: new Set<string>(), // the store's guard looks the destinations up
    senderStatus: remembered.senderStatus,
    today: (clientId: number) => (remembered.clients.get(clientId) as ReadClient).today,
    testDailyQuota: policy.testDailyQuota,
    random,
    missed: remembered.missed,
  };
  return { prepared, ctx, versions: versionsOf(remembered.clients) };
}

function versionsOf(clients: ReadonlyMap<number, ReadClient>): Map<number, number> {
  return new Map([...clients].map(([id, r]) => [id, r.version]));
}

/**
 * The batch's context: the clients with today's counts and the lookups in one round trip (in an
 * exact run, after locking the clients). Numbers are read before the clients are known (only a
 * national number needs the client's country); the few that need it are read again and looked
 * up in a second round trip.
 */
async function load(deps: CommitDeps, db: Db, requests: readonly IntakeRequest[], now: Date, snapshot: RoutingSnapshot, policy: PolicySettings, exact: boolean): Promise<Loaded> {
  const { store, cache } = deps;
  const first = requests.map((r) => prepareRequest(r, undefined, snapshot));
  const clientIds = [...new Set(requests.map((r) => r.clientId))].sort((a, b) => a - b);
  if (exact) await store.lockClientRows(db as Trx, clientIds);
  const firstQuery = lookupQuery(first, snapshot, now);
  const { clients: read, found } = await store.readClients(db, clientIds, now, firstQuery);
  const clients = new Map([...read].map(([id, l]) => [id, l.client]));
  const prepared = first.map((p) => (p.number.ok ? p : prepareRequest(p.request, clients.get(p.request.clientId), snapshot)));
  const national = prepared.filter((p, i) => p !== first[i] && p.number.ok);
  const queries = [firstQuery];
  if (national.length > 0) {
    const more = lookupQuery(national, snapshot, now);
    mergeLookups(found, await store.lookups(db, more));
    queries.push(more);
  }
  const moderated = prepared.filter((p) => mayPass(p, clients.get(p.request.clientId)) && !clients.get(p.request.clientId)?.dynamicSender && p.request.source !== '');
  const unknown = unknownSenders(moderated.map((p) => ({ clientId: p.request.clientId, name: p.request.source })), found.senders);
  if (unknown.length > 0) {
    // Filing them is a write: only the exact run, a transaction, does it.
    if (!exact) throw new NewSenders();
    await fileNewSenders(store, db as Trx, unknown, found.senders, clients, policy.senderDenylist);
  }
  for (const q of queries) cache?.remember(read, q, found, now);
  const ctx = {
    now,
    clients,
    snapshot,
    price: (clientId: number, destinationId: number) => found.prices.get(`${clientId}:${destinationId}`),
    blacklisted: found.blacklisted,
    senderStatus: (clientId: number, name: string) => found.senders.get(senderKey(clientId, name)),
    today: (clientId: number) => (read.get(clientId) as ReadClient).today,
    testDailyQuota: policy.testDailyQuota,
    random: deps.random,
    missed: () => false,
  };
  return { prepared, ctx, versions: versionsOf(read) };
}

/** What to look up for these requests: their numbers, sender names and the destinations' price keys. */
function lookupQuery(items: readonly PreparedRequest[], snapshot: RoutingSnapshot, at: Date): LookupQuery {
  const numbers = new Set<string>();
  const senders = new Map<string, { clientId: number; name: string }>();
  const destinationIds = new Set<number>();
  for (const p of items) {
    if (p.number.ok) numbers.add(p.number.digits);
    if (p.request.source !== '') senders.set(senderKey(p.request.clientId, p.request.source), { clientId: p.request.clientId, name: p.request.source });
    if (p.destination) for (const id of priceKeys(snapshot, p.destination)) destinationIds.add(id);
  }
  return { numbers: [...numbers], senders: [...senders.values()], clientIds: [...new Set(items.map((p) => p.request.clientId))], destinationIds: [...destinationIds], at };
}

function mergeLookups(into: Lookups, more: Lookups): void {
  for (const n of more.blacklisted) (into.blacklisted as Set<string>).add(n);
  for (const [k, v] of more.senders) into.senders.set(k, v);
  for (const [k, v] of more.prices) (into.prices as Map<string, Decimal>).set(k, v);
  for (const [k, v] of more.nextPrices) (into.nextPrices as Map<string, number>).set(k, v);
}

/** Requests that can still be accepted once the database has been asked (the rest fail on their own). */
function mayPass(p: PreparedRequest, client: IntakeClient | undefined): boolean {
  return client !== undefined && !client.blocked && client.rights[p.request.channel] && p.number.ok && p.destination !== undefined;
}

/** The sender names the database has no status for, once each. */
function unknownSenders(wanted: readonly { clientId: number; name: string }[], statuses: ReadonlyMap<string, SenderStatus>): { clientId: number; name: string }[] {
  return [...new Map(wanted.filter((w) => !statuses.has(senderKey(w.clientId, w.name))).map((w) => [senderKey(w.clientId, w.name), w])).values()];
}

/** Sender names never seen are filed for moderation (approved at once when automatic moderation passes them). */
async function fileNewSenders(store: IntakeStore, trx: Trx, unknown: readonly { clientId: number; name: string }[], statuses: Map<string, SenderStatus>, clients: ReadonlyMap<number, IntakeClient>, denylist: readonly string[]): Promise<void> {
  const filed = unknown.map((w) => ({ ...w, status: decideNewSender({ moderation: (clients.get(w.clientId) as IntakeClient).moderation, name: w.name, denylist }) }));
  for (const [k, v] of await store.requestSenders(trx, filed)) statuses.set(k, v);
}

/**
 * What the one-statement store checks: on the days this batch counted in, each client's daily
 * limit and the test quota; the clients' settings versions the decision read; and, for a decision
 * from memory, the destinations on the blacklist (of clients it applies to).
 */
function guardOf(drafts: readonly MessageDraft[], clients: ReadonlyMap<number, IntakeClient>, versions: ReadonlyMap<number, number>, testQuota: number, fromMemory: boolean): StoreGuard {
  const limits = new Map<string, { messages: number | null; tests: number }>();
  for (const d of drafts) limits.set(`${d.clientId}:${d.day}`, { messages: clients.get(d.clientId)?.dailyLimit ?? null, tests: testQuota });
  const unchecked = fromMemory ? [...new Set(drafts.filter((d) => !clients.get(d.clientId)?.blacklistDisabled).map((d) => d.destination))] : [];
  return { limits, versions, unchecked };
}

function chargesOf(drafts: readonly MessageDraft[]): { clientId: number; amount: Decimal; messages: number }[] {
  const byClient = new Map<number, { clientId: number; amount: Decimal; messages: number }>();
  for (const d of drafts) {
    if (!d.price.gt(0)) continue;
    const c = byClient.get(d.clientId);
    if (c) {
      c.amount = c.amount.plus(d.price);
      c.messages++;
    } else byClient.set(d.clientId, { clientId: d.clientId, amount: d.price, messages: 1 });
  }
  return [...byClient.values()];
}

function refusedForFunds(): IntakeResult {
  return { ok: false, code: 'insufficient_funds', message: 'the balance (with credit and overdraw) does not cover the message; top up to send' };
}
