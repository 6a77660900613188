import { type KyselyPlugin, type RawNode, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIND_OK, createServer } from '@petrel/smpp';
import { Decimal } from 'decimal.js';
import { claimMessages } from '../../src/messaging/dispatch/dispatch.store.ts';
import type { HandedMessage } from '../../src/messaging/intake/handoff.ts';
import { holdVendorLeases, vendorHolder } from '../../src/messaging/dispatch/vendor-leases.store.ts';
import { silentLog } from '../../src/messaging/dispatch/log.ts';
import { RoutingViewCache } from '../../src/messaging/dispatch/routing-view.ts';
import { applyTransitions } from '../../src/messaging/transitions.store.ts';
import { startVendorSide, type VendorSide } from '../../src/messaging/dispatch/start-vendor-side.ts';
import type { DispatchTuning } from '../../src/messaging/dispatch/vendor-dispatcher.ts';
import { type Clock, fixedClock, systemClock } from '../../src/platform/clock.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { eventually, insertClient, insertDestination, insertMessages, insertRoute, insertVendor, ledgerMismatches, ledgerRefunder, openTestDb, sqlMoOwners, statesOf, statsMismatches, type TestDb } from './support/db.ts';

let t: TestDb;
let destinationId: number;
const sims: Simulator[] = [];
let side: VendorSide | undefined;
const notified: number[] = [];

beforeAll(async () => {
  t = await openTestDb();
  destinationId = await insertDestination(t.db);
});
afterEach(async () => {
  await side?.stop();
  side = undefined;
  await Promise.all(sims.splice(0).map((s) => s.stop()));
  await sql`UPDATE vendors SET enabled = false`.execute(t.db);
  expect(await statsMismatches(t.db)).toEqual([]);
  expect(await ledgerMismatches(t.db)).toEqual([]);
});
afterAll(async () => {
  await t?.close();
});

async function sim(options: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
  const s = await startSimulator({ receiptDelayMs: 20, outcomes: { DELIVRD: 1 }, ...options });
  sims.push(s);
  return s;
}

async function start(tuning: Partial<DispatchTuning> = {}, clock: Clock = systemClock, db = t.db): Promise<VendorSide> {
  side = await startVendorSide({
    db,
    nodeId: 'test-node',
    clock,
    log: silentLog,
    billing: ledgerRefunder,
    owners: sqlMoOwners(t.db),
    notify: (id) => notified.push(id),
    tuning: { idlePollMs: 20, retryBaseMs: 50, ...tuning },
    vendorRefreshMs: 200,
    earlySweepMs: 100,
  });
  return side;
}

async function funded(): Promise<number> {
  const id = await insertClient(t.db, { balance: '100' });
  await sql`INSERT INTO ledger (client_id, kind, amount, balance_after, actor) VALUES (${id}, 'topup', 100, 100, 'test')`.execute(t.db);
  return id;
}

describe('dispatch to a vendor', () => {
  it('sends queued messages, stores the vendor ids and applies the receipts', async () => {
    const s = await sim();
    const vendorId = await insertVendor(t.db, { port: s.port });
    const routeId = await insertRoute(t.db, [vendorId]);
    const clientId = await funded();
    const ids = await insertMessages(t.db, 30, { clientId, vendorId, routeId, destinationId });
    await start();
    await eventually(async () => (await statesOf(t.db, ids)).delivered === 30, 15_000, 'all delivered');
    expect(s.counters().accepted).toBe(30);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE id IN (${sql.join(ids)}) AND vendor_message_id IS NOT NULL AND sent_at IS NOT NULL`.execute(t.db);
    expect(rows[0]?.n).toBe(30);
    expect(notified).toContain(clientId);
  });
});

async function events(id: number): Promise<{ kind: string; vendor_id: number | null; detail: string }[]> {
  const { rows } = await sql<{ kind: string; vendor_id: number | null; detail: string }>`SELECT kind, vendor_id, detail FROM message_events WHERE message_id = ${id} ORDER BY id`.execute(t.db);
  return rows.map((r) => ({ ...r, vendor_id: r.vendor_id === null ? null : Number(r.vendor_id) }));
}

async function reports(ids: readonly number[]): Promise<Record<string, number>> {
  const { rows } = await sql<{ state: string; n: number }>`SELECT state, count(*)::int AS n FROM client_reports WHERE message_id IN (${sql.join(ids)}) GROUP BY state`.execute(t.db);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

async function refunds(ids: readonly number[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger WHERE kind = 'refund' AND message_id IN (${sql.join(ids)})`.execute(t.db);
  return rows[0]?.n ?? 0;
}

describe('failover', () => {
  it('moves a message refused with a reroute code to the next route, keeping its id', async () => {
    const refusing = await sim({ rejectShare: { share: 1, status: 0x45 } });
    const good = await sim();
    const a = await insertVendor(t.db, { port: refusing.port, rerouteCodes: [0x45] });
    const b = await insertVendor(t.db, { port: good.port });
    const clientId = await funded();
    const first = await insertRoute(t.db, [a], { clientId, priority: 1 });
    await insertRoute(t.db, [b], { clientId, priority: 2 });
    const ids = await insertMessages(t.db, 10, { clientId, vendorId: a, routeId: first, destinationId });
    await start();
    await eventually(async () => (await statesOf(t.db, ids)).delivered === 10, 15_000, 'delivered through the second vendor');
    expect(refusing.counters().rejected).toBe(10);
    expect(good.counters().accepted).toBe(10);
    const history = await events(ids[0] as number);
    // The reroute is recorded against the vendor it left; submitted and delivered are in the message row.
    expect(history.map((e) => e.kind)).toEqual(['rerouted']);
    expect(history[0]).toMatchObject({ vendor_id: a });
    const { rows } = await sql<{ vendor_id: number }>`SELECT DISTINCT vendor_id FROM messages WHERE id IN (${sql.join(ids)})`.execute(t.db);
    expect(rows.map((r) => Number(r.vendor_id))).toEqual([b]);
  });

  it('fails the message with a refund and an UNDELIV report when no route is left', async () => {
    const refusing = await sim({ rejectShare: { share: 1, status: 0x45 } });
    const a = await insertVendor(t.db, { port: refusing.port, rerouteCodes: [0x45] });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [a], { clientId });
    const ids = await insertMessages(t.db, 3, { clientId, vendorId: a, routeId, destinationId });
    await start();
    await eventually(async () => (await statesOf(t.db, ids)).failed === 3, 15_000, 'failed');
    expect(await reports(ids)).toEqual({ failed: 3 });
    expect(await refunds(ids)).toBe(3);
  });
});

describe('vendor errors', () => {
  it('backs off on ESME_RTHROTTLED and still sends every message, counting no attempt', async () => {
    const s = await sim({ throttleAbove: 40 });
    const vendorId = await insertVendor(t.db, { port: s.port, tps: 400 });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    const ids = await insertMessages(t.db, 120, { clientId, vendorId, routeId, destinationId });
    await start();
    await eventually(async () => (await statesOf(t.db, ids)).delivered === 120, 25_000, 'all delivered despite throttling');
    expect(s.counters().throttled).toBeGreaterThan(0);
    expect(s.counters().accepted).toBe(120);
    const { rows } = await sql<{ n: number }>`SELECT max(attempts)::int AS n FROM messages WHERE id IN (${sql.join(ids)})`.execute(t.db);
    expect(rows[0]?.n).toBe(0);
  });

  it('retries after a lost connection and sends the message once it is back', async () => {
    const s = await sim({ dropConnectionAfter: 3 });
    const vendorId = await insertVendor(t.db, { port: s.port, reconnectDelaySeconds: 1, windowSize: 1 });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    const ids = await insertMessages(t.db, 6, { clientId, vendorId, routeId, destinationId });
    await start({ maxAttempts: 20, retryBaseMs: 200 });
    await eventually(async () => (await statesOf(t.db, ids)).delivered === 6, 20_000, 'delivered after reconnects').catch(async (err: unknown) => {
      throw new Error(`${(err as Error).message}: ${JSON.stringify(await statesOf(t.db, ids))} ${JSON.stringify(s.counters())}`);
    });
    const { rows } = await sql<{ n: number }>`SELECT sum(attempts)::int AS n FROM messages WHERE id IN (${sql.join(ids)})`.execute(t.db);
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it('retries ESME_RSYSERR, then fails the message with a refund and an UNDELIV report', async () => {
    const s = await sim({ rejectShare: { share: 1, status: 0x08 } });
    const vendorId = await insertVendor(t.db, { port: s.port });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    const ids = await insertMessages(t.db, 2, { clientId, vendorId, routeId, destinationId });
    await start({ maxAttempts: 3 });
    await eventually(async () => (await statesOf(t.db, ids)).failed === 2, 15_000, 'failed after retries');
    expect(s.counters().rejected).toBe(6);
    expect(await reports(ids)).toEqual({ failed: 2 });
    expect(await refunds(ids)).toBe(2);
    expect((await events(ids[0] as number)).map((e) => e.kind)).toEqual(['submit_failed', 'submit_failed', 'submit_failed']);
  });

  it('rejects a message the vendor refuses permanently, with a refund and a REJECTD report', async () => {
    const s = await sim({ rejectShare: { share: 1, status: 0x0b } });
    const vendorId = await insertVendor(t.db, { port: s.port });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    const ids = await insertMessages(t.db, 2, { clientId, vendorId, routeId, destinationId });
    await start();
    await eventually(async () => (await statesOf(t.db, ids)).rejected === 2, 15_000, 'rejected');
    expect(await reports(ids)).toEqual({ rejected: 2 });
    expect(await refunds(ids)).toBe(2);
  });
});

describe('claims', () => {
  it('renews the lease of a message it still holds, so another node cannot take it while the vendor is slow', async () => {
    // A vendor that binds and never answers a submit: the message stays in flight.
    let submits = 0;
    const silent = createServer({ onBind: () => BIND_OK });
    silent.on('session', (session) => session.on('submit_sm', () => void submits++));
    const { port } = await silent.listen();
    try {
      const vendorId = await insertVendor(t.db, { port });
      const clientId = await funded();
      const routeId = await insertRoute(t.db, [vendorId], { clientId });
      const [id] = await insertMessages(t.db, 1, { clientId, vendorId, routeId, destinationId });
      await start({ leaseMs: 300 });
      const claimedUntil = async () => (await sql<{ until: Date | null }>`SELECT claimed_until AS until FROM messages WHERE id = ${id as number}`.execute(t.db)).rows[0]?.until ?? null;
      await eventually(async () => (await claimedUntil()) !== null, 10_000, 'claimed');
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 250));
        expect((await claimedUntil())?.getTime()).toBeGreaterThan(Date.now());
        expect(await claimMessages(t.db, vendorId, 10, new Date(), 300, 'other-node')).toEqual([]);
      }
      expect(submits).toBe(1);
    } finally {
      await side?.stop();
      side = undefined;
      await silent.close();
    }
  }, 30_000);
});

describe('validity', () => {
  it('does not send a message whose validity ended: it ends expired with its report; the vendor gets the validity of the others', async () => {
    const s = await sim();
    const submits: string[] = [];
    s.on('submit', (e) => submits.push(e.pdu.command === 'submit_sm' ? e.pdu.validityPeriod : ''));
    const vendorId = await insertVendor(t.db, { port: s.port });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    const [late] = await insertMessages(t.db, 1, { clientId, vendorId, routeId, destinationId, validUntil: new Date(Date.now() - 1000) });
    const [valid] = await insertMessages(t.db, 1, { clientId, vendorId, routeId, destinationId, validUntil: new Date(Date.UTC(2099, 0, 2, 3, 4, 5)) });
    await start();
    await eventually(async () => (await statesOf(t.db, [late as number, valid as number])).expired === 1 && (await statesOf(t.db, [valid as number])).delivered === 1, 15_000, 'expired and delivered');
    expect(await reports([late as number])).toEqual({ expired: 1 });
    expect(submits).toEqual(['990102030405000+']);
    const events = await sql<{ kind: string }>`SELECT kind FROM message_events WHERE message_id = ${late as number}`.execute(t.db);
    expect(events.rows.map((e) => e.kind)).toEqual(['validity_expired']);
  });
});

describe('vendor settings', () => {
  it('holds the messages of a soft-blocked vendor and sends them once unblocked', async () => {
    const s = await sim();
    const vendorId = await insertVendor(t.db, { port: s.port, blocked: true });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    const ids = await insertMessages(t.db, 5, { clientId, vendorId, routeId, destinationId });
    const vs = await start();
    await eventually(() => vs.dispatcher.bindStatus(vendorId).some((b) => b.state === 'bound'), 5_000, 'bound');
    await new Promise((r) => setTimeout(r, 600));
    expect(await statesOf(t.db, ids)).toEqual({ queued: 5 });
    expect(s.counters().submits).toBe(0);
    expect(vs.dispatcher.status().find((v) => v.vendorId === vendorId)?.hold).toBe('blocked');
    await sql`UPDATE vendors SET blocked = false WHERE id = ${vendorId}`.execute(t.db);
    await vs.dispatcher.refresh();
    await eventually(async () => (await statesOf(t.db, ids)).delivered === 5, 10_000, 'delivered after unblock');
  });

  it("sends no more than the vendor's daily limit; the rest wait", async () => {
    const s = await sim();
    const vendorId = await insertVendor(t.db, { port: s.port, dailyLimit: 4 });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    const ids = await insertMessages(t.db, 7, { clientId, vendorId, routeId, destinationId });
    const vs = await start();
    await eventually(async () => (await statesOf(t.db, ids)).delivered === 4, 10_000, 'four delivered');
    await new Promise((r) => setTimeout(r, 500));
    expect(await statesOf(t.db, ids)).toEqual({ delivered: 4, queued: 3 });
    expect(vs.dispatcher.status().find((v) => v.vendorId === vendorId)?.hold).toBe('daily_limit');
  });

  it('sends in priority order, then oldest first', async () => {
    const s = await sim();
    const vendorId = await insertVendor(t.db, { port: s.port, tps: 5, windowSize: 1 });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    const low = await insertMessages(t.db, 3, { clientId, vendorId, routeId, destinationId, priority: 0, text: 'low' });
    const high = await insertMessages(t.db, 3, { clientId, vendorId, routeId, destinationId, priority: 50, text: 'high' });
    const order: string[] = [];
    s.on('submit', (e) => order.push(e.pdu.command === 'submit_sm' ? e.pdu.shortMessage.toString('latin1') : ''));
    await start();
    await eventually(async () => (await statesOf(t.db, [...low, ...high])).delivered === 6, 15_000, 'all delivered');
    expect(order).toEqual(['high', 'high', 'high', 'low', 'low', 'low']);
  });
});

describe('messages handed over by intake', () => {
  it("takes at most what the vendor sends in about two seconds, and sends them in priority order", async () => {
    const s = await sim();
    const vendorId = await insertVendor(t.db, { port: s.port, tps: 1, windowSize: 1 });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    const order: string[] = [];
    s.on('submit', (e) => order.push(e.pdu.command === 'submit_sm' ? e.pdu.shortMessage.toString('latin1') : ''));
    const vs = await start();
    // Once bound and its queue found empty, the dispatcher takes messages from intake.
    await eventually(async () => {
      const granted = vs.dispatcher.reserve(vendorId, 1);
      vs.dispatcher.settle(vendorId, granted, []);
      return granted === 1;
    }, 10_000, 'the dispatcher to take handed messages');
    // As intake stores them: claimed in their insert, so the dispatcher's queue poll never sees them.
    const low = await insertMessages(t.db, 2, { clientId, vendorId, routeId, destinationId, priority: 0, text: 'low', claimedBy: 'test-node' });
    const high = await insertMessages(t.db, 1, { clientId, vendorId, routeId, destinationId, priority: 3, text: 'high', claimedBy: 'test-node' });
    const ids = [...low, ...high];
    // One bind × window 1 + 2 × 1 TPS: three places, however many are asked for.
    expect(vs.dispatcher.reserve(vendorId, 5)).toBe(3);
    const handed = (id: number, priority: number, text: string): HandedMessage => ({
      id, clientId, channel: 'smpp', state: 'queued', source: 'Petrel', sourceTon: 5, sourceNpi: 0, destination: '380501000000', country: 'UA', destinationId, network: '',
      esmClass: 0, dataCoding: 0, shortMessage: Buffer.from(text, 'latin1'), text, segments: 1, registeredDelivery: 1, priority, isTest: false, price: new Decimal('0.01'),
      routeId, vendorId, notBefore: new Date(0), dlrDeadline: new Date(Date.now() + 86_400_000), validUntil: null, day: '2026-11-27',
    });
    vs.dispatcher.settle(vendorId, 3, [handed(low[0] as number, 0, 'low'), handed(low[1] as number, 0, 'low'), handed(high[0] as number, 3, 'high')]);
    await eventually(async () => (await statesOf(t.db, ids)).delivered === 3, 15_000, 'all three delivered');
    expect(order).toEqual(['high', 'low', 'low']);
  });
});

describe('asking the database for messages', () => {
  it('does not claim after each handover while its queue there was empty, and claims at once when told messages were queued', async () => {
    const s = await sim();
    const vendorId = await insertVendor(t.db, { port: s.port });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    let claims = 0;
    const counter: KyselyPlugin = {
      transformQuery: ({ node }) => {
        if (node.kind === 'RawNode' && (node as RawNode).sqlFragments.join('').includes('UPDATE messages m SET claimed_until')) claims++;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    // A poll far beyond the test: every claim after the first is one the dispatcher chose to make.
    const vs = await start({ idlePollMs: 600_000 }, systemClock, t.db.withPlugin(counter));
    await eventually(async () => {
      const granted = vs.dispatcher.reserve(vendorId, 1);
      vs.dispatcher.settle(vendorId, granted, []);
      return granted === 1;
    }, 10_000, 'the dispatcher to take handed messages');
    const claimsWhenCaughtUp = claims;
    for (let round = 0; round < 3; round++) {
      const [id] = await insertMessages(t.db, 1, { clientId, vendorId, routeId, destinationId, text: `handed ${round}`, claimedBy: 'test-node' });
      expect(vs.dispatcher.reserve(vendorId, 1)).toBe(1);
      vs.dispatcher.settle(vendorId, 1, [handedMessage(id as number, { clientId, vendorId, routeId })]);
      await eventually(async () => (await statesOf(t.db, [id as number])).delivered === 1, 10_000, `handed message ${round} delivered`);
    }
    expect(claims).toBe(claimsWhenCaughtUp);
    // Queued in the database (not handed), then woken as intake wakes it: claimed now, not at the poll.
    const queued = await insertMessages(t.db, 2, { clientId, vendorId, routeId, destinationId });
    vs.dispatcher.wake(vendorId);
    await eventually(async () => (await statesOf(t.db, queued)).delivered === 2, 10_000, 'the queued messages delivered');
    expect(claims).toBe(claimsWhenCaughtUp + 1);
  });
});

function handedMessage(id: number, o: { clientId: number; vendorId: number; routeId: number }): HandedMessage {
  return {
    id, clientId: o.clientId, channel: 'smpp', state: 'queued', source: 'Petrel', sourceTon: 5, sourceNpi: 0, destination: '380501000000', country: 'UA', destinationId, network: '',
    esmClass: 0, dataCoding: 0, shortMessage: Buffer.from('handed', 'latin1'), text: 'handed', segments: 1, registeredDelivery: 1, priority: 0, isTest: false, price: new Decimal('0.01'),
    routeId: o.routeId, vendorId: o.vendorId, notBefore: new Date(0), dlrDeadline: new Date(Date.now() + 86_400_000), validUntil: null, day: '2026-11-27',
  };
}

describe('receipts', () => {
  it('applies a receipt that came before the submit_sm_resp was stored, and records the later one as late', async () => {
    const s = await sim({ firstMessageId: 77_000, outcomes: { UNDELIV: 1 }, receiptDelayMs: 200 });
    const vendorId = await insertVendor(t.db, { port: s.port, messageIdBase: 'decimal' });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    await sql`INSERT INTO early_receipts (vendor_id, vendor_message_id, state, error_code) VALUES (${vendorId}, '77000', 'DELIVRD', 0)`.execute(t.db);
    const [id] = (await insertMessages(t.db, 1, { clientId, vendorId, routeId, destinationId })) as [number];
    await start();
    await eventually(async () => (await statesOf(t.db, [id])).delivered === 1, 10_000, 'delivered by the early receipt');
    await eventually(async () => (await events(id)).some((e) => e.kind === 'late_receipt'), 10_000, 'the late receipt recorded');
    expect(await statesOf(t.db, [id])).toEqual({ delivered: 1 });
    expect(await reports([id])).toEqual({ delivered: 1 });
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM early_receipts WHERE vendor_id = ${vendorId}`.execute(t.db);
    expect(rows[0]?.n).toBe(0);
  });

  it('keeps a receipt for an unknown id and applies it once the id is stored (the race, both orders)', async () => {
    const vendorId = await insertVendor(t.db, { port: 1, enabled: false });
    const clientId = await funded();
    const [id] = (await insertMessages(t.db, 1, { clientId, vendorId, destinationId })) as [number];
    const vs = await start();
    const view = await new RoutingViewCache(t.db).get();
    await t.db.transaction().execute((trx) => vs.receipts.apply(trx, view, [{ vendorId, vendorMessageId: 'abc', stat: 'DELIVRD', err: 0, at: new Date() }]));
    expect(await statesOf(t.db, [id])).toEqual({ queued: 1 });
    // The submit_sm_resp is stored by a transaction that did not see the kept receipt.
    await t.db.transaction().execute((trx) => applyTransitions(trx, [{ messageId: id, to: 'sent', event: 'submitted', at: new Date(), vendorId, vendorMessageId: 'abc' }], ledgerRefunder));
    await vs.receipts.sweep();
    expect(await statesOf(t.db, [id])).toEqual({ delivered: 1 });
  });

  it('finds and locks a batch of receipts\' messages in one statement, and applies them from it', async () => {
    const vendorId = await insertVendor(t.db, { port: 1, enabled: false });
    const clientId = await funded();
    const ids = (await insertMessages(t.db, 3, { clientId, vendorId, destinationId })) as number[];
    const vs = await start();
    const view = await new RoutingViewCache(t.db).get();
    await t.db.transaction().execute((trx) => applyTransitions(trx, ids.map((id, i) => ({ messageId: id, to: 'sent' as const, event: 'submitted', at: new Date(), vendorId, vendorMessageId: `lock-${i}` })), ledgerRefunder));
    const locks: string[] = [];
    const counter: KyselyPlugin = {
      transformQuery: ({ node }) => {
        const text = node.kind === 'RawNode' ? (node as RawNode).sqlFragments.join('') : '';
        if (text.includes('FOR UPDATE OF m')) locks.push(JSON.stringify(node).includes('m.vendor_message_id = v.vendor_message_id') ? 'by vendor id' : 'by id');
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const receipts = ids.map((_, i) => ({ vendorId, vendorMessageId: `lock-${i}`, stat: i === 2 ? ('UNDELIV' as const) : ('DELIVRD' as const), err: i === 2 ? 1 : 0, at: new Date() }));
    await t.db.withPlugin(counter).transaction().execute((trx) => vs.receipts.apply(trx, view, receipts));
    expect(locks).toEqual(['by vendor id']);
    expect(await statesOf(t.db, ids)).toEqual({ delivered: 2, undelivered: 1 });
    expect(await reports(ids)).toEqual({ delivered: 2, undelivered: 1 });
  });

  it('reroutes a sent message whose receipt carries a reroute error code', async () => {
    const failing = await sim({ outcomes: { UNDELIV: 1 }, outcomeErrors: { UNDELIV: [34] } });
    const good = await sim();
    const a = await insertVendor(t.db, { port: failing.port, rerouteCodes: [34] });
    const b = await insertVendor(t.db, { port: good.port });
    const clientId = await funded();
    const first = await insertRoute(t.db, [a], { clientId, priority: 1 });
    await insertRoute(t.db, [b], { clientId, priority: 2 });
    const ids = await insertMessages(t.db, 4, { clientId, vendorId: a, routeId: first, destinationId });
    await start();
    await eventually(async () => (await statesOf(t.db, ids)).delivered === 4, 15_000, 'delivered after a receipt reroute');
    expect(failing.counters().accepted).toBe(4);
    expect(good.counters().accepted).toBe(4);
    expect(await reports(ids)).toEqual({ delivered: 4 });
  });
});

describe('expiry (Days of waiting DLR)', () => {
  it("ends open messages past their deadline with the client's Delivery Status and reports it", async () => {
    const now = Date.now();
    const clock = fixedClock(new Date(now + 3_600_000));
    const vendorId = await insertVendor(t.db, { port: 1, enabled: false });
    const asDelivered = await insertClient(t.db, { expiredDlrStatus: 'DELIVRD' });
    const asExpired = await insertClient(t.db, { expiredDlrStatus: 'EXPIRED' });
    const deadline = new Date(now - 60_000);
    const a = await insertMessages(t.db, 2, { clientId: asDelivered, vendorId, destinationId, dlrDeadline: deadline, price: '0' });
    const b = await insertMessages(t.db, 2, { clientId: asExpired, vendorId, destinationId, dlrDeadline: deadline, price: '0' });
    const later = await insertMessages(t.db, 1, { clientId: asExpired, vendorId, destinationId, dlrDeadline: new Date(now + 12 * 3_600_000), price: '0' });
    const vs = await start({}, clock);
    expect(await vs.expiry.runOnce()).toBe(4);
    expect(await statesOf(t.db, a)).toEqual({ delivered: 2 });
    expect(await statesOf(t.db, b)).toEqual({ expired: 2 });
    expect(await statesOf(t.db, later)).toEqual({ queued: 1 });
    expect(await reports([...a, ...b])).toEqual({ delivered: 2, expired: 2 });
    clock.advance(86_400_000);
    expect(await vs.expiry.runOnce()).toBe(1);
    expect(await vs.expiry.runOnce()).toBe(0);
  });
});

describe('MO', () => {
  it('reassembles a concatenated MO and puts it in the owner’s inbox; an unowned one is dropped', async () => {
    const s = await sim();
    await insertVendor(t.db, { port: s.port });
    const viaSmpp = await insertClient(t.db, { moViaSmpp: true });
    const plain = await insertClient(t.db);
    await sql`INSERT INTO mo_numbers (number, keyword, client_id) VALUES ('447700900001', NULL, ${viaSmpp}), ('447700900002', 'STOP', ${plain})`.execute(t.db);
    const vs = await start();
    await eventually(() => vs.dispatcher.status().some((v) => v.binds.some((b) => b.state === 'bound')), 5_000, 'bound');
    const long = 'Hello from the handset. '.repeat(12).trim();
    expect(await s.sendMo({ from: '+380501112233', to: '447700900001', text: long })).toBeGreaterThan(1);
    await s.sendMo({ from: '380501112233', to: '447700900002', text: 'stop all messages' });
    await s.sendMo({ from: '380501112233', to: '447700900002', text: 'hello' });
    await s.sendMo({ from: '380501112233', to: '447700999999', text: 'nobody' });
    const { rows } = await sql<{ client_id: number; text: string; via_smpp: boolean; source: string }>`SELECT client_id, text, via_smpp, source FROM inbox ORDER BY id`.execute(t.db);
    expect(rows.map((r) => [Number(r.client_id), r.text, r.via_smpp, r.source])).toEqual([
      [viaSmpp, long, true, '380501112233'],
      [plain, 'stop all messages', false, '380501112233'],
    ]);
    expect(vs.mo.counters.unowned).toBe(2);
    expect(notified).toContain(viaSmpp);
  });
});

describe('several nodes on one database', () => {
  const node = (nodeId: string): Promise<VendorSide> =>
    startVendorSide({
      db: t.db,
      nodeId,
      clock: systemClock,
      log: silentLog,
      billing: ledgerRefunder,
      owners: sqlMoOwners(t.db),
      notify: () => undefined,
      tuning: { idlePollMs: 20 },
      vendorRefreshMs: 100,
      vendorLeaseMs: 400,
      earlySweepMs: 100,
    });

  it('binds a vendor from one node at a time, and the other node takes it over when the holder stops', async () => {
    const s = await sim();
    const vendorId = await insertVendor(t.db, { port: s.port, sessions: 2 });
    const clientId = await funded();
    const routeId = await insertRoute(t.db, [vendorId], { clientId });
    const first = await node('node-1');
    const second = await node('node-2');
    try {
      const before = await insertMessages(t.db, 20, { clientId, vendorId, routeId, destinationId });
      await eventually(async () => (await statesOf(t.db, before)).delivered === 20, 15_000, 'delivered through the holder');
      await new Promise((resolve) => setTimeout(resolve, 300)); // a few refreshes of both nodes
      // The vendor sees the two binds it configured, from the holder only.
      expect(s.counters().openConnections).toBe(2);
      expect(first.dispatcher.status().map((v) => v.vendorId)).toContain(vendorId);
      expect(second.dispatcher.status().map((v) => v.vendorId)).not.toContain(vendorId);
      // The holder writes its binds' state with its lease, so the other node can show them.
      const holder = await vendorHolder(t.db, vendorId);
      expect(holder?.node).toBe('node-1');
      expect(holder?.binds.map((b) => [b.node, b.state])).toEqual([
        ['node-1', 'bound'],
        ['node-1', 'bound'],
      ]);

      await first.stop();
      await eventually(async () => second.dispatcher.status().some((v) => v.vendorId === vendorId), 5_000, 'the other node takes the vendor');
      const after = await insertMessages(t.db, 10, { clientId, vendorId, routeId, destinationId });
      second.dispatcher.wake();
      await eventually(async () => (await statesOf(t.db, after)).delivered === 10, 15_000, 'delivered through the node that took over');
      expect(s.counters().accepted).toBe(30);
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('takes a vendor whose holder stopped renewing, and never one whose holder is alive', async () => {
    const [dead, alive] = [await insertVendor(t.db, { enabled: false }), await insertVendor(t.db, { enabled: false })];
    await sql`INSERT INTO vendor_leases (vendor_id, node_id, until) VALUES (${dead}, 'node-gone', now() - interval '1 second'), (${alive}, 'node-busy', now() + interval '1 minute')`.execute(t.db);
    expect([...(await holdVendorLeases(t.db, 'node-3', [dead, alive], 1_000))]).toEqual([dead]);
    // Its own lease it renews; the live holder keeps its vendor.
    expect([...(await holdVendorLeases(t.db, 'node-3', [dead, alive], 1_000))]).toEqual([dead]);
    expect([...(await holdVendorLeases(t.db, 'node-busy', [alive], 1_000))]).toEqual([alive]);
  });
});
